package dev.hoist.core.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.DatabaseUnavailableException.Reason;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.SettingNames;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens Hoist's connection for a command, waiting until the database answers, so that a
 * service started next to its database (or before it, as Compose and Kubernetes do)
 * neither crashes nor needs a wait script.
 * <p>
 * Retries with exponential backoff and jitter up to a maximum delay, until the wait
 * timeout measured from the first attempt (zero: one attempt). Each attempt on Hoist's
 * own connections ends within the connect timeout and within what is left of the wait, so
 * a server that accepts connections and never answers cannot hold a command past its
 * wait; an interrupt ends the wait at once. Retries what can heal: connection refused,
 * unknown host, timeouts, a server that is starting up (SQLSTATE 57P03) or out of
 * connection slots (53300), any other connection exception (class 08). Fails at once on
 * what cannot: authentication (28P01, 28000), no password for a server that asks for one
 * (08004), a missing database (3D000), a bad URL or a missing driver. This is the one
 * place where connection failures are classified and explained. Logs one INFO line per
 * failed attempt with the host, port, database, user and source of the setting; never the
 * password.
 */
public final class DatabaseWaiter {

	// each delay is spread by up to this fraction either way so that replicas do not
	// retry in lockstep
	private static final double JITTER = 0.2;

	private static final Set<String> RETRYABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

	private static final Logger logger = LoggerFactory.getLogger(DatabaseWaiter.class);

	private final Duration initialDelay;

	private final double multiplier;

	private final Duration maxDelay;

	private final Duration timeout;

	private final Duration connectTimeout;

	private final Listeners listeners;

	private final SettingNames settingNames;

	private final AtomicBoolean connectedOnce = new AtomicBoolean();

	/**
	 * Create a waiter with the wait settings of a configuration.
	 * @param configuration the configuration
	 * @param listeners told how waiting went
	 */
	public DatabaseWaiter(HoistConfiguration configuration, Listeners listeners) {
		this.initialDelay = configuration.getWaitInitialDelay();
		this.multiplier = configuration.getWaitMultiplier();
		this.maxDelay = configuration.getWaitMaxDelay();
		this.timeout = configuration.getWaitTimeout();
		this.connectTimeout = configuration.getConnectTimeout();
		this.listeners = listeners;
		this.settingNames = configuration.getSettingNames();
	}

