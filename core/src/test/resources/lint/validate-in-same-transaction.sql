-- case: NOT VALID and VALIDATE in one transaction
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk; -- expect: hoist:validate-in-same-transaction

-- case: a check added NOT VALID then validated at once
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive; -- expect: hoist:validate-in-same-transaction

-- case: the table was locked by another subcommand earlier in the transaction
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive; -- expect: hoist:validate-in-same-transaction

-- case: the classic NOT NULL pattern in one transaction
ALTER TABLE orders ADD CONSTRAINT orders_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_email_nn; -- expect: hoist:validate-in-same-transaction
ALTER TABLE orders ALTER COLUMN email SET NOT NULL;

-- case: VALIDATE alone in its migration
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;

-- case: both in a transaction:false section: each statement commits on its own
-- migrate:up transaction:false
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;

-- case: a lock on another table does not matter
ALTER TABLE customers ADD COLUMN note text;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
