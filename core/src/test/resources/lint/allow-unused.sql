-- case: an allow for a rule the statement does not break
-- expect: hoist:allow-unused
-- hoist:allow hoist:drop-table the table is empty
ALTER TABLE customers DROP COLUMN legacy_code; -- expect: hoist:drop-column

-- case: an allow at the end of the file
CREATE TABLE t (id bigint PRIMARY KEY);
-- expect: hoist:allow-unused
-- hoist:allow hoist:drop-table nothing follows

-- case: an allow covers one statement only
-- hoist:allow hoist:drop-column release 41 stopped using it
ALTER TABLE customers DROP COLUMN a; -- expect: hoist:drop-column (allowed)
ALTER TABLE customers DROP COLUMN b; -- expect: hoist:drop-column

-- case: an allow at the end of the statement's line, and one inside a multi-line statement
-- expect: hoist:drop-column (allowed)
ALTER TABLE customers DROP COLUMN a; -- hoist:allow hoist:drop-column release 41 stopped using it
-- expect: hoist:drop-column (allowed)
ALTER TABLE customers
  DROP COLUMN b; -- hoist:allow hoist:drop-column release 41 stopped using it

-- case: an allow in a string or a dollar-quoted body is no allow
SELECT '-- hoist:allow hoist:drop-column nope';
DO $$ BEGIN -- hoist:allow hoist:drop-column nope
END $$;

-- case: one comment may name several rules, separated by commas
-- hoist:allow hoist:drop-column,hoist:drop-cascade release 41 stopped using it and nothing depends on it
ALTER TABLE customers DROP COLUMN a CASCADE; -- expect: hoist:drop-column (allowed), hoist:drop-cascade (allowed)

-- case: one of several named rules has nothing to suppress
-- expect: hoist:allow-unused
-- hoist:allow drop-column, drop-table release 41 stopped using it
ALTER TABLE customers DROP COLUMN a; -- expect: hoist:drop-column (allowed)
