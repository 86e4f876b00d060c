package dev.hoist.autoconfigure;

import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.LockTimeoutException;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.core.ValidationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns Hoist's startup failures into Spring Boot's "Description / Action" report: what
 * went wrong, and which setting, command or SQL fixes it.
 *
 * @since 0.1.0
 */
public class HoistFailureAnalyzer extends AbstractFailureAnalyzer<HoistException> {

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String PRIVILEGE_ACTION = "Migrate as a role that owns the schema the migrations create"
			+ " objects in: set hoist.user and hoist.password to the schema owner and hoist.schema to that schema,"
			+ " and let the application's role use it (currentSchema=<schema> in its URL, grants to the"
			+ " application's role); see 'Separate migration credentials' in Hoist's operations guide. Or grant the"
			+ " user the privilege the description names.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, HoistException cause) {
		// the messages are masked where they are made; this is the last line of defence
		return new FailureAnalysis(DatabaseSettings.mask(String.valueOf(cause.getMessage())), action(cause), cause);
	}

	private String action(HoistException cause) {
		if (cause instanceof DatabaseUnavailableException unavailable) {
			return action(unavailable);
		}
		if (cause instanceof ValidationException validation) {
			return action(validation);
		}
		if (cause instanceof LockTimeoutException lockTimeout) {
			String holder = (lockTimeout.holder() != null)
					? "The holder was " + lockTimeout.holder().describe() + ". If it is stuck, end its session with"
							+ " SELECT pg_terminate_backend(" + lockTimeout.holder().pid() + "); its lock goes with it."
					: "Find the holder in pg_locks joined with pg_stat_activity.";
			return "Another instance held the migration lock for " + lockTimeout.waited().toSeconds() + " s. " + holder
					+ " If it is still migrating, allow it more time with hoist.lock.wait-timeout.";
		}
		if (cause instanceof MigrationFailedException failed) {
			return action(failed);
		}
		if (cause instanceof InvalidSetupException invalid) {
			return invalid.action();
		}
		if (cause instanceof DatabaseSettings.InvalidSettingException invalid) {
			return (invalid.getFile() != null)
					? "Correct line " + invalid.getLine() + " of " + invalid.getFile() + " (one KEY=value per line;"
							+ " quote a value that holds spaces or '#'), or set hoist.dotenv.enabled=false to read no"
							+ " .env files."
					: "Correct the database URL named above: postgres://user:password@host:5432/database, with"
							+ " characters such as '@', ':' or '/' in the password percent-encoded.";
		}
		if (cause instanceof SchemaBehindException) {
			return "Run the migrations first (the migration job, or an instance with hoist.mode=migrate), allow"
					+ " more time with hoist.validate-timeout, or let this instance migrate with hoist.mode=migrate.";
		}
		if (cause instanceof TenantsFailedException) {
			return "Fix the tenants named above and start again: a new run migrates only the tenants that are not at"
					+ " the head. To let the application start while some tenants fail, set"
					+ " hoist.tenants.on-failure=continue: the migrations health then lists them (and is DOWN with"
					+ " hoist.tenants.down-on-failure=true).";
		}
		if (cause instanceof MigrationToolConflictException) {
			return "Choose one tool. To keep Hoist, remove the other tool's dependency or set"
					+ " spring.flyway.enabled=false / spring.liquibase.enabled=false. To keep the other tool, set"
					+ " hoist.mode=off. If both really must run (on different databases), set"
					+ " hoist.fail-on-other-migration-tools=false.";
		}
		if (INSUFFICIENT_PRIVILEGE.equals(sqlState(cause))) {
			return PRIVILEGE_ACTION;
		}
		return "Correct what the description names, then start again.";
	}

	private String action(MigrationFailedException failed) {
		if (INSUFFICIENT_PRIVILEGE.equals(failed.sqlState())) {
			return PRIVILEGE_ACTION;
		}
		if (LOCK_NOT_AVAILABLE.equals(failed.sqlState())) {
			// the file is fine: another session held a lock its statement needed
			return "Nothing is wrong with " + failed.script() + ": its statement could not get a lock that another"
					+ " session held (the description names that session when Hoist saw it). Start again once that"
					+ " session is done, or end it if it is stuck (SELECT pg_terminate_backend(<pid>)). When Hoist's"
					+ " own DDL lock timeout gave up, allow more with hoist.ddl-lock-timeout and"
					+ " hoist.ddl-lock-retries; a NOWAIT or lock_timeout in the migration itself fails at once.";
		}
		return "Fix " + failed.script() + ((failed.line() > 0) ? " at line " + failed.line() : "")
				+ " and start again. A transactional migration was rolled back completely; a migration marked"
				+ " transaction:false may have left a failed row, which the 'repair' command removes once the"
				+ " database is cleaned up by hand.";
	}

	private static boolean isUnknownHost(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String sqlState(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	private String action(DatabaseUnavailableException unavailable) {
		DatabaseAddress address = unavailable.address();
		return switch (unavailable.reason()) {
			case AUTHENTICATION -> "Check the user name and password (set by " + address.source()
					+ "). The application's come from spring.datasource.username and spring.datasource.password"
					+ " (or DATABASE_URL); migrations can use their own with hoist.user and hoist.password."
					+ " Waiting would not help, so Hoist did not retry.";
			case MISSING_PASSWORD -> "Set the password of user '" + address.user() + "' where the database settings"
					+ " come from (" + address.source() + "): spring.datasource.password (SPRING_DATASOURCE_PASSWORD),"
					+ " the password in DATABASE_URL, or hoist.password when migrations use hoist.url. Waiting would"
					+ " not help, so Hoist did not retry.";
			case NO_SUCH_DATABASE -> "Create the database ('CREATE DATABASE " + address.database()
					+ "') or correct its name in " + address.source() + ".";
			case PERMISSION_DENIED -> "Let the user connect ('GRANT CONNECT ON DATABASE " + address.database() + " TO "
					+ address.user() + "') or connect as another user.";
			case INVALID_URL -> "Use a URL such as jdbc:postgresql://host:5432/database (or postgres://user@host/db"
					+ " in DATABASE_URL) in " + address.source()
					+ ", and make sure the PostgreSQL driver (org.postgresql:postgresql) is on the classpath.";
			case TIMEOUT -> isUnknownHost(unavailable) ? "Correct the host name '" + address.host() + "' (set by "
					+ address.source() + "): it does not resolve from this machine. A Compose or Kubernetes service"
					+ " name resolves only inside its network; a DNS entry that is still being created needs more"
					+ " time with hoist.wait.timeout."
					: "Make sure PostgreSQL runs and accepts connections at " + address.host()
							+ ((address.port() >= 0) ? ":" + address.port() : "")
							+ " from this machine (host and port come from " + address.source()
							+ "), or wait longer with hoist.wait.timeout.";
			case TLS -> "Make client and server agree on TLS: add ?sslmode=require to the URL in " + address.source()
					+ " when the server demands encryption, or use sslmode=prefer (or enable ssl on the server) when"
					+ " it offers none. Waiting would not help, so Hoist did not retry.";
			case INTERRUPTED -> "Startup was interrupted while Hoist waited for the database; start again.";
			case OTHER -> "Check the cause below; it is not one that waiting can heal.";
		};
	}

	private String action(ValidationException validation) {
		Set<String> actions = new LinkedHashSet<>();
		for (HoistStatus.Problem problem : validation.problems()) {
			String action = switch (problem.kind()) {
				case INVALID_FILE -> "Correct the migration file named above.";
				case INVALID_DOWN_SECTION -> "Correct the down section named above; migrate applies the up section"
						+ " anyway, but validate, check and downgrade refuse the file until then.";
				case DUPLICATE_VERSION -> "Give each migration its own version: rename one of the files.";
				case MISSING_LOCATION -> "Put the migrations where hoist.locations says (by default"
						+ " src/main/resources/db/migration, packaged as classpath:db/migration), correct"
						+ " hoist.locations, or mark a location that may be absent with the optional: prefix.";
				case CHECKSUM_MISMATCH -> "Restore the applied file as it was; if the change is intended and"
						+ " harmless, accept it with the 'repair' command.";
				case MISSING -> "Restore the deleted or renamed migration file to the build.";
				case AHEAD -> "Deploy the newer build, or start anyway with hoist.ahead=warn.";
				case OUT_OF_ORDER -> "Give the pending migration a version above the revision, or allow it with"
						+ " hoist.out-of-order=true.";
				case FAILED -> "Clean up what the failed non-transactional migration left, then run the 'repair'"
						+ " command to remove its failed row.";
			};
			actions.add(action);
		}
		return String.join(" ", actions);
	}

}
