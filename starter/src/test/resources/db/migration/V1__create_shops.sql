-- migrate:up
CREATE TABLE shops (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	domain text NOT NULL UNIQUE
);

-- migrate:down
DROP TABLE shops;
