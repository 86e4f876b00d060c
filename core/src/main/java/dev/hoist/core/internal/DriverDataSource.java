package dev.hoist.core.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.hoist.core.DatabaseSettings;
import org.jspecify.annotations.Nullable;

/**
 * A data source that opens a new connection through {@link DriverManager} on each call.
 * Its {@code toString()} never shows the password.
 * <p>
 * {@link #getConnection(Duration)} bounds one attempt with the PostgreSQL driver's
 * {@code connectTimeout} (reaching the server), {@code socketTimeout} (each read while
 * logging in) and {@code loginTimeout} (the whole attempt, which also makes it end when
 * the calling thread is interrupted); a timeout written in the URL wins.
 */
public class DriverDataSource implements DataSource {

	private static final Pattern SOCKET_TIMEOUT = Pattern.compile("[?&;]sockettimeout=(\\d{1,9})");

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
	 * Open a connection, giving up after a timeout however the server behaves: one that
	 * accepts connections and never answers included.
	 * @param timeout the longest the attempt may take; at least one second is given to
	 * reaching the server and to each read, whose driver settings count whole seconds
	 * @return the connection, without a read timeout (or with the URL's)
	 * @throws SQLException when the attempt fails or times out (SQLSTATE 08001)
	 */
	public Connection getConnection(Duration timeout) throws SQLException {
		Properties properties = new Properties();
		if (this.user != null) {
			properties.setProperty("user", this.user);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		long millis = Math.max(1, timeout.toMillis());
		String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
		properties.setProperty("connectTimeout", seconds);
		properties.setProperty("socketTimeout", seconds);
		properties.setProperty("loginTimeout", String.format(Locale.ROOT, "%.3f", millis / 1000.0));
		Connection connection = DriverManager.getConnection(this.url, properties);
		try {
			// the attempt's read timeout must not cut a long migration statement short
			connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, urlSocketTimeoutMillis()));
			return connection;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private long urlSocketTimeoutMillis() {
		Matcher matcher = SOCKET_TIMEOUT.matcher(this.url.toLowerCase(Locale.ROOT));
		return matcher.find() ? Long.parseLong(matcher.group(1)) * 1000 : 0;
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
		return "DriverDataSource[" + DatabaseSettings.mask(this.url) + ", user " + this.user + "]";
	}

}
