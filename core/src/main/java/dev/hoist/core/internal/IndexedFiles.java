package dev.hoist.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A classpath location's files as its root's build-time {@link MigrationIndex} lists
 * them, with the checksums it recorded, once the index is found to say exactly what the
 * root holds: the same {@code .sql} names, sizes and CRC-32s in a jar's directory (which
 * the JVM holds in memory: no file is opened), the same names and sizes and nothing newer
 * than the index in a directory. Otherwise {@code null}, and the caller reads every file
 * as it would without an index.
 */
final class IndexedFiles {

	private static final Logger logger = LoggerFactory.getLogger(IndexedFiles.class);

	// one warning per index and JVM: health checks load the migrations every few seconds
	private static final Set<String> warned = ConcurrentHashMap.newKeySet();

	private IndexedFiles() {
	}

	/**
	 * Return a jar location's files from the jar's index.
	 * @param jar the jar (or a Spring Boot nested jar's directory)
	 * @param root the location's URL
	 * @param prefix the location's entry prefix, ending in a slash
	 * @param location the location as configured, for messages
	 * @return the files, or {@code null} when there is no index or it disagrees with the
	 * jar
	 * @throws IOException if the index cannot be read
	 */
	static @Nullable List<MigrationLoader.SourceFile> inJar(JarFile jar, URL root, String prefix, String location)
			throws IOException {
		JarEntry indexEntry = jar.getJarEntry(MigrationIndex.RESOURCE);
		if (indexEntry == null) {
			return null;
		}
		String where = jar.getName() + "!/" + MigrationIndex.RESOURCE;
		MigrationIndex index;
		try (InputStream in = jar.getInputStream(indexEntry)) {
			index = MigrationIndex.read(in);
		}
		if (index == null) {
			return stale(where, "it was written by another version of Hoist");
		}
		Map<String, MigrationIndex.Entry> expected = index.under(prefix.substring(0, prefix.length() - 1));
		int seen = 0;
		Enumeration<JarEntry> entries = jar.entries();
		while (entries.hasMoreElements()) {
			JarEntry entry = entries.nextElement();
			String name = entry.getName();
			if (entry.isDirectory() || !name.startsWith(prefix) || !MigrationIndex.isSql(name)) {
				continue;
			}
			MigrationIndex.Entry indexed = expected.get(name);
			String problem = disagreement(name, indexed, entry.getSize());
			if (problem == null && indexed != null && entry.getCrc() != -1 && entry.getCrc() != indexed.crc()) {
				problem = name + " was changed after the index was written";
			}
			if (problem != null) {
				return stale(where, problem);
			}
			seen++;
		}
		if (seen != expected.size()) {
			return stale(where, "it lists files the jar does not hold");
		}
		List<MigrationLoader.SourceFile> files = new ArrayList<>(expected.size());
		for (MigrationIndex.Entry entry : sorted(expected)) {
			String name = entry.path();
			// "/" + name: the entry's own URL in the same jar
			URL url = new URL(root, "/" + name);
			files.add(file(entry, location + "/" + name.substring(prefix.length()), url::openStream));
		}
		logger.debug("Hoist: {} files of {} from the build-time index {}", files.size(), location, where);
		return files;
	}

