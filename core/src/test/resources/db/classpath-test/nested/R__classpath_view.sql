CREATE VIEW classpath_view AS SELECT id FROM from_classpath;
