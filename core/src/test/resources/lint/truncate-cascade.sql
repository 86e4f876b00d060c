-- case: TRUNCATE ... CASCADE
TRUNCATE orders CASCADE; -- expect: hoist:truncate-cascade

-- case: TABLE, several, RESTART IDENTITY
TRUNCATE TABLE ONLY orders, line_items RESTART IDENTITY CASCADE; -- expect: hoist:truncate-cascade

-- case: the safe rewrite: name every table
TRUNCATE orders, line_items, payments;

-- case: a table named cascade_log
TRUNCATE cascade_log;
