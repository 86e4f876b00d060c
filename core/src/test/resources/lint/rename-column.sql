-- case: RENAME COLUMN
ALTER TABLE customers RENAME COLUMN email TO email_address; -- expect: hoist:rename-column

-- case: RENAME without COLUMN, quoted, IF EXISTS ONLY
ALTER TABLE IF EXISTS ONLY "Customers" RENAME "Email" TO "EmailAddress"; -- expect: hoist:rename-column

-- case: a column of a table created in the same migration
CREATE TABLE drafts (id bigint PRIMARY KEY, titel text);
ALTER TABLE drafts RENAME COLUMN titel TO title;

-- case: renaming a constraint or an index is invisible to queries
ALTER TABLE customers RENAME CONSTRAINT customers_email_key TO customers_email_unique;
ALTER INDEX customers_email_idx RENAME TO customers_email_lower_idx;

-- case: the safe rewrite: add the new column
ALTER TABLE customers ADD COLUMN email_address text;
