-- case: char(n)
CREATE TABLE countries (code char(2) PRIMARY KEY, name text); -- expect: hoist:prefer-text-over-char

-- case: character(n), ADD COLUMN
ALTER TABLE orders ADD COLUMN currency character(3); -- expect: hoist:prefer-text-over-char

-- case: text, varchar, "char"
CREATE TABLE countries2 (code text PRIMARY KEY, name varchar(100), flag "char");
