-- case: SET LOGGED
ALTER TABLE imports SET LOGGED; -- expect: hoist:table-rewrite

-- case: SET UNLOGGED
ALTER TABLE cache SET UNLOGGED; -- expect: hoist:table-rewrite

-- case: SET ACCESS METHOD
ALTER TABLE events SET ACCESS METHOD heap2; -- expect: hoist:table-rewrite

-- case: storage parameters do not rewrite
ALTER TABLE events SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01);

-- case: a new table
CREATE UNLOGGED TABLE staging (id bigint);
ALTER TABLE staging SET LOGGED;
