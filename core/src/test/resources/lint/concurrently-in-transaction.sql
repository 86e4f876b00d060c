-- case: CREATE INDEX CONCURRENTLY in a transactional section
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); -- expect: hoist:concurrently-in-transaction

-- case: with an explicit transaction:true marker
-- migrate:up transaction:true
CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number); -- expect: hoist:concurrently-in-transaction

-- case: DROP INDEX CONCURRENTLY in a transactional section
-- migrate:up
DROP INDEX CONCURRENTLY orders_customer_idx; -- expect: hoist:concurrently-in-transaction

-- case: REINDEX CONCURRENTLY in a transactional section
REINDEX INDEX CONCURRENTLY orders_customer_idx; -- expect: hoist:concurrently-in-transaction

-- case: DETACH PARTITION CONCURRENTLY in a transactional section
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY; -- expect: hoist:concurrently-in-transaction

-- case: even on a table created in the same migration
CREATE TABLE t (id bigint PRIMARY KEY);
CREATE INDEX CONCURRENTLY t_id_idx ON t (id); -- expect: hoist:concurrently-in-transaction

-- case: a down section inherits the up's transaction:false
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
-- migrate:down
DROP INDEX CONCURRENTLY orders_customer_idx;

-- case: a transactional down section is checked when down sections are linted [down]
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
-- migrate:down transaction:true
DROP INDEX CONCURRENTLY orders_customer_idx; -- expect: hoist:concurrently-in-transaction

-- case: the safe rewrite for REINDEX and DETACH
-- migrate:up transaction:false
REINDEX TABLE CONCURRENTLY orders;
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;

-- case: REFRESH MATERIALIZED VIEW CONCURRENTLY is allowed in a transaction
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;

-- case: a column named concurrently_created and a comment
ALTER TABLE orders ADD COLUMN concurrently_created boolean; -- CONCURRENTLY
SELECT 'CREATE INDEX CONCURRENTLY x ON y (z)';

-- case: inside an explicit BEGIN of a transaction:false section
-- migrate:up transaction:false
BEGIN;
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); -- expect: hoist:concurrently-in-transaction
COMMIT;

-- case: after the explicit transaction commits
-- migrate:up transaction:false
START TRANSACTION;
ALTER TABLE orders ADD COLUMN region text;
COMMIT;
CREATE INDEX CONCURRENTLY orders_region_idx ON orders (region);

-- case: a marker look-alike in a string or a block comment does not end the transactional section
SELECT '-- migrate:up transaction:false';
/* -- migrate:up transaction:false */
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); -- expect: hoist:concurrently-in-transaction

-- case: a comment that mentions migrating without being a marker
-- migrated from the old schema: the index is built concurrently below
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
