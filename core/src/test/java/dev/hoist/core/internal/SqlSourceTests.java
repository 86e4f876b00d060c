package dev.hoist.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlSourceTests {

	private static final String LARGE = "-- migrate:up\n" + "INSERT INTO t VALUES (1, 'x');\n".repeat(10_000)
			+ "-- migrate:down\nDELETE FROM t;\n";

	@Test
	void aLargeFileIsNotKeptAndReadsTheSameStatementsFromWhereItLies() throws IOException {
		AtomicInteger opens = new AtomicInteger();
		FileContent.Loaded loaded = FileContent.load(() -> {
			opens.incrementAndGet();
			return new ByteArrayInputStream(LARGE.getBytes(StandardCharsets.UTF_8));
		});
		SqlSource source = new SqlSource("V1__a.sql", "V1__a.sql", loaded.content(), loaded.checksum(), false);

		assertThat(loaded.content().inMemory()).isFalse();
		assertThat(loaded.content().size()).isEqualTo(LARGE.length());
		assertThat(loaded.checksum()).isEqualTo(Checksums.sha256(LARGE));
		assertThat(source.parse().up().statementCount()).isEqualTo(10_000);
		assertThat(statements(source, false)).hasSize(10_000)
			.first()
			.isEqualTo(new SqlStatement("INSERT INTO t VALUES (1, 'x')", 2));
		assertThat(statements(source, true)).containsExactly(new SqlStatement("DELETE FROM t", 10_003));
		assertThat(opens).hasValue(4);
	}

	@Test
	void aSmallFileIsKeptInMemoryAndReadOnce() throws IOException {
		AtomicInteger opens = new AtomicInteger();
		FileContent.Loaded loaded = FileContent.load(() -> {
			opens.incrementAndGet();
			return new ByteArrayInputStream("SELECT 1;".getBytes(StandardCharsets.UTF_8));
		});
		SqlSource source = new SqlSource("V1__a.sql", "V1__a.sql", loaded.content(), loaded.checksum(), false);

		assertThat(statements(source, false)).containsExactly(new SqlStatement("SELECT 1", 1));
		assertThat(loaded.content().inMemory()).isTrue();
		assertThat(opens).hasValue(1);
	}

	@Test
	void aLargeFileChangedAfterItWasLoadedIsRefusedBeforeItRuns() throws IOException {
		FileContent.Loaded loaded = FileContent.load(() -> stream(LARGE), () -> stream(LARGE.replace("'x'", "'y'")));
		SqlSource source = new SqlSource("V1__a.sql", "filesystem:db/V1__a.sql", loaded.content(), loaded.checksum(),
				false);

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(source::parse)
			.withMessageStartingWith("filesystem:db/V1__a.sql changed while Hoist was reading it (checksum "
					+ loaded.checksum() + " when loaded, ");
	}

	@Test
	void aLargeFileChangedAfterItWasCheckedIsRefusedBeforeTheEndOfItsSection() throws IOException {
		AtomicInteger opens = new AtomicInteger();
		FileContent.Loaded loaded = FileContent.load(() -> stream(LARGE),
				() -> stream((opens.incrementAndGet() == 1) ? LARGE : LARGE.replace("DELETE", "TRUNCATE")));
		SqlSource source = new SqlSource("V1__a.sql", "V1__a.sql", loaded.content(), loaded.checksum(), false);
		source.parse();

		try (SqlSource.Statements up = source.statements(false)) {
			for (int i = 0; i < 10_000; i++) {
				assertThat(up.next()).isNotNull();
			}
			assertThatExceptionOfType(MigrationFileException.class).isThrownBy(up::next)
				.withMessageStartingWith("V1__a.sql changed while Hoist was reading it");
		}
	}

	private static ByteArrayInputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<SqlStatement> statements(SqlSource source, boolean down) {
		List<SqlStatement> statements = new ArrayList<>();
		try (SqlSource.Statements section = source.statements(down)) {
			for (SqlStatement statement = section.next(); statement != null; statement = section.next()) {
				statements.add(statement);
			}
		}
		return statements;
	}

}
