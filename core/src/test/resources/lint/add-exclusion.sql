-- case: an exclusion constraint on an existing table
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&); -- expect: hoist:add-exclusion

-- case: unnamed, partial
ALTER TABLE bookings ADD EXCLUDE USING gist (during WITH &&) WHERE (cancelled = false); -- expect: hoist:add-exclusion

-- case: declared with the table
CREATE TABLE reservations (room_id int8, during tstzrange, EXCLUDE USING gist (room_id WITH =, during WITH &&));

-- case: added to a table created in the same migration
CREATE TABLE slots (during tstzrange);
ALTER TABLE slots ADD EXCLUDE USING gist (during WITH &&);
