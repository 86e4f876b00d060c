package dev.hoist.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * The one PostgreSQL server a test JVM uses, chosen once:
 * <ol>
 * <li>{@code HOIST_TEST_DATABASE_URL} (or the system property
 * {@code hoist.test.database-url}) set: that server, e.g.
 * {@code postgresql://postgres:secret@localhost:5432/postgres}; the user needs
 * {@code CREATEDB};</li>
 * <li>{@code -Dhoist.test.postgres=testcontainers}: a Testcontainers PostgreSQL (needs
 * Docker);</li>
 * <li>otherwise an embedded PostgreSQL from Maven Central binaries, started once per JVM;
 * {@code mvn verify -Dpg=16} picks another major.</li>
 * </ol>
 */
public final class PostgresServer {

	private static @Nullable PostgresServer shared;

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	private final String adminDatabase;

	private final Map<String, String> parameters;

	private final String description;

	private PostgresServer(String host, int port, String user, String password, String adminDatabase,
			Map<String, String> parameters, String description) {
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
		this.adminDatabase = adminDatabase;
		this.parameters = parameters;
		this.description = description;
	}

	/**
	 * Return the server of this JVM, starting it on first use.
	 * @return the shared server
	 */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	private static PostgresServer start() {
		String url = System.getProperty("hoist.test.database-url", System.getenv("HOIST_TEST_DATABASE_URL"));
		if (url != null && !url.isBlank()) {
			return external(url.trim());
		}
		if ("testcontainers".equalsIgnoreCase(System.getProperty("hoist.test.postgres", ""))) {
			return Testcontainers.start();
		}
		return embedded();
	}

	private static PostgresServer embedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", "off")
				.setServerConfig("full_page_writes", "off")
				.setServerConfig("synchronous_commit", "off")
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (Exception ex) {
					// the JVM is ending; the temporary data directory goes with the OS
				}
			}, "hoist-test-postgres-shutdown"));
			PostgresServer server = new PostgresServer("localhost", postgres.getPort(), "postgres", "", "postgres",
					Map.of(), "embedded PostgreSQL");
			server.checkMajorVersion();
			return server;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL: " + ex.getMessage(), ex);
		}
	}

	static PostgresServer external(String url) {
		String text = url.startsWith("jdbc:") ? url.substring(5) : url;
		URI uri = URI.create(text.replaceFirst("^postgres(ql)?://", "postgresql://"));
		Map<String, String> query = parseQuery(uri.getRawQuery());
		String user = query.remove("user");
		String password = query.remove("password");
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? password : decode(userInfo.substring(colon + 1));
		}
		String path = uri.getPath();
		String database = (path == null || path.length() <= 1) ? "postgres" : path.substring(1);
		String host = (uri.getHost() != null) ? uri.getHost() : "localhost";
		int port = (uri.getPort() > 0) ? uri.getPort() : 5432;
		return new PostgresServer(host, port, (user != null) ? user : "postgres", (password != null) ? password : "",
				database, query, "external PostgreSQL at " + host + ":" + port);
	}

	static PostgresServer of(String host, int port, String user, String password, String description) {
		return new PostgresServer(host, port, user, password, "postgres", Map.of(), description);
	}

	private static Map<String, String> parseQuery(@Nullable String query) {
		Map<String, String> result = new LinkedHashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					result.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
				}
			}
		}
		return result;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private void checkMajorVersion() throws SQLException {
		String expected = System.getProperty("hoist.test.postgres.major");
		int actual = majorVersion();
		if (expected != null && !expected.isBlank() && Integer.parseInt(expected.trim()) != actual) {
			throw new IllegalStateException(
					"Expected PostgreSQL " + expected + " for this run but the embedded server is " + actual);
		}
	}

	/**
	 * Return the server's major version, for example 18.
	 * @return the major version
	 * @throws SQLException if the server cannot be asked
	 */
	public int majorVersion() throws SQLException {
		try (Connection connection = connect(this.adminDatabase);
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SHOW server_version_num")) {
			rs.next();
			return Integer.parseInt(rs.getString(1)) / 10000;
		}
	}

	/**
	 * Create an empty database and return a handle to it.
	 * @param name the database name (letters, digits, underscores)
	 * @return the new database
	 */
	public TestDatabase createDatabase(String name) {
		executeAdmin("CREATE DATABASE " + name);
		return new TestDatabase(this, name);
	}

	/**
	 * Drop a database, disconnecting whoever is still connected.
	 * @param name the database name
	 */
	public void dropDatabase(String name) {
		executeAdmin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	private void executeAdmin(String sql) {
		try (Connection connection = connect(this.adminDatabase); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " failed on " + this.description + ": " + ex.getMessage(), ex);
		}
	}

	Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		properties.putAll(this.parameters);
		properties.setProperty("user", this.user);
		properties.setProperty("password", this.password);
		return DriverManager.getConnection(jdbcUrl(database), properties);
	}

	String jdbcUrl(String database) {
		StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl())
			.append(':')
			.append(this.port)
			.append('/')
			.append(database);
		char separator = '?';
		for (Map.Entry<String, String> parameter : this.parameters.entrySet()) {
			url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
			separator = '&';
		}
		return url.toString();
	}

	private String hostForUrl() {
		return (this.host.contains(":") && !this.host.startsWith("[")) ? "[" + this.host + "]" : this.host;
	}

	/**
	 * Return the host name.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the user tests connect as.
	 * @return the user
	 */
	public String user() {
		return this.user;
	}

	/**
	 * Return the password tests connect with (often empty).
	 * @return the password
	 */
	public String password() {
		return this.password;
	}

	@Override
	public String toString() {
		return this.description;
	}

	/** Kept apart so the optional Testcontainers classes load only when chosen. */
	private static final class Testcontainers {

		static PostgresServer start() {
			String major = System.getProperty("hoist.test.postgres.major", "18");
			var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:" + major)
				.withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "hoist-test-postgres-shutdown"));
			return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
					container.getPassword(), container.getDatabaseName(), Map.of(), "Testcontainers postgres:" + major);
		}

	}

}
