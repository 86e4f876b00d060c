-- case: timestamp to timestamptz, known
ALTER TABLE events ADD COLUMN at timestamp; -- expect: hoist:prefer-timestamptz
ALTER TABLE events ALTER COLUMN at TYPE timestamptz; -- expect: hoist:timestamptz-conversion

-- case: timestamptz back to timestamp
ALTER TABLE events ADD COLUMN at timestamp with time zone;
-- expect: hoist:timestamptz-conversion, hoist:prefer-timestamptz
ALTER TABLE events ALTER COLUMN at TYPE timestamp without time zone;

-- case: before PostgreSQL 12 it always rewrites [postgres=11]
ALTER TABLE events ADD COLUMN at timestamp(3); -- expect: hoist:prefer-timestamptz
ALTER TABLE events ALTER COLUMN at TYPE timestamptz(3); -- expect: hoist:column-type-rewrite

-- case: the safe rewrite: UTC for the transaction
ALTER TABLE events ADD COLUMN at timestamp; -- expect: hoist:prefer-timestamptz
SET LOCAL timezone = 'UTC';
ALTER TABLE events ALTER COLUMN at TYPE timestamptz;

-- case: SET TIME ZONE spelled the SQL way
ALTER TABLE events ADD COLUMN at timestamptz;
SET TIME ZONE 'UTC';
ALTER TABLE events ALTER COLUMN at TYPE timestamp with time zone;

-- case: the current type unknown: a change to timestamptz is most likely from timestamp
ALTER TABLE events ALTER COLUMN at TYPE timestamptz; -- expect: hoist:timestamptz-conversion

-- case: the current type unknown, UTC set first
SET LOCAL TIME ZONE 'UTC';
ALTER TABLE events ALTER COLUMN at TYPE timestamptz;
