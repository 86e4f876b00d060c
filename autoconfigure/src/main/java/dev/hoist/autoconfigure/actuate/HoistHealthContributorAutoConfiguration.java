package dev.hoist.autoconfigure.actuate;

import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.core.Hoist;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code migrations} health
 * contributor.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoistAutoConfiguration.class)
@ConditionalOnClass({ Hoist.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Hoist.class)
@ConditionalOnEnabledHealthIndicator("migrations")
@Import(MigrationStatusConfiguration.class)
public final class HoistHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "migrationsHealthIndicator")
	MigrationsHealthIndicator migrationsHealthIndicator(Hoist hoist, MigrationStatusReader reader,
			MigrationActivity activity) {
		return new MigrationsHealthIndicator(reader, activity, hoist.configuration().getDatabase());
	}

}
