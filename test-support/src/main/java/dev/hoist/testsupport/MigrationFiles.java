package dev.hoist.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary directory of migration files that a test writes, changes and deletes, to
 * use as a {@code filesystem:} location.
 *
 * <pre>{@code
 * MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
 * Hoist.configure().dataSource(database.dataSource()).locations(files.location()).load().migrate();
 * }</pre>
 */
public final class MigrationFiles {

	private final Path directory;

	private MigrationFiles(Path directory) {
		this.directory = directory;
	}

	/**
	 * Create an empty directory.
	 * @return the files
	 */
	public static MigrationFiles create() {
		try {
			return new MigrationFiles(Files.createTempDirectory("hoist-migrations"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Write a file, replacing one of the same name.
	 * @param name the file name, such as {@code V1__shops.sql}
	 * @param content the text, written as UTF-8
	 * @return these files
	 */
	public MigrationFiles write(String name, String content) {
		return writeBytes(name, content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Write a file as bytes, for encodings and byte-order marks.
	 * @param name the file name
	 * @param content the bytes
	 * @return these files
	 */
	public MigrationFiles writeBytes(String name, byte[] content) {
		try {
			Files.write(this.directory.resolve(name), content);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Delete a file.
	 * @param name the file name
	 * @return these files
	 */
	public MigrationFiles delete(String name) {
		try {
			Files.delete(this.directory.resolve(name));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the directory.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Return the directory as a Hoist location.
	 * @return {@code filesystem:} and the directory
	 */
	public String location() {
		return "filesystem:" + this.directory;
	}

}
