-- case: DROP TYPE ... CASCADE
DROP TYPE order_state CASCADE; -- expect: hoist:drop-cascade

-- case: DROP FUNCTION with arguments, CASCADE
DROP FUNCTION IF EXISTS touch_updated_at(text, int) CASCADE; -- expect: hoist:drop-cascade

-- case: DROP VIEW CASCADE
DROP VIEW active_customers CASCADE; -- expect: hoist:drop-cascade

-- case: DROP SCHEMA CASCADE
DROP SCHEMA staging CASCADE; -- expect: hoist:drop-cascade

-- case: a table, CASCADE
DROP TABLE legacy CASCADE; -- expect: hoist:drop-table, hoist:drop-cascade

-- case: DROP COLUMN ... CASCADE
ALTER TABLE orders DROP COLUMN legacy CASCADE; -- expect: hoist:drop-column, hoist:drop-cascade

-- case: DROP CONSTRAINT ... CASCADE
ALTER TABLE customers DROP CONSTRAINT customers_pkey CASCADE; -- expect: hoist:drop-cascade

-- case: the safe rewrite: RESTRICT, or nothing
DROP TYPE order_state;
DROP VIEW active_customers RESTRICT;
ALTER TABLE customers DROP CONSTRAINT customers_code_check RESTRICT;

-- case: a trigger named cascade_touch
DROP TRIGGER cascade_touch ON orders;
