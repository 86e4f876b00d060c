package dev.hoist.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class HoistPropertiesTests {

	@Test
	void defaultValuesAreConsistent() {
		HoistProperties properties = new HoistProperties();
		HoistConfiguration configuration = Hoist.configure();
		assertThat(properties.getLocations()).isEqualTo(configuration.getLocations());
		assertThat(properties.getSchema()).isEqualTo(configuration.getSchema());
		assertThat(properties.getTable()).isEqualTo(configuration.getTable());
		assertThat(configuration.getTarget()).isNull();
		assertThat(properties.getTarget()).isNull();
		assertThat(properties.isOutOfOrder()).isEqualTo(configuration.isOutOfOrder());
		assertThat(properties.getAhead()).isEqualTo(configuration.getAheadPolicy());
		assertThat(properties.getLock().getMode()).isEqualTo(configuration.getLockMode());
		assertThat(properties.getLock().getWaitTimeout()).isEqualTo(configuration.getLockWaitTimeout());
		assertThat(properties.getLock().getLostHolderTimeout()).isEqualTo(configuration.getLostHolderTimeout());
		assertThat(properties.getConnectTimeout()).isEqualTo(configuration.getConnectTimeout());
		assertThat(properties.getDdlLockTimeout()).isEqualTo(configuration.getDdlLockTimeout());
		assertThat(properties.getDdlLockRetries()).isEqualTo(configuration.getDdlLockRetries());
		assertThat(properties.getInstalledBy()).isEqualTo(configuration.getInstalledBy());
		assertThat(properties.isCleanEnabled()).isEqualTo(configuration.isCleanEnabled());
		assertThat(properties.getSafety().getMode()).isEqualTo(configuration.getSafetyMode());
		assertThat(properties.getSafety().getMaxLockedRows()).isEqualTo(configuration.getMaxLockedRows());
		assertThat(properties.getCleanMaxRows()).isEqualTo(configuration.getCleanMaxRows());
		assertThat(properties.getWait().getInitialDelay()).isEqualTo(configuration.getWaitInitialDelay());
		assertThat(properties.getWait().getMultiplier()).isEqualTo(configuration.getWaitMultiplier());
		assertThat(properties.getWait().getMaxDelay()).isEqualTo(configuration.getWaitMaxDelay());
		// a service waits for its database by default (DESIGN: 60 s); the API and the CLI
		// make one attempt unless told
		assertThat(properties.getWait().getTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(configuration.getWaitTimeout()).isZero();
	}

	@Test
	void eachLockSettingHasAnEnvironmentVariableOfItsOwn() {
		HoistProperties ddlOnly = bindEnvironment(Map.of("HOIST_DDL_LOCK_TIMEOUT", "3s"));
		HoistProperties waitOnly = bindEnvironment(Map.of("HOIST_LOCK_WAIT_TIMEOUT", "45s"));
		HoistProperties both = bindEnvironment(Map.of("HOIST_DDL_LOCK_TIMEOUT", "3s", "HOIST_LOCK_WAIT_TIMEOUT", "45s",
				"HOIST_DDL_LOCK_RETRIES", "4"));

		assertThat(ddlOnly.getDdlLockTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(ddlOnly.getLock().getWaitTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(waitOnly.getDdlLockTimeout()).isNull();
		assertThat(waitOnly.getLock().getWaitTimeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(both.getDdlLockTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(both.getLock().getWaitTimeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(both.getDdlLockRetries()).isEqualTo(4);
	}

	@Test
	void everySettingBindsFromTheEnvironmentVariableTheCommandLineReadsToo() {
		// dots and dashes become underscores: the one spelling both the application and
		// the
		// command line read
		HoistProperties properties = bindEnvironment(Map.ofEntries(Map.entry("HOIST_OUT_OF_ORDER", "true"),
				Map.entry("HOIST_DDL_LOCK_TIMEOUT", "2s"), Map.entry("HOIST_DDL_LOCK_RETRIES", "3"),
				Map.entry("HOIST_LOCK_WAIT_TIMEOUT", "1m"), Map.entry("HOIST_LOCK_MODE", "transaction"),
				Map.entry("HOIST_WAIT_TIMEOUT", "90s"), Map.entry("HOIST_WAIT_INITIAL_DELAY", "250"),
				Map.entry("HOIST_INSTALLED_BY", "deployer"), Map.entry("HOIST_APPLICATION_NAME", "orders"),
				Map.entry("HOIST_CLEAN_ENABLED", "true"), Map.entry("HOIST_VALIDATE_TIMEOUT", "30"),
				Map.entry("HOIST_FAIL_ON_OTHER_MIGRATION_TOOLS", "false"), Map.entry("HOIST_AHEAD", "fail"),
				Map.entry("HOIST_TARGET", "7"), Map.entry("HOIST_CONNECT_TIMEOUT", "4s"),
				Map.entry("HOIST_LOCK_LOST_HOLDER_TIMEOUT", "45s")));
		assertThat(properties.isOutOfOrder()).isTrue();
		assertThat(properties.getDdlLockTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getDdlLockRetries()).isEqualTo(3);
		assertThat(properties.getLock().getWaitTimeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.getLock().getMode()).isEqualTo(HoistConfiguration.LockMode.TRANSACTION);
		assertThat(properties.getWait().getTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(properties.getWait().getInitialDelay()).isEqualTo(Duration.ofMillis(250));
		assertThat(properties.getInstalledBy()).isEqualTo("deployer");
		assertThat(properties.getApplicationName()).isEqualTo("orders");
		assertThat(properties.isCleanEnabled()).isTrue();
		assertThat(properties.getValidateTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.isFailOnOtherMigrationTools()).isFalse();
		assertThat(properties.getAhead()).isEqualTo(HoistConfiguration.AheadPolicy.FAIL);
		assertThat(properties.getTarget()).isEqualTo("7");
		assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(4));
		assertThat(properties.getLock().getLostHolderTimeout()).isEqualTo(Duration.ofSeconds(45));
	}

	private static HoistProperties bindEnvironment(Map<String, Object> variables) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("hoist", HoistProperties.class);
	}

}
