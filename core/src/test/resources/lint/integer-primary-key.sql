-- case: integer primary key
CREATE TABLE tags (id integer PRIMARY KEY, name text); -- expect: hoist:integer-primary-key

-- case: serial primary key
CREATE TABLE tags (id serial PRIMARY KEY, name text); -- expect: hoist:integer-primary-key

-- case: a table-level primary key on an int4 column
-- expect: hoist:integer-primary-key
CREATE TABLE tags (
  id int4 NOT NULL,
  name text,
  CONSTRAINT tags_pkey PRIMARY KEY (id)
);

-- case: an identity smallint key
CREATE TABLE tags (id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY); -- expect: hoist:integer-primary-key

-- case: bigint, bigserial, uuid keys
CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
CREATE TABLE tags2 (id bigserial PRIMARY KEY);
CREATE TABLE tags3 (id uuid PRIMARY KEY DEFAULT gen_random_uuid());

-- case: a composite key of integers and an integer foreign key
CREATE TABLE order_tags (order_id bigint, tag_id int, PRIMARY KEY (order_id, tag_id));
