package dev.hoist.core.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A data source that opens a new connection through {@link DriverManager} on each call.
 * Its {@code toString()} never shows the password.
 */
public class DriverDataSource implements DataSource {

	private final String url;

	private final @Nullable String user;

	private final @Nullable String password;

	public DriverDataSource(String url, @Nullable String user, @Nullable String password) {
		this.url = url;
		this.user = user;
		this.password = password;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return getConnection(this.user, this.password);
	}

	@Override
	public Connection getConnection(@Nullable String username, @Nullable String password) throws SQLException {
		Properties properties = new Properties();
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		return DriverManager.getConnection(this.url, properties);
	}

	/**
	 * Return a data source for another database with the same credentials, such as a
	 * temporary database on the same server.
	 * @param otherUrl the other database's URL
	 * @return the data source
	 */
	public DriverDataSource withUrl(String otherUrl) {
		return new DriverDataSource(otherUrl, this.user, this.password);
	}

	public String getUrl() {
		return this.url;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	@Override
	public @Nullable PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("Not a wrapper of " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return "DriverDataSource[" + this.url + ", user " + this.user + "]";
	}

}
