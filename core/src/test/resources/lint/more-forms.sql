-- case: mixed-case keywords and a schema-qualified table
Alter Table Public.Users Alter Column Email Set Not Null; -- expect: hoist:set-not-null
-- case: quoted schema and column, SET DATA TYPE with USING
ALTER TABLE "public"."users" ALTER COLUMN "id" SET DATA TYPE int8 USING "id"::int8; -- expect: hoist:column-type-rewrite
-- case: lower case, ONLY, MATCH SIMPLE and both referential actions
alter table only public.users add constraint users_org_fk foreign key (org_id) references public.orgs (id) match simple on update no action on delete restrict; -- expect: hoist:add-foreign-key
-- case: IF NOT EXISTS and a schema-qualified volatile function
ALTER TABLE public.users ADD COLUMN IF NOT EXISTS token uuid DEFAULT public.gen_random_uuid() NOT NULL; -- expect: hoist:add-column-volatile-default
-- case: a volatile call inside a parenthesised cast
ALTER TABLE users ADD COLUMN score integer DEFAULT (random() * 100)::integer; -- expect: hoist:add-column-volatile-default
-- case: the finding is on the line where the statement starts
ALTER TABLE users -- expect: hoist:drop-column
    ADD COLUMN a text,
    ADD COLUMN b text,
    DROP COLUMN c;
-- case: timestamptz with USING is a rewrite
ALTER TABLE users ALTER COLUMN created_at TYPE timestamp with time zone USING created_at AT TIME ZONE 'UTC'; -- expect: hoist:column-type-rewrite
-- case: subcommands that take no long lock
ALTER TABLE users RENAME CONSTRAINT a TO b;
ALTER TABLE users ALTER COLUMN a SET STATISTICS 1000;
ALTER TABLE users ALTER COLUMN a SET (n_distinct = 100);
ALTER TABLE users REPLICA IDENTITY FULL;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users OWNER TO app;
ALTER TABLE users ALTER COLUMN a SET COMPRESSION lz4;
-- case: two index statements in one transactional section
CREATE INDEX CONCURRENTLY users_a ON users (a); -- expect: hoist:concurrently-in-transaction
CREATE INDEX users_b ON users (b); -- expect: hoist:index-not-concurrent
-- case: a transaction:false section done right
-- migrate:up transaction:false
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY users_a ON users (a);
ALTER TABLE users ADD CONSTRAINT c CHECK (a <> '') NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT c;
-- case: a data change with no DDL before it
UPDATE users SET a = lower(a);
-- case: a keyed delete with no DDL before it
DELETE FROM sessions WHERE expires_at < now();
