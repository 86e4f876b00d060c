package dev.hoist.core.schema;

import java.util.List;

import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The independent fingerprint sees every kind of change the schema diff must make, and
 * ignores what a diff cannot and need not reproduce (column order, names PostgreSQL
 * chooses for objects it derives).
 */
@PostgresTest
class CatalogFingerprintTests {

	private static final String BASE = """
			CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;
			CREATE TYPE public.mood AS ENUM ('sad', 'ok');
			CREATE TYPE public.pair AS (a integer, b text);
			CREATE DOMAIN public.positive AS integer CHECK (VALUE > 0);
			CREATE TYPE public.score_range AS RANGE (subtype = integer);
			CREATE COLLATION public.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
			CREATE SEQUENCE public.tickets START 10;
			CREATE FUNCTION public.twice(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2';
			CREATE TABLE public.shops (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
			    mood public.mood DEFAULT 'ok', code text COLLATE public.nocase, qty public.positive,
			    doubled integer GENERATED ALWAYS AS (public.twice(1)) STORED);
			CREATE TABLE public.events (shop_id bigint REFERENCES public.shops, at date NOT NULL, during tsrange)
			    PARTITION BY RANGE (at);
			CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
			CREATE INDEX events_at ON public.events (at);
			CREATE INDEX shops_name ON public.shops (lower(name)) INCLUDE (mood) WHERE name <> '';
			CREATE VIEW public.shop_names AS SELECT id, name FROM public.shops;
			CREATE MATERIALIZED VIEW public.shop_count AS SELECT count(*) AS n FROM public.shops;
			CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
			CREATE TRIGGER shops_touch BEFORE UPDATE ON public.shops FOR EACH ROW EXECUTE FUNCTION public.touch();
			CREATE RULE shop_names_insert AS ON INSERT TO public.shop_names DO INSTEAD NOTHING;
			ALTER TABLE public.shops ENABLE ROW LEVEL SECURITY;
			CREATE POLICY own ON public.shops USING (name = current_user);
			CREATE STATISTICS public.shops_stats ON name, mood FROM public.shops;
			CREATE AGGREGATE public.total(integer) (sfunc = int4pl, stype = integer, initcond = '0');
			CREATE PROCEDURE public.noop() LANGUAGE sql AS 'SELECT 1';
			COMMENT ON TABLE public.shops IS 'shops';
			CREATE TABLE public.notes (body text);
			""";

	private TestDatabase database;

	@BeforeEach
	void reset(TestDatabase database) {
		this.database = database;
		database.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
		database.execute(BASE);
	}

