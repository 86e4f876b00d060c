-- migrate:up
ALTER TABLE shops ADD COLUMN name text NOT NULL DEFAULT '';

-- migrate:down
ALTER TABLE shops DROP COLUMN name;
