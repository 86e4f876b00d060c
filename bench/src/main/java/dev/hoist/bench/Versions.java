package dev.hoist.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Versions for the results' header, read from the jars' Maven metadata. */
final class Versions {

	private Versions() {
	}

	static String of(String groupId, String artifactId) {
		String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
		try (InputStream in = Versions.class.getResourceAsStream(resource)) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("version", "(unknown)");
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return "(unknown)";
	}

	// read when the bench starts: a commit made while it runs must not label its figures
	private static final String COMMIT = readCommit();

	/**
	 * " (commit abc1234)" of the checkout the bench started in, else empty.
	 * @return the commit's label
	 */
	static String commit() {
		return COMMIT;
	}

	private static String readCommit() {
		try {
			Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
			String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{4,40}")) {
				return " (commit " + out + ")";
			}
		}
		catch (IOException ex) {
			// no git: no commit in the header
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "";
	}

}
