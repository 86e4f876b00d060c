-- case: ATTACH PARTITION of an existing table
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); -- expect: hoist:attach-partition-scan

-- case: DEFAULT partition
ALTER TABLE measurements ATTACH PARTITION measurements_other DEFAULT; -- expect: hoist:attach-partition-scan

-- case: a partition created in the same migration is empty
CREATE TABLE measurements_2025 (LIKE measurements INCLUDING DEFAULTS);
ALTER TABLE measurements ATTACH PARTITION measurements_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- case: the safe rewrite: a validated check that proves the bound
-- migrate:up transaction:false
ALTER TABLE measurements_2024 ADD CONSTRAINT measurements_2024_bound CHECK (recorded_at >= '2024-01-01' AND recorded_at < '2025-01-01') NOT VALID;
ALTER TABLE measurements_2024 VALIDATE CONSTRAINT measurements_2024_bound;
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- case: CREATE TABLE ... PARTITION OF creates an empty partition
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
