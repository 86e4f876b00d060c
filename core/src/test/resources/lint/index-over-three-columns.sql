-- case: a non-unique index on four columns
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_wide_idx ON orders (shop_id, state, created_at, total); -- expect: hoist:index-over-three-columns

-- case: expressions count as one column each
CREATE TABLE t (a int, b int, c int, d text);
CREATE INDEX t_wide ON t (a, b, lower(d), coalesce(c, 0)); -- expect: hoist:index-over-three-columns

-- case: three columns, commas inside expressions, INCLUDE columns do not count
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_idx ON orders (shop_id, coalesce(state, 'a,b'), date_trunc('day', created_at)) INCLUDE (total, note);

-- case: a unique index on four columns is a constraint, not a tuning choice
-- migrate:up transaction:false
CREATE UNIQUE INDEX CONCURRENTLY orders_key ON orders (shop_id, number, year, kind);
