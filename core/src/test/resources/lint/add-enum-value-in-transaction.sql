-- case: ADD VALUE in a transaction before PostgreSQL 12 [postgres=11]
ALTER TYPE order_state ADD VALUE 'refunded'; -- expect: hoist:add-enum-value-in-transaction

-- case: IF NOT EXISTS, BEFORE [postgres=11]
ALTER TYPE public.order_state ADD VALUE IF NOT EXISTS 'refunded' BEFORE 'closed'; -- expect: hoist:add-enum-value-in-transaction

-- case: fine in a transaction from PostgreSQL 12
ALTER TYPE order_state ADD VALUE 'refunded';

-- case: the safe rewrite before 12 [postgres=11]
-- migrate:up transaction:false
ALTER TYPE order_state ADD VALUE 'refunded';

-- case: renaming a value or adding an attribute is something else [postgres=11]
ALTER TYPE order_state RENAME VALUE 'cancelled' TO 'canceled';
