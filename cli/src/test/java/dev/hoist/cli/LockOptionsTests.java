package dev.hoist.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LockOptionsTests {

	@TempDir
	Path workingDirectory;

	@Test
	void environmentVariablesSetTheLockModeTimeoutsAndDatabaseWait() {
		CliSettings settings = CliSettings.of(Map.of("HOIST_LOCK_MODE", "transaction", "HOIST_LOCK_WAIT_TIMEOUT", "2m",
				"HOIST_DDL_LOCK_TIMEOUT", "500ms", "HOIST_WAIT_TIMEOUT", "60"), this.workingDirectory);
		HoistConfiguration configuration = Hoist.configure();
		LockOptions options = new LockOptions();

		options.apply(configuration, settings);

		assertThat(configuration.getLockMode()).isEqualTo(HoistConfiguration.LockMode.TRANSACTION);
		assertThat(configuration.getLockWaitTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(configuration.getDdlLockTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(configuration.getWaitTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void flagsBeatTheEnvironmentAndNothingSetKeepsTheDefaults() {
		CliSettings settings = CliSettings.of(Map.of("HOIST_DDL_LOCK_TIMEOUT", "9s"), this.workingDirectory);
		LockOptions options = new LockOptions();
		options.ddlLockTimeout = "2s";
		HoistConfiguration configuration = Hoist.configure();

		options.apply(configuration, settings);

		assertThat(configuration.getDdlLockTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(configuration.getLockMode()).isEqualTo(HoistConfiguration.LockMode.SESSION);
		assertThat(configuration.getLockWaitTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(configuration.getWaitTimeout()).isZero();
	}

	@Test
	void environmentVariablesSetTheConnectAndLostHolderTimeouts() {
		CliSettings settings = CliSettings
			.of(Map.of("HOIST_CONNECT_TIMEOUT", "3s", "HOIST_LOCK_LOST_HOLDER_TIMEOUT", "1m"), this.workingDirectory);
		HoistConfiguration configuration = Hoist.configure();

		new LockOptions().apply(configuration, settings);

		assertThat(configuration.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(configuration.getLostHolderTimeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(Hoist.configure().getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(Hoist.configure().getLostHolderTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aLostHolderTimeoutTooShortToKeepIsRefusedNamingTheFlag() {
		LockOptions options = new LockOptions();
		options.lostHolderTimeout = "2s";

		assertThatIllegalArgumentException()
			.isThrownBy(() -> options.apply(Hoist.configure(), CliSettings.of(Map.of(), this.workingDirectory)))
			.withMessageContaining("--lost-holder-timeout must be 0 (the server's settings) or at least 5s");
	}

	@Test
	void unreadableValuesNameTheOptionAndWhatToWrite() {
		CliSettings settings = CliSettings.of(Map.of("HOIST_LOCK_MODE", "pgbouncer"), this.workingDirectory);
		LockOptions options = new LockOptions();

		assertThatIllegalArgumentException().isThrownBy(() -> options.apply(Hoist.configure(), settings))
			.withMessageContaining("Unknown value 'pgbouncer' for --lock-mode")
			.withMessageContaining("session or transaction");
		assertThatIllegalArgumentException().isThrownBy(() -> LockOptions.duration("soon", "--wait-timeout"))
			.withMessage("Cannot read 'soon' as a duration for --wait-timeout: write 500ms, 30s, 5m or 1h");
	}

}
