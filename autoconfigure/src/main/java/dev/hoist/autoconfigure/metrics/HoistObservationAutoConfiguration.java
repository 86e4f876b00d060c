package dev.hoist.autoconfigure.metrics;

import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.core.Hoist;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code hoist.migrate}
 * {@link io.micrometer.observation.Observation}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { ObservationAutoConfiguration.class, HoistAutoConfiguration.class })
@ConditionalOnClass({ Hoist.class, ObservationRegistry.class, ObservationAutoConfiguration.class })
@ConditionalOnBean({ ObservationRegistry.class, Hoist.class })
public final class HoistObservationAutoConfiguration {

	// a listener: the auto-configured Hoist collects it
	@Bean
	@ConditionalOnMissingBean
	MigrationObservationListener hoistMigrationObservationListener(ObservationRegistry registry) {
		return new MigrationObservationListener(registry);
	}

}
