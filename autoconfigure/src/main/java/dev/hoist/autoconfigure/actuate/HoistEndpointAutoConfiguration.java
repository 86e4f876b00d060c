package dev.hoist.autoconfigure.actuate;

import dev.hoist.autoconfigure.DriftCheck;
import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.autoconfigure.env.DatabaseSettingsReport;
import dev.hoist.core.Hoist;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MigrationsEndpoint}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoistAutoConfiguration.class)
@ConditionalOnClass({ Hoist.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Hoist.class)
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
@Import(MigrationStatusConfiguration.class)
public final class HoistEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(Hoist hoist, MigrationStatusReader reader, MigrationActivity activity,
			Environment environment, ObjectProvider<DriftCheck> driftCheck) {
		return new MigrationsEndpoint(reader, activity, hoist.configuration().getDatabase(),
				DatabaseSettingsReport.from(environment), driftCheck.getIfAvailable());
	}

}
