-- case: a misspelled rule id
-- expect: hoist:allow-unknown-rule
-- hoist:allow hoist:drop-colum release 41 stopped using it
ALTER TABLE customers DROP COLUMN legacy_code; -- expect: hoist:drop-column

-- case: no rule id at all
-- expect: hoist:allow-unknown-rule
/* hoist:allow */
SELECT 1;

-- case: the id without its prefix is accepted
-- hoist:allow drop-column release 41 stopped using it
ALTER TABLE customers DROP COLUMN legacy_code; -- expect: hoist:drop-column (allowed)

-- case: every known rule id is accepted
-- hoist:allow hoist:index-not-concurrent the table holds ten rows
CREATE INDEX small_idx ON small (id); -- expect: hoist:index-not-concurrent (allowed)

-- case: no allow comment at all
SELECT 'hoist:allow hoist:nothing here';

-- case: the comment and the rule id in any case
-- HOIST:ALLOW Hoist:Drop-Column release 41 stopped using it
ALTER TABLE customers DROP COLUMN legacy_code; -- expect: hoist:drop-column (allowed)
