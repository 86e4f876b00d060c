-- Built without locking out writes to orders. CONCURRENTLY cannot run inside a
-- transaction, hence transaction:false: if it fails, Hoist records a failed row and the
-- next start refuses until an operator drops the invalid index and runs 'repair'.
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_shop_id_created_at_idx ON orders (shop_id, created_at DESC);

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS orders_shop_id_created_at_idx;
