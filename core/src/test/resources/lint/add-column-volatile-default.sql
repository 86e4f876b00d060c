-- case: gen_random_uuid()
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- expect: hoist:add-column-volatile-default

-- case: random() inside an expression, NOT NULL
ALTER TABLE orders ADD COLUMN bucket int NOT NULL DEFAULT floor(random() * 10); -- expect: hoist:add-column-volatile-default

-- case: clock_timestamp(), schema-qualified uuid function, nextval
ALTER TABLE orders ADD COLUMN t timestamptz DEFAULT clock_timestamp(); -- expect: hoist:add-column-volatile-default

-- case: uuid-ossp
ALTER TABLE orders ADD COLUMN u uuid DEFAULT public.uuid_generate_v4(); -- expect: hoist:add-column-volatile-default

-- case: nextval of a sequence
ALTER TABLE orders ADD COLUMN n bigint DEFAULT nextval('orders_n_seq'::regclass); -- expect: hoist:add-column-volatile-default

-- case: a function created volatile in the same migration
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
ALTER TABLE orders ADD COLUMN code text DEFAULT next_code(); -- expect: hoist:add-column-volatile-default

-- case: any default before PostgreSQL 11 [postgres=10]
ALTER TABLE orders ADD COLUMN state text DEFAULT 'new'; -- expect: hoist:add-column-volatile-default

-- case: constants and stable functions from PostgreSQL 11
ALTER TABLE orders ADD COLUMN state text DEFAULT 'new';
ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE orders ADD COLUMN due_at timestamptz DEFAULT CURRENT_TIMESTAMP + interval '7 days';
ALTER TABLE orders ADD COLUMN tags jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE orders ADD COLUMN flags text[] DEFAULT ARRAY[]::text[];

-- case: a function created immutable in the same migration
CREATE FUNCTION default_region() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'eu' $$;
ALTER TABLE orders ADD COLUMN region text DEFAULT default_region();

-- case: the safe rewrite: add, then set the default
ALTER TABLE orders ADD COLUMN token uuid;
ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();

-- case: a volatile default on a new table
CREATE TABLE sessions (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), started timestamptz DEFAULT clock_timestamp());

-- case: random() in a string default is a constant
ALTER TABLE orders ADD COLUMN note text DEFAULT 'random()';

-- case: a function no migration declared is volatile, as PostgreSQL assumes
ALTER TABLE orders ADD COLUMN code text DEFAULT app.make_code(); -- expect: hoist:add-column-volatile-default

-- case: common stable and immutable built-ins
ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT timezone('utc'::text, now());
ALTER TABLE orders ADD COLUMN day date DEFAULT date_trunc('day', now())::date;
ALTER TABLE orders ADD COLUMN label text DEFAULT lower(concat('A', 'B'));
ALTER TABLE orders ADD COLUMN meta jsonb DEFAULT jsonb_build_object('v', 1);
ALTER TABLE orders ADD COLUMN during tstzrange DEFAULT tstzrange(now(), NULL);
ALTER TABLE orders ADD COLUMN n numeric DEFAULT CAST(0 AS numeric);
ALTER TABLE orders ADD COLUMN started timestamptz DEFAULT statement_timestamp();
