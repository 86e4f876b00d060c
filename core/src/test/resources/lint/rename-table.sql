-- case: RENAME TO
ALTER TABLE customers RENAME TO clients; -- expect: hoist:rename-table

-- case: a view renamed
ALTER VIEW active_customers RENAME TO active_clients; -- expect: hoist:rename-table

-- case: SET SCHEMA moves it away from the search path
ALTER TABLE customers SET SCHEMA archive; -- expect: hoist:rename-table

-- case: a table created in the same migration
CREATE TABLE staging (id bigint PRIMARY KEY);
ALTER TABLE staging RENAME TO imports;

-- case: the reviewed rewrite: rename and keep a view under the old name
-- expect: hoist:rename-table (allowed)
ALTER TABLE customers RENAME TO clients; -- hoist:allow hoist:rename-table the view below keeps the old name working
CREATE VIEW customers AS SELECT * FROM clients;
