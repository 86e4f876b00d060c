package dev.hoist.core.internal;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration.SettingNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingNameTests {

	@Test
	void messagesNameTheSettingAsTheCallerConfiguredIt() {
		assertThat(SettingName.LOCK_WAIT_TIMEOUT.in(Hoist.configure())).isEqualTo("lockWaitTimeout(...)");
		assertThat(SettingName.LOCK_WAIT_TIMEOUT.in(Hoist.configure().settingNames(SettingNames.SPRING_BOOT)))
			.isEqualTo("hoist.lock.wait-timeout (HOIST_LOCK_WAIT_TIMEOUT)");
		assertThat(SettingName.LOCK_WAIT_TIMEOUT.in(Hoist.configure().settingNames(SettingNames.COMMAND_LINE)))
			.isEqualTo("--lock-wait-timeout (HOIST_LOCK_WAIT_TIMEOUT)");
	}

	@Test
	void everySettingHasEverySpelling() {
		for (SettingName name : SettingName.values()) {
			assertThat(name.spelled(SettingNames.API)).as(name.name()).matches("[a-z][A-Za-z]*\\(.*\\)");
			assertThat(name.spelled(SettingNames.SPRING_BOOT)).as(name.name()).startsWith("hoist.").contains("HOIST_");
			assertThat(name.spelled(SettingNames.COMMAND_LINE)).as(name.name()).startsWith("--");
		}
	}

	@Test
	void cleanIsEnabledOnTheCommandLineByItsFlagAloneNeverByAVariable() {
		assertThat(SettingName.CLEAN_ENABLED.spelled(SettingNames.COMMAND_LINE)).isEqualTo("--clean-enabled");
		assertThat(SettingName.CLEAN_MAX_ROWS.spelled(SettingNames.COMMAND_LINE)).isEqualTo("--clean-max-rows");
		assertThat(SettingName.LOCATIONS.spelled(SettingNames.COMMAND_LINE)).isEqualTo("--locations (HOIST_LOCATIONS)");
	}

	@Test
	void theDdlLockTimeoutAndTheLockWaitTimeoutAreTwoNamesEverywhere() {
		for (SettingNames names : SettingNames.values()) {
			assertThat(SettingName.DDL_LOCK_TIMEOUT.spelled(names)).containsIgnoringCase("ddl");
			assertThat(SettingName.LOCK_WAIT_TIMEOUT.spelled(names)).doesNotContainIgnoringCase("ddl")
				.containsIgnoringCase("wait");
		}
	}

}
