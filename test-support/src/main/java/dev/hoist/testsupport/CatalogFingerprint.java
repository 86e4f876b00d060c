package dev.hoist.testsupport;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * What one or more schemas contain, read straight from PostgreSQL's catalogs into sorted
 * lines, so that two databases compare with {@code equals} and a difference reads as a
 * line diff. It is deliberately independent of Hoist's schema model: it shares no code
 * with it and leans on the server's own deparsers ({@code pg_get_*def},
 * {@code format_type}, {@code pg_get_expr}), so that "the diff made A equal to B" is
 * judged by something other than the code under test.
 * <p>
 * Normalised on purpose: table columns are keyed by name, not position (a diff cannot
 * reorder columns; view and composite type columns keep their position, which is part of
 * their meaning); no OID appears; objects PostgreSQL derives and names by itself (an
 * index or constraint cloned onto a partition) are keyed by their parent, not their own
 * name. Left out: objects that belong to an extension, ownership, privileges, tablespaces
 * and data. Every other object in the schemas is at least listed by an inventory line, so
 * a kind not described in detail still cannot appear or vanish unnoticed.
 */
public final class CatalogFingerprint {

	private static final String SCOPE = "n.nspname = ANY ({schemas})";

	private static final String NOT_IN_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = %s"
			+ " AND e.objid = %s AND e.deptype = 'e')";

