package dev.hoist.autoconfigure.actuate;

import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.autoconfigure.HoistProperties;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.TenantKind;

import org.springframework.beans.factory.ObjectProvider;
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
			MigrationActivity activity, ObjectProvider<HoistProperties> properties) {
		HoistConfiguration configuration = hoist.configuration();
		boolean databases = configuration.hasTenants() && configuration.getTenantKind() == TenantKind.DATABASE;
		return new MigrationsHealthIndicator(reader, activity, configuration.getDatabase(),
				new MigrationsHealthIndicator.Tenants(
						properties.getIfAvailable(HoistProperties::new).getTenants().isDownOnFailure(), databases));
	}

}