	@Test
	void describesEveryObjectKind() {
		List<String> lines = fingerprint().lines();
		assertThat(lines).anyMatch((line) -> line.startsWith("extension btree_gist"))
			.anyMatch((line) -> line.equals("type public.mood enum ('sad', 'ok')"))
			.anyMatch((line) -> line.startsWith("type public.pair composite"))
			.anyMatch((line) -> line.startsWith("column public.pair.b position=2 text"))
			.anyMatch((line) -> line.startsWith("type public.positive domain base=integer"))
			.anyMatch((line) -> line.startsWith("constraint domain public.positive positive_check type=c CHECK"))
			.anyMatch((line) -> line.startsWith("type public.score_range range subtype=integer"))
			.anyMatch((line) -> line.startsWith("collation public.nocase"))
			.anyMatch((line) -> line.startsWith("sequence public.tickets type=bigint start=10"))
			.anyMatch((line) -> line.startsWith("sequence public.shops_id_seq") && line.endsWith("(identity)"))
			.anyMatch((line) -> line.startsWith("table public.events kind=p")
					&& line.contains("partition_key=RANGE (at)"))
			.anyMatch((line) -> line.contains("partition_of=public.events FOR VALUES FROM ('2024-01-01')"))
			.anyMatch((line) -> line.startsWith("column public.shops.code text collate=public.nocase"))
			.anyMatch((line) -> line.startsWith("column public.shops.doubled integer generated=s:public.twice(1)"))
			.anyMatch((line) -> line.startsWith("column public.shops.id bigint not_null identity=a"))
			.anyMatch((line) -> line.startsWith("constraint public.events events_shop_id_fkey type=f"))
			.anyMatch((line) -> line.startsWith("constraint public.events_2024 derived from events_shop_id_fkey"))
			.anyMatch((line) -> line.startsWith("index public.events CREATE INDEX events_at ON ONLY public.events"))
			.anyMatch((line) -> line
				.startsWith("index public.events_2024 partition of public.events_at: CREATE INDEX ON"))
			.anyMatch((line) -> line.startsWith("index public.shops CREATE INDEX shops_name ON public.shops USING btree"
					+ " (lower(name)) INCLUDE (mood) WHERE (name <> ''::text)"))
			.anyMatch((line) -> line.startsWith("view public.shop_names") && line.contains("definition= SELECT"))
			.anyMatch((line) -> line.startsWith("column public.shop_names.name position=2 text"))
			.anyMatch(
					(line) -> line.startsWith("materialized view public.shop_count") && line.contains("populated=true"))
			.anyMatch((line) -> line.startsWith("function public.twice(integer): CREATE OR REPLACE FUNCTION"))
			.anyMatch((line) -> line.startsWith("procedure public.noop(): CREATE OR REPLACE PROCEDURE"))
			.anyMatch((line) -> line.startsWith("aggregate public.total(integer) kind=n transition=int4pl"))
			.anyMatch((line) -> line.startsWith("trigger public.shops CREATE TRIGGER shops_touch BEFORE UPDATE"))
			.anyMatch((line) -> line.startsWith("rule public.shop_names CREATE RULE shop_names_insert"))
			.anyMatch((line) -> line.startsWith("table public.shops") && line.contains("rls=true/false"))
			.anyMatch((line) -> line.startsWith("policy public.shops own command=* permissive=true roles=public"))
			.anyMatch((line) -> line.equals(
					"statistics public.shops_stats on public.shops kinds=d,f,m columns=mood,name" + " expressions=-"))
			.anyMatch((line) -> line.equals("comment on table public.shops: shops"))
			.anyMatch((line) -> line.equals("object function public.twice(integer)"))
			.noneMatch((line) -> line.contains("gbtreekey"));
	}

	@Test
	void seesEachKindOfChange() {
		CatalogFingerprint base = fingerprint();
		List<String> changes = List.of("ALTER TYPE public.mood ADD VALUE 'glad'",
				"ALTER TYPE public.pair ADD ATTRIBUTE c integer", "ALTER DOMAIN public.positive SET DEFAULT 1",
				"ALTER DOMAIN public.positive ADD CONSTRAINT small CHECK (VALUE < 100) NOT VALID",
				"ALTER SEQUENCE public.tickets INCREMENT 2", "ALTER SEQUENCE public.tickets OWNED BY public.shops.qty",
				"ALTER TABLE public.shops ALTER COLUMN id SET GENERATED BY DEFAULT",
				"ALTER TABLE public.shops ALTER COLUMN name DROP NOT NULL",
				"ALTER TABLE public.shops ALTER COLUMN mood SET DEFAULT 'sad'",
				"ALTER TABLE public.shops ALTER COLUMN code TYPE varchar(20)",
				"ALTER TABLE public.shops ALTER COLUMN code SET DATA TYPE text COLLATE \"C\"",
				"ALTER TABLE public.notes SET UNLOGGED",
				"ALTER TABLE public.shops ADD CONSTRAINT name_long" + " CHECK (length(name) > 1) NOT VALID",
				"ALTER TABLE public.events ALTER CONSTRAINT events_shop_id_fkey DEFERRABLE INITIALLY DEFERRED",
				"ALTER TABLE public.shops ADD CONSTRAINT no_overlap EXCLUDE USING gist (qty WITH =)",
				"CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01')"
						+ " TO ('2026-01-01')",
				"ALTER TABLE public.events DETACH PARTITION public.events_2024",
				"CREATE TABLE public.child (extra int) INHERITS (public.shops)", "DROP INDEX public.shops_name",
				"CREATE INDEX shops_code ON public.shops USING gist (qty)",
				"CREATE OR REPLACE VIEW public.shop_names AS SELECT id, name, mood FROM public.shops",
				"CREATE INDEX ON public.shop_count (n)",
				"CREATE OR REPLACE FUNCTION public.twice(integer)"
						+ " RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $1'",
				"ALTER FUNCTION public.twice(integer) STABLE", "ALTER TABLE public.shops DISABLE TRIGGER shops_touch",
				"DROP RULE shop_names_insert ON public.shop_names", "ALTER TABLE public.shops FORCE ROW LEVEL SECURITY",
				"ALTER POLICY own ON public.shops USING (true)",
				"ALTER STATISTICS public.shops_stats SET STATISTICS 50",
				"COMMENT ON COLUMN public.shops.name IS 'the name'", "COMMENT ON TABLE public.shops IS 'Shops'",
				"DROP AGGREGATE public.total(integer)", "ALTER PROCEDURE public.noop() SET work_mem = '1MB'",
				"CREATE OPERATOR public.=== (function = int4eq, leftarg = integer, rightarg = integer)",
				"REFRESH MATERIALIZED VIEW public.shop_count WITH NO DATA");
		for (String change : changes) {
			reset(this.database);
			this.database.execute(change);
			assertThat(fingerprint()).as(change).isNotEqualTo(base);
		}
	}

