-- case: COMMIT inside a transactional section
ALTER TABLE orders ADD COLUMN note text;
COMMIT; -- expect: hoist:invalid-migration

-- case: a psql meta-command
\set ON_ERROR_STOP on -- expect: hoist:invalid-migration
SELECT 1;

-- case: plain VACUUM inside a transactional section
VACUUM ANALYZE orders; -- expect: hoist:invalid-migration

-- case: a second up marker
-- migrate:up
SELECT 1;
-- migrate:up -- expect: hoist:invalid-migration
SELECT 2;

-- case: an unclosed dollar quote
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; -- expect: hoist:invalid-migration

-- case: explicit transactions in a transaction:false section are fine
-- migrate:up transaction:false
BEGIN;
UPDATE orders SET note = '' WHERE id = 1;
COMMIT;

-- case: BEGIN ATOMIC function bodies are not transaction control
CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
