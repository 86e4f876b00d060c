package dev.hoist.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.hoist.core.DatabaseWaiter;
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
		assertThat(properties.getLock().getWaitTimeout()).isEqualTo(configuration.getLockTimeout());
		assertThat(properties.getLockTimeout()).isEqualTo(configuration.getDdlLockTimeout());
		assertThat(properties.getLockRetries()).isEqualTo(configuration.getDdlLockRetries());
		assertThat(properties.getInstalledBy()).isEqualTo(configuration.getInstalledBy());
		assertThat(properties.isCleanEnabled()).isEqualTo(configuration.isCleanEnabled());
		DatabaseWaiter waiter = new DatabaseWaiter();
		assertThat(properties.getWait().getInitialDelay()).isEqualTo(waiter.getInitialDelay());
		assertThat(properties.getWait().getMultiplier()).isEqualTo(waiter.getMultiplier());
		assertThat(properties.getWait().getMaxDelay()).isEqualTo(waiter.getMaxDelay());
		assertThat(properties.getWait().getTimeout()).isEqualTo(waiter.getTimeout());
	}

	@Test
	void eachLockSettingHasAnEnvironmentVariableOfItsOwn() {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("HOIST_LOCK_TIMEOUT", "3s")));
		HoistProperties ddlOnly = new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("hoist",
				HoistProperties.class);
		sources.addFirst(new SystemEnvironmentPropertySource("more", Map.of("HOIST_LOCK_WAIT_TIMEOUT", "45s")));
		HoistProperties both = new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("hoist",
				HoistProperties.class);

		assertThat(ddlOnly.getLockTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(ddlOnly.getLock().getWaitTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(both.getLockTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(both.getLock().getWaitTimeout()).isEqualTo(Duration.ofSeconds(45));
	}

}
