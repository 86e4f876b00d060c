-- case: a new value used in the same transaction
ALTER TYPE order_state ADD VALUE 'refunded';
UPDATE orders SET state = 'refunded' WHERE refunded_at IS NOT NULL; -- expect: hoist:enum-value-used-in-transaction

-- case: used in a default
ALTER TYPE order_state ADD VALUE 'draft';
ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'draft'; -- expect: hoist:enum-value-used-in-transaction

-- case: in a transaction:false section the value is committed first
-- migrate:up transaction:false
ALTER TYPE order_state ADD VALUE 'refunded';
UPDATE orders SET state = 'refunded' WHERE refunded_at IS NOT NULL;

-- case: a different value
ALTER TYPE order_state ADD VALUE 'refunded';
UPDATE orders SET state = 'closed' WHERE closed_at IS NOT NULL;
