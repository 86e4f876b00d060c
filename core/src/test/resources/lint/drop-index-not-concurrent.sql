-- case: a plain drop
DROP INDEX orders_customer_idx; -- expect: hoist:drop-index-not-concurrent

-- case: IF EXISTS, schema-qualified
DROP INDEX IF EXISTS public.orders_customer_idx; -- expect: hoist:drop-index-not-concurrent

-- case: several indexes at once
drop index a_idx, b_idx; -- expect: hoist:drop-index-not-concurrent

-- case: the safe rewrite
-- migrate:up transaction:false
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;

-- case: an index created in the same migration
CREATE TABLE t (id bigint PRIMARY KEY, a int);
CREATE INDEX t_a_idx ON t (a);
DROP INDEX t_a_idx;

-- case: look-alikes
-- DROP INDEX orders_customer_idx;
SELECT $$DROP INDEX orders_customer_idx$$;
COMMENT ON INDEX orders_customer_idx IS 'DROP INDEX me later';
