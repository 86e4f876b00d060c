-- The common one-line forms, written fresh as a reviewer would, without looking at the rules' code.
-- case: dangerous: CREATE INDEX idx_users_email ON users(email)
CREATE INDEX idx_users_email ON users(email); -- expect: hoist:index-not-concurrent
-- case: dangerous: create unique index users_email_key on public.users using btree (lo...
create unique index users_email_key on public.users using btree (lower(email)); -- expect: hoist:index-not-concurrent
-- case: dangerous: DROP INDEX IF EXISTS idx_users_email CASCADE
DROP INDEX IF EXISTS idx_users_email CASCADE; -- expect: hoist:drop-index-not-concurrent, hoist:drop-cascade
-- case: dangerous: ALTER TABLE users ADD CONSTRAINT fk_users_org FOREIGN KEY (org_id) ...
ALTER TABLE users ADD CONSTRAINT fk_users_org FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE; -- expect: hoist:add-foreign-key
-- case: dangerous: ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0)
ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0); -- expect: hoist:add-check
-- case: dangerous: ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE (email)
ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE (email); -- expect: hoist:add-unique
-- case: dangerous: ALTER TABLE users ALTER COLUMN email SET NOT NULL
ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- expect: hoist:set-not-null
-- case: dangerous: ALTER TABLE users ALTER COLUMN id TYPE BIGINT
ALTER TABLE users ALTER COLUMN id TYPE BIGINT; -- expect: hoist:column-type-rewrite
-- case: dangerous: ALTER TABLE users ADD COLUMN uuid UUID NOT NULL DEFAULT uuid_genera...
ALTER TABLE users ADD COLUMN uuid UUID NOT NULL DEFAULT uuid_generate_v4(); -- expect: hoist:add-column-volatile-default
-- case: dangerous: ALTER TABLE users ADD COLUMN full_name TEXT GENERATED ALWAYS AS (fi...
ALTER TABLE users ADD COLUMN full_name TEXT GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED; -- expect: hoist:add-generated-stored-column
-- case: dangerous: ALTER TABLE users ADD COLUMN id BIGSERIAL PRIMARY KEY
ALTER TABLE users ADD COLUMN id BIGSERIAL PRIMARY KEY; -- expect: hoist:add-auto-increment-column
-- case: dangerous: ALTER TABLE users RENAME COLUMN name TO full_name
ALTER TABLE users RENAME COLUMN name TO full_name; -- expect: hoist:rename-column
-- case: dangerous: ALTER TABLE users RENAME TO accounts
ALTER TABLE users RENAME TO accounts; -- expect: hoist:rename-table
-- case: dangerous: ALTER TABLE users DROP COLUMN legacy
ALTER TABLE users DROP COLUMN legacy; -- expect: hoist:drop-column
-- case: dangerous: DROP TABLE users
DROP TABLE users; -- expect: hoist:drop-table
-- case: dangerous: ALTER TYPE status ADD VALUE 'archived' [postgres=11]
ALTER TYPE status ADD VALUE 'archived'; -- expect: hoist:add-enum-value-in-transaction
-- case: dangerous: VACUUM FULL users
-- migrate:up transaction:false
VACUUM FULL users; -- expect: hoist:vacuum-full
-- case: dangerous: CLUSTER users USING users_pkey
CLUSTER users USING users_pkey; -- expect: hoist:cluster
-- case: dangerous: REINDEX INDEX users_pkey
REINDEX INDEX users_pkey; -- expect: hoist:reindex-not-concurrent
-- case: dangerous: LOCK TABLE users IN ACCESS EXCLUSIVE MODE
LOCK TABLE users IN ACCESS EXCLUSIVE MODE; -- expect: hoist:lock-table
-- case: dangerous: ALTER TABLE users ADD COLUMN bio text [lock-timeout=off]
ALTER TABLE users ADD COLUMN bio text; -- expect: hoist:missing-lock-timeout
-- case: dangerous: TRUNCATE users CASCADE
TRUNCATE users CASCADE; -- expect: hoist:truncate-cascade
-- case: dangerous: DROP SCHEMA legacy CASCADE
DROP SCHEMA legacy CASCADE; -- expect: hoist:drop-cascade
-- case: dangerous: ALTER TABLE users ADD COLUMN settings json
ALTER TABLE users ADD COLUMN settings json; -- expect: hoist:prefer-jsonb
-- case: dangerous: ALTER TABLE users ADD COLUMN country char(2)
ALTER TABLE users ADD COLUMN country char(2); -- expect: hoist:prefer-text-over-char
-- case: dangerous: ALTER TABLE users ADD COLUMN last_seen timestamp
ALTER TABLE users ADD COLUMN last_seen timestamp; -- expect: hoist:prefer-timestamptz
-- case: dangerous: CREATE TABLE posts (id integer PRIMARY KEY, title text)
CREATE TABLE posts (id integer PRIMARY KEY, title text); -- expect: hoist:integer-primary-key
-- case: dangerous: ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (...
ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, period WITH &&); -- expect: hoist:add-exclusion
-- case: dangerous: ALTER TABLE users DISABLE TRIGGER ALL
ALTER TABLE users DISABLE TRIGGER ALL; -- expect: hoist:disable-trigger
-- case: dangerous: ALTER TABLE users SET TABLESPACE fast
ALTER TABLE users SET TABLESPACE fast; -- expect: hoist:set-tablespace
-- case: dangerous: ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2...
ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); -- expect: hoist:attach-partition-scan
-- case: dangerous: ALTER TABLE users ADD COLUMN nickname text NOT NULL
ALTER TABLE users ADD COLUMN nickname text NOT NULL; -- expect: hoist:add-required-column
-- case: dangerous: CREATE INDEX CONCURRENTLY idx ON users (created_at)
CREATE INDEX CONCURRENTLY idx ON users (created_at); -- expect: hoist:concurrently-in-transaction
-- case: dangerous: ALTER TABLE users ADD PRIMARY KEY (id)
ALTER TABLE users ADD PRIMARY KEY (id); -- expect: hoist:add-primary-key
-- case: dangerous: ALTER TABLE users ALTER COLUMN price TYPE numeric(10,2)
ALTER TABLE users ALTER COLUMN price TYPE numeric(10,2); -- expect: hoist:column-type-rewrite
-- case: safe: CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users(em...
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users(email);
-- case: safe: DROP INDEX CONCURRENTLY IF EXISTS idx_users_email
-- migrate:up transaction:false
DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;
-- case: safe: ALTER TABLE users ADD CONSTRAINT fk_users_org FOREIGN KEY (org_id) ...
ALTER TABLE users ADD CONSTRAINT fk_users_org FOREIGN KEY (org_id) REFERENCES orgs(id) NOT VALID;
-- case: safe: ALTER TABLE users VALIDATE CONSTRAINT fk_users_org
ALTER TABLE users VALIDATE CONSTRAINT fk_users_org;
-- case: safe: ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) N...
ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;
-- case: safe: ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE USING IN...
ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE USING INDEX users_email_idx;
-- case: safe: ALTER TABLE users ADD COLUMN bio text
ALTER TABLE users ADD COLUMN bio text;
-- case: safe: ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
-- case: safe: ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAUL...
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
-- case: safe: ALTER TABLE users ALTER COLUMN bio SET DEFAULT 'n/a'
ALTER TABLE users ALTER COLUMN bio SET DEFAULT 'n/a';
-- case: safe: ALTER TABLE users ALTER COLUMN bio DROP DEFAULT
ALTER TABLE users ALTER COLUMN bio DROP DEFAULT;
-- case: safe: CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY ...
CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint NOT NULL REFERENCES users(id), body text, created_at timestamptz DEFAULT now());
CREATE INDEX posts_user_id_idx ON posts (user_id);
-- case: safe: ALTER TABLE users ALTER COLUMN name TYPE varchar(200)
ALTER TABLE users ALTER COLUMN name TYPE varchar(200);
-- case: safe: ALTER TABLE users ALTER COLUMN name TYPE text
ALTER TABLE users ALTER COLUMN name TYPE text;
-- case: safe: ALTER TYPE status ADD VALUE 'archived'
-- migrate:up transaction:false
ALTER TYPE status ADD VALUE 'archived';
-- case: safe: ALTER TYPE status ADD VALUE IF NOT EXISTS 'archived'
ALTER TYPE status ADD VALUE IF NOT EXISTS 'archived';
-- case: safe: VACUUM ANALYZE users
-- migrate:up transaction:false
VACUUM ANALYZE users;
-- case: safe: REINDEX INDEX CONCURRENTLY users_pkey
-- migrate:up transaction:false
REINDEX INDEX CONCURRENTLY users_pkey;
-- case: safe: TRUNCATE staging_imports
TRUNCATE staging_imports;
-- case: safe: DROP VIEW IF EXISTS active_users
DROP VIEW IF EXISTS active_users;
CREATE VIEW active_users AS SELECT * FROM users WHERE active;
-- case: safe: COMMENT ON COLUMN users.bio IS 'DROP COLUMN bio when unused'
COMMENT ON COLUMN users.bio IS 'DROP COLUMN bio when unused';
-- case: safe: SELECT 1
-- CREATE INDEX idx ON users (email);
SELECT 1;
-- case: safe: INSERT INTO settings (key, value) VALUES ('ALTER TABLE users DROP C...
INSERT INTO settings (key, value) VALUES ('ALTER TABLE users DROP COLUMN x', $$CREATE INDEX y ON z (w)$$);
-- case: safe: CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $$ BEGIN ALTER TA...
CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $$ BEGIN ALTER TABLE users ADD COLUMN x int; RETURN NEW; END $$ LANGUAGE plpgsql;
-- case: safe: ALTER TABLE users ADD COLUMN concurrently_created boolean DEFAULT f...
ALTER TABLE users ADD COLUMN concurrently_created boolean DEFAULT false;
-- case: safe: SET lock_timeout = '3s' [lock-timeout=off]
SET lock_timeout = '3s';
ALTER TABLE users ADD COLUMN bio text;
-- case: safe: CREATE TABLE audit_log (id bigserial PRIMARY KEY, payload jsonb NOT...
CREATE TABLE audit_log (id bigserial PRIMARY KEY, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
ALTER TABLE audit_log ADD CONSTRAINT audit_log_payload_check CHECK (payload ? 'type');
CREATE UNIQUE INDEX audit_log_at ON audit_log (at);
-- case: safe: GRANT SELECT ON users TO readonly
GRANT SELECT ON users TO readonly;
-- case: safe: CREATE EXTENSION IF NOT EXISTS pgcrypto
CREATE EXTENSION IF NOT EXISTS pgcrypto;
-- case: safe: ALTER TABLE users ALTER COLUMN email DROP NOT NULL
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
