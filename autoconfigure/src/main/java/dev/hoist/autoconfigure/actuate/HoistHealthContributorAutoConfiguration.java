package dev.hoist.autoconfigure.actuate;

import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.autoconfigure.HoistProperties;
import dev.hoist.autoconfigure.env.DatabaseSettingsReport;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.TenantKind;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code migrations} health
 * contributor. With {@code hoist.mode=off} it stays, reporting state {@code off}, so that
 * a readiness group that includes it keeps working.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoistAutoConfiguration.class)
@ConditionalOnClass({ Hoist.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("migrations")
public final class HoistHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(Hoist.class)
	@Import(MigrationStatusConfiguration.class)
	static final class MigrationsHealthConfiguration {

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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Hoist.class)
	@ConditionalOnProperty(name = "hoist.mode", havingValue = "off")
	static final class HoistOffHealthConfiguration {

		// UP: off is a choice, and readiness must not wait for migrations nobody runs
		@Bean
		@ConditionalOnMissingBean(name = "migrationsHealthIndicator")
		HealthIndicator migrationsHealthIndicator(Environment environment) {
			Health health = Health.up()
				.withDetail("state", "off")
				.withDetail("mode", "off (" + DatabaseSettingsReport.source(environment, "hoist.mode") + ")")
				.build();
			return () -> health;
		}

	}

}
