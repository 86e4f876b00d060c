package dev.hoist.autoconfigure.actuate;

import java.time.Duration;

import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.autoconfigure.metrics.HoistMetricsAutoConfiguration;
import dev.hoist.autoconfigure.metrics.HoistObservationAutoConfiguration;
import dev.hoist.autoconfigure.metrics.MigrationMetricsListener;
import dev.hoist.autoconfigure.metrics.MigrationObservationListener;
import dev.hoist.core.Hoist;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the health, endpoint, info, metrics and observation auto-configurations: each
 * optional, each backing off on its own, and none needed for the starter to migrate.
 */
@PostgresTest
class ObservabilityAutoConfigurationTests {

	private static final Class<?>[] OBSERVABILITY_BEANS = { MigrationActivity.class, MigrationStatusReader.class,
			MigrationsHealthIndicator.class, MigrationsEndpoint.class, MigrationsInfoContributor.class,
			MigrationMetricsListener.class, MigrationObservationListener.class };

	private ApplicationContextRunner contextRunner;

	private TestDatabase database;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		// every context migrates an empty schema: proof that the starter works on its own
		database.resetPublicSchema();
		// imported by name, as a real application does, so that a filtered class is as
		// good as absent: its annotations disappear instead of failing to load
		this.contextRunner = new ApplicationContextRunner().withUserConfiguration(AllAutoConfigurations.class)
			.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
					"spring.datasource.username=" + database.user(),
					"spring.datasource.password=" + database.password(), "hoist.locations=classpath:hoist/shop",
					"management.endpoints.web.exposure.include=migrations");
	}

	@Test
	void definesEveryPartWithActuatorAndMicrometerAndHoistCollectsTheListeners() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			for (Class<?> type : OBSERVABILITY_BEANS) {
				assertThat(context).hasSingleBean(type);
			}
			assertThat(context.getBean(Hoist.class).configuration().getListeners()).contains(
					context.getBean(MigrationActivity.class), context.getBean(MigrationMetricsListener.class),
					context.getBean(MigrationObservationListener.class));
		});
	}

	@Test
	void withoutActuatorTheStarterMigratesAndDefinesNoHealthEndpointOrInfo() {
		this.contextRunner
			.withClassLoader(
					new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.run((context) -> {
				assertMigrated(context);
				assertThat(context).doesNotHaveBean(MigrationActivity.class)
					.doesNotHaveBean(MigrationStatusReader.class)
					.doesNotHaveBean(MigrationsHealthIndicator.class)
					.doesNotHaveBean(MigrationsEndpoint.class)
					.doesNotHaveBean(MigrationsInfoContributor.class);
			});
	}

	@Test
	void withoutMicrometerTheStarterMigratesAndDefinesNoMetersOrObservation() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.micrometer"))
			.run((context) -> {
				assertMigrated(context);
				assertThat(context).doesNotHaveBean(MigrationMetricsListener.class)
					.doesNotHaveBean(MigrationObservationListener.class);
			});
	}

	@Test
	void withoutActuatorAndMicrometerTheStarterMigratesAndDefinesNoneOfThem() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
					"org.springframework.boot.health", "io.micrometer", "org.springframework.boot.micrometer"))
			.run((context) -> {
				assertMigrated(context);
				for (Class<?> type : OBSERVABILITY_BEANS) {
					assertThat(context).doesNotHaveBean(type);
				}
			});
	}

	@Test
	void definesNoneOfThemWhenHoistIsOff() {
		this.contextRunner.withPropertyValues("hoist.mode=off").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(Hoist.class);
			for (Class<?> type : OBSERVABILITY_BEANS) {
				assertThat(context).doesNotHaveBean(type);
			}
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.migrations.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationsHealthIndicator.class)
				.hasSingleBean(MigrationsEndpoint.class));
	}

	@Test
	void endpointIsDefinedOnlyWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationsEndpoint.class)
				.hasSingleBean(MigrationsHealthIndicator.class));
	}

	@Test
	void infoContributorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.info.hoist.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsInfoContributor.class));
	}

	@Test
	void healthReadsBindTheirTimeoutAndCacheTime() {
		this.contextRunner.withPropertyValues("hoist.health.timeout=750ms", "hoist.health.cache-time=30s")
			.run((context) -> {
				HoistHealthProperties properties = context.getBean(HoistHealthProperties.class);
				assertThat(properties.getTimeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(properties.getCacheTime()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void healthReadsDefaultToTwoSecondsAndACacheOfFive() {
		HoistHealthProperties properties = new HoistHealthProperties();
		assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getCacheTime()).isEqualTo(Duration.ofSeconds(5));
	}

	private void assertMigrated(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed().hasSingleBean(Hoist.class);
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("1", "2");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(
			classes = { DataSourceAutoConfiguration.class, HoistAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					ObservationAutoConfiguration.class, HoistHealthContributorAutoConfiguration.class,
					HoistEndpointAutoConfiguration.class, HoistInfoContributorAutoConfiguration.class,
					HoistMetricsAutoConfiguration.class, HoistObservationAutoConfiguration.class })
	static class AllAutoConfigurations {

	}

}
