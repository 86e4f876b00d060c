package dev.hoist.core.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.hoist.core.HoistException;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.StandalonePostgres;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Two servers of different major versions print definitions differently: the diff refuses
 * to compare them, naming both versions, instead of reporting every view as changed.
 */
@PostgresTest
class SchemaDiffAcrossMajorsTests {

	// copied by the build (core/pom.xml); zonky publishes these bundles for Linux on
	// amd64
	private static final Path OTHER = Path.of("target", "other-postgres", "other-postgres.jar");

	@Test
	void refusesToCompareDatabasesOfTwoMajorVersions(TestDatabase db) throws Exception {
		assumeThat(System.getProperty("os.name").toLowerCase(Locale.ROOT))
			.as("the second server's binaries are" + " Linux amd64 ones")
			.contains("linux");
		assertThat(OTHER).as("the build copies a second PostgreSQL major here").exists();
		assertThat(Files.size(OTHER)).isPositive();
		try (StandalonePostgres other = StandalonePostgres.onFreePort(OTHER).start()) {
			int otherMajor = Integer
				.parseInt(other.database().queryForString("SHOW server_version_num").substring(0, 2));
			int major = db.server().majorVersion();
			assertThat(otherMajor).isNotEqualTo(major);
			assertThatExceptionOfType(HoistException.class)
				.isThrownBy(() -> SchemaDiff.between(db.dataSource(), other.database().dataSource()).compute())
				.withMessageContaining("PostgreSQL " + major + " and " + otherMajor)
				.withMessageContaining("one major version");
		}
	}

}
