package dev.hoist.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.hoist.core.HoistException;

/**
 * Writes a new, empty migration file named by the current UTC time, so that files written
 * on parallel branches rarely collide.
 */
public final class MigrationScaffold {

	private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

	private final Clock clock;

	public MigrationScaffold(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Write {@code V<yyyyMMddHHmmss>__<description>.sql} with empty up and down sections.
	 * @param directory the directory, created when missing
	 * @param description words such as {@code add orders index}
	 * @return the new file
	 */
	public Path write(Path directory, String description) {
		String name = fileDescription(description);
		LocalDateTime time = LocalDateTime.now(this.clock.withZone(ZoneOffset.UTC)).withNano(0);
		try {
			Files.createDirectories(directory);
			// two files within one second would share a version: take the
			// next free second
			while (versionTaken(directory, VERSION.format(time))) {
				time = time.plusSeconds(1);
			}
			Path file = directory.resolve("V" + VERSION.format(time) + "__" + name + ".sql");
			String text = "-- migrate:up\n\n\n-- migrate:down\n\n";
			Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
			return file;
		}
		catch (FileAlreadyExistsException ex) {
			throw new HoistException("Cannot write the migration: " + ex.getFile() + " already exists", ex);
		}
		catch (IOException ex) {
			throw new HoistException("Cannot write a migration into " + directory.toAbsolutePath() + ": " + ex, ex);
		}
	}

	static String fileDescription(String description) {
		String name = description.strip()
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", "_")
			.replaceAll("^_+|_+$", "");
		if (name.isEmpty()) {
			throw new IllegalArgumentException("'" + description
					+ "' has no letters or digits to name a migration; describe it, such as 'add orders index'");
		}
		return name;
	}

	private static boolean versionTaken(Path directory, String version) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "V" + version + "__*")) {
			return files.iterator().hasNext();
		}
	}

}
