package dev.hoist.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.hoist.core.HoistStatus.Problem.Kind;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A configured location that does not exist is a mistake, never a build without
 * migrations: a CI gate must not pass and a jar built without its migrations must not
 * start.
 */
@PostgresTest
class MigrationLocationTests {

	@TempDir
	Path directory;

	private TestDatabase database;

	private MigrationFiles files;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		this.files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
	}

	@Test
	void aMistypedFilesystemLocationMakesStatusInvalidAndMigrateRefuseWithTheWayOut() {
		TestHoist.configure(this.files, this.database).load().migrate();
		String typo = "filesystem:" + this.directory.resolve("typo");
		Hoist hoist = Hoist.configure().dataSource(this.database.dataSource()).locations(typo).load();

		HoistStatus status = hoist.status();

		assertThat(status.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(Kind.MISSING_LOCATION);
			assertThat(problem.message()).isEqualTo("Migration location " + typo + " does not exist ("
					+ this.directory.resolve("typo") + "). Correct locations(...), or mark a location that may be"
					+ " absent as optional: optional:" + typo);
		});
		assertThat(status.outcome()).isEqualTo(HoistStatus.Outcome.INVALID);
		assertThatExceptionOfType(ValidationException.class).isThrownBy(hoist::migrate)
			.withMessageContaining("Migration location " + typo + " does not exist");
	}

	@Test
	void aClasspathLocationMissingFromTheBuildIsAProblemBeforeAnythingIsWritten() {
		Hoist hoist = Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("classpath:db/no-such-migrations")
			.load();

		assertThatExceptionOfType(ValidationException.class).isThrownBy(hoist::migrate)
			.satisfies((ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(Kind.MISSING_LOCATION))
			.withMessageContaining("Migration location classpath:db/no-such-migrations is not on the classpath:"
					+ " the build has no such directory (a jar built without its migrations?)");
		assertThat(this.database.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
	}

	@Test
	void aFileWhereADirectoryIsExpectedIsAProblem() throws IOException {
		Path file = Files.writeString(this.directory.resolve("V1__not_a_directory.sql"), "SELECT 1;");

		HoistStatus status = Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + file)
			.load()
			.status();

		assertThat(status.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains(" is not a directory ("));
	}

	@Test
	void anOptionalLocationMayBeAbsentWhileTheOthersApply() {
		Hoist hoist = Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations(this.files.location(), "optional:filesystem:" + this.directory.resolve("local-only"),
					"optional:classpath:db/not-packaged")
			.load();

		assertThat(hoist.migrate().applied()).extracting(MigrationInfo::script).containsExactly("V1__shops.sql");
		assertThat(hoist.status().problems()).isEmpty();
	}

	@Test
	void anOptionalLocationThatExistsIsReadAndNamedWithoutThePrefix() {
		this.files.write("V2_one_underscore.sql", "SELECT 1;");
		Hoist hoist = Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("optional:" + this.files.location())
			.load();

		assertThat(hoist.status().problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.startsWith(this.files.location() + "/V2_one_underscore.sql: not a migration file name"));
		this.files.delete("V2_one_underscore.sql");
		assertThat(hoist.migrate().applied()).extracting(MigrationInfo::script).containsExactly("V1__shops.sql");
	}

	@Test
	void anEmptyDirectoryIsAProjectWithoutMigrationsYet() {
		HoistStatus status = Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.directory)
			.load()
			.status();

		assertThat(status.problems()).isEmpty();
		assertThat(status.outcome()).isEqualTo(HoistStatus.Outcome.CURRENT);
	}

}
