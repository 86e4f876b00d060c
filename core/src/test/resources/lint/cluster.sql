-- case: CLUSTER a table on an index
CLUSTER orders USING orders_created_idx; -- expect: hoist:cluster

-- case: every previously clustered table
CLUSTER; -- expect: hoist:cluster

-- case: ALTER TABLE ... CLUSTER ON only marks the index
ALTER TABLE orders CLUSTER ON orders_created_idx;

-- case: CLUSTER with options in parentheses
CLUSTER (VERBOSE) orders USING orders_created_idx; -- expect: hoist:cluster
