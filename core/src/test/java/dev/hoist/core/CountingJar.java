package dev.hoist.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * A jar on a class loader of its own that records every entry opened through it, to prove
 * which migration files Hoist reads.
 */
final class CountingJar extends ClassLoader implements AutoCloseable {

	private final Path path;

	private final JarFile jar;

	private final List<String> opened = new CopyOnWriteArrayList<>();

	private final URLStreamHandler handler = new Handler();

	private CountingJar(Path path) throws IOException {
		super(null);
		this.path = path;
		this.jar = new JarFile(path.toFile()) {

			@Override
			public synchronized InputStream getInputStream(ZipEntry entry) throws IOException {
				CountingJar.this.opened.add(entry.getName());
				return super.getInputStream(entry);
			}

		};
	}

	/**
	 * Jar a directory, as a build does, with its directories as entries.
	 * @param classes the directory
	 * @param jar the jar to write
	 * @return the jar on a counting class loader
	 */
	static CountingJar of(Path classes, Path jar) {
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream zip = new JarOutputStream(out);
				Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.sorted().toList()) {
				String name = classes.relativize(file).toString().replace('\\', '/');
				if (name.isEmpty()) {
					continue;
				}
				boolean directory = Files.isDirectory(file);
				zip.putNextEntry(new JarEntry(directory ? name + "/" : name));
				if (!directory) {
					zip.write(Files.readAllBytes(file));
				}
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			return new CountingJar(jar);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the entries opened so far, in order.
	 * @return the entry names
	 */
	List<String> opened() {
		return this.opened;
	}

	void reset() {
		this.opened.clear();
	}

	@Override
	protected URL findResource(String name) {
		String entry = name.replaceAll("/+$", "");
		boolean found = this.jar.getEntry(entry) != null || this.jar.getEntry(entry + "/") != null;
		try {
			return found ? new URL(null, "jar:" + this.path.toUri() + "!/" + entry, this.handler) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	protected Enumeration<URL> findResources(String name) {
		URL url = findResource(name);
		return Collections.enumeration((url != null) ? List.of(url) : new ArrayList<>());
	}

	@Override
	public void close() throws IOException {
		this.jar.close();
	}

	private final class Handler extends URLStreamHandler {

		@Override
		protected URLConnection openConnection(URL url) throws IOException {
			return new JarURLConnection(url) {

				@Override
				public JarFile getJarFile() {
					return CountingJar.this.jar;
				}

				@Override
				public void connect() {
				}

				@Override
				public InputStream getInputStream() throws IOException {
					return CountingJar.this.jar.getInputStream(getJarEntry());
				}

			};
		}

		@Override
		protected void parseURL(URL url, String spec, int start, int limit) {
			String context = url.getFile();
			String part = spec.substring(start, limit);
			String file = (part.startsWith("/") && context != null && context.contains("!/"))
					? context.substring(0, context.indexOf("!/") + 1) + part : part;
			setURL(url, "jar", "", -1, null, null, file, null, null);
		}

	}

}
