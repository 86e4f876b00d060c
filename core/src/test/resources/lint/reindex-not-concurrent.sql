-- case: REINDEX INDEX
REINDEX INDEX orders_customer_idx; -- expect: hoist:reindex-not-concurrent

-- case: REINDEX TABLE with options
REINDEX (VERBOSE) TABLE orders; -- expect: hoist:reindex-not-concurrent

-- case: the safe rewrite
-- migrate:up transaction:false
REINDEX INDEX CONCURRENTLY orders_customer_idx;

-- case: an index of a table created in the same migration
CREATE TABLE t (id bigint PRIMARY KEY);
REINDEX TABLE t;

-- case: CONCURRENTLY as an option in parentheses (PostgreSQL 14+)
-- migrate:up transaction:false
REINDEX (CONCURRENTLY, VERBOSE) TABLE orders;

-- case: CONCURRENTLY switched off in the options
REINDEX (CONCURRENTLY false) INDEX orders_customer_idx; -- expect: hoist:reindex-not-concurrent

-- case: a schema and a database
REINDEX SCHEMA public; -- expect: hoist:reindex-not-concurrent
