package dev.hoist.autoconfigure.actuate;

import java.time.Duration;

import dev.hoist.autoconfigure.DriftCheck;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The opt-in periodic drift check: off unless {@code hoist.drift.check-interval} is set;
 * when set, its last result shows in {@code /actuator/migrations} and as the
 * {@code hoist.schema.drift} gauge, and a health request never runs it.
 */
@PostgresTest
class DriftCheckTests {

	private ApplicationContextRunner contextRunner;

	private TestDatabase database;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		this.contextRunner = new ApplicationContextRunner()
			.withUserConfiguration(ObservabilityAutoConfigurationTests.AllAutoConfigurations.class)
			.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
					"spring.datasource.username=" + database.user(),
					"spring.datasource.password=" + database.password(), "hoist.locations=classpath:hoist/shop",
					"management.endpoints.web.exposure.include=migrations");
	}

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DriftCheck.class);
			assertThat(context.getBean(MigrationsEndpoint.class).migrations().drift()).isNull();
			assertThat(context.getBean(MeterRegistry.class).find("hoist.schema.drift").gauge()).isNull();
		});
	}

	@Test
	void theLastCheckShowsInTheEndpointAndTheGauge() {
		// an hour: the scheduled check stays out of the way of the ones this test runs
		this.contextRunner.withPropertyValues("hoist.drift.check-interval=1h").run((context) -> {
			assertThat(context).hasNotFailed();
			DriftCheck check = context.getBean(DriftCheck.class);
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(endpoint.migrations().drift()).isNotNull()
				.satisfies((drift) -> assertThat(drift.checkedAt()).isNull());
			assertThat(registry.get("hoist.schema.drift").gauge().value()).isNaN();

			check.check();
			assertThat(endpoint.migrations().drift()).satisfies((drift) -> {
				assertThat(drift.checkedAt()).isNotNull();
				assertThat(drift.drifted()).isFalse();
				assertThat(drift.error()).isNull();
			});
			assertThat(registry.get("hoist.schema.drift").gauge().value()).isZero();

			this.database.execute("ALTER TABLE shops ADD COLUMN added_by_hand text");
			check.check();
			assertThat(endpoint.migrations().drift()).satisfies((drift) -> {
				assertThat(drift.drifted()).isTrue();
				assertThat(drift.differences()).singleElement().asString().contains("added_by_hand");
			});
			assertThat(registry.get("hoist.schema.drift").gauge().value()).isOne();
		});
	}

	@Test
	void theCheckRunsOnItsOwnEveryInterval() {
		this.contextRunner.withPropertyValues("hoist.drift.check-interval=200ms").run((context) -> {
			assertThat(context).hasNotFailed();
			this.database.execute("ALTER TABLE shops ADD COLUMN added_by_hand text");
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(() -> assertThat(endpoint.migrations().drift()).isNotNull()
					.satisfies((drift) -> assertThat(drift.drifted()).isTrue()));
		});
	}

}