	/**
	 * Return a directory location's files from the index of the classpath directory it
	 * lies in.
	 * @param directory the location's directory
	 * @param path the location's path on the classpath, such as {@code db/migration}
	 * @param location the location as configured, for messages
	 * @return the files, or {@code null} when there is no index or it disagrees with the
	 * directory
	 * @throws IOException if the directory or the index cannot be read
	 */
	static @Nullable List<MigrationLoader.SourceFile> inDirectory(Path directory, String path, String location)
			throws IOException {
		Path base = directory;
		for (int depth = path.isEmpty() ? 0 : path.split("/+").length; depth > 0 && base != null; depth--) {
			base = base.getParent();
		}
		if (base == null || !Files.isDirectory(directory)) {
			return null;
		}
		Path indexFile = base.resolve(MigrationIndex.RESOURCE);
		if (!Files.isRegularFile(indexFile)) {
			return null;
		}
		String where = indexFile.toString();
		FileTime written = Files.getLastModifiedTime(indexFile);
		MigrationIndex index;
		try (InputStream in = Files.newInputStream(indexFile)) {
			index = MigrationIndex.read(in);
		}
		if (index == null) {
			return stale(where, "it was written by another version of Hoist");
		}
		Map<String, MigrationIndex.Entry> expected = index.under(path);
		Path root = base;
		List<String> problems = new ArrayList<>();
		int[] seen = { 0 };
		try (Stream<Path> paths = Files.find(directory, Integer.MAX_VALUE,
				(file, attributes) -> attributes.isRegularFile() && MigrationIndex.isSql(file.getFileName().toString())
						&& check(root, file, attributes, expected, written, problems))) {
			paths.forEach((file) -> seen[0]++);
		}
		if (!problems.isEmpty()) {
			return stale(where, problems.get(0));
		}
		if (seen[0] != expected.size()) {
			return stale(where, "it lists files the directory does not hold");
		}
		List<MigrationLoader.SourceFile> files = new ArrayList<>(expected.size());
		for (MigrationIndex.Entry entry : sorted(expected)) {
			Path file = root.resolve(entry.path());
			String relative = entry.path().substring(path.isEmpty() ? 0 : path.length() + 1);
			files.add(file(entry, location + "/" + relative, () -> Files.newInputStream(file)));
		}
		logger.debug("Hoist: {} files of {} from the build-time index {}", files.size(), location, where);
		return files;
	}

	/**
	 * Return the files of a location on a classpath that cannot be listed (a native
	 * image's resources) from the index beside it. Such a classpath is fixed when the
	 * image is built, from the same build as the index; a file is still checked against
	 * the index's checksum whenever it is read.
	 * @param root the location's URL
	 * @param path the location's path on the classpath
	 * @param location the location as configured, for messages
	 * @return the files, or {@code null} when there is no index
	 */
	static @Nullable List<MigrationLoader.SourceFile> atUrl(URL root, String path, String location) {
		String url = root.toString().replaceAll("/+$", "");
		if (!url.endsWith("/" + path)) {
			return null;
		}
		String base = url.substring(0, url.length() - path.length());
		MigrationIndex index;
		try (InputStream in = new URL(base + MigrationIndex.RESOURCE).openStream()) {
			index = MigrationIndex.read(in);
		}
		catch (IOException ex) {
			return null;
		}
		if (index == null) {
			return null;
		}
		List<MigrationLoader.SourceFile> files = new ArrayList<>();
		for (MigrationIndex.Entry entry : sorted(index.under(path))) {
			try {
				URL file = new URL(base + entry.path());
				files.add(file(entry, location + "/" + entry.path().substring(path.length() + 1), file::openStream));
			}
			catch (IOException ex) {
				return null;
			}
		}
		return files;
	}

	private static boolean check(Path root, Path file, BasicFileAttributes attributes,
			Map<String, MigrationIndex.Entry> expected, FileTime written, List<String> problems) {
		String name = root.relativize(file).toString().replace('\\', '/');
		String problem = disagreement(name, expected.get(name), attributes.size());
		if (problem == null && attributes.lastModifiedTime().compareTo(written) > 0) {
			problem = name + " was changed after the index was written";
		}
		if (problem != null) {
			problems.add(problem);
		}
		return true;
	}

	private static @Nullable String disagreement(String name, MigrationIndex.@Nullable Entry indexed, long size) {
		if (indexed == null) {
			return name + " is not in it";
		}
		if (indexed.size() != size) {
			return name + " was changed after the index was written";
		}
		if (!indexed.agreesWith(name.substring(name.lastIndexOf('/') + 1))) {
			return "it reads " + name + " as another version of Hoist did";
		}
		return null;
	}

	private static List<MigrationIndex.Entry> sorted(Map<String, MigrationIndex.Entry> entries) {
		return entries.values().stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
	}

	private static MigrationLoader.SourceFile file(MigrationIndex.Entry entry, String location,
			FileContent.Source source) {
		String path = entry.path();
		return new MigrationLoader.SourceFile(path.substring(path.lastIndexOf('/') + 1), location,
				new FileContent.Loaded(FileContent.unread(source, entry.size()), entry.checksum()));
	}

	private static @Nullable List<MigrationLoader.SourceFile> stale(String where, String problem) {
		if (warned.add(where + problem)) {
			logger.warn(
					"Hoist: not using the migration index {}: {}. Reading and checksumming every migration file"
							+ " instead; build the artifact again (mvn clean package) so that starts skip that work",
					where, problem);
		}
		return null;
	}

}
