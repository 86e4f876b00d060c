-- every kind of session change a migration may leave behind (issue 13, item 5)
SET default_transaction_read_only = on;
SET search_path = pg_catalog;
SET session_replication_role = replica;
SET statement_timeout = '1h';
SET myapp.tenant = 'other';
SET ROLE hoist_session_probe;
