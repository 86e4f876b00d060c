-- case: int to bigint, the current type unknown
ALTER TABLE orders ALTER COLUMN id TYPE bigint; -- expect: hoist:column-type-rewrite

-- case: SET DATA TYPE, without COLUMN
ALTER TABLE orders ALTER id SET DATA TYPE int8; -- expect: hoist:column-type-rewrite

-- case: USING always rewrites
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric(12,2); -- expect: hoist:column-type-rewrite

-- case: text to jsonb
ALTER TABLE orders ALTER COLUMN payload TYPE jsonb USING payload::jsonb; -- expect: hoist:column-type-rewrite

-- case: to uuid, integer, boolean
ALTER TABLE orders ALTER COLUMN ref TYPE uuid USING ref::uuid; -- expect: hoist:column-type-rewrite

-- case: int to bigint known from an earlier statement
ALTER TABLE counters ADD COLUMN hits int;
ALTER TABLE counters ALTER COLUMN hits TYPE bigint; -- expect: hoist:column-type-rewrite

-- case: a known varchar narrowed
ALTER TABLE customers ADD COLUMN name varchar(100);
ALTER TABLE customers ALTER COLUMN name TYPE varchar(50); -- expect: hoist:column-type-rewrite

-- case: numeric scale changed
ALTER TABLE customers ADD COLUMN balance numeric(10,2);
ALTER TABLE customers ALTER COLUMN balance TYPE numeric(12,4); -- expect: hoist:column-type-rewrite

-- case: numeric precision lowered
ALTER TABLE customers ADD COLUMN balance numeric(10,2);
ALTER TABLE customers ALTER COLUMN balance TYPE numeric(8,2); -- expect: hoist:column-type-rewrite

-- case: unconstrained numeric given a precision
ALTER TABLE customers ADD COLUMN balance numeric;
ALTER TABLE customers ALTER COLUMN balance TYPE numeric(12,2); -- expect: hoist:column-type-rewrite

-- case: text to varchar(n)
ALTER TABLE customers ADD COLUMN note text;
ALTER TABLE customers ALTER COLUMN note TYPE varchar(200); -- expect: hoist:column-type-rewrite

-- case: char(n) to text trims spaces
ALTER TABLE customers ADD COLUMN code char(3); -- expect: hoist:prefer-text-over-char
ALTER TABLE customers ALTER COLUMN code TYPE text; -- expect: hoist:column-type-rewrite

-- case: one of several subcommands
-- expect: hoist:column-type-rewrite
ALTER TABLE orders
  ALTER COLUMN note SET DEFAULT '',
  ALTER COLUMN quantity TYPE bigint;

-- case: timestamp precision lowered
ALTER TABLE customers ADD COLUMN seen timestamptz(6);
ALTER TABLE customers ALTER COLUMN seen TYPE timestamptz(0); -- expect: hoist:column-type-rewrite

-- case: the safe ones: varchar widened
ALTER TABLE customers ADD COLUMN email varchar(50);
ALTER TABLE customers ALTER COLUMN email TYPE varchar(100);

-- case: varchar to text, to unlimited varchar, character varying spelled out
ALTER TABLE customers ADD COLUMN a character varying(20), ADD COLUMN b varchar(20);
ALTER TABLE customers ALTER COLUMN a TYPE text, ALTER COLUMN b TYPE varchar;

-- case: numeric precision raised at the same scale, and made unconstrained
ALTER TABLE customers ADD COLUMN balance numeric(10,2), ADD COLUMN credit decimal(8,2);
ALTER TABLE customers ALTER COLUMN balance TYPE numeric(12,2), ALTER COLUMN credit TYPE numeric;

-- case: timestamp and interval precision raised
ALTER TABLE customers ADD COLUMN seen timestamptz(3), ADD COLUMN took interval(0);
ALTER TABLE customers ALTER COLUMN seen TYPE timestamptz(6), ALTER COLUMN took TYPE interval;

-- case: cidr to inet, text to varchar, varbit widened
ALTER TABLE hosts ADD COLUMN net cidr, ADD COLUMN label text, ADD COLUMN flags bit varying(8);
ALTER TABLE hosts ALTER COLUMN net TYPE inet, ALTER COLUMN label TYPE varchar, ALTER COLUMN flags TYPE varbit(16);

-- case: the current type unknown, target one that widenings reach
ALTER TABLE customers ALTER COLUMN email TYPE varchar(255);
ALTER TABLE customers ALTER COLUMN note TYPE text;
ALTER TABLE customers ALTER COLUMN balance TYPE numeric;

-- case: the current type unknown, numeric with a precision and scale (the issue's own example)
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2); -- expect: hoist:column-type-rewrite

-- case: a column of a table created in the same migration
CREATE TABLE drafts (id bigint PRIMARY KEY, n int);
ALTER TABLE drafts ALTER COLUMN n TYPE bigint;

-- case: SET DEFAULT, SET STATISTICS, SET STORAGE are not type changes
ALTER TABLE orders ALTER COLUMN note SET DEFAULT 'type', ALTER COLUMN note SET STATISTICS 500;
ALTER TABLE orders ALTER COLUMN note SET STORAGE EXTERNAL;

-- case: a column named type
CREATE TABLE kinds (type text, "TYPE" varchar(10));
UPDATE orders SET type = 'x' WHERE type IS NULL;
