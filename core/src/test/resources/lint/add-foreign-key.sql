-- case: a validated foreign key on an existing table
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id); -- expect: hoist:add-foreign-key

-- case: unnamed, with actions and deferrable
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED; -- expect: hoist:add-foreign-key

-- case: ONLY, IF EXISTS, quoted names
ALTER TABLE IF EXISTS ONLY "Orders" ADD CONSTRAINT "FK" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id"); -- expect: hoist:add-foreign-key

-- case: an inline REFERENCES on an added column
ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id); -- expect: hoist:add-foreign-key

-- case: one subcommand among several
-- expect: hoist:add-foreign-key
ALTER TABLE orders
  ADD COLUMN shop_id bigint,
  ADD CONSTRAINT orders_shop_fk FOREIGN KEY (shop_id) REFERENCES shops (id);

-- case: a new table's foreign key to an existing table is fine; an existing table's is not
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
ALTER TABLE refunds ADD CONSTRAINT refunds_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id); -- expect: hoist:add-foreign-key

-- case: the safe rewrite: NOT VALID now
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

-- case: and VALIDATE in a later migration
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;

-- case: a foreign key on a table created in the same migration
CREATE TABLE line_items (id bigint PRIMARY KEY, order_id bigint NOT NULL);
ALTER TABLE line_items ADD CONSTRAINT line_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);

-- case: NOT ENFORCED (PostgreSQL 18) checks nothing
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT ENFORCED;

-- case: look-alikes
COMMENT ON TABLE orders IS 'ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers';
-- ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers;