	private static final String NOT_EXCLUDED = " AND NOT (c.relname = ANY ({excluded}))";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(schemas|excluded)}");

	private final List<String> lines;

	private CatalogFingerprint(List<String> lines) {
		this.lines = List.copyOf(lines);
	}

	/**
	 * Read the fingerprint of some schemas of a database.
	 * @param dataSource the database
	 * @param schemas the schemas to describe
	 * @return the fingerprint
	 */
	public static CatalogFingerprint of(DataSource dataSource, String... schemas) {
		return of(dataSource, List.of(schemas), Set.of());
	}

	/**
	 * Read the fingerprint of some schemas of a database, leaving out some tables (such
	 * as Hoist's own history table) and everything on them.
	 * @param dataSource the database
	 * @param schemas the schemas to describe
	 * @param excludedTables names of tables to leave out, in any of the schemas
	 * @return the fingerprint
	 */
	public static CatalogFingerprint of(DataSource dataSource, Collection<String> schemas,
			Collection<String> excludedTables) {
		try (Connection connection = dataSource.getConnection()) {
			return of(connection, schemas, excludedTables);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the catalog fingerprint: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Read the fingerprint on an open connection, which is left with an empty
	 * {@code search_path} so that every name is printed schema-qualified.
	 * @param connection the connection
	 * @param schemas the schemas to describe
	 * @param excludedTables names of tables to leave out
	 * @return the fingerprint
	 * @throws SQLException if the catalog cannot be read
	 */
	public static CatalogFingerprint of(Connection connection, Collection<String> schemas,
			Collection<String> excludedTables) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT set_config('search_path', '', false)");
		}
		Reader reader = new Reader(connection, connection.createArrayOf("text", schemas.toArray()),
				connection.createArrayOf("text", excludedTables.toArray()));
		reader.read();
		List<String> lines = new ArrayList<>(reader.lines);
		lines.sort(null);
		return new CatalogFingerprint(lines);
	}

	/**
	 * Return the lines, sorted.
	 * @return the lines
	 */
	public List<String> lines() {
		return this.lines;
	}

	/**
	 * Return whether the schemas hold nothing at all (not even the schemas themselves).
	 * @return whether there is no line
	 */
	public boolean isEmpty() {
		return this.lines.isEmpty();
	}

	/**
	 * Describe how this fingerprint differs from an expected one, line by line.
	 * @param expected the fingerprint this one should equal
	 * @return the lines only in {@code expected} ({@code - }) and only in this one
	 * ({@code + }), or an empty string when they are equal
	 */
	public String differenceFrom(CatalogFingerprint expected) {
		Set<String> mine = new TreeSet<>(this.lines);
		Set<String> theirs = new TreeSet<>(expected.lines);
		StringBuilder difference = new StringBuilder();
		for (String line : theirs) {
			if (!mine.contains(line)) {
				difference.append("- ").append(line).append('\n');
			}
		}
		for (String line : mine) {
			if (!theirs.contains(line)) {
				difference.append("+ ").append(line).append('\n');
			}
		}
		return difference.toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CatalogFingerprint fingerprint && this.lines.equals(fingerprint.lines);
	}

	@Override
	public int hashCode() {
		return this.lines.hashCode();
	}

	@Override
	public String toString() {
		return String.join("\n", this.lines);
	}

	/** Runs one query per object kind, each returning finished lines. */
	private static final class Reader {

		private final Connection connection;

		private final Array schemas;

		private final Array excluded;

		private final List<String> lines = new ArrayList<>();

		Reader(Connection connection, Array schemas, Array excluded) {
			this.connection = connection;
			this.schemas = schemas;
			this.excluded = excluded;
		}

		void read() throws SQLException {
			schemas();
			inventory();
			extensions();
			relations();
			columns();
			constraints();
			indexes();
			sequences();
			types();
			routines();
			triggers();
			rules();
			policies();
			statistics();
			collations();
			comments();
		}

		private void schemas() throws SQLException {
			query("SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + SCOPE);
		}

		/**
		 * Every object that lives in a schema, by its identity: the net under the
		 * detailed kinds, which catches operators, text search configurations, foreign
		 * tables and whatever else has no query of its own.
		 */
		private void inventory() throws SQLException {
			query("SELECT 'object ' || o.type || ' ' || o.identity FROM pg_depend d"
					+ " JOIN pg_namespace n ON d.refclassid = 'pg_namespace'::regclass AND d.refobjid = n.oid"
					+ " CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o WHERE " + SCOPE
					+ " AND d.deptype = 'n' AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classid"
					+ " AND e.objid = d.objid AND e.deptype = 'e') AND NOT (d.classid = 'pg_class'::regclass"
					+ " AND (SELECT c.relname FROM pg_class c WHERE c.oid = d.objid) = ANY ({excluded}))");
		}

		private void extensions() throws SQLException {
			query("SELECT 'extension ' || x.extname || ' schema=' || n.nspname || ' version=' || x.extversion"
					+ " FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE " + SCOPE);
		}

		private void relations() throws SQLException {
			query("SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view '"
					+ " WHEN 'f' THEN 'foreign table ' ELSE 'table ' END || c.oid::regclass::text"
					+ " || ' kind=' || c.relkind::text || ' persistence=' || c.relpersistence::text"
					+ " || ' options=' || coalesce(c.reloptions::text, '-')"
					+ " || ' rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity"
					+ " || ' replica_identity=' || c.relreplident::text"
					+ " || ' access_method=' || coalesce(am.amname, '-')"
					+ " || coalesce(' of_type=' || nullif(c.reloftype, 0)::regtype::text, '')"
					+ " || coalesce(' partition_key=' || pg_get_partkeydef(c.oid), '')"
					+ " || CASE WHEN c.relispartition THEN ' partition_of=' || (SELECT i.inhparent::regclass::text"
					+ " FROM pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid)"
					+ " || CASE WHEN (SELECT i.inhdetachpending FROM pg_inherits i WHERE i.inhrelid = c.oid)"
					+ " THEN ' detach_pending' ELSE '' END"
					+ " ELSE coalesce(' inherits=' || (SELECT string_agg(i.inhparent::regclass::text, ','"
					+ " ORDER BY i.inhseqno) FROM pg_inherits i WHERE i.inhrelid = c.oid), '') END"
					+ " || CASE WHEN c.relkind = 'm' THEN ' populated=' || c.relispopulated ELSE '' END"
					+ " || CASE WHEN c.relkind IN ('v', 'm') THEN ' definition=' || pg_get_viewdef(c.oid) ELSE '' END"
					+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " LEFT JOIN pg_am am ON am.oid = c.relam WHERE " + SCOPE
					+ " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')" + NOT_EXCLUDED
					+ notInExtension("'pg_class'::regclass", "c.oid"));
		}

		/**
		 * Columns of tables by name; of views, materialized views and composite types by
		 * position too, because there the order is part of what the object means.
		 */
		private void columns() throws SQLException {
			query("SELECT 'column ' || c.oid::regclass::text || '.' || quote_ident(a.attname)"
					+ " || CASE WHEN c.relkind IN ('v', 'm', 'c') THEN ' position=' || (SELECT count(*) FROM"
					+ " pg_attribute b WHERE b.attrelid = a.attrelid AND b.attnum > 0 AND NOT b.attisdropped"
					+ " AND b.attnum <= a.attnum) ELSE '' END" + " || ' ' || format_type(a.atttypid, a.atttypmod)"
					+ " || CASE WHEN a.attcollation <> t.typcollation THEN ' collate=' || (SELECT"
					+ " quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
					+ " JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) ELSE '' END"
					+ " || CASE WHEN a.attnotnull THEN ' not_null' ELSE '' END"
					+ " || CASE WHEN a.attgenerated <> '' THEN ' generated=' || a.attgenerated::text || ':'"
					+ " || pg_get_expr(d.adbin, d.adrelid) WHEN d.adbin IS NOT NULL THEN ' default='"
					+ " || pg_get_expr(d.adbin, d.adrelid) ELSE '' END"
					+ " || CASE WHEN a.attidentity <> '' THEN ' identity=' || a.attidentity::text ELSE '' END"
					+ " || CASE WHEN c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition THEN ' local=' || a.attislocal"
					+ " || ' inherited=' || a.attinhcount ELSE '' END"
					+ " || CASE WHEN a.attstorage <> t.typstorage THEN ' storage=' || a.attstorage::text ELSE '' END"
					+ " || CASE WHEN a.attcompression <> '' THEN ' compression=' || a.attcompression::text ELSE '' END"
					+ " || CASE WHEN a.attstattarget IS NOT NULL AND a.attstattarget >= 0 THEN ' statistics='"
					+ " || a.attstattarget ELSE '' END" + " || coalesce(' options=' || a.attoptions::text, '')"
					+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
					+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum" + " WHERE " + SCOPE
					+ " AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND a.attnum > 0" + " AND NOT a.attisdropped"
					+ NOT_EXCLUDED + notInExtension("'pg_class'::regclass", "c.oid"));
		}

		/**
		 * Constraints of tables and domains. A constraint PostgreSQL cloned from a parent
		 * (onto a partition, or for a foreign key to a partitioned table) is keyed by its
		 * parent, since its own name is PostgreSQL's choice, not the schema author's.
		 */
		private void constraints() throws SQLException {
			query("SELECT 'constraint ' || coalesce(r.oid::regclass::text, 'domain ' || con.contypid::regtype::text)"
					+ " || CASE WHEN con.conparentid <> 0 THEN ' derived from ' || (SELECT p.conname || ' on '"
					+ " || coalesce(p.conrelid::regclass::text, '-') FROM pg_constraint p WHERE p.oid = con.conparentid)"
					+ " || ' referencing ' || coalesce(nullif(con.confrelid, 0)::regclass::text, '-')"
					+ " ELSE ' ' || quote_ident(con.conname) END"
					+ " || ' type=' || con.contype::text || ' ' || pg_get_constraintdef(con.oid)"
					+ " || ' local=' || con.conislocal || ' inherited=' || con.coninhcount"
					+ " || ' validated=' || con.convalidated"
					+ " || CASE WHEN con.contype = 'f' THEN ' match=' || con.confmatchtype::text ELSE '' END"
					+ " FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace"
					+ " LEFT JOIN pg_class r ON r.oid = con.conrelid AND con.conrelid <> 0" + " WHERE " + SCOPE
					+ " AND con.contype <> 't' AND (r.oid IS NULL OR NOT (r.relname = ANY ({excluded})))"
					+ notInExtension("'pg_constraint'::regclass", "con.oid")
					+ " AND (con.contypid = 0 OR NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid ="
					+ " 'pg_type'::regclass AND e.objid = con.contypid AND e.deptype = 'e'))"
					+ " AND (r.oid IS NULL OR NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid ="
					+ " 'pg_class'::regclass AND e.objid = r.oid AND e.deptype = 'e'))");
		}

		/**
		 * Indexes that back no constraint (those are described by the constraint). An
		 * index PostgreSQL created on a partition for a partitioned index is keyed by its
		 * parent.
		 */
		private void indexes() throws SQLException {
			query("SELECT 'index ' || t.oid::regclass::text || ' '"
					+ " || CASE WHEN ic.relispartition THEN 'partition of ' || (SELECT inh.inhparent::regclass::text"
					+ " FROM pg_inherits inh WHERE inh.inhrelid = ic.oid) || ': ' || regexp_replace("
					+ " pg_get_indexdef(ic.oid), ' INDEX \\S+ ON ', ' INDEX ON ') ELSE pg_get_indexdef(ic.oid) END"
					+ " || CASE WHEN NOT i.indisvalid THEN ' INVALID' ELSE '' END"
					+ " || CASE WHEN i.indisclustered THEN ' clustered' ELSE '' END"
					+ " || CASE WHEN i.indisreplident THEN ' replica_identity' ELSE '' END"
					+ " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
					+ " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE " + SCOPE
					+ " AND NOT (t.relname = ANY ({excluded})) AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
					+ " WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
					+ notInExtension("'pg_class'::regclass", "t.oid"));
		}

		private void sequences() throws SQLException {
			query("SELECT 'sequence ' || c.oid::regclass::text || ' type=' || s.seqtypid::regtype::text"
					+ " || ' start=' || s.seqstart || ' increment=' || s.seqincrement || ' min=' || s.seqmin"
					+ " || ' max=' || s.seqmax || ' cache=' || s.seqcache || ' cycle=' || s.seqcycle"
					+ " || ' persistence=' || c.relpersistence::text"
					+ " || coalesce((SELECT ' owned_by=' || d.refobjid::regclass::text || '.' || quote_ident(a.attname)"
					+ " || CASE d.deptype WHEN 'i' THEN ' (identity)' ELSE '' END FROM pg_depend d"
					+ " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
					+ " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
					+ " AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') LIMIT 1), '')"
					+ " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n"
					+ " ON n.oid = c.relnamespace WHERE " + SCOPE + NOT_EXCLUDED
					+ notInExtension("'pg_class'::regclass", "c.oid"));
		}

		private void types() throws SQLException {
			query("SELECT 'type ' || t.oid::regtype::text || ' ' || CASE t.typtype"
					+ " WHEN 'e' THEN 'enum (' || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ', '"
					+ " ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') || ')'"
					+ " WHEN 'd' THEN 'domain base=' || format_type(t.typbasetype, t.typtypmod)"
					+ " || CASE WHEN t.typnotnull THEN ' not_null' ELSE '' END"
					+ " || coalesce(' default=' || pg_get_expr(t.typdefaultbin, 0), '')"
					+ " || CASE WHEN t.typcollation <> (SELECT b.typcollation FROM pg_type b WHERE b.oid = t.typbasetype)"
					+ " THEN ' collate=' || (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)"
					+ " FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace"
					+ " WHERE co.oid = t.typcollation) ELSE '' END" + " WHEN 'c' THEN 'composite'"
					+ " WHEN 'r' THEN (SELECT 'range subtype=' || format_type(r.rngsubtype, NULL)"
					+ " || ' opclass=' || (SELECT quote_ident(on2.nspname) || '.' || quote_ident(oc.opcname)"
					+ " FROM pg_opclass oc JOIN pg_namespace on2 ON on2.oid = oc.opcnamespace WHERE oc.oid = r.rngsubopc)"
					+ " || ' collation=' || coalesce((SELECT quote_ident(co.collname) FROM pg_collation co"
					+ " WHERE co.oid = nullif(r.rngcollation, 0)), '-')"
					+ " || ' canonical=' || r.rngcanonical::text || ' subdiff=' || r.rngsubdiff::text"
					+ " || ' multirange=' || coalesce(nullif(r.rngmultitypid, 0)::regtype::text, '-')"
					+ " FROM pg_range r WHERE r.rngtypid = t.oid)"
					+ " WHEN 'm' THEN 'multirange' ELSE 'kind=' || t.typtype::text END"
					+ " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + SCOPE
					+ " AND t.typtype IN ('e', 'd', 'c', 'r', 'm', 'b', 'p')"
					+ " AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')"
					+ " AND NOT (t.typtype = 'b' AND t.typcategory = 'A')"
					+ notInExtension("'pg_type'::regclass", "t.oid"));
		}

		/**
		 * Functions and procedures as the server prints them; aggregates (which it will
		 * not print) by their parts.
		 */
		private void routines() throws SQLException {
			query("SELECT CASE WHEN p.prokind = 'a' THEN 'aggregate ' || p.oid::regprocedure::text"
					+ " || ' kind=' || a.aggkind::text || ' transition=' || a.aggtransfn::regprocedure::text"
					+ " || ' state=' || format_type(a.aggtranstype, NULL)"
					+ " || ' final=' || coalesce(nullif(a.aggfinalfn, 0)::regprocedure::text, '-')"
					+ " || ' final_extra=' || a.aggfinalextra || ' final_modify=' || a.aggfinalmodify::text"
					+ " || ' combine=' || coalesce(nullif(a.aggcombinefn, 0)::regprocedure::text, '-')"
					+ " || ' serial=' || coalesce(nullif(a.aggserialfn, 0)::regprocedure::text, '-')"
					+ " || ' deserial=' || coalesce(nullif(a.aggdeserialfn, 0)::regprocedure::text, '-')"
					+ " || ' moving=' || coalesce(nullif(a.aggmtransfn, 0)::regprocedure::text, '-')"
					+ " || ' sort_operator=' || coalesce(nullif(a.aggsortop, 0)::regoperator::text, '-')"
					+ " || ' initial=' || coalesce(quote_literal(a.agginitval), '-')"
					+ " || ' direct_args=' || a.aggnumdirectargs || ' parallel=' || p.proparallel::text"
					+ " || ' strict=' || p.proisstrict"
					+ " ELSE CASE p.prokind WHEN 'p' THEN 'procedure ' ELSE 'function ' END || p.oid::regprocedure::text"
					+ " || ': ' || pg_get_functiondef(p.oid) END"
					+ " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
					+ " LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid WHERE " + SCOPE
					+ notInExtension("'pg_proc'::regclass", "p.oid"));
		}

		private void triggers() throws SQLException {
			query("SELECT 'trigger ' || c.oid::regclass::text || ' ' || pg_get_triggerdef(t.oid)"
					+ " || ' enabled=' || t.tgenabled::text"
					+ " || CASE WHEN t.tgparentid <> 0 THEN ' cloned' ELSE '' END"
					+ " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
					+ " ON n.oid = c.relnamespace WHERE " + SCOPE + " AND NOT t.tgisinternal" + NOT_EXCLUDED
					+ notInExtension("'pg_class'::regclass", "c.oid"));
		}

		private void rules() throws SQLException {
			query("SELECT 'rule ' || c.oid::regclass::text || ' ' || pg_get_ruledef(r.oid)"
					+ " || ' enabled=' || r.ev_enabled::text FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + SCOPE + " AND r.rulename <> '_RETURN'"
					+ NOT_EXCLUDED + notInExtension("'pg_class'::regclass", "c.oid"));
		}

		private void policies() throws SQLException {
			query("SELECT 'policy ' || c.oid::regclass::text || ' ' || quote_ident(p.polname)"
					+ " || ' command=' || p.polcmd::text || ' permissive=' || p.polpermissive"
					+ " || ' roles=' || (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ','"
					+ " ORDER BY CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END) FROM unnest(p.polroles) r)"
					+ " || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-')"
					+ " || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')"
					+ " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n"
					+ " ON n.oid = c.relnamespace WHERE " + SCOPE + NOT_EXCLUDED);
		}

		/**
		 * Extended statistics by their parts: the server prints their columns in column
		 * order, which a diff cannot choose, while they are a set.
		 */
		private void statistics() throws SQLException {
			query("SELECT 'statistics ' || quote_ident(n.nspname) || '.' || quote_ident(s.stxname)"
					+ " || ' on ' || s.stxrelid::regclass::text || ' kinds=' || (SELECT string_agg(k::text, ','"
					+ " ORDER BY k::text) FROM unnest(s.stxkind) k) || ' columns=' || coalesce((SELECT"
					+ " string_agg(quote_ident(a.attname), ',' ORDER BY a.attname) FROM unnest(s.stxkeys::int2[]) k"
					+ " JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = k), '-')"
					+ " || ' expressions=' || coalesce((SELECT string_agg(e, ', ' ORDER BY e)"
					+ " FROM unnest(pg_get_statisticsobjdef_expressions(s.oid)) e), '-')"
					+ " || coalesce(' target=' || nullif(s.stxstattarget::int, -1), '')"
					+ " FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE " + SCOPE);
		}

		private void collations() throws SQLException {
			query("SELECT 'collation ' || quote_ident(n.nspname) || '.' || quote_ident(co.collname) || ' '"
					+ " || (to_jsonb(co) - 'oid' - 'collname' - 'collnamespace' - 'collowner' - 'collversion')::text"
					+ " FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace WHERE " + SCOPE
					+ notInExtension("'pg_collation'::regclass", "co.oid"));
		}

		/** Comments on anything in the schemas, and on the schemas themselves. */
		private void comments() throws SQLException {
			query("SELECT 'comment on ' || o.type || ' ' || o.identity || ': ' || d.description"
					+ " FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
					+ " JOIN pg_namespace n ON n.nspname = coalesce(o.schema, CASE WHEN o.type = 'schema' THEN o.name END,"
					+ " CASE WHEN o.type = 'extension' THEN (SELECT x2.nspname FROM pg_extension x JOIN pg_namespace x2"
					+ " ON x2.oid = x.extnamespace WHERE x.oid = d.objoid) END) WHERE " + SCOPE
					+ " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid"
					+ " AND e.deptype = 'e') AND NOT (d.classoid = 'pg_class'::regclass AND (SELECT c.relname"
					+ " FROM pg_class c WHERE c.oid = d.objoid) = ANY ({excluded}))");
		}

		private static String notInExtension(String classId, String objectId) {
			return NOT_IN_EXTENSION.formatted(classId, objectId);
		}

		/**
		 * Run a query whose first column is one line, binding {@code {schemas}} and
		 * {@code {excluded}} to the schema list and the excluded tables.
		 */
		private void query(String sql) throws SQLException {
			List<Array> parameters = new ArrayList<>();
			Matcher matcher = PLACEHOLDER.matcher(sql);
			while (matcher.find()) {
				parameters.add("{schemas}".equals(matcher.group()) ? this.schemas : this.excluded);
			}
			try (PreparedStatement statement = this.connection.prepareStatement(matcher.replaceAll("?"))) {
				for (int index = 0; index < parameters.size(); index++) {
					statement.setArray(index + 1, parameters.get(index));
				}
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						String line = rs.getString(1);
						if (line != null) {
							this.lines.add(line);
						}
					}
				}
			}
		}

	}

}
