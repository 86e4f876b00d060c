-- case: what Django's sqlmigrate prints, in a transactional section
--
-- Add field foo to bar
--
ALTER TABLE "core_bar" ADD COLUMN "foo" integer DEFAULT 10 NOT NULL;
ALTER TABLE "core_bar" ALTER COLUMN "foo" DROP DEFAULT;
CREATE INDEX "core_bar_foo_idx" ON "core_bar" ("foo"); -- expect: hoist:index-not-concurrent
ALTER TABLE "core_bar" ADD CONSTRAINT "core_bar_baz_id_fk" FOREIGN KEY ("baz_id") REFERENCES "core_baz" ("id") DEFERRABLE INITIALLY DEFERRED; -- expect: hoist:add-foreign-key

-- case: what Rails' structure.sql style looks like
ALTER TABLE "users" ADD "city_id" bigint;
CREATE INDEX  "index_users_on_city_id" ON "users"  ("city_id"); -- expect: hoist:index-not-concurrent
ALTER TABLE "users" ALTER COLUMN "some_column" TYPE character varying(255);
ALTER TABLE users ALTER COLUMN age TYPE integer USING age::integer; -- expect: hoist:column-type-rewrite
ALTER TABLE users ADD COLUMN properties json; -- expect: hoist:prefer-jsonb
ALTER TABLE "users" ADD CONSTRAINT "users_some_column_null" CHECK ("some_column" IS NOT NULL) NOT VALID;

-- case: pg_dump style and a mix of subcommands on an existing table
ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id); -- expect: hoist:add-primary-key
ALTER TABLE public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);
ALTER TABLE foo ADD COLUMN bar text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE foo ALTER COLUMN bar TYPE text COLLATE "C";
ALTER TABLE foo ALTER bar TYPE varchar(10) COLLATE "en_US"; -- expect: hoist:column-type-rewrite
alter table foo add column baz numeric(10, 2) default 0.0 not null;
ALTER TABLE foo RENAME bar TO qux; -- expect: hoist:rename-column
alter table "foo" drop column "baz" cascade; -- expect: hoist:drop-column, hoist:drop-cascade
ALTER TABLE foo ADD COLUMN geom geometry(Point, 4326);
ALTER TABLE foo VALIDATE CONSTRAINT fk; -- expect: hoist:validate-in-same-transaction
CREATE TABLE bar (LIKE foo INCLUDING ALL);
ALTER TABLE bar ADD CONSTRAINT x UNIQUE (a);
ALTER TABLE foo ADD COLUMN a int, ADD COLUMN b int DEFAULT random()::int, ALTER COLUMN c TYPE bigint; -- expect: hoist:add-column-volatile-default, hoist:column-type-rewrite
GRANT SELECT ON foo TO reader;
CREATE TRIGGER t BEFORE UPDATE ON foo FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE foo ADD COLUMN d bigint NOT NULL GENERATED ALWAYS AS IDENTITY; -- expect: hoist:add-auto-increment-column
ALTER TABLE foo ALTER COLUMN e TYPE bigint, ALTER COLUMN e SET DEFAULT 0; -- expect: hoist:column-type-rewrite
ALTER TABLE IF EXISTS foo DROP CONSTRAINT IF EXISTS x;
ALTER TABLE foo ADD CONSTRAINT u UNIQUE USING INDEX u_idx;
ALTER TABLE foo ALTER COLUMN ts TYPE timestamptz USING ts AT TIME ZONE 'UTC'; -- expect: hoist:column-type-rewrite
ALTER TABLE foo ADD COLUMN z varchar(255) NOT NULL DEFAULT '' CHECK (z <> 'x'); -- expect: hoist:add-check
ALTER SEQUENCE foo_id_seq AS bigint;
ALTER TABLE foo ADD COLUMN e2 int8 REFERENCES bar; -- expect: hoist:add-foreign-key
ALTER TABLE foo ADD CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES bar (a, b) MATCH FULL ON UPDATE SET NULL (a) NOT VALID;

-- case: keywords hidden in comments between keywords, and a quoted "concurrently"
-- expect: hoist:index-not-concurrent
CREATE /* CONCURRENTLY */ INDEX -- CONCURRENTLY
  "concurrently" ON orders (customer_id);

-- case: strings with escapes and quotes that look like statement ends
INSERT INTO notes (body) VALUES (E'it\'s; DROP TABLE orders; --', 'a''b; ALTER TABLE x DROP COLUMN y', U&'\0041; VACUUM FULL');
SELECT $tag$ $$ ; CREATE INDEX i ON t (c); $$ $tag$, $$ ALTER TABLE t RENAME TO u; $$, payload->>'k', payload #>> '{a,b}' FROM events;

-- case: a plpgsql function whose body alters tables does nothing when created
CREATE OR REPLACE FUNCTION archive_orders() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  ALTER TABLE orders SET TABLESPACE archive;
  EXECUTE 'ALTER TABLE orders ALTER COLUMN id TYPE bigint';
  TRUNCATE orders CASCADE;
  LOCK TABLE orders;
END
$fn$;
CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM carts WHERE created < now() - interval '1 day'; END;

-- case: identifiers that contain rule words
CREATE TABLE vacuum_full_log (cluster_name text, reindex_at timestamptz, lock_table_id bigint PRIMARY KEY, truncate_cascade boolean);
UPDATE drop_table_requests SET rename_column = 'x', set_not_null = true WHERE id = 7;
