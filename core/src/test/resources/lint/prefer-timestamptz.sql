-- case: timestamp
CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL); -- expect: hoist:prefer-timestamptz

-- case: timestamp without time zone with precision
ALTER TABLE orders ADD COLUMN shipped_at timestamp(3) without time zone; -- expect: hoist:prefer-timestamptz

-- case: timestamptz and timestamp with time zone
CREATE TABLE events2 (id bigint PRIMARY KEY, at timestamptz NOT NULL, seen timestamp with time zone);
