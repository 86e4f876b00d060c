-- migrate:up
CREATE TABLE from_classpath (id int);
-- migrate:down
DROP TABLE from_classpath;
