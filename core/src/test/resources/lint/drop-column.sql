-- case: DROP COLUMN
ALTER TABLE customers DROP COLUMN legacy_code; -- expect: hoist:drop-column

-- case: without COLUMN, IF EXISTS
ALTER TABLE customers DROP IF EXISTS legacy_code; -- expect: hoist:drop-column

-- case: one of several subcommands
-- expect: hoist:drop-column
ALTER TABLE customers
  ADD COLUMN note text,
  DROP COLUMN legacy_code;

-- case: a column of a table created in the same migration
CREATE TABLE imports (id bigint PRIMARY KEY, tmp text);
ALTER TABLE imports DROP COLUMN tmp;

-- case: DROP CONSTRAINT, DROP DEFAULT, DROP NOT NULL are not column drops
ALTER TABLE customers DROP CONSTRAINT customers_code_check;
ALTER TABLE customers ALTER COLUMN code DROP DEFAULT, ALTER COLUMN code DROP NOT NULL;

-- case: the reviewed drop after the code stopped using it
-- hoist:allow hoist:drop-column release 41 stopped reading and writing legacy_code
ALTER TABLE customers DROP COLUMN legacy_code; -- expect: hoist:drop-column (allowed)
