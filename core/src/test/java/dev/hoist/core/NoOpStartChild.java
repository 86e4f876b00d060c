package dev.hoist.core;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The child JVM of {@link NoOpFootprintTests}: one start at the head from an indexed jar,
 * Hoist's classes loaded only from here on.
 */
public final class NoOpStartChild {

	private NoOpStartChild() {
	}

	/**
	 * Arguments: JDBC URL, user, the jar; the password comes from {@code PGPASSWORD}.
	 * @param args the arguments
	 * @throws Exception when the start fails
	 */
	public static void main(String[] args) throws Exception {
		System.out.println("hoist-footprint: start");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { Path.of(args[2]).toUri().toURL() }, null)) {
			MigrateResult result = Hoist.configure()
				.url(args[0], args[1], System.getenv("PGPASSWORD"))
				.classLoader(loader)
				.load()
				.migrate();
			System.out.println("revision=" + result.revision() + " applied=" + result.applied().size());
		}
	}

}
