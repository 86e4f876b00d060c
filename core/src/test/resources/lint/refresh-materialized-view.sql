-- case: a plain refresh
REFRESH MATERIALIZED VIEW order_totals; -- expect: hoist:refresh-materialized-view

-- case: WITH DATA
REFRESH MATERIALIZED VIEW public.order_totals WITH DATA; -- expect: hoist:refresh-materialized-view

-- case: the safe rewrite
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;

-- case: a view created in the same migration
CREATE MATERIALIZED VIEW daily AS SELECT 1 AS one WITH NO DATA;
REFRESH MATERIALIZED VIEW daily;
