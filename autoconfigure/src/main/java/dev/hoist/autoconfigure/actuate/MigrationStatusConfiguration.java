package dev.hoist.autoconfigure.actuate;

import dev.hoist.core.Hoist;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What health, the endpoint and info share: the activity listener and the status reader.
 * Imported by each of their auto-configurations, and so registered once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HoistHealthProperties.class)
class MigrationStatusConfiguration {

	// a listener: the auto-configured Hoist collects it
	@Bean
	@ConditionalOnMissingBean
	MigrationActivity hoistMigrationActivity() {
		return new MigrationActivity();
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationStatusReader hoistMigrationStatusReader(Hoist hoist, HoistHealthProperties properties) {
		return new MigrationStatusReader(hoist, properties.getTimeout(), properties.getCacheTime());
	}

}
