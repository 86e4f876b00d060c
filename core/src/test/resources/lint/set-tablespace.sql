-- case: a table moved
ALTER TABLE orders SET TABLESPACE fast_ssd; -- expect: hoist:set-tablespace

-- case: an index moved
ALTER INDEX orders_customer_idx SET TABLESPACE fast_ssd; -- expect: hoist:set-tablespace

-- case: everything in a tablespace
ALTER TABLE ALL IN TABLESPACE slow_disk SET TABLESPACE fast_ssd; -- expect: hoist:set-tablespace

-- case: a new table
CREATE TABLE t (id bigint);
ALTER TABLE t SET TABLESPACE fast_ssd;

-- case: a column named tablespace
ALTER TABLE orders ALTER COLUMN "tablespace" SET DEFAULT 'x';
