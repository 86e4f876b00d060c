package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.lint.Finding.Size;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live sizes from the catalogs: PostgreSQL's row estimate as the planner makes it, the
 * relation's size on disk, partitioned tables summed over their partitions, and never a
 * wait behind a lock.
 */
@PostgresTest
class RelationSizesTests {

	private TestDatabase database;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@Test
	void anAnalyzedTableHasItsRowCountAndItsSizeOnDisk() throws SQLException {
		this.database.execute("CREATE TABLE orders (id bigint PRIMARY KEY, note text);"
				+ " INSERT INTO orders SELECT g, 'n' || g FROM generate_series(1, 20000) g; ANALYZE orders;");

		Size size = read("orders").get("orders");

		assertThat(size.relation()).isEqualTo("public.orders");
		assertThat(size.rows()).isEqualTo(20000);
		assertThat(size.bytes()).isEqualTo(this.database.queryForLong("SELECT pg_relation_size('orders')"));
		assertThat(size.describe()).matches("20 k rows, \\d+ kB");
	}

	@Test
	void rowsAddedSinceTheLastAnalyzeCountAtTheDensityItMeasured() throws SQLException {
		this.database.execute("CREATE TABLE orders (id bigint, total int) WITH (autovacuum_enabled = false);"
				+ " INSERT INTO orders SELECT g, g FROM generate_series(1, 10000) g; ANALYZE orders;"
				+ " INSERT INTO orders SELECT g, g FROM generate_series(10001, 40000) g;");

		Size size = read("orders").get("orders");

		assertThat(size.rows()).isBetween(39000L, 41000L);
	}

	@Test
	void aTableNeverAnalyzedIsEstimatedFromItsPagesAndColumnWidths() throws SQLException {
		this.database.execute("CREATE TABLE events (id bigint, kind int) WITH (autovacuum_enabled = false);"
				+ " INSERT INTO events SELECT g, g FROM generate_series(1, 50000) g;");

		Size size = read("events").get("events");

		// the planner's own guess for a table it has no statistics of
		assertThat(size.rows()).isBetween(45000L, 60000L);
	}

	@Test
	void aPartitionedTableCountsItsPartitionsAndNamesResolveOnTheSearchPath() throws SQLException {
		this.database.execute("CREATE SCHEMA sales; CREATE TABLE sales.measurements (at date, v int)"
				+ " PARTITION BY RANGE (at);"
				+ " CREATE TABLE sales.m2025 PARTITION OF sales.measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
				+ " CREATE TABLE sales.m2026 PARTITION OF sales.measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"
				+ " INSERT INTO sales.measurements SELECT date '2025-06-01' + (g % 400), g FROM generate_series(1, 8000) g;"
				+ " ANALYZE sales.measurements;");

		Map<String, Size> sizes = read("sales.measurements", "\"sales\".m2026", "missing", "public.nothing");

		assertThat(sizes).containsOnlyKeys("sales.measurements", "\"sales\".m2026");
		assertThat(sizes.get("sales.measurements").rows()).isEqualTo(8000);
		assertThat(sizes.get("sales.measurements").bytes()).isEqualTo(
				this.database.queryForLong("SELECT pg_relation_size('sales.m2025') + pg_relation_size('sales.m2026')"));
		assertThat(sizes.get("\"sales\".m2026").relation()).isEqualTo("sales.m2026");
	}

	// a generous bound only against hanging: the read gives up its wait at once
	@Test
	@Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
	void aTableLockedAgainstReadersIsSizedFromTheCatalogWithoutWaiting() throws Exception {
		this.database.execute("CREATE TABLE orders (id bigint); INSERT INTO orders SELECT generate_series(1, 5000);"
				+ " ANALYZE orders;");
		try (Connection holder = this.database.connect(); Statement statement = holder.createStatement()) {
			holder.setAutoCommit(false);
			statement.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");

			Size size = read("orders").get("orders");

			assertThat(size.rows()).isEqualTo(5000);
			assertThat(size.bytes()).isEqualTo(this.database.queryForLong(
					"SELECT relpages::bigint * current_setting('block_size')::bigint FROM pg_class WHERE relname = 'orders'"));
			holder.rollback();
		}
	}

	private Map<String, Size> read(String... names) throws SQLException {
		try (Connection connection = this.database.connect()) {
			return RelationSizes.read(connection, List.of(names));
		}
	}

}
