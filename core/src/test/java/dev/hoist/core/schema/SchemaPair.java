package dev.hoist.core.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hoist.core.Hoist;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.SchemaModel;
import dev.hoist.core.lint.SafetyRulesAssertions;
import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two fresh databases on the test server, one built from a source script and one from a
 * target script, and the round trip between them: the generated migration, applied with
 * Hoist to the source, must give exactly the target's model, and its down sections must
 * give back exactly the source's.
 */
final class SchemaPair {

	private static final AtomicInteger counter = new AtomicInteger();

	private final TestDatabase from;

	private final TestDatabase to;

	private final List<String> schemas;

	private SchemaPair(TestDatabase from, TestDatabase to, List<String> schemas) {
		this.from = from;
		this.to = to;
		this.schemas = schemas;
	}

	static SchemaPair of(TestDatabase anchor, String fromSql, String toSql) {
		int n = counter.incrementAndGet();
		String base = anchor.name() + "_" + n;
		TestDatabase from = anchor.server().createDatabase(base + "_from");
		TestDatabase to = anchor.server().createDatabase(base + "_to");
		if (!fromSql.isBlank()) {
			from.execute(fromSql);
		}
		if (!toSql.isBlank()) {
			to.execute(toSql);
		}
		// a case about creating a schema compares it too
		boolean reporting = (fromSql + toSql).contains("SCHEMA reporting");
		return new SchemaPair(from, to, reporting ? List.of("public", "reporting") : List.of("public"));
	}

	TestDatabase from() {
		return this.from;
	}

	TestDatabase to() {
		return this.to;
	}

	SchemaDiff.Result diff(boolean online) {
		return SchemaDiff.between(this.from.dataSource(), this.to.dataSource())
			.schemas(this.schemas.toArray(String[]::new))
			.online(online)
			.compute();
	}

	/**
	 * Diff, apply the up with Hoist, compare, downgrade, compare; drop both databases.
	 * @return the diff that was applied
	 */
	SchemaDiff.Result roundTrip(boolean online) {
		return roundTrip(online, false);
	}

	/**
	 * Diff, apply the up with Hoist, compare, downgrade, compare; drop both databases.
	 * @param fingerprints whether to compare the independent catalog fingerprints too,
	 * for what the engine's model does not hold
	 * @return the diff that was applied
	 */
	SchemaDiff.Result roundTrip(boolean online, boolean fingerprints) {
		try {
			SchemaModel start = model(this.from, this.schemas);
			SchemaModel target = model(this.to, this.schemas);
			CatalogFingerprint startPrint = fingerprint(this.from);
			CatalogFingerprint targetPrint = fingerprint(this.to);
			SchemaDiff.Result result = diff(online);
			assertThat(result.hasUnsupportedChanges()).as(result.summary()).isFalse();
			assertThat(result.isEmpty()).as("the schemas differ").isFalse();
			Path directory = Files.createTempDirectory("hoist-diff");
			List<Path> files = result.writeTo(directory, "1", "change");
			Hoist hoist = Hoist.configure()
				.dataSource(this.from.dataSource())
				.locations("filesystem:" + directory)
				.load();
			String migration = text(files);
			if (online) {
				// what diff writes by default passes the rules a team runs in CI
				SafetyRulesAssertions.assertPassesSafetyRules(files, major(this.from), migration);
			}
			hoist.migrate();
			SchemaModel migrated = model(this.from, this.schemas);
			assertThat(migrated.describe()).as("after up:\n%s", migration).isEqualTo(target.describe());
			assertThat(migrated).isEqualTo(target);
			assertThat(diff(online).isEmpty()).as("nothing left to diff after up:\n%s", migration).isTrue();
			if (fingerprints) {
				assertThat(fingerprint(this.from).differenceFrom(targetPrint))
					.as("fingerprint after up:\n%s", migration)
					.isEmpty();
			}
			hoist.downgradeTo("0");
			SchemaModel reverted = model(this.from, this.schemas);
			assertThat(reverted.describe()).as("after down:\n%s", migration).isEqualTo(start.describe());
			if (fingerprints) {
				assertThat(fingerprint(this.from).differenceFrom(startPrint))
					.as("fingerprint after down:\n%s", migration)
					.isEmpty();
			}
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			drop();
		}
	}

	void drop() {
		this.from.server().dropDatabase(this.from.name());
		this.to.server().dropDatabase(this.to.name());
	}

	private CatalogFingerprint fingerprint(TestDatabase database) {
		return CatalogFingerprint.of(database.dataSource(), this.schemas, Set.of(CatalogReader.DEFAULT_HISTORY_TABLE));
	}

	static SchemaModel model(TestDatabase database, List<String> schemas) {
		try (Connection connection = database.connect()) {
			return new CatalogReader("test database " + database.name(), Set.of(CatalogReader.DEFAULT_HISTORY_TABLE))
				.read(connection, List.of("public"));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int major(TestDatabase database) {
		try {
			return database.server().majorVersion();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String text(List<Path> files) throws IOException {
		StringBuilder text = new StringBuilder();
		for (Path file : files) {
			text.append("==== ").append(file.getFileName()).append('\n').append(Files.readString(file));
		}
		return text.toString();
	}

}