	/**
	 * Open a connection, retrying until the database answers or the timeout passes.
	 * @param dataSource where to connect
	 * @param address where the data source points, for logs and errors
	 * @return the open connection
	 * @throws DatabaseUnavailableException if the database did not answer in time, or
	 * failed in a way that waiting cannot heal
	 */
	public Connection connect(DataSource dataSource, DatabaseAddress address) {
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		long delay = this.initialDelay.toNanos();
		int attempt = 0;
		while (true) {
			attempt++;
			Exception failure;
			// without a wait the one attempt gets the whole connect timeout; within a
			// wait
			// the last attempt may end a little after the deadline: a second is the least
			// an attempt is given
			Duration budget = this.timeout.isZero() ? this.connectTimeout
					: Duration.ofNanos(Math.min(this.connectTimeout.toNanos(),
							Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1))));
			try {
				Connection connection = attempt(dataSource, budget);
				Duration waited = Duration.ofNanos(System.nanoTime() - start);
				if (attempt > 1) {
					logger.info("Hoist: PostgreSQL {} answered on attempt {} after {}", address.describe(), attempt,
							format(waited));
				}
				else if (this.connectedOnce.compareAndSet(false, true)) {
					logger.info("Hoist: connected to PostgreSQL {}", address.describe());
				}
				int attempts = attempt;
				this.listeners.fire((listener) -> listener.databaseAvailable(waited, attempts));
				return connection;
			}
			catch (SQLException | RuntimeException ex) {
				failure = ex;
			}
			if (Thread.currentThread().isInterrupted()) {
				throw failed(interrupted(address, failure, attempt, start, null));
			}
			Reason fatal = fatalReason(failure);
			if (fatal != null) {
				throw failed(cannotHeal(fatal, address, failure, attempt, start));
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw failed(timedOut(address, failure, attempt, start, budget));
			}
			long pause = Math.min(jittered(delay), remaining);
			logger.info("Hoist: waiting for PostgreSQL {}: attempt {} failed ({}); next attempt in {}, giving up in {}",
					address.describe(), attempt, describe(failure), format(Duration.ofNanos(pause)),
					format(Duration.ofNanos(remaining)));
			try {
				TimeUnit.NANOSECONDS.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failed(interrupted(address, failure, attempt, start, ex));
			}
			delay = Math.min((long) (delay * this.multiplier), this.maxDelay.toNanos());
		}
	}

	/**
	 * Make one connection attempt that ends within a time however the server behaves, on
	 * Hoist's own connections; a pool bounds its attempts itself.
	 * @param dataSource where to connect
	 * @param budget the longest the attempt may take
	 * @return the connection
	 * @throws SQLException when the attempt fails or times out
	 */
	static Connection attempt(DataSource dataSource, Duration budget) throws SQLException {
		return (dataSource instanceof DriverDataSource own) ? own.getConnection(budget) : dataSource.getConnection();
	}

	private DatabaseUnavailableException interrupted(DatabaseAddress address, Exception failure, int attempt,
			long start, @Nullable InterruptedException interrupt) {
		// an interrupt during an attempt ends it, and the driver's words for that say
		// nothing useful
		String last = (interrupt != null) ? "; the last attempt failed with: " + describe(failure)
				: ", abandoning the attempt under way";
		DatabaseUnavailableException interrupted = new DatabaseUnavailableException(
				"Hoist was interrupted while waiting for PostgreSQL " + address.describe() + " after "
						+ attempts(attempt) + last,
				Reason.INTERRUPTED, address, attempt, Duration.ofNanos(System.nanoTime() - start),
				MaskedSqlException.of(failure));
		if (interrupt != null) {
			interrupted.addSuppressed(interrupt);
		}
		return interrupted;
	}

	private long jittered(long delay) {
		double factor = 1.0 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
		return Math.min((long) (delay * factor), this.maxDelay.toNanos());
	}

	private DatabaseUnavailableException cannotHeal(Reason reason, DatabaseAddress address, Exception failure,
			int attempt, long start) {
		String what = switch (reason) {
			case AUTHENTICATION -> "the server refused the credentials of user '" + address.user()
					+ "'; check the user and password set by " + address.source();
			case MISSING_PASSWORD -> "the server asks user '" + address.user() + "' for a password, and none was"
					+ " given in the settings from " + address.source() + "; " + passwordAdvice();
			case NO_SUCH_DATABASE -> "the server has no database '" + address.database()
					+ "'; create it or correct the database name set by " + address.source();
			case TLS -> causes(failure).stream().anyMatch(DatabaseWaiter::isEncryptionRequired)
					? "the server accepts only encrypted connections from here (a hostssl rule in pg_hba.conf);"
							+ " add sslmode=require to the URL set by " + address.source()
					: "the URL set by " + address.source() + " asks for TLS (sslmode=require or stricter) but the"
							+ " server does not offer it; use sslmode=prefer, or enable ssl on the server";
			case PERMISSION_DENIED -> "user '" + address.user() + "' may not connect to database '" + address.database()
					+ "'; GRANT CONNECT or use another user";
			case INVALID_URL -> "no JDBC driver accepts the URL set by " + address.source()
					+ "; check that it starts with jdbc:postgresql:// and that the PostgreSQL driver is on the classpath";
			default -> "the failure cannot heal by waiting";
		};
		Throwable cause = causes(failure).stream().anyMatch(DatabaseWaiter::isUnreadableUrl) ? null
				: MaskedSqlException.of(failure);
		return new DatabaseUnavailableException(
				"Hoist cannot connect to PostgreSQL " + address.describe() + ": " + what + ". Cause: "
						+ describe(failure) + ". Hoist did not retry: waiting cannot fix this.",
				reason, address, attempt, Duration.ofNanos(System.nanoTime() - start), cause);
	}

	private String passwordAdvice() {
		return switch (this.settingNames) {
			case API -> "pass it to url(url, user, password) or write it in the URL";
			case SPRING_BOOT -> "set spring.datasource.password (SPRING_DATASOURCE_PASSWORD), or hoist.password"
					+ " (HOIST_PASSWORD) with hoist.url, or write it in DATABASE_URL";
			case COMMAND_LINE ->
				"pass --password-file, set PGPASSWORD (or DB_PASSWORD, POSTGRES_PASSWORD)," + " or write it in the URL";
		};
	}

	private DatabaseUnavailableException timedOut(DatabaseAddress address, Exception failure, int attempt, long start,
			Duration budget) {
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		return new DatabaseUnavailableException(
				"Hoist gave up waiting for PostgreSQL " + address.describe() + " after " + format(waited) + " and "
						+ attempts(attempt) + "; the last attempt failed with: " + describe(failure) + "."
						+ (isTimeout(failure) ? " The server did not answer the last attempt within " + format(budget)
								+ " (an attempt takes at most the connect timeout of " + format(this.connectTimeout)
								+ ", " + SettingName.CONNECT_TIMEOUT.spelled(this.settingNames)
								+ ", and what is left of the wait): it may be stuck or overloaded, a firewall may drop"
								+ " the packets, or the port may belong to something other than PostgreSQL." : "")
						+ (causes(failure).stream().anyMatch(UnknownHostException.class::isInstance)
								? " Check the host name set by " + address.source() + ": it does not resolve from here"
										+ " (a typo, or a Compose or Kubernetes service name used outside its network)"
								: " Check that the database runs and is reachable from here")
						+ ", or allow more time than the wait timeout of " + format(this.timeout) + " ("
						+ SettingName.WAIT_TIMEOUT.spelled(this.settingNames) + ").",
				Reason.TIMEOUT, address, attempt, waited, MaskedSqlException.of(failure));
	}

	private DatabaseUnavailableException failed(DatabaseUnavailableException failure) {
		this.listeners.fire((listener) -> listener.databaseUnavailable(failure));
		return failure;
	}

	/**
	 * Return why a connection failure cannot heal, or {@code null} when retrying may
	 * help.
	 * @param failure the failure
	 * @return the reason, or {@code null} to retry
	 */
	static @Nullable Reason fatalReason(Throwable failure) {
		List<Throwable> chain = causes(failure);
		for (Throwable cause : chain) {
			if (isUnreadableUrl(cause) || cause instanceof ClassNotFoundException) {
				return Reason.INVALID_URL;
			}
			String state = (cause instanceof SQLException sql) ? sql.getSQLState() : null;
			if (isTlsMismatch(cause)) {
				return Reason.TLS;
			}
			if (state != null) {
				if (isMissingPassword(cause)) {
					return Reason.MISSING_PASSWORD;
				}
				switch (state) {
					case "28P01", "28000":
						return Reason.AUTHENTICATION;
					case "3D000":
						return Reason.NO_SUCH_DATABASE;
					case "42501":
						return Reason.PERMISSION_DENIED;
					default:
				}
			}
		}
		for (Throwable cause : chain) {
			if (cause instanceof SQLException sql) {
				String state = sql.getSQLState();
				if (state != null && (state.startsWith("08") || RETRYABLE_STATES.contains(state))) {
					return null;
				}
				if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
					return null;
				}
			}
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof SocketTimeoutException || cause instanceof SocketException
					|| cause instanceof EOFException) {
				return null;
			}
		}
		return Reason.OTHER;
	}

	// "does not support SSL" (08004) is a server without TLS; "no encryption" (28000) is
	// a pg_hba.conf that admits only TLS connections: neither heals, neither
	// is a password
	private static boolean isTlsMismatch(Throwable failure) {
		String message = String.valueOf(failure.getMessage());
		return (failure instanceof SQLException sql)
				&& ("08004".equals(sql.getSQLState()) && message.contains("does not support SSL")
						|| isEncryptionRequired(failure));
	}

	private static boolean isTimeout(Throwable failure) {
		return causes(failure).stream()
			.anyMatch((cause) -> cause instanceof SocketTimeoutException
					|| (cause instanceof SQLException sql && "08001".equals(sql.getSQLState())
							&& String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")));
	}

	// the driver's own words, before it sends anything the server could refuse: the
	// server asked for a password that the settings do not have
	private static boolean isMissingPassword(Throwable failure) {
		return (failure instanceof SQLException sql) && "08004".equals(sql.getSQLState())
				&& String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("no password");
	}

	private static boolean isEncryptionRequired(Throwable failure) {
		return (failure instanceof SQLException sql) && "28000".equals(sql.getSQLState())
				&& String.valueOf(sql.getMessage()).contains("no encryption");
	}

	// DriverManager's "No suitable driver" and PgJDBC's "Unable to parse URL" both repeat
	// the URL, which may hold a password
	private static boolean isUnreadableUrl(Throwable failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage().toLowerCase(Locale.ROOT) : "";
		return failure instanceof SQLException
				&& (message.startsWith("no suitable driver") || message.startsWith("unable to parse url"));
	}

	private static List<Throwable> causes(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	private static String describe(Throwable failure) {
		Throwable deepest = failure;
		String state = null;
		for (Throwable cause : causes(failure)) {
			if (state == null && cause instanceof SQLException sql && sql.getSQLState() != null) {
				state = sql.getSQLState();
			}
			deepest = cause;
		}
		for (Throwable cause : causes(failure)) {
			if (isUnreadableUrl(cause)) {
				return "the URL cannot be read";
			}
			if (cause instanceof UnknownHostException unknown) {
				// said from the first attempt: a typo does not heal, a DNS entry may
				return "the host name does not resolve (UnknownHostException: " + unknown.getMessage() + ")"
						+ ((state != null) ? " (SQLSTATE " + state + ")" : "");
			}
		}
		String message;
		if (deepest instanceof IOException) {
			// the network's own words are shorter and clearer than the driver's wrapping
			message = deepest.getClass().getSimpleName()
					+ ((deepest.getMessage() != null) ? ": " + deepest.getMessage() : "");
		}
		else {
			message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		}
		// a driver may repeat what it was given, such as a URL it could not use
		return DatabaseSettings.mask(message) + ((state != null) ? " (SQLSTATE " + state + ")" : "");
	}

	private static String attempts(int attempt) {
		return attempt + ((attempt == 1) ? " attempt" : " attempts");
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
