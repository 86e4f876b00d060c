package dev.hoist.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.hoist.testsupport.TestDatabase;

/**
 * A temporary directory of migration files for one test, used as a {@code filesystem:}
 * location.
 */
final class MigrationFiles {

	private final Path directory;

	private MigrationFiles(Path directory) {
		this.directory = directory;
	}

	static MigrationFiles create() {
		try {
			return new MigrationFiles(Files.createTempDirectory("hoist-migrations"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	MigrationFiles write(String name, String content) {
		return writeBytes(name, content.getBytes(StandardCharsets.UTF_8));
	}

	MigrationFiles writeBytes(String name, byte[] content) {
		try {
			Files.write(this.directory.resolve(name), content);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	MigrationFiles delete(String name) {
		try {
			Files.delete(this.directory.resolve(name));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Configure Hoist on a database with these files as its one location.
	 */
	HoistConfiguration configure(TestDatabase database) {
		return Hoist.configure().dataSource(database.dataSource()).locations(location());
	}

	Path directory() {
		return this.directory;
	}

	String location() {
		return "filesystem:" + this.directory;
	}

}
