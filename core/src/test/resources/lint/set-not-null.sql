-- case: SET NOT NULL on an existing column
ALTER TABLE orders ALTER COLUMN email SET NOT NULL; -- expect: hoist:set-not-null

-- case: without the COLUMN keyword, quoted
ALTER TABLE "Orders" ALTER "Email" SET NOT NULL; -- expect: hoist:set-not-null

-- case: a check that is not validated does not help
ALTER TABLE orders ADD CONSTRAINT orders_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE orders ALTER COLUMN email SET NOT NULL; -- expect: hoist:set-not-null

-- case: a validated check on another column does not help
-- migrate:up transaction:false
ALTER TABLE orders ADD CONSTRAINT orders_name_nn CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_name_nn;
ALTER TABLE orders ALTER COLUMN email SET NOT NULL; -- expect: hoist:set-not-null

-- case: before PostgreSQL 12 a validated check does not help [postgres=11]
-- migrate:up transaction:false
ALTER TABLE orders ADD CONSTRAINT orders_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_email_nn;
ALTER TABLE orders ALTER COLUMN email SET NOT NULL; -- expect: hoist:set-not-null

-- case: a PostgreSQL 18 NOT NULL constraint added without NOT VALID scans too
ALTER TABLE orders ADD CONSTRAINT orders_email_not_null NOT NULL email; -- expect: hoist:set-not-null

-- case: the safe rewrite: a validated check first (in a transaction:false section here)
-- migrate:up transaction:false
ALTER TABLE orders ADD CONSTRAINT orders_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_email_nn;
ALTER TABLE orders ALTER COLUMN email SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_email_nn;

-- case: a column of a new table
CREATE TABLE carts (id bigint PRIMARY KEY, owner text);
ALTER TABLE carts ALTER COLUMN owner SET NOT NULL;

-- case: DROP NOT NULL and SET DEFAULT are fine
ALTER TABLE orders ALTER COLUMN email DROP NOT NULL, ALTER COLUMN state SET DEFAULT 'new';

-- case: a PostgreSQL 18 NOT NULL constraint added NOT VALID
ALTER TABLE orders ADD CONSTRAINT orders_email_not_null NOT NULL email NOT VALID;

-- case: two columns in one statement
ALTER TABLE orders ALTER COLUMN email SET NOT NULL, ALTER COLUMN name SET NOT NULL; -- expect: hoist:set-not-null
