package dev.hoist.autoconfigure;

import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.DatabaseUnavailableException.Reason;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.HoistStatus.Problem.Kind;
import dev.hoist.core.LockTimeoutException;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.core.ValidationException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class HoistFailureAnalyzerTests {

	private final HoistFailureAnalyzer analyzer = new HoistFailureAnalyzer();

	@Test
	void explainsAValidationFailureWithTheWayOutForEachKindOfProblem() {
		FailureAnalysis analysis = analyze(new ValidationException(List.of(
				new HoistStatus.Problem(Kind.CHECKSUM_MISMATCH, "V1__shops.sql changed since it was applied",
						List.of("V1__shops.sql")),
				new HoistStatus.Problem(Kind.OUT_OF_ORDER, "V2 is older than the revision 3", List.of("V2__x.sql")))));
		assertThat(analysis.getDescription()).contains("V1__shops.sql changed", "V2 is older");
		assertThat(analysis.getAction()).contains("'repair' command", "hoist.out-of-order=true");
	}

	@Test
	void explainsALockTimeoutNamingTheHolder() {
		HoistStatus.LockHolder holder = new HoistStatus.LockHolder(4242, "hoist@orders-1", "10.0.0.7",
				"idle in transaction", "SELECT 1", Instant.now(), Duration.ofMinutes(12));
		FailureAnalysis analysis = analyze(
				new LockTimeoutException("Timed out waiting for the migration lock", holder, Duration.ofMinutes(10)));
		assertThat(analysis.getAction()).contains("hoist@orders-1", "pg_terminate_backend(4242)",
				"hoist.lock.wait-timeout");
	}

	@Test
	void explainsAFailedMigrationWithFileAndLine() {
		FailureAnalysis analysis = analyze(new MigrationFailedException("V3 failed", "V3__orders.sql", 12,
				"ALTER TABLE orders ADD x", "42703", null));
		assertThat(analysis.getAction()).contains("Fix V3__orders.sql at line 12");
	}

	@Test
	void explainsEveryReasonTheDatabaseIsUnavailable() {
		DatabaseAddress address = new DatabaseAddress("db.example.com", 5432, "orders", "app",
				"DATABASE_URL from .env.local");
		for (Reason reason : Reason.values()) {
			FailureAnalysis analysis = analyze(
					new DatabaseUnavailableException("cannot connect", reason, address, 1, Duration.ZERO, null));
			assertThat(analysis.getAction()).as(reason.name()).isNotBlank();
		}
		assertThat(
				analyze(new DatabaseUnavailableException("x", Reason.TIMEOUT, address, 7, Duration.ofMinutes(1), null))
					.getAction())
			.contains("db.example.com:5432", "DATABASE_URL from .env.local", "hoist.wait.timeout");
		assertThat(
				analyze(new DatabaseUnavailableException("x", Reason.NO_SUCH_DATABASE, address, 1, Duration.ZERO, null))
					.getAction())
			.contains("CREATE DATABASE orders");
	}

	@Test
	void aHostNameThatDoesNotResolveIsNamedAsSuch() {
		DatabaseAddress address = new DatabaseAddress("postgres", 5432, "orders", "app", "DB_HOST from .env");
		FailureAnalysis analysis = analyze(new DatabaseUnavailableException("gave up", Reason.TIMEOUT, address, 7,
				Duration.ofMinutes(1),
				new SQLException("The connection attempt failed.", "08001", new UnknownHostException("postgres"))));
		assertThat(analysis.getAction()).contains("Correct the host name 'postgres' (set by DB_HOST from .env)",
				"does not resolve", "Compose");
	}

	@Test
	void explainsTheConflictWithAnotherMigrationTool() {
		FailureAnalysis analysis = analyze(new MigrationToolConflictException(List.of("Flyway (bean 'flyway')")));
		assertThat(analysis.getAction()).contains("spring.flyway.enabled=false", "hoist.mode=off");
	}

	@Test
	void aMigrationThatGaveUpWaitingForALockIsNotBlamedOnItsFile() {
		FailureAnalysis analysis = analyze(new MigrationFailedException("V3 failed: another session held the lock",
				"V3__add_note.sql", 2, "ALTER TABLE notes ADD note text", "55P03", null));
		assertThat(analysis.getAction()).doesNotContain("Fix ")
			.contains("Nothing is wrong with V3__add_note.sql", "hoist.ddl-lock-timeout", "hoist.ddl-lock-retries",
					"pg_terminate_backend");
	}

	@Test
	void aMissingPrivilegePointsToTheSchemaOwnerRecipeNotToTheFile() {
		assertThat(analyze(
				new MigrationFailedException("V1 failed", "V1__shops.sql", 1, "CREATE TABLE shops ()", "42501", null))
			.getAction()).doesNotContain("Fix ").contains("hoist.user", "hoist.schema", "currentSchema");
		HoistException history = new HoistException("User 'shop_owner' may not create Hoist's history table",
				new SQLException("permission denied for schema public", "42501"));
		assertThat(analyze(history).getAction()).contains("hoist.user", "hoist.schema", "currentSchema");
	}

	@Test
	void aDotenvFileThatCannotBeReadGetsADescriptionAndAnAction() {
		FailureAnalysis analysis = analyze(new DatabaseSettings.InvalidSettingException(".env", 2,
				"the double quote opened here is never closed. Close it at the end of the value"));
		assertThat(analysis.getAction()).contains("line 2 of .env", "hoist.dotenv.enabled=false");
	}

	@Test
	void aSetupHoistCannotWorkWithSaysWhatToChange() {
		FailureAnalysis analysis = analyze(new InvalidSetupException("embedded H2", "use replace = NONE"));
		assertThat(analysis.getAction()).isEqualTo("use replace = NONE");
	}

	@Test
	void everyOtherHoistExceptionGetsADescriptionAndAnActionRatherThanAStackTrace() {
		assertThat(analyze(new HoistException("something else")).getAction()).isNotBlank();
	}

	private FailureAnalysis analyze(HoistException failure) {
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("hoistMigrationInitializer", "Init failed", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
		return analysis;
	}

}
