-- The shops, their catalogue, orders and the insights shown to merchants.
-- migrate:up
CREATE TABLE shops (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	domain text NOT NULL UNIQUE,
	name text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	shop_id bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
	sku text NOT NULL,
	title text NOT NULL,
	price_cents integer NOT NULL CHECK (price_cents >= 0),
	UNIQUE (shop_id, sku)
);

CREATE TABLE orders (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	shop_id bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
	product_id bigint NOT NULL REFERENCES products (id),
	quantity integer NOT NULL CHECK (quantity > 0),
	unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE insights (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	shop_id bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
	title text NOT NULL,
	body text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE insights;
DROP TABLE orders;
DROP TABLE products;
DROP TABLE shops;
