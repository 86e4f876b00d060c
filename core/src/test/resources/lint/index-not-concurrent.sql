-- case: a plain index on an existing table
CREATE INDEX orders_customer_idx ON orders (customer_id); -- expect: hoist:index-not-concurrent

-- case: a unique index, schema-qualified and quoted
CREATE UNIQUE INDEX "Orders_Number" ON "Shop"."Orders" USING btree ("Number"); -- expect: hoist:index-not-concurrent

-- case: lower-case, no index name, IF NOT EXISTS, expression and partial index
create index if not exists on orders (lower(email)) where deleted_at is null; -- expect: hoist:index-not-concurrent

-- case: spread over lines with comments inside
-- expect: hoist:index-not-concurrent
CREATE INDEX
  -- a comment saying CONCURRENTLY does not count
  orders_created_idx /* nor does CONCURRENTLY here */
  ON public.orders (created_at DESC) INCLUDE (total);

-- case: the second statement of a migration, after unrelated work
CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
CREATE INDEX orders_state_idx ON orders (state); -- expect: hoist:index-not-concurrent

-- case: an index on a table created by an earlier migration is not new
ALTER TABLE orders ADD COLUMN region text;
CREATE INDEX orders_region_idx ON orders (region); -- expect: hoist:index-not-concurrent

-- case: gin index with operator class on ONLY a table that is not partitioned is still built
CREATE INDEX products_tags_idx ON products USING gin (tags jsonb_path_ops); -- expect: hoist:index-not-concurrent

-- case: the safe rewrite: CONCURRENTLY in a transaction:false section
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);

-- case: unique, concurrently, IF NOT EXISTS
-- migrate:up transaction:false
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_number_key ON orders (number);

-- case: an index on a table created in the same migration
CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint NOT NULL);
CREATE INDEX invoices_order_idx ON invoices (order_id);

-- case: a table created in the same migration, schema-qualified both times
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, customer_id bigint);
CREATE INDEX ON billing.invoices (customer_id);

-- case: a table created in the same migration and renamed before indexing
CREATE TABLE invoices_new (id bigint PRIMARY KEY, customer_id bigint);
ALTER TABLE invoices_new RENAME TO invoices2;
CREATE INDEX ON invoices2 (customer_id);

-- case: an index on a materialized view created in the same migration
CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
CREATE UNIQUE INDEX order_totals_customer ON order_totals (customer_id);

-- case: ON ONLY the parent of a partitioned table builds nothing
CREATE INDEX measurements_at_idx ON ONLY measurements (recorded_at);

-- case: look-alikes in comments, strings and function bodies
-- CREATE INDEX orders_customer_idx ON orders (customer_id);
/* CREATE INDEX orders_customer_idx ON orders (customer_id); */
SELECT 'CREATE INDEX orders_customer_idx ON orders (customer_id)';
CREATE FUNCTION add_index() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE INDEX orders_customer_idx ON orders (customer_id);
END $$;
DO $body$ BEGIN EXECUTE 'CREATE INDEX x ON orders (id)'; END $body$;

-- case: an identifier that contains keywords
UPDATE index_jobs SET create_index = true, concurrently_created = false WHERE id = 1;
