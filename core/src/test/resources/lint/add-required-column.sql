-- case: NOT NULL without a default
ALTER TABLE orders ADD COLUMN currency text NOT NULL; -- expect: hoist:add-required-column

-- case: NOT NULL with DEFAULT NULL
ALTER TABLE orders ADD COLUMN currency text DEFAULT NULL NOT NULL; -- expect: hoist:add-required-column

-- case: IF NOT EXISTS, a constraint name
ALTER TABLE orders ADD COLUMN IF NOT EXISTS currency char(3) CONSTRAINT currency_nn NOT NULL; -- expect: hoist:add-required-column, hoist:prefer-text-over-char

-- case: the safe rewrite: a constant default (no rewrite from PostgreSQL 11)
ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';

-- case: a nullable column
ALTER TABLE orders ADD COLUMN currency text;

-- case: NOT NULL on a new table
CREATE TABLE wallets (id bigint PRIMARY KEY);
ALTER TABLE wallets ADD COLUMN currency text NOT NULL;

-- case: a default of now() is not volatile
ALTER TABLE orders ADD COLUMN imported_at timestamptz NOT NULL DEFAULT now();
