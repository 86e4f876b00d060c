-- case: a json column in CREATE TABLE
CREATE TABLE webhooks (id bigint PRIMARY KEY, payload json NOT NULL); -- expect: hoist:prefer-jsonb

-- case: ADD COLUMN json
ALTER TABLE orders ADD COLUMN meta json; -- expect: hoist:prefer-jsonb

-- case: jsonb, and a column named json
CREATE TABLE webhooks2 (id bigint PRIMARY KEY, payload jsonb, json text);
