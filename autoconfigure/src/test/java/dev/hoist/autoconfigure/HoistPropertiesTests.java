package dev.hoist.autoconfigure;

import dev.hoist.core.DatabaseWaiter;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import org.junit.jupiter.api.Test;

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
		assertThat(properties.getLock().getTimeout()).isEqualTo(configuration.getLockTimeout());
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

}
