-- case: VACUUM FULL of a table
-- migrate:up transaction:false
VACUUM FULL orders; -- expect: hoist:vacuum-full

-- case: the parenthesised form, with ANALYZE
-- migrate:up transaction:false
VACUUM (FULL, ANALYZE) public.orders; -- expect: hoist:vacuum-full

-- case: the whole database
-- migrate:up transaction:false
vacuum full; -- expect: hoist:vacuum-full

-- case: plain VACUUM and ANALYZE
-- migrate:up transaction:false
VACUUM (ANALYZE) orders;
VACUUM orders;
ANALYZE orders;

-- case: FULL false
-- migrate:up transaction:false
VACUUM (FULL false, VERBOSE) orders;

-- case: VACUUM FULL in a transactional section is reported too
VACUUM FULL orders; -- expect: hoist:vacuum-full
