-- case: a stored generated column
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED; -- expect: hoist:add-generated-stored-column

-- case: stored is the only kind before PostgreSQL 18 and the default spelled out
ALTER TABLE people ADD COLUMN full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED; -- expect: hoist:add-generated-stored-column

-- case: changing the expression of a stored generated column (PostgreSQL 17)
ALTER TABLE orders ALTER COLUMN total_cents SET EXPRESSION AS (total * 1000); -- expect: hoist:add-generated-stored-column

-- case: a VIRTUAL generated column (PostgreSQL 18)
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) VIRTUAL;

-- case: generated without STORED is virtual on PostgreSQL 18
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100);

-- case: a stored generated column on a new table
CREATE TABLE prices (net numeric, gross numeric GENERATED ALWAYS AS (net * 1.2) STORED);

-- case: DROP EXPRESSION keeps the values
ALTER TABLE orders ALTER COLUMN total_cents DROP EXPRESSION;
