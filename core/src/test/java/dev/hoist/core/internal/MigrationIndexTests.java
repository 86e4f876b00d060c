package dev.hoist.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build-time index: what it records for each file, and that it reads back.
 */
class MigrationIndexTests {

	private static final String TEXT = "-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n";

	@TempDir
	Path classes;

	@Test
	void checksumsAreTheSameForLfCrlfAndByteOrderMarkVariantsAndThoseComputedFromTheFiles() throws IOException {
		Path migrations = Files.createDirectories(this.classes.resolve("db/migration"));
		Files.writeString(migrations.resolve("V1__lf.sql"), TEXT);
		Files.writeString(migrations.resolve("V2__crlf.sql"), TEXT.replace("\n", "\r\n"));
		Files.write(migrations.resolve("V3__bom.sql"), ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8));
		Files.write(migrations.resolve("V4__bom_crlf.sql"),
				("\uFEFF" + TEXT.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));

		Map<String, MigrationIndex.Entry> entries = read().under("db/migration");

		assertThat(entries).hasSize(4);
		for (MigrationIndex.Entry entry : entries.values()) {
			Path file = this.classes.resolve(entry.path());
			String fromFile = FileContent.load(() -> Files.newInputStream(file)).checksum();
			assertThat(entry.checksum()).as(entry.path()).isEqualTo(fromFile).isEqualTo(Checksums.sha256(TEXT));
			assertThat(entry.size()).isEqualTo(Files.size(file));
			assertThat(entry.down()).isEqualTo("down");
		}
	}

	@Test
	void recordsTypeVersionAndWhetherADownSectionCanRun() throws IOException {
		Path migrations = Files.createDirectories(this.classes.resolve("db/migration/nested"));
		Files.writeString(migrations.resolve("V1_2__versioned.sql"), "CREATE TABLE a (id int);\n");
		Files.writeString(migrations.resolve("R__view.sql"), "CREATE VIEW v AS SELECT 1;\n");
		Files.writeString(this.classes.resolve("db/migration/notes.sql"), "-- not a migration\n");
		Files.writeString(this.classes.resolve("db/migration/V2__broken.sql"), "CREATE TABLE 'unterminated\n");

		Map<String, MigrationIndex.Entry> entries = read().under("db/migration");

		assertThat(entries.get("db/migration/nested/V1_2__versioned.sql")).satisfies((entry) -> {
			assertThat(entry.type()).isEqualTo("V");
			assertThat(entry.version()).isEqualTo("1.2");
			assertThat(entry.down()).isEqualTo("none");
			assertThat(entry.agreesWith("V1_2__versioned.sql")).isTrue();
		});
		assertThat(entries.get("db/migration/nested/R__view.sql").type()).isEqualTo("R");
		assertThat(entries.get("db/migration/notes.sql").type()).isEqualTo("-");
		assertThat(entries.get("db/migration/V2__broken.sql").down()).isEqualTo("?");
		assertThat(read().under("db/migration/nested")).hasSize(2);
	}

	@Test
	void aDirectoryWithoutMigrationsGetsNoIndexAndLosesALeftOverOne() throws IOException {
		Path index = this.classes.resolve(MigrationIndex.RESOURCE);
		Files.createDirectories(index.getParent());
		Files.writeString(index, "left over");

		assertThat(MigrationIndex.write(this.classes, index)).isZero();
		assertThat(index).doesNotExist();
	}

	@Test
	void anIndexInAnotherFormatIsNotRead() throws IOException {
		assertThat(MigrationIndex.read(new ByteArrayInputStream("# hoist migration index 2\n".getBytes()))).isNull();
		assertThat(MigrationIndex.read(new ByteArrayInputStream(
				"# hoist migration index 1\ndb/V1__a.sql\t1\n".getBytes(StandardCharsets.UTF_8))))
			.isNull();
	}

	@Test
	void javacWithAClassOutputDirectoryIndexesItsResources() throws IOException {
		Path migrations = Files.createDirectories(this.classes.resolve("db/migration"));
		Files.writeString(migrations.resolve("V1__shops.sql"), TEXT);
		Path source = Files.writeString(this.classes.resolveSibling(this.classes.getFileName() + "-src.java"),
				"class Shop {}\n");
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
			JavaCompiler.CompilationTask task = javac.getTask(null, files, null,
					List.of("-d", this.classes.toString(), "-proc:only"), null,
					files.getJavaFileObjects(source.toFile()));
			task.setProcessors(List.of(new MigrationIndexProcessor()));
			assertThat(task.call()).isTrue();
		}
		finally {
			Files.deleteIfExists(source);
		}
		assertThat(Files.readString(this.classes.resolve(MigrationIndex.RESOURCE)))
			.contains("db/migration/V1__shops.sql");
	}

	@Test
	void withoutAClassOutputDirectoryThereIsNoBuildToIndex() {
		// javac without -d puts the resource in the current directory under its last name
		Path current = this.classes.resolve("project");
		assertThat(MigrationIndexProcessor.classesRoot(current.resolve("migration.index"))).isNull();
		assertThat(MigrationIndexProcessor.classesRoot(Path.of("/").resolve(MigrationIndex.RESOURCE))).isNull();
		assertThat(MigrationIndexProcessor.classesRoot(current.resolve(MigrationIndex.RESOURCE))).isEqualTo(current);
	}

	private MigrationIndex read() throws IOException {
		Path index = this.classes.resolve(MigrationIndex.RESOURCE);
		MigrationIndex.write(this.classes, index);
		return MigrationIndex.read(Files.newInputStream(index));
	}

}
