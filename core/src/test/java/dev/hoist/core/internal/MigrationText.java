package dev.hoist.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration file held in memory for a test, read the way Hoist reads one from disk.
 */
final class MigrationText {

	private final SqlSource source;

	private MigrationText(String script, byte[] bytes) {
		FileContent content = FileContent.of(bytes);
		try {
			this.source = new SqlSource(script, script, content, Checksums.sha256(content), false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static MigrationText of(String text) {
		return new MigrationText("V1__a.sql", text.getBytes(StandardCharsets.UTF_8));
	}

	static MigrationText of(byte[] bytes) {
		return new MigrationText("V1__a.sql", bytes);
	}

	SqlMigrationParser.Parsed parse() {
		return this.source.parse();
	}

	List<SqlStatement> up() {
		return statements(false);
	}

	List<SqlStatement> down() {
		return statements(true);
	}

	private List<SqlStatement> statements(boolean down) {
		this.source.parse();
		List<SqlStatement> statements = new ArrayList<>();
		try (SqlSource.Statements section = this.source.statements(down)) {
			for (SqlStatement statement = section.next(); statement != null; statement = section.next()) {
				statements.add(statement);
			}
		}
		return statements;
	}

}
