-- case: a primary key on an existing table
ALTER TABLE events ADD PRIMARY KEY (id); -- expect: hoist:add-primary-key

-- case: named, composite
ALTER TABLE order_tags ADD CONSTRAINT order_tags_pkey PRIMARY KEY (order_id, tag_id); -- expect: hoist:add-primary-key

-- case: an added column declared PRIMARY KEY
ALTER TABLE legacy ADD COLUMN uid uuid PRIMARY KEY DEFAULT gen_random_uuid(); -- expect: hoist:add-primary-key, hoist:add-column-volatile-default

-- case: the safe rewrite, first migration
-- migrate:up transaction:false
CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);

-- case: the safe rewrite, second migration
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;

-- case: a primary key on a new table
CREATE TABLE kv (k text NOT NULL, v text);
ALTER TABLE kv ADD PRIMARY KEY (k);
