-- A value added to an existing enum. Since PostgreSQL 12 this runs in a transaction;
-- the new value becomes usable once the migration has committed.
-- migrate:up
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'shipped';

-- migrate:down
-- PostgreSQL cannot drop an enum value: rebuild the type without it. Refunded orders
-- count as paid again.
UPDATE orders SET status = 'paid' WHERE status = 'refunded';
ALTER TYPE order_status RENAME TO order_status_with_refunded;
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
ALTER TABLE orders
	ALTER COLUMN status DROP DEFAULT,
	ALTER COLUMN status TYPE order_status USING status::text::order_status,
	ALTER COLUMN status SET DEFAULT 'pending';
DROP TYPE order_status_with_refunded;
