package dev.hoist.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.hoist.testsupport.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL every run uses (the tests' embedded PostgreSQL 18, or
 * {@code HOIST_TEST_DATABASE_URL}), a fresh database per run, and the checks made after
 * each run.
 */
final class Server {

	/** History and lock tables of the three tools: left out of the schema fingerprint. */
	private static final String TOOL_TABLES = "'hoist_schema_history', 'flyway_schema_history', 'databasechangelog',"
			+ " 'databasechangeloglock', '" + JdbcLoop.TABLE + "'";

	private static final String[] CATALOG = {
			// relations: tables, views, sequences, indexes
			"SELECT c.relname || ' ' || c.relkind::text FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace"
					+ " AND c.relkind IN ('r', 'v', 'S', 'i') AND NOT EXISTS (SELECT 1 FROM pg_index x JOIN pg_class t"
					+ " ON t.oid = x.indrelid WHERE x.indexrelid = c.oid AND t.relname IN (" + TOOL_TABLES + "))"
					+ " AND c.relname NOT IN (" + TOOL_TABLES + ") AND c.relname NOT LIKE 'hoist_schema_history%'"
					+ " AND c.relname NOT LIKE 'flyway_schema_history%' AND c.relname NOT LIKE 'databasechangelog%' AND c.relname NOT LIKE 'jdbc_loop_history%'"
					+ " ORDER BY 1",
			// columns with type, nullability and default
			"SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '"
					+ " || a.attnotnull::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a"
					+ " JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid"
					+ " AND d.adnum = a.attnum WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v')"
					+ " AND a.attnum > 0 AND NOT a.attisdropped AND c.relname NOT IN (" + TOOL_TABLES + ") ORDER BY 1",
			"SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN (" + TOOL_TABLES + ")"
					+ " ORDER BY 1",
			"SELECT r.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c"
					+ " JOIN pg_class r ON r.oid = c.conrelid WHERE c.connamespace = 'public'::regnamespace"
					+ " AND r.relname NOT IN (" + TOOL_TABLES + ") ORDER BY 1",
			"SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc)"
					+ " FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1",
			"SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
					+ " WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal ORDER BY 1",
			"SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t"
					+ " JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace"
					+ " GROUP BY t.typname ORDER BY 1",
			"SELECT c.relname || ' ' || md5(pg_get_viewdef(c.oid)) FROM pg_class c"
					+ " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v' ORDER BY 1",
			"SELECT obj_description(c.oid, 'pg_class') FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace"
					+ " AND obj_description(c.oid, 'pg_class') IS NOT NULL ORDER BY 1",
			// seed rows: how many each table holds
			"SELECT c.relname || ' ' || (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I',"
					+ " c.relname), false, true, '')))[1]::text FROM pg_class c"
					+ " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'" + " AND c.relname NOT IN ("
					+ TOOL_TABLES + ") ORDER BY 1" };

	private final PostgresServer server;

	private final AtomicInteger counter = new AtomicInteger();

	private final String prefix = "bench_" + ProcessHandle.current().pid() + "_";

	Server(PostgresServer server) {
		this.server = server;
	}

	static Server start() {
		return new Server(PostgresServer.shared());
	}

	/**
	 * A server that keeps what it commits, as production runs: {@code fsync},
	 * {@code full_page_writes} and {@code synchronous_commit} on, so that a commit waits
	 * for its log flush. The tests' embedded server turns all three off; with
	 * {@code HOIST_TEST_DATABASE_URL} the external server's own settings apply.
	 */
	static Server startDurable() {
		String external = System.getProperty("hoist.test.database-url", System.getenv("HOIST_TEST_DATABASE_URL"));
		if (external == null || external.isBlank()) {
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder()
					.setServerConfig("max_connections", "300")
					.setServerConfig("fsync", "on")
					.setServerConfig("full_page_writes", "on")
					.setServerConfig("synchronous_commit", "on")
					.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						// the JVM is ending; the temporary data directory goes with the
						// OS
					}
				}, "bench-postgres-shutdown"));
				System.setProperty("hoist.test.database-url",
						"postgresql://postgres@localhost:" + postgres.getPort() + "/postgres");
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start the embedded PostgreSQL: " + ex.getMessage(), ex);
			}
		}
		return start();
	}

	/** The settings that decide what a commit costs, for the report's header. */
	String durability() throws SQLException {
		return "fsync " + queryOne("postgres", "SHOW fsync") + ", synchronous_commit "
				+ queryOne("postgres", "SHOW synchronous_commit") + ", full_page_writes "
				+ queryOne("postgres", "SHOW full_page_writes");
	}

	/** Create an empty database for one run. */
	String createDatabase() {
		String name = this.prefix + this.counter.incrementAndGet();
		this.server.createDatabase(name);
		return name;
	}

	void dropDatabase(String name) {
		this.server.dropDatabase(name);
	}

	DataSource dataSource(String database) {
		return dataSource(this.server.host(), this.server.port(), this.server.user(), this.server.password(), database);
	}

	static DataSource dataSource(String host, int port, String user, String password, String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setServerNames(new String[] { host });
		dataSource.setPortNumbers(new int[] { port });
		dataSource.setDatabaseName(database);
		dataSource.setUser(user);
		dataSource.setPassword(password);
		return dataSource;
	}

	String host() {
		return this.server.host();
	}

	int port() {
		return this.server.port();
	}

	String user() {
		return this.server.user();
	}

	String password() {
		return this.server.password();
	}

	String version() throws SQLException {
		return queryOne("postgres", "SELECT version()");
	}

	String queryOne(String database, String sql) throws SQLException {
		try (Connection connection = dataSource(database).getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	/**
	 * A digest of the schema's catalog (tool tables left out) and of each table's row
	 * count.
	 */
	String fingerprint(String database) throws SQLException {
		MessageDigest digest = sha256();
		try (Connection connection = dataSource(database).getConnection();
				Statement statement = connection.createStatement()) {
			for (String sql : CATALOG) {
				try (ResultSet rs = statement.executeQuery(sql)) {
					while (rs.next()) {
						digest.update(String.valueOf(rs.getString(1)).getBytes(StandardCharsets.UTF_8));
						digest.update((byte) '\n');
					}
				}
				digest.update((byte) 0);
			}
		}
		return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
