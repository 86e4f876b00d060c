package dev.hoist.autoconfigure.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistListener;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.ValidationException;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code hoist.migrate} observation as real runs against PostgreSQL produce it.
 */
@PostgresTest
class MigrationObservationListenerTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private TestDatabase database;

	private Path migrations;

	@BeforeEach
	void prepare(TestDatabase database) throws IOException {
		this.database = database;
		database.resetPublicSchema();
		this.migrations = Files.createTempDirectory("hoist-observation");
		Files.writeString(this.migrations.resolve("V1__one.sql"), "CREATE TABLE one (id int);");
		Files.writeString(this.migrations.resolve("V2__two.sql"), "CREATE TABLE two (id int);");
	}

	@Test
	void aRunThatAppliesMigrationsIsOneObservation() {
		hoist().migrate();
		assertThat(this.registry).hasNumberOfObservationsEqualTo(1)
			.hasSingleObservationThat()
			.hasNameEqualTo("hoist.migrate")
			.hasContextualNameEqualTo("hoist migrate")
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("hoist.applied", "2")
			.hasHighCardinalityKeyValue("hoist.revision", "2");
	}

	@Test
	void theRunsListenersSeeItsObservationAsTheCurrentOne() {
		Observation[] seen = new Observation[1];
		Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.migrations)
			.listeners(new MigrationObservationListener(this.registry), new HoistListener() {

				@Override
				public void migrationApplied(MigrationInfo migration, Duration duration) {
					seen[0] = MigrationObservationListenerTests.this.registry.getCurrentObservation();
				}

			})
			.load()
			.migrate();
		assertThat(seen[0]).isNotNull();
		assertThat(seen[0].getContext().getName()).isEqualTo("hoist.migrate");
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void aRunWithNothingToDoIsStillOneObservationFromItsFirstRead() {
		hoist().migrate();
		TestObservationRegistry second = TestObservationRegistry.create();
		Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.migrations)
			.listeners(new MigrationObservationListener(second))
			.load()
			.migrate();
		assertThat(second).hasNumberOfObservationsEqualTo(1)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("hoist.applied", "0");
	}

	@Test
	void aRunThatFailsBeforeItStartsIsObservedAsAFailure() throws IOException {
		hoist().migrate();
		Files.writeString(this.migrations.resolve("V2__two.sql"), "CREATE TABLE two (id bigint);");
		TestObservationRegistry second = TestObservationRegistry.create();
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.migrations)
			.listeners(new MigrationObservationListener(second))
			.load()
			.migrate());
		assertThat(second).hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "failure")
			.assertThatError()
			.isInstanceOf(ValidationException.class);
	}

	private Hoist hoist() {
		return Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.migrations)
			.listeners(new MigrationObservationListener(this.registry))
			.load();
	}

}