	@Test
	void ignoresColumnOrderOfTablesAndNamesPostgresqlDerives() {
		CatalogFingerprint base = fingerprint();
		this.database.execute("""
				ALTER TABLE public.shops ADD COLUMN tmp integer;
				ALTER TABLE public.shops DROP COLUMN tmp;
				ALTER TABLE public.shops DROP COLUMN name CASCADE;
				ALTER TABLE public.shops ADD COLUMN name text NOT NULL;
				CREATE INDEX shops_name ON public.shops (lower(name)) INCLUDE (mood) WHERE name <> '';
				CREATE VIEW public.shop_names AS SELECT id, name FROM public.shops;
				CREATE RULE shop_names_insert AS ON INSERT TO public.shop_names DO INSTEAD NOTHING;
				CREATE STATISTICS public.shops_stats ON name, mood FROM public.shops;
				CREATE POLICY own ON public.shops USING (name = current_user);
				ALTER TABLE public.events DETACH PARTITION public.events_2024;
				DROP INDEX public.events_2024_at_idx;
				CREATE INDEX another_name ON public.events_2024 (at);
				ALTER TABLE public.events ATTACH PARTITION public.events_2024
				    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
				""");
		CatalogFingerprint changed = fingerprint();
		assertThat(changed.differenceFrom(base)).isEmpty();
		assertThat(changed).isEqualTo(base);
	}

	@Test
	void leavesOutExcludedTablesAndWhatHangsOnThem() {
		CatalogFingerprint base = fingerprint();
		this.database.execute("CREATE TABLE public.hoist_schema_history (version text PRIMARY KEY);"
				+ " CREATE INDEX ON public.hoist_schema_history (version DESC);"
				+ " COMMENT ON TABLE public.hoist_schema_history IS 'history'");
		CatalogFingerprint withHistory = CatalogFingerprint.of(this.database.dataSource(), List.of("public"),
				List.of("hoist_schema_history"));
		assertThat(withHistory.differenceFrom(base)).isEmpty();
	}

	@Test
	void describesTheDifferenceLineByLine() {
		CatalogFingerprint base = fingerprint();
		this.database.execute("COMMENT ON TABLE public.shops IS 'Shops'");
		assertThat(fingerprint().differenceFrom(base))
			.isEqualTo("- comment on table public.shops: shops\n+ comment on table public.shops: Shops\n");
	}

	private CatalogFingerprint fingerprint() {
		return CatalogFingerprint.of(this.database.dataSource(), "public");
	}

}
