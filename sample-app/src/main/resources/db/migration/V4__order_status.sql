-- Where an order stands, as an enum type.
-- migrate:up
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

ALTER TABLE orders ADD COLUMN status order_status NOT NULL DEFAULT 'paid';

ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';

-- migrate:down
ALTER TABLE orders DROP COLUMN status;
DROP TYPE order_status;
