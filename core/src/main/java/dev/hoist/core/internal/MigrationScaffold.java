package dev.hoist.core.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Writes a new migration file whose version follows the directory's existing style: the
 * next integer after {@code V1}, {@code V2} (keeping zero padding such as {@code V007}),
 * the next last part after {@code V1.1} or {@code V1_1}, the current UTC time after
 * timestamps ({@code yyyyMMddHHmmss} or {@code yyyyMMddHHmm}), and a timestamp in an
 * empty directory, since timestamps written on parallel branches rarely collide.
 * <p>
 * The file holds a {@code hoist:todo} placeholder in each section: Hoist refuses the file
 * while its up section has no SQL, and treats a down section left as the placeholder as a
 * problem of the down section (validate and check fail, downgrade refuses) until it is
 * written or the placeholder deleted, which makes the migration irreversible on purpose.
 */
public final class MigrationScaffold {

	/** What a new file holds. */
	static final String TEMPLATE = """
			-- migrate:up
			-- %1$s Write the change here. Hoist refuses this file until this section has SQL.


			-- migrate:down
			-- %1$s Write the SQL that undoes the change here. Or delete this line:
			-- a down section without statements makes the migration irreversible.
			""".formatted(MarkerRecogniser.PLACEHOLDER);

	private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuuMMddHHmm", Locale.ROOT)
		.withResolverStyle(ResolverStyle.STRICT);

	private final Clock clock;

	public MigrationScaffold(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Write {@code V<next version>__<description>.sql} with placeholder up and down
	 * sections.
	 * @param directory the directory, created when missing
	 * @param description words such as {@code add orders index}
	 * @return the new file
	 */
	public Path write(Path directory, String description) {
		String name = fileDescription(description);
		try {
			Files.createDirectories(directory);
			List<String> existing = versions(directory);
			Path file = directory.resolve("V" + nextVersion(existing) + "__" + name + ".sql");
			Files.writeString(file, TEMPLATE, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
			return file;
		}
		catch (FileAlreadyExistsException ex) {
			throw new HoistException("Cannot write the migration: " + ex.getFile() + " already exists", ex);
		}
		catch (IOException ex) {
			throw new HoistException("Cannot write a migration into " + directory.toAbsolutePath() + ": " + ex, ex);
		}
	}

	/**
	 * Return the version that follows the existing ones, in their style.
	 * @param existing the versions as written in the file names
	 * @return the next version, as it goes into a file name
	 */
	String nextVersion(List<String> existing) {
		List<MigrationVersion> taken = existing.stream().map(MigrationVersion::parse).toList();
		Optional<String> highest = existing.stream().max(Comparator.comparing(MigrationVersion::parse));
		LocalDateTime now = LocalDateTime.now(this.clock.withZone(ZoneOffset.UTC)).withNano(0);
		if (highest.isEmpty()) {
			return SECONDS.format(now);
		}
		String last = highest.get();
		for (DateTimeFormatter format : List.of(SECONDS, MINUTES)) {
			LocalDateTime time = timestamp(last, format);
			if (time != null) {
				boolean seconds = format == SECONDS;
				LocalDateTime next = now.isAfter(time) ? now : time;
				String candidate = format.format(next);
				// two files within one second (or minute) would share a version: take the
				// next free one
				while (taken.contains(MigrationVersion.parse(candidate))) {
					next = seconds ? next.plusSeconds(1) : next.plusMinutes(1);
					candidate = format.format(next);
				}
				return candidate;
			}
		}
		String candidate = increment(last);
		while (taken.contains(MigrationVersion.parse(candidate))) {
			candidate = increment(candidate);
		}
		return candidate;
	}

	private static @Nullable LocalDateTime timestamp(String version, DateTimeFormatter format) {
		int digits = (format == SECONDS) ? 14 : 12;
		if (version.length() != digits || !version.chars().allMatch(Character::isDigit)) {
			return null;
		}
		try {
			LocalDateTime time = LocalDateTime.parse(version, format);
			return (time.getYear() >= 1970 && time.getYear() < 2200) ? time : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	// the last part plus one, keeping its width when it was zero-padded: 007 -> 008
	private static String increment(String version) {
		Matcher matcher = Pattern.compile("([0-9]+)$").matcher(version);
		if (!matcher.find()) {
			throw new IllegalStateException("Not a version: " + version);
		}
		String part = matcher.group(1);
		String next = new BigInteger(part).add(BigInteger.ONE).toString();
		if (part.startsWith("0") && next.length() < part.length()) {
			next = "0".repeat(part.length() - next.length()) + next;
		}
		return version.substring(0, matcher.start(1)) + next;
	}

	private static List<String> versions(Path directory) throws IOException {
		List<String> versions = new ArrayList<>();
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.filter(Files::isRegularFile).forEach((path) -> {
				Matcher matcher = VERSIONED.matcher(path.getFileName().toString());
				if (matcher.matches()) {
					versions.add(matcher.group(1));
				}
			});
		}
		return versions;
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

}
