-- case: a validated domain constraint
ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%'); -- expect: hoist:alter-domain-add-constraint

-- case: the safe rewrite
ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') NOT VALID;

-- case: validating later, and other domain changes
ALTER DOMAIN email VALIDATE CONSTRAINT email_has_at;
ALTER DOMAIN email SET DEFAULT 'nobody@example.com';

-- case: a domain created earlier in the same migration: no column uses it yet
CREATE DOMAIN cents AS bigint;
ALTER DOMAIN cents ADD CONSTRAINT cents_non_negative CHECK (VALUE >= 0);

