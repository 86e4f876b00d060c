package dev.hoist.core;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import dev.hoist.core.internal.MigrationIndex;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Classpath migrations with the build-time index: a start at the head reads the index
 * only, and an index that no longer says what the jar or directory holds is not trusted.
 */
@PostgresTest
class IndexedStartTests {

	@TempDir
	Path temp;

	@BeforeEach
	void freshSchema(TestDatabase database) {
		database.resetPublicSchema();
	}

	@Test
	void startAtTheHeadFromAnIndexedJarOpensNoMigrationFile(TestDatabase database) throws IOException {
		Path classes = classes(40);
		MigrationIndex.write(classes, classes.resolve(MigrationIndex.RESOURCE));
		try (CountingJar jar = CountingJar.of(classes, this.temp.resolve("app.jar"))) {
			MigrateResult first = hoist(jar, database).migrate();
			assertThat(first.applied()).hasSize(41);
			jar.reset();

			MigrateResult again = hoist(jar, database).migrate();

			assertThat(again.applied()).isEmpty();
			assertThat(again.revision()).hasToString("40");
			assertThat(jar.opened()).containsExactly(MigrationIndex.RESOURCE);
			assertThat(hoist(jar, database).status().state()).isEqualTo(HoistStatus.State.CURRENT);
		}
	}

	@Test
	void checksumsFromTheIndexAreThoseOfTheFiles(TestDatabase database) throws IOException {
		Path classes = classes(3);
		Files.writeString(classes.resolve("db/migration/V4__crlf.sql"),
				"-- migrate:up\r\nCREATE TABLE crlf (id int);\r\n-- migrate:down\r\nDROP TABLE crlf;\r\n");
		Files.write(classes.resolve("db/migration/V5__bom.sql"),
				("\uFEFF-- migrate:up\nCREATE TABLE bom (id int);\n").getBytes(StandardCharsets.UTF_8));
		MigrationIndex.write(classes, classes.resolve(MigrationIndex.RESOURCE));
		// history records the checksums computed from the files
		Hoist.configure()
			.dataSource(database.dataSource())
			.locations("filesystem:" + classes.resolve("db/migration"))
			.load()
			.migrate();
		try (CountingJar jar = CountingJar.of(classes, this.temp.resolve("app.jar"))) {
			HoistStatus fromIndex = hoist(jar, database).status();

			assertThat(jar.opened()).containsExactly(MigrationIndex.RESOURCE);
			assertThat(fromIndex.problems()).isEmpty();
			assertThat(fromIndex.state()).isEqualTo(HoistStatus.State.CURRENT);
			assertThat(fromIndex.applied()).hasSize(6)
				.allSatisfy((info) -> assertThat(info.state()).isEqualTo(MigrationInfo.State.APPLIED));
		}
	}

	@Test
	void aFileAddedWithoutRebuildingTheIndexIsFoundAndApplied(TestDatabase database) throws IOException {
		Path classes = classes(3);
		MigrationIndex.write(classes, classes.resolve(MigrationIndex.RESOURCE));
		Files.writeString(classes.resolve("db/migration/V4__added_later.sql"), "CREATE TABLE added_later (id int);\n");
		try (CountingJar jar = CountingJar.of(classes, this.temp.resolve("app.jar"))) {
			MigrateResult result = hoist(jar, database).migrate();

			assertThat(result.revision()).hasToString("4");
			assertThat(jar.opened()).contains("db/migration/V1__step_1.sql", "db/migration/V4__added_later.sql");
		}
	}

	@Test
	void aFileChangedWithoutRebuildingTheIndexIsCheckedAgainstHistory(TestDatabase database) throws IOException {
		Path classes = classes(2);
		MigrationIndex.write(classes, classes.resolve(MigrationIndex.RESOURCE));
		try (CountingJar jar = CountingJar.of(classes, this.temp.resolve("first.jar"))) {
			hoist(jar, database).migrate();
		}
		// same size, other text: only the CRC-32 in the jar's directory tells
		Path step = classes.resolve("db/migration/V2__step_2.sql");
		Files.writeString(step, Files.readString(step).replace("t2", "x2"));
		try (CountingJar jar = CountingJar.of(classes, this.temp.resolve("second.jar"))) {
			assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(jar, database).migrate())
				.withMessageContaining("V2__step_2.sql was changed after it was applied");
		}
	}

	@Test
	void aDirectoryOnTheClasspathUsesItsIndexUntilAFileIsNewerThanIt(TestDatabase database) throws IOException {
		Path classes = classes(3);
		Path index = classes.resolve(MigrationIndex.RESOURCE);
		MigrationIndex.write(classes, index);
		Files.setLastModifiedTime(index, FileTime.from(Instant.now().plusSeconds(60)));
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, null)) {
			assertThat(hoist(loader, database).migrate().revision()).hasToString("3");
			// a file edited in place after the build keeps its size, but not its time
			Path step = classes.resolve("db/migration/V3__step_3.sql");
			Files.writeString(step, Files.readString(step).replace("t3", "x3"));
			Files.setLastModifiedTime(step, FileTime.from(Instant.now().plusSeconds(120)));

			assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(loader, database).migrate())
				.withMessageContaining("V3__step_3.sql was changed after it was applied");
		}
	}

	@Test
	void filesystemLocationsReadTheirFilesWhateverIndexLiesBeside(TestDatabase database) throws IOException {
		MigrationFiles files = MigrationFiles.create();
		files.write("V1__first.sql", "CREATE TABLE first (id int);\n");
		Files.createDirectories(Path.of(files.location().substring("filesystem:".length()), "dev/hoist"));
		files.write("dev/hoist/migration.index",
				"# hoist migration index 1\nV1__first.sql\t29\t0\tbogus\tV\t1\tnone\n");

		MigrateResult result = TestHoist.configure(files, database).load().migrate();

		assertThat(result.applied()).extracting(MigrationInfo::checksum).doesNotContain("bogus").hasSize(1);
	}

	private Hoist hoist(ClassLoader loader, TestDatabase database) {
		return Hoist.configure()
			.dataSource(database.dataSource())
			.classLoader(loader)
			.locations("classpath:db/migration")
			.load();
	}

	private Path classes(int count) throws IOException {
		Path classes = Files.createTempDirectory(this.temp, "classes");
		Path migrations = Files.createDirectories(classes.resolve("db/migration"));
		for (int i = 1; i <= count; i++) {
			Files.writeString(migrations.resolve("V" + i + "__step_" + i + ".sql"),
					"-- migrate:up\nCREATE TABLE t" + i + " (id int);\n-- migrate:down\nDROP TABLE t" + i + ";\n");
		}
		Files.writeString(migrations.resolve("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1 AS one;\n");
		return classes;
	}

}
