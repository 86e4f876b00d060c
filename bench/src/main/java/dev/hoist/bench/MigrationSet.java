package dev.hoist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.MigrationHistory.Migration;

/**
 * The shared realistic history of {@code n} versions ({@link MigrationHistory}), rendered
 * for each tool from the same SQL: Hoist ({@code -- migrate:up}/{@code -- migrate:down}),
 * Flyway (plain {@code V<n>__x.sql}), Liquibase (one formatted-SQL changelog) and psql
 * (one {@code all.sql}).
 */
final class MigrationSet {

	private final MigrationHistory history;

	private MigrationSet(MigrationHistory history) {
		this.history = history;
	}

	static MigrationSet generate(int n) {
		// the history's first version is its ledger: a set is never smaller than two
		return new MigrationSet(MigrationHistory.of(Math.max(2, n)).build());
	}

	int size() {
		return this.history.size();
	}

	List<Migration> migrations() {
		return this.history.migrations();
	}

	/**
	 * Write the four renderings under {@code root}: {@code hoist/}, {@code flyway/},
	 * {@code liquibase/changelog.sql} and {@code all.sql}.
	 */
	Layout write(Path root) throws IOException {
		Layout layout = new Layout(root.resolve("hoist"), root.resolve("flyway"), root.resolve("liquibase"),
				root.resolve("all.sql"));
		Files.createDirectories(layout.flyway());
		Files.createDirectories(layout.liquibase());
		this.history.writeTo(layout.hoist());
		StringBuilder changelog = new StringBuilder("-- liquibase formatted sql\n");
		StringBuilder all = new StringBuilder();
		for (Migration migration : this.history.migrations()) {
			Files.writeString(layout.flyway().resolve(migration.fileName()), migration.upSql());
			// Liquibase's splitter is not a PostgreSQL lexer: a changeset with dollar
			// quotes is sent whole (the driver splits it), every other one is
			// split as usual
			changelog.append("\n-- changeset bench:")
				.append(migration.version())
				.append(migration.dollarQuoted() ? " splitStatements:false" : "")
				.append('\n')
				.append(migration.upSql());
			for (String line : migration.downSql().split("\n")) {
				changelog.append("-- rollback ").append(line).append('\n');
			}
			all.append("-- ").append(migration.fileName()).append('\n').append(migration.upSql()).append('\n');
		}
		Files.writeString(layout.liquibase().resolve(Layout.CHANGELOG), changelog);
		Files.writeString(layout.allSql(), all);
		return layout;
	}

	record Layout(Path hoist, Path flyway, Path liquibase, Path allSql) {

		static final String CHANGELOG = "changelog.sql";

	}

}
