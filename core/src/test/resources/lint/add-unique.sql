-- case: a unique constraint on an existing table
ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE (number); -- expect: hoist:add-unique

-- case: unnamed, several columns, NULLS NOT DISTINCT, INCLUDE
ALTER TABLE orders ADD UNIQUE NULLS NOT DISTINCT (shop_id, number) INCLUDE (total); -- expect: hoist:add-unique

-- case: an added column declared UNIQUE
ALTER TABLE customers ADD COLUMN external_id text UNIQUE; -- expect: hoist:add-unique

-- case: the safe rewrite, first migration
-- migrate:up transaction:false
CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number);

-- case: the safe rewrite, second migration
ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_key;

-- case: a unique constraint on a new table
CREATE TABLE tags (id bigint PRIMARY KEY, name text);
ALTER TABLE tags ADD CONSTRAINT tags_name_key UNIQUE (name);

-- case: look-alike in a string
INSERT INTO notes (body) VALUES ('ALTER TABLE orders ADD UNIQUE (number)');
