package dev.hoist.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * A diagnostic, not a tool: the least a migration tool with one transaction per migration
 * and a history row must do on a cold apply. Per migration it reads the file, checksums
 * it, sends the whole file in one {@code execute} (the driver splits it, one round trip),
 * inserts a history row and commits: three round trips. Hoist's distance from this line
 * is its own overhead; this line's distance from the floor is the price of a transaction
 * per migration.
 */
final class JdbcLoop implements Tool {

	static final String TABLE = "jdbc_loop_history";

	private final Path directory;

	JdbcLoop(Path directory) {
		this.directory = directory;
	}

	@Override
	public String name() {
		return "JDBC loop";
	}

	@Override
	public String version() {
		return "JDBC loop (diagnostic)";
	}

	@Override
	public void migrate(DataSource dataSource, String database) throws Exception {
		List<Path> files;
		try (Stream<Path> listing = Files.list(this.directory)) {
			files = listing.sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
		}
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
						+ " (version int PRIMARY KEY, script text NOT NULL, checksum text NOT NULL,"
						+ " installed_at timestamptz NOT NULL DEFAULT now())");
			}
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement();
					PreparedStatement insert = connection
						.prepareStatement("INSERT INTO " + TABLE + " (version, script, checksum) VALUES (?, ?, ?)")) {
				for (Path file : files) {
					byte[] bytes = Files.readAllBytes(file);
					statement.execute(new String(bytes, StandardCharsets.UTF_8));
					insert.setInt(1, version(file));
					insert.setString(2, file.getFileName().toString());
					insert.setString(3, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
					insert.executeUpdate();
					connection.commit();
				}
			}
		}
	}

	private static int version(Path file) {
		String name = file.getFileName().toString();
		return Integer.parseInt(name.substring(1, name.indexOf("__")));
	}

	@Override
	public int historyRows(Server server, String database, int expected) throws SQLException {
		return Integer.parseInt(server.queryOne(database, "SELECT count(*) FROM " + TABLE));
	}

	@Override
	public boolean keepsHistory() {
		return false;
	}

}
