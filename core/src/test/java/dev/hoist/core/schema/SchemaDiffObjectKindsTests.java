package dev.hoist.core.schema;

import java.util.stream.Stream;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object kind created, altered and dropped, and a dependency that forces an order:
 * each pair is diffed, the migration applied with Hoist to a real database and the result
 * compared with the target's model for equality, then the down sections applied and the
 * result compared with the source. Both the online and the plain forms.
 */
@PostgresTest
class SchemaDiffObjectKindsTests {

	private static final String ORDERS = """
			CREATE TABLE shops (id int PRIMARY KEY, domain text NOT NULL);
			CREATE TABLE orders (id int PRIMARY KEY, shop_id int NOT NULL, total numeric(10,2), status text,
			  created_at timestamptz NOT NULL DEFAULT now());
			INSERT INTO shops VALUES (1, 'a.example');
			INSERT INTO orders VALUES (1, 1, 10, 'new', now());
			""";

	static Stream<Arguments> cases() {
		return Stream.of(
				// schemas
				Arguments.of("schema created", "", "CREATE SCHEMA reporting; COMMENT ON SCHEMA reporting IS 'r'"),
				// extensions
				Arguments.of("extension created", "", "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public"),
				// collations
				Arguments.of("collation created and used", "CREATE TABLE u (name text)",
						"CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
								+ " COMMENT ON COLLATION ci IS 'case-insensitive';"
								+ " CREATE TABLE u (name text COLLATE ci)"),
				Arguments.of("libc collations for any encoding and for the database's", "CREATE TABLE u (name text)",
						"CREATE COLLATION any_c FROM \"C\"; CREATE COLLATION any_posix FROM \"POSIX\";"
								+ " CREATE COLLATION db_c (provider = libc, locale = 'C');"
								+ " CREATE TABLE u (name text COLLATE any_c)"),
				Arguments.of("collation changed under a column",
						"CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
								+ " CREATE TABLE u (name text COLLATE ci); INSERT INTO u VALUES ('A')",
						"CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level1', deterministic = false);"
								+ " CREATE TABLE u (name text COLLATE ci)"),
				// enums
				Arguments.of("enum created", "", "CREATE TYPE mood AS ENUM ('happy', 'sad')"),
				Arguments.of("enum gains values", "CREATE TYPE mood AS ENUM ('happy', 'sad')",
						"CREATE TYPE mood AS ENUM ('ok', 'happy', 'meh', 'sad', 'angry')"),
				Arguments.of("enum loses a value under a column and a view",
						"CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh'); CREATE TABLE t (id int, m mood DEFAULT 'happy',"
								+ " ms mood[]); CREATE VIEW v AS SELECT m FROM t; INSERT INTO t VALUES (1, 'sad', '{sad}')",
						"CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE t (id int, m mood DEFAULT 'happy',"
								+ " ms mood[]); CREATE VIEW v AS SELECT m FROM t"),
				Arguments.of("enum value used by a new default in the same migration",
						"CREATE TYPE state AS ENUM ('new'); CREATE TABLE jobs (id int, s state)",
						"CREATE TYPE state AS ENUM ('new', 'done'); CREATE TABLE jobs (id int, s state DEFAULT 'done')"),
				// composite and range types
				Arguments.of("composite created", "",
						"CREATE TYPE money2 AS (amount numeric, currency text COLLATE \"C\")"),
				Arguments.of("composite altered", "CREATE TYPE money2 AS (amount numeric, currency text, x int)",
						"CREATE TYPE money2 AS (amount numeric(12,2), currency text, code char(3))"),
				Arguments.of("range created and changed", "CREATE TYPE floatrange AS RANGE (subtype = float8)",
						"CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);"
								+ " COMMENT ON TYPE floatrange IS 'f'"),
				// domains
				Arguments.of("domain with constraints created", "",
						"CREATE DOMAIN email AS text COLLATE \"C\" DEFAULT '' NOT NULL CONSTRAINT email_at CHECK (VALUE LIKE '%@%')"),
				Arguments.of("domain altered",
						"CREATE DOMAIN email AS text CONSTRAINT email_at CHECK (VALUE LIKE '%@%');"
								+ " CREATE TABLE u (e email); INSERT INTO u VALUES ('a@b')",
						"CREATE DOMAIN email AS text DEFAULT 'x@y' NOT NULL CONSTRAINT email_len CHECK (length(VALUE) < 200);"
								+ " CREATE TABLE u (e email)"),
				Arguments.of("domain base type changes under a column",
						"CREATE DOMAIN code AS varchar(5); CREATE TABLE c (k code); INSERT INTO c VALUES ('ab')",
						"CREATE DOMAIN code AS text; CREATE TABLE c (k code)"),
				// sequences
				Arguments.of("sequence created, owned", "CREATE TABLE t (id int)",
						"CREATE TABLE t (id int); CREATE SEQUENCE t_seq AS int INCREMENT 5 MINVALUE 10 START 10 CACHE 3 CYCLE"
								+ " OWNED BY t.id"),
				Arguments.of("sequence altered", "CREATE SEQUENCE s",
						"CREATE SEQUENCE s AS int INCREMENT 2 MAXVALUE 1000"),
				Arguments.of("serial and identity columns", "",
						"CREATE TABLE t (a serial, b bigint GENERATED BY DEFAULT AS IDENTITY (START 100 INCREMENT 10))"),
				Arguments.of("identity altered",
						"CREATE TABLE t (a int GENERATED BY DEFAULT AS IDENTITY, b int NOT NULL)",
						"CREATE TABLE t (a int GENERATED ALWAYS AS IDENTITY (INCREMENT 2), b int GENERATED ALWAYS AS IDENTITY)"),
				// tables
				Arguments.of("table options, unlogged, row security", "CREATE TABLE t (id int)",
						"CREATE UNLOGGED TABLE t (id int) WITH (fillfactor = 70); ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
								+ " ALTER TABLE t FORCE ROW LEVEL SECURITY; ALTER TABLE t REPLICA IDENTITY FULL"),
				Arguments.of("columns with collation, generated, storage", "CREATE TABLE t (id int, a text)",
						"CREATE TABLE t (id int, a text COLLATE \"C\", b int GENERATED ALWAYS AS (id * 2) STORED,"
								+ " c text); ALTER TABLE t ALTER COLUMN c SET STORAGE EXTERNAL;"
								+ " ALTER TABLE t ALTER COLUMN c SET STATISTICS 500"),
				Arguments.of("partitioned table and partitions", "",
						"CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text DEFAULT 'x')"
								+ " PARTITION BY RANGE (at); CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM"
								+ " ('2026-01-01') TO ('2027-01-01'); CREATE TABLE events_other PARTITION OF events DEFAULT;"
								+ " CREATE INDEX events_at ON events (at)"),
				Arguments.of("partition attached, detached and re-bounded",
						"CREATE TABLE m (k int) PARTITION BY LIST (k); CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1);"
								+ " CREATE TABLE m2 (k int)",
						"CREATE TABLE m (k int) PARTITION BY LIST (k); CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1, 3);"
								+ " CREATE TABLE m2 PARTITION OF m FOR VALUES IN (2)"),
				Arguments.of("partition columns follow their parent's",
						"CREATE TYPE st AS ENUM ('a', 'b'); CREATE TABLE ev (id int NOT NULL, at date NOT NULL, gone text,"
								+ " n int DEFAULT 1) PARTITION BY RANGE (at); CREATE TABLE ev1 PARTITION OF ev FOR VALUES"
								+ " FROM ('2026-01-01') TO ('2027-01-01'); ALTER TABLE ev1 ALTER COLUMN n SET DEFAULT 5",
						"CREATE TYPE st AS ENUM ('a', 'b'); CREATE TABLE ev (id bigint NOT NULL, at date NOT NULL,"
								+ " s st DEFAULT 'a', n int DEFAULT 2, note text NOT NULL DEFAULT '') PARTITION BY RANGE (at);"
								+ " CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"
								+ " ALTER TABLE ev1 ALTER COLUMN s SET DEFAULT 'b'"),
				Arguments.of("inheriting children follow their parent's columns",
						"CREATE TABLE base (id int, note text); CREATE TABLE kid (extra int) INHERITS (base)",
						"CREATE TABLE base (id bigint, added text DEFAULT 'x'); CREATE TABLE kid (extra int) INHERITS (base)"),
				Arguments.of("inheritance",
						"CREATE TABLE base (id int, note text); CREATE TABLE child (id int, extra int)",
						"CREATE TABLE base (id int, note text); CREATE TABLE child (id int, note text, extra int) INHERITS (base);"
								+ " CREATE TABLE child2 (more int) INHERITS (base)"),
				// constraints
				Arguments.of("constraints created on an existing table", ORDERS,
						ORDERS.replace("status text,", "status text CHECK (status <> ''),")
								+ """
										ALTER TABLE orders ADD CONSTRAINT orders_shop FOREIGN KEY (shop_id) REFERENCES shops (id)
										  ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
										ALTER TABLE shops ADD CONSTRAINT shops_domain UNIQUE (domain);
										ALTER TABLE orders ADD CONSTRAINT orders_recent CHECK (created_at > '2000-01-01') NOT VALID;
										"""),
				Arguments.of("constraints changed and validated",
						ORDERS + "ALTER TABLE orders ADD CONSTRAINT pos CHECK (total > 0) NOT VALID;"
								+ " ALTER TABLE orders ADD CONSTRAINT st CHECK (status <> '')",
						ORDERS + "ALTER TABLE orders ADD CONSTRAINT pos CHECK (total > 0);"
								+ " ALTER TABLE orders ADD CONSTRAINT st CHECK (status <> 'x')"),
				Arguments.of("exclusion and primary key",
						"CREATE EXTENSION btree_gist; CREATE TABLE r (id int, during tstzrange)",
						"CREATE EXTENSION btree_gist; CREATE TABLE r (id int PRIMARY KEY, during tstzrange,"
								+ " EXCLUDE USING gist (id WITH =, during WITH &&))"),
				// indexes
				Arguments.of("indexes of every shape", ORDERS, ORDERS + """
						CREATE UNIQUE INDEX orders_status ON orders (lower(status)) INCLUDE (total) WHERE total > 0;
						CREATE INDEX orders_brin ON orders USING brin (created_at) WITH (pages_per_range = 32);
						CREATE INDEX orders_text ON orders (status text_pattern_ops DESC NULLS LAST);
						COMMENT ON INDEX orders_brin IS 'time';
						"""),
				Arguments.of("index changed", ORDERS + "CREATE INDEX o ON orders (status)",
						ORDERS + "CREATE INDEX o ON orders (status, total)"),
				// views and materialized views
				Arguments.of("views and materialized views created", ORDERS,
						ORDERS + """
								CREATE VIEW open_orders WITH (security_barrier) AS SELECT id, total FROM orders WHERE status = 'new';
								CREATE VIEW big AS SELECT id FROM open_orders WHERE total > 100 WITH CASCADED CHECK OPTION;
								CREATE MATERIALIZED VIEW totals AS SELECT shop_id, sum(total) AS total FROM orders GROUP BY shop_id;
								CREATE UNIQUE INDEX totals_shop ON totals (shop_id);
								CREATE MATERIALIZED VIEW empty AS SELECT 1 AS one WITH NO DATA;
								COMMENT ON COLUMN open_orders.total IS 'sum';
								"""),
				Arguments.of("view replaced in place and redefined", ORDERS
						+ "CREATE VIEW v WITH (security_barrier) AS SELECT id FROM orders; CREATE VIEW w AS SELECT id, status FROM orders;"
						+ " CREATE VIEW ww AS SELECT * FROM w",
						ORDERS + "CREATE VIEW v WITH (security_barrier) AS SELECT id, total FROM orders;"
								+ " CREATE VIEW w AS SELECT status FROM orders; CREATE VIEW ww AS SELECT * FROM w"),
				Arguments.of("materialized view redefined",
						ORDERS + "CREATE MATERIALIZED VIEW mv AS SELECT id FROM orders; CREATE INDEX mv_id ON mv (id)",
						ORDERS + "CREATE MATERIALIZED VIEW mv AS SELECT id, total FROM orders; CREATE INDEX mv_id ON mv (id)"),
				// functions, procedures, aggregates
				Arguments.of("functions, procedures and aggregates created", "",
						"""
								CREATE FUNCTION add(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
								CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.x := 1; RETURN NEW; END$$;
								CREATE PROCEDURE p(INOUT n int) LANGUAGE plpgsql AS $$BEGIN n := n + 1; END$$;
								CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
								CREATE FUNCTION atomic_one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
								"""),
				Arguments.of("function replaced in place and with a new signature",
						"CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';"
								+ " CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql AS 'SELECT a'",
						"CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql STABLE AS 'SELECT a + 1';"
								+ " CREATE FUNCTION g(a int) RETURNS bigint LANGUAGE sql AS 'SELECT a::bigint'"),
				Arguments.of("function used by a default and a check changes its result type",
						"CREATE FUNCTION dflt() RETURNS int LANGUAGE sql AS 'SELECT 1';"
								+ " CREATE TABLE t (a int DEFAULT dflt() CHECK (a <= dflt()))",
						"CREATE FUNCTION dflt() RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';"
								+ " CREATE TABLE t (a int DEFAULT dflt() CHECK (a <= dflt()))"),
				// triggers and rules
				Arguments.of("triggers created, changed and disabled", ORDERS + """
						CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
						CREATE TRIGGER t1 BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION stamp();
						CREATE TRIGGER t2 AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION stamp();
						""",
						ORDERS + """
								CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
								CREATE TRIGGER t1 BEFORE INSERT OR UPDATE OF status ON orders FOR EACH ROW
								  WHEN (NEW.total > 0) EXECUTE FUNCTION stamp();
								CREATE TRIGGER t2 AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION stamp();
								ALTER TABLE orders DISABLE TRIGGER t2;
								CREATE CONSTRAINT TRIGGER t3 AFTER INSERT ON orders DEFERRABLE FOR EACH ROW EXECUTE FUNCTION stamp();
								COMMENT ON TRIGGER t2 ON orders IS 'off';
								"""),
				Arguments.of("rules", ORDERS + "CREATE RULE r1 AS ON DELETE TO orders DO INSTEAD NOTHING",
						ORDERS + "CREATE RULE r1 AS ON DELETE TO orders WHERE old.total > 0 DO INSTEAD NOTHING;"
								+ " CREATE RULE r2 AS ON UPDATE TO shops DO ALSO NOTIFY shops"),
				// policies
				Arguments.of("policies", ORDERS + "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;"
						+ " CREATE POLICY p1 ON orders USING (shop_id = 1); CREATE POLICY gone ON orders FOR DELETE USING (true)",
						ORDERS + "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;"
								+ " CREATE POLICY p1 ON orders TO PUBLIC USING (shop_id = 2) WITH CHECK (total > 0);"
								+ " CREATE POLICY p2 ON orders AS RESTRICTIVE FOR INSERT WITH CHECK (status IS NOT NULL)"),
				// extended statistics and comments
				Arguments.of("statistics and comments", ORDERS + "CREATE STATISTICS s1 ON shop_id, status FROM orders",
						ORDERS + "CREATE STATISTICS s1 (ndistinct) ON shop_id, status FROM orders;"
								+ " CREATE STATISTICS s2 (mcv) ON status, total FROM orders;"
								+ " ALTER STATISTICS s2 SET STATISTICS 200; COMMENT ON STATISTICS s2 IS 's';"
								+ " COMMENT ON CONSTRAINT orders_pkey ON orders IS 'pk'; COMMENT ON COLUMN orders.total IS 't'"),
				// dependencies that force an order
				Arguments.of("column type change under a view, a policy and a trigger", ORDERS
						+ "CREATE VIEW v AS SELECT id, total FROM orders; CREATE VIEW vv AS SELECT * FROM v;"
						+ " CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
						+ " CREATE TRIGGER t BEFORE UPDATE OF total ON orders FOR EACH ROW EXECUTE FUNCTION stamp();"
						+ " CREATE POLICY p ON orders USING (total > 0)",
						ORDERS.replace("total numeric(10,2)", "total numeric(14,4)")
								+ "CREATE VIEW v AS SELECT id, total FROM orders; CREATE VIEW vv AS SELECT * FROM v;"
								+ " CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
								+ " CREATE TRIGGER t BEFORE UPDATE OF total ON orders FOR EACH ROW EXECUTE FUNCTION stamp();"
								+ " CREATE POLICY p ON orders USING (total > 0)"),
				Arguments.of("foreign keys between new tables, type before table", "", """
						CREATE TYPE kind AS ENUM ('a', 'b');
						CREATE TABLE parent (id int PRIMARY KEY, k kind, child_id int);
						CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);
						ALTER TABLE parent ADD FOREIGN KEY (child_id) REFERENCES child;
						"""),
				Arguments.of("dropped column used by a view and a foreign key",
						"CREATE TABLE a (id int PRIMARY KEY, code text UNIQUE); CREATE TABLE b (code text REFERENCES a (code));"
								+ " CREATE VIEW v AS SELECT id, code FROM a",
						"CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (code text); CREATE VIEW v AS SELECT id FROM a"));
	}

	@ParameterizedTest(name = "{0} (online)")
	@MethodSource("cases")
	void roundTripsOnline(String name, String from, String to, TestDatabase db) {
		SchemaPair.of(db, from, to).roundTrip(true);
	}

	// the plain forms differ from the online ones only for tables, their indexes and
	// constraints
	static Stream<Arguments> tableCases() {
		return cases().filter((arguments) -> ((String) arguments.get()[0])
			.matches(".*(constraint|index|indexes|column|partition|foreign).*")
				&& !((String) arguments.get()[0]).contains("follow"));
	}

	@ParameterizedTest(name = "{0} (plain)")
	@MethodSource("tableCases")
	void roundTripsPlain(String name, String from, String to, TestDatabase db) {
		SchemaPair.of(db, from, to).roundTrip(false);
	}

}
