-- Built without locking out writes to orders. CONCURRENTLY cannot run inside a
-- transaction, hence transaction:false. No IF NOT EXISTS: a failed build leaves an
-- INVALID index behind, which IF NOT EXISTS would silently accept on the retry. If it
-- fails, Hoist records a failed row and refuses to start until an operator drops the
-- invalid index and runs 'repair' (docs/operations.md).
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_shop_id_created_at_idx ON orders (shop_id, created_at DESC);

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS orders_shop_id_created_at_idx;
