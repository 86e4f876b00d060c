package dev.hoist.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.hoist.core.internal.MigrationScaffold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Scaffolding a migration file: numbered like the files already there, and refused until
 * it is filled in.
 */
class NewMigrationTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

	@TempDir
	Path directory;

	@Test
	void anEmptyDirectoryGetsATimestampedFileWithPlaceholderSections() throws IOException {
		Path file = Hoist.newMigration(this.directory.resolve("db/migration"), "Add orders index");

		assertThat(file.getFileName().toString()).matches("V20[0-9]{12}__add_orders_index\\.sql");
		assertThat(Files.readString(file)).isEqualTo("""
				-- migrate:up
				-- hoist:todo Write the change here. Hoist refuses this file until this section has SQL.


				-- migrate:down
				-- hoist:todo Write the SQL that undoes the change here. Or delete this line:
				-- a down section without statements makes the migration irreversible.
				""");
	}

	@Test
	void integerVersionsGetTheNextInteger() throws IOException {
		write("V1__init.sql", "V2__orders.sql", "sub/V10__later.sql", "R__views.sql", "notes.txt");

		assertThat(scaffold("add index")).hasFileName("V11__add_index.sql");
	}

	@Test
	void zeroPaddedVersionsKeepTheirWidth() throws IOException {
		write("V001__init.sql", "V009__orders.sql");

		assertThat(scaffold("backfill")).hasFileName("V010__backfill.sql");
	}

	@Test
	void dottedAndUnderscoredVersionsIncrementTheirLastPart() throws IOException {
		write("V1.1__init.sql", "V1.2__orders.sql");
		Path dotted = scaffold("next");
		Files.delete(dotted);
		write("V2_9__more.sql");

		assertThat(dotted).hasFileName("V1.3__next.sql");
		assertThat(scaffold("after")).hasFileName("V2_10__after.sql");
	}

	@Test
	void timestampVersionsGetTheCurrentTimeInTheirFormat() throws IOException {
		write("seconds/V20261120080000__init.sql", "minutes/V202611210930__init.sql");

		assertThat(scaffold("seconds", "now")).hasFileName("V20261121093000__now.sql");
		assertThat(scaffold("minutes", "now")).hasFileName("V202611210931__now.sql");
	}

	@Test
	void aTimestampNeverGoesBackBelowTheNewestVersion() throws IOException {
		write("V20261125000000__from_a_fast_clock.sql");

		assertThat(scaffold("next")).hasFileName("V20261125000001__next.sql");
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

	private Path scaffold(String description) {
		return new MigrationScaffold(CLOCK).write(this.directory, description);
	}

	private Path scaffold(String subdirectory, String description) {
		return new MigrationScaffold(CLOCK).write(this.directory.resolve(subdirectory), description);
	}

	private void write(String... names) throws IOException {
		for (String name : names) {
			Path file = this.directory.resolve(name);
			Files.createDirectories(file.getParent());
			Files.writeString(file, "SELECT 1;\n");
		}
	}

	private static String version(Path file) {
		return file.getFileName().toString().replaceFirst("__.*", "");
	}

}
