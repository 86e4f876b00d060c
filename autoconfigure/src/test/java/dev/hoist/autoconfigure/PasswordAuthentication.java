package dev.hoist.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import dev.hoist.testsupport.TestDatabase;

import static org.awaitility.Awaitility.await;

/**
 * Makes the test server check a role's password. The embedded PostgreSQL trusts every
 * local connection, so a wrong password would go unnoticed; a rule for this role alone,
 * ahead of the others, leaves every other test as it was.
 */
final class PasswordAuthentication {

	private PasswordAuthentication() {
	}

	static void require(TestDatabase database, String role) {
		Path hbaFile = Path.of(database.queryForString("SHOW hba_file"));
		if (!Files.isWritable(hbaFile)) {
			// an external server, which checks passwords already
			return;
		}
		synchronized (PasswordAuthentication.class) {
			try {
				String rules = Files.readString(hbaFile, StandardCharsets.UTF_8);
				String rule = "host all " + role + " all scram-sha-256\n";
				if (!rules.contains(rule)) {
					Files.writeString(hbaFile, rule + rules, StandardCharsets.UTF_8);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		database.execute("SELECT pg_reload_conf()");
		await().atMost(Duration.ofSeconds(10)).until(() -> rejects(database, role));
	}

	private static boolean rejects(TestDatabase database, String role) {
		try (var connection = DriverManager.getConnection(database.jdbcUrl(), role, "not-the-password")) {
			return false;
		}
		catch (SQLException ex) {
			return "28P01".equals(ex.getSQLState());
		}
	}

}
