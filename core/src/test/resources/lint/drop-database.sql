-- case: DROP DATABASE
-- migrate:up transaction:false
DROP DATABASE IF EXISTS legacy; -- expect: hoist:drop-database

-- case: DROP DATABASE WITH (FORCE)
-- migrate:up transaction:false
DROP DATABASE legacy WITH (FORCE); -- expect: hoist:drop-database

-- case: a table named database
DROP TABLE IF EXISTS "database"; -- expect: hoist:drop-table

-- case: a schema is not a database
DROP SCHEMA IF EXISTS staging;
