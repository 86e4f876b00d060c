package dev.hoist.autoconfigure.metrics;

import dev.hoist.autoconfigure.DriftCheck;
import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.autoconfigure.HoistProperties;
import dev.hoist.core.Hoist;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Hoist's Micrometer meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		HoistAutoConfiguration.class })
@ConditionalOnClass({ Hoist.class, MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ MeterRegistry.class, Hoist.class })
public final class HoistMetricsAutoConfiguration {

	// a listener: the auto-configured Hoist collects it, so it must not depend on Hoist
	@Bean
	@ConditionalOnMissingBean
	MigrationMetricsListener hoistMigrationMetricsListener(MeterRegistry registry,
			ObjectProvider<HoistProperties> properties) {
		HoistProperties hoist = properties.getIfAvailable(HoistProperties::new);
		return new MigrationMetricsListener(registry, hoist.getTenants().isTenantMetrics());
	}

	// the last periodic drift check as a number: NaN until the first ends or when it
	// failed
	@Bean
	@ConditionalOnBean(DriftCheck.class)
	MeterBinder hoistDriftMeterBinder(DriftCheck driftCheck) {
		return (registry) -> Gauge.builder("hoist.schema.drift", driftCheck, (check) -> {
			DriftCheck.Result last = check.last();
			return (last != null && last.drift() != null) ? last.differences() : Double.NaN;
		})
			.description("Differences between the live schema and the migrations' at the last drift check")
			.register(registry);
	}

}
