-- case: a validated check on an existing table
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0); -- expect: hoist:add-check

-- case: unnamed, with a nested expression
ALTER TABLE orders ADD CHECK (state IN ('new', 'paid') AND (total >= 0 OR state = 'new')); -- expect: hoist:add-check

-- case: an inline CHECK on an added column
ALTER TABLE orders ADD COLUMN discount numeric CHECK (discount >= 0); -- expect: hoist:add-check

-- case: a NOT NULL check without NOT VALID
ALTER TABLE orders ADD CONSTRAINT orders_email_not_null CHECK (email IS NOT NULL); -- expect: hoist:add-check

-- case: the safe rewrite
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;

-- case: validating in its own migration
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;

-- case: a check on a new table
CREATE TABLE coupons (code text PRIMARY KEY, percent int CHECK (percent BETWEEN 1 AND 100));
ALTER TABLE coupons ADD CONSTRAINT coupons_code_length CHECK (char_length(code) <= 20);

-- case: NOT ENFORCED
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT ENFORCED;

-- case: a column whose name contains check
ALTER TABLE orders ADD COLUMN check_sum text, ADD COLUMN checked_at timestamptz;
