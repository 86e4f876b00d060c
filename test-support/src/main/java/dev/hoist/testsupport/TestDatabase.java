package dev.hoist.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One database of a {@link PostgresServer}, created for a test class.
 */
public final class TestDatabase {

	private final PostgresServer server;

	private final String name;

	TestDatabase(PostgresServer server, String name) {
		this.server = server;
		this.name = name;
	}

	/**
	 * Return the database name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the server the database lives on.
	 * @return the server
	 */
	public PostgresServer server() {
		return this.server;
	}

	/**
	 * Return a JDBC URL without credentials.
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	/**
	 * Return the user to connect as.
	 * @return the user
	 */
	public String user() {
		return this.server.user();
	}

	/**
	 * Return the password to connect with.
	 * @return the password
	 */
	public String password() {
		return this.server.password();
	}

	/**
	 * Return the host.
	 * @return the host
	 */
	public String host() {
		return this.server.host();
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Return a {@code postgres://} URL with the credentials, as platforms hand them out.
	 * @return the URL
	 */
	public String postgresUrl() {
		String credentials = this.server.user()
				+ (this.server.password().isEmpty() ? "" : ":" + this.server.password());
		return "postgres://" + credentials + "@" + this.server.host() + ":" + this.server.port() + "/" + this.name;
	}

	/**
	 * Return a new unpooled data source for this database.
	 * @return a data source
	 */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(jdbcUrl());
		dataSource.setUser(user());
		dataSource.setPassword(password());
		return dataSource;
	}

	/**
	 * Open a new connection to this database.
	 * @return a connection the caller closes
	 * @throws SQLException if it cannot connect
	 */
	public Connection connect() throws SQLException {
		return this.server.connect(this.name);
	}

	/**
	 * Run SQL in autocommit.
	 * @param sql one or more statements
	 */
	public void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Drop everything in the {@code public} schema, for a test that starts from empty.
	 */
	public void resetPublicSchema() {
		execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
	}

	/**
	 * Return the first column of the first row, or {@code null} when there is no row.
	 * @param sql a query
	 * @return the value as text
	 */
	public @Nullable String queryForString(String sql) {
		List<String> values = queryForList(sql);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Return the first column of the first row as a number.
	 * @param sql a query returning a number
	 * @return the value
	 */
	public long queryForLong(String sql) {
		String value = queryForString(sql);
		if (value == null) {
			throw new IllegalStateException("No row: " + sql);
		}
		return Long.parseLong(value);
	}

	/**
	 * Return the first column of every row as text.
	 * @param sql a query
	 * @return the values in order
	 */
	public List<@Nullable String> queryForList(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			List<@Nullable String> values = new ArrayList<>();
			while (rs.next()) {
				values.add(rs.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return this.name + " on " + this.server;
	}

}
