-- migrate:up
CREATE TABLE shops (id bigserial PRIMARY KEY, domain text NOT NULL UNIQUE);
-- migrate:down
DROP TABLE shops;
