package dev.hoist.core.schema;

import java.util.List;

import dev.hoist.core.HoistException;
import dev.hoist.core.internal.DriverDataSource;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad input: each a clear error naming what and where, never a partial diff.
 */
@PostgresTest
class SchemaDiffBadInputTests {

	@Test
	void anUnreachableDatabaseIsNamedWithoutItsPassword(TestDatabase db) {
		DriverDataSource unreachable = new DriverDataSource("jdbc:postgresql://localhost:1/shop", "app", "s3cret");
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> SchemaDiff.between(unreachable, db.dataSource()).compute())
			.withMessageContaining("Cannot connect to the from database app@localhost:1/shop")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void aSchemaThatExistsInNeitherDatabaseIsAnError(TestDatabase db) {
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> SchemaDiff.between(db.dataSource(), db.dataSource()).schemas("sales").compute())
			.withMessageContaining("Schema sales exists in neither the from database")
			.withMessageContaining("--schema");
	}

	@Test
	void aRoleThatCannotReadTheCatalogsGetsAnErrorNamingTheCatalog(TestDatabase db) {
		db.execute("DROP ROLE IF EXISTS diff_reader; CREATE ROLE diff_reader LOGIN PASSWORD 'pw';"
				+ " REVOKE SELECT ON pg_catalog.pg_proc FROM PUBLIC");
		try {
			DriverDataSource restricted = new DriverDataSource(db.jdbcUrl(), "diff_reader", "pw");
			assertThatExceptionOfType(HoistException.class)
				.isThrownBy(() -> SchemaDiff.between(restricted, db.dataSource()).compute())
				.withMessageContaining("Cannot read the catalogs of the from database diff_reader@")
				.withMessageContaining("pg_proc");
		}
		finally {
			db.execute("GRANT SELECT ON pg_catalog.pg_proc TO PUBLIC; DROP ROLE diff_reader");
		}
	}

	@Test
	void aDifferenceTheEngineCannotWriteIsReportedAndRefused(TestDatabase db) {
		TestDatabase other = db.server().createDatabase(db.name() + "_other");
		try {
			other.execute("CREATE TEXT SEARCH CONFIGURATION shop_search (COPY = pg_catalog.english)");
			SchemaDiff.Result result = SchemaDiff.between(db.dataSource(), other.dataSource()).compute();
			assertThat(result.isEmpty()).isFalse();
			assertThat(result.hasUnsupportedChanges()).isTrue();
			assertThat(result.changes()).extracting(SchemaDiff.Change::action)
				.isEqualTo(List.of(SchemaDiff.Change.Action.UNSUPPORTED));
			assertThat(result.summary()).contains("Cannot be written (1)",
					"text search configuration public.shop_search");
			assertThatExceptionOfType(HoistException.class).isThrownBy(result::upSql)
				.withMessageContaining("text search configuration public.shop_search");
			SchemaDiff.Result allowed = SchemaDiff.between(db.dataSource(), other.dataSource())
				.allowUnsupported(true)
				.compute();
			assertThat(allowed.upSql()).isEmpty();
		}
		finally {
			db.server().dropDatabase(other.name());
		}
	}

}
