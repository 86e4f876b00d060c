-- migrate:up
ALTER TABLE shops ADD COLUMN name text;
-- migrate:down
ALTER TABLE shops DROP COLUMN name;
