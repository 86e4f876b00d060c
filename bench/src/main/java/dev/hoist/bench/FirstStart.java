package dev.hoist.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Child JVM of the "first start in a fresh JVM" scenario: times one tool's first
 * {@code migrate} (class loading and all, JVM start excluded) against a database already
 * at the head, and prints the nanoseconds and the bytes allocated meanwhile. The tool
 * {@code floor} only opens a connection and runs {@code SELECT 1}: what no tool can
 * avoid.
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
		DataSource dataSource = Server.dataSource(args[2], Integer.parseInt(args[3]), args[4],
				System.getenv().getOrDefault("PGPASSWORD", ""), args[5]);
		long allocatedBefore = Allocation.allocatedBytes();
		long start = System.nanoTime();
		if (args[0].equals("floor")) {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.executeQuery("SELECT 1").close();
			}
		}
		else {
			tool(args[0], root).migrate(dataSource, args[5]);
		}
		long nanos = System.nanoTime() - start;
		System.out.println("nanos=" + nanos + " allocated=" + (Allocation.allocatedBytes() - allocatedBefore));
		System.exit(0);
	}

	private static Tool tool(String name, Path root) {
		return switch (name) {
			case "Hoist" -> new HoistTool(root.resolve("hoist"));
			case "Flyway" -> new FlywayTool(root.resolve("flyway"));
			case "Liquibase" -> new LiquibaseTool(root.resolve("liquibase"));
			default -> throw new IllegalArgumentException("Unknown tool " + name);
		};
	}

}
