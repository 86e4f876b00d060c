-- case: an allow without a reason suppresses nothing
-- expect: hoist:allow-without-reason
-- hoist:allow hoist:drop-column
ALTER TABLE customers DROP COLUMN legacy_code; -- expect: hoist:drop-column

-- case: with a reason
-- hoist:allow hoist:drop-column release 41 stopped using it
ALTER TABLE customers DROP COLUMN legacy_code; -- expect: hoist:drop-column (allowed)

-- case: a comment that only mentions hoist:allow is no suppression
-- remember: hoist:allow needs a reason
-- see the hoist:allowlist page
SELECT 1;
