package dev.hoist.bench;

import java.nio.file.Path;

import javax.sql.DataSource;

/**
 * Child JVM of the "first start in a fresh JVM" scenario: times one tool's first
 * {@code migrate} (class loading and all, JVM start excluded) against a database already
 * at the head, and prints the nanoseconds.
 */
public final class FirstStart {

	private FirstStart() {
	}

	/**
	 * Arguments: tool name, migration set root, host, port, user, database; the password
	 * comes from {@code PGPASSWORD}.
	 * @param args the arguments
	 * @throws Exception when the start fails
	 */
	public static void main(String[] args) throws Exception {
		Path root = Path.of(args[1]);
		Tool tool = switch (args[0]) {
			case "Hoist" -> new HoistTool(root.resolve("hoist"));
			case "Flyway" -> new FlywayTool(root.resolve("flyway"));
			case "Liquibase" -> new LiquibaseTool(root.resolve("liquibase"));
			default -> throw new IllegalArgumentException("Unknown tool " + args[0]);
		};
		DataSource dataSource = Server.dataSource(args[2], Integer.parseInt(args[3]), args[4],
				System.getenv().getOrDefault("PGPASSWORD", ""), args[5]);
		long start = System.nanoTime();
		tool.migrate(dataSource, args[5]);
		System.out.println("nanos=" + (System.nanoTime() - start));
		System.exit(0);
	}

}
