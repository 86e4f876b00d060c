-- case: DROP TABLE
DROP TABLE legacy_orders; -- expect: hoist:drop-table

-- case: IF EXISTS, several, schema-qualified
DROP TABLE IF EXISTS archive.orders_2019, archive.orders_2020; -- expect: hoist:drop-table

-- case: a table created in the same migration
CREATE TABLE scratch (id bigint);
DROP TABLE scratch;

-- case: dropping a view or a function is not a table drop
DROP VIEW IF EXISTS active_customers;
DROP FUNCTION IF EXISTS touch_updated_at();

-- case: a down section undoing CREATE TABLE is not linted by default
-- migrate:up
CREATE TABLE shops (id bigint PRIMARY KEY);
-- migrate:down
DROP TABLE shops;

-- case: with down sections linted, the drop of a table the up created is new there too [down]
-- migrate:up
ALTER TABLE shops ADD COLUMN note text;
-- migrate:down
DROP TABLE shops; -- expect: hoist:drop-table
