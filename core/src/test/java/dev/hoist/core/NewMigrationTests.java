package dev.hoist.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Scaffolding a migration file.
 */
class NewMigrationTests {

	@TempDir
	Path directory;

	@Test
	void writesATimestampedFileWithUpAndDownSections() throws IOException {
		Path file = Hoist.newMigration(this.directory.resolve("db/migration"), "Add orders index");

		assertThat(file.getFileName().toString()).matches("V20[0-9]{12}__add_orders_index\\.sql");
		assertThat(Files.readString(file)).isEqualTo("-- migrate:up\n\n\n-- migrate:down\n\n");
	}

	@Test
	void twoFilesWithinOneSecondGetDifferentVersions() {
		Path first = Hoist.newMigration(this.directory, "one");
		Path second = Hoist.newMigration(this.directory, "two");

		assertThat(version(first)).isNotEqualTo(version(second));
	}

	@Test
	void aDescriptionWithoutLettersIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Hoist.newMigration(this.directory, " -- "))
			.withMessageContaining("add orders index");
	}

	private static String version(Path file) {
		return file.getFileName().toString().replaceFirst("__.*", "");
	}

}
