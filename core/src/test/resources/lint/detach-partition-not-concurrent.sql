-- case: DETACH PARTITION
ALTER TABLE measurements DETACH PARTITION measurements_2020; -- expect: hoist:detach-partition-not-concurrent

-- case: the safe rewrite
-- migrate:up transaction:false
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;

-- case: FINALIZE after an interrupted concurrent detach
-- migrate:up transaction:false
ALTER TABLE measurements DETACH PARTITION measurements_2020 FINALIZE; -- expect: hoist:detach-partition-not-concurrent
