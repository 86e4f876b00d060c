-- case: LOCK TABLE in the default ACCESS EXCLUSIVE mode
LOCK TABLE orders; -- expect: hoist:lock-table

-- case: an explicit mode that blocks writes
LOCK orders, customers IN SHARE ROW EXCLUSIVE MODE; -- expect: hoist:lock-table

-- case: modes that do not block writes
LOCK TABLE orders IN ROW EXCLUSIVE MODE;
LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE NOWAIT;

-- case: a table created in the same migration
CREATE TABLE t (id bigint);
LOCK TABLE t IN ACCESS EXCLUSIVE MODE;
