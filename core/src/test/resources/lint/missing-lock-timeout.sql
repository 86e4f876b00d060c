-- case: DDL with no lock timeout anywhere [lock-timeout=off]
ALTER TABLE orders ADD COLUMN note text; -- expect: hoist:missing-lock-timeout

-- case: reported once, at the first lock-taking statement [lock-timeout=off]
CREATE TABLE audit (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN note text; -- expect: hoist:missing-lock-timeout
ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';

-- case: set after the DDL is too late [lock-timeout=off]
ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'new'; -- expect: hoist:missing-lock-timeout
SET LOCAL lock_timeout = '5s';

-- case: a zero timeout is no timeout [lock-timeout=off]
SET lock_timeout = 0;
DROP TRIGGER orders_touch ON orders; -- expect: hoist:missing-lock-timeout

-- case: SET LOCAL does nothing outside a transaction [lock-timeout=off]
-- migrate:up transaction:false
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN note text; -- expect: hoist:missing-lock-timeout

-- case: a new table's foreign key locks the referenced table [lock-timeout=off]
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id)); -- expect: hoist:missing-lock-timeout

-- case: the safe rewrite [lock-timeout=off]
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN note text;

-- case: TO and a unit [lock-timeout=off]
SET lock_timeout TO '2s';
ALTER TABLE orders ADD COLUMN note text;

-- case: Hoist's DDL lock timeout is configured
ALTER TABLE orders ADD COLUMN note text;

-- case: only new tables and concurrent builds [lock-timeout=off]
-- migrate:up transaction:false
CREATE TABLE t (id bigint PRIMARY KEY);
CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);
