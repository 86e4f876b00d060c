-- case: a column added and filled in one transaction
ALTER TABLE orders ADD COLUMN currency text;
UPDATE orders SET currency = 'EUR'; -- expect: hoist:backfill-under-lock

-- case: filled with a WHERE on the locked table
ALTER TABLE orders ADD COLUMN currency text;
UPDATE orders SET currency = 'EUR' WHERE currency IS NULL; -- expect: hoist:backfill-under-lock

-- case: a whole-table change of another table while a lock is held
CREATE INDEX orders_state_idx ON orders (state); -- expect: hoist:index-not-concurrent
DELETE FROM sessions; -- expect: hoist:backfill-under-lock

-- case: INSERT ... SELECT under a lock
ALTER TABLE customers ADD COLUMN tier text;
INSERT INTO customer_tiers (customer_id, tier) SELECT id, 'basic' FROM customers; -- expect: hoist:backfill-under-lock

-- case: the safe rewrite: the backfill in its own transaction:false migration
-- migrate:up transaction:false
ALTER TABLE orders ADD COLUMN currency text;
UPDATE orders SET currency = 'EUR' WHERE id BETWEEN 1 AND 10000;

-- case: filling a table created in the same migration
CREATE TABLE currencies (code text PRIMARY KEY);
INSERT INTO currencies (code) SELECT DISTINCT currency FROM orders;

-- case: a small keyed fix of another table, and seed rows
ALTER TABLE orders ADD COLUMN currency text;
UPDATE settings SET value = 'EUR' WHERE key = 'default_currency';
INSERT INTO settings (key, value) VALUES ('x', 'y');
