package dev.hoist.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.tenants.TenantsResult;
import dev.hoist.testsupport.PostgresServer;

/**
 * A thousand tenants (issue 19): T tenant schemas of one database, each migrated through
 * M migrations of the bench's generated history, with 1, 2, 4 and 8 tenants at once; a
 * start with every tenant at the head (time, round trips, statements); one new migration
 * applied to every tenant; and D databases of one server, one per tenant. Every run is
 * checked: each tenant's history holds each version exactly once, and each tenant's
 * catalog equals the first's.
 * <p>
 * {@code java -cp bench/target/hoist-bench.jar dev.hoist.bench.TenantBench [--tenants 1000]
 * [--migrations 10] [--databases 50] [--runs 3] [--parallel 1,2,4,8] [--out bench/results]}
 */
public final class TenantBench {

	private static final int NOOP_WARMUPS = 3;

	private static final int NOOP_TIMED = 10;

	private final Options options;

	private final Server server;

	private final PostgresServer postgres;

	private final List<String> lines = new ArrayList<>();

	private TenantBench(Options options) {
		this.options = options;
		this.postgres = PostgresServer.shared();
		this.server = new Server(this.postgres);
	}

	public static void main(String[] args) throws Exception {
		TenantBench bench = new TenantBench(Options.parse(args));
		bench.run();
		System.exit(0);
	}

	private void run() throws Exception {
		Path work = Files.createTempDirectory("hoist-tenant-bench");
		Path migrations = MigrationSet.generate(this.options.migrations()).write(work.resolve("set")).hoist();
		Path extra = Files.createDirectories(work.resolve("extra"));
		try (Stream<Path> files = Files.list(migrations)) {
			for (Path file : files.toList()) {
				Files.copy(file, extra.resolve(file.getFileName()));
			}
		}
		int next = this.options.migrations() + 1;
		Files.writeString(extra.resolve("V" + next + "__tenant_note.sql"),
				"-- migrate:up\nCREATE TABLE tenant_note (id bigint PRIMARY KEY, note text NOT NULL);\n"
						+ "-- migrate:down\nDROP TABLE tenant_note;\n");
		line("# Tenant bench, %s", LocalDate.now());
		line("");
		line("%d tenant schemas of one database, %d migrations each (the bench's generated history); %d databases"
				+ " of one server. %s, Java %s, %d cores, load average %.1f at the start. Medians of %d runs, min-max"
				+ " in brackets.", this.options.tenants(), this.options.migrations(), this.options.databases(),
				this.server.version(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), this.options.runs());
		line("");
		schemas(migrations, extra);
		databases(migrations);
		line("");
		line("Load average at the end: %.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		String page = String.join("\n", this.lines) + "\n";
		Files.createDirectories(this.options.out());
		Files.writeString(this.options.out().resolve("tenants-" + LocalDate.now() + ".md"), page,
				StandardCharsets.UTF_8);
		Files.writeString(this.options.out().resolve("tenants-latest.md"), page, StandardCharsets.UTF_8);
		System.out.print(page);
	}

	private void schemas(Path migrations, Path extra) throws Exception {
		List<String> tenants = names("tenant_", this.options.tenants());
		line("## A schema per tenant: %d tenants", tenants.size());
		line("");
		line("| | parallelism | time | per tenant | speed-up over 1 |");
		line("|---|---|---|---|---|");
		double serial = 0;
		for (int parallelism : this.options.parallel()) {
			double[] seconds = new double[this.options.runs()];
			for (int run = 0; run < this.options.runs(); run++) {
				String database = this.server.createDatabase();
				try {
					Hoist hoist = schemaTenants(database, migrations, tenants, parallelism);
					long start = System.nanoTime();
					TenantsResult result = hoist.migrateTenants();
					seconds[run] = (System.nanoTime() - start) / 1e9;
					check(result, tenants.size(), this.options.migrations());
					checkSchemas(database, tenants, this.options.migrations());
					log("schemas: first migration, parallelism %d, run %d: %.1f s", parallelism, run + 1, seconds[run]);
				}
				finally {
					this.server.dropDatabase(database);
				}
			}
			double median = median(seconds);
			if (parallelism == 1) {
				serial = median;
			}
			line("| first migration of every tenant | %d | %s | %.0f ms | %s |", parallelism, range(seconds, "s"),
					median * 1000 / tenants.size(),
					(serial > 0) ? String.format(Locale.ROOT, "%.2f×", serial / median) : "");
		}
		line("");
		String database = this.server.createDatabase();
		try {
			int parallelism = this.options.parallel().get(this.options.parallel().size() - 1);
			schemaTenants(database, migrations, tenants, parallelism).migrateTenants();
			Hoist atHead = schemaTenants(database, migrations, tenants, parallelism);
			for (int i = 0; i < NOOP_WARMUPS; i++) {
				check(atHead.migrateTenants(), tenants.size(), 0);
			}
			double[] noop = new double[NOOP_TIMED];
			for (int i = 0; i < NOOP_TIMED; i++) {
				long start = System.nanoTime();
				TenantsResult result = atHead.migrateTenants();
				noop[i] = (System.nanoTime() - start) / 1e6;
				check(result, tenants.size(), 0);
			}
			RoundTrips.Count trips = RoundTrips.count(() -> {
				check(atHead.migrateTenants(), tenants.size(), 0);
				return null;
			});
			Hoist withNew = schemaTenants(database, extra, tenants, parallelism);
			long start = System.nanoTime();
			TenantsResult result = withNew.migrateTenants();
			double seconds = (System.nanoTime() - start) / 1e9;
			check(result, tenants.size(), 1);
			checkSchemas(database, tenants, this.options.migrations() + 1);
			long statusStart = System.nanoTime();
			TenantsResult status = withNew.tenantStatus();
			double statusMillis = (System.nanoTime() - statusStart) / 1e6;
			if (status.summary().current() != tenants.size()) {
				throw new IllegalStateException("status after the new migration: " + status.summary());
			}
			line("| | time |");
			line("|---|---|");
			line("| start with every tenant at the head (warm, in-process, %d starts) | %s |", NOOP_TIMED,
					range(noop, "ms"));
			line("| `tenantStatus()` with every tenant at the head | %.0f ms |", statusMillis);
			line("| one new migration applied to every tenant, %d at a time | %.1f s (%.1f ms per tenant) |",
					parallelism, seconds, seconds * 1000 / tenants.size());
			line("");
			line("A start at the head costs %d round trip%s on %d connection%s for %d tenants (the driver's protocol"
					+ " trace; one is the driver's own `SET extra_float_digits` when it connects, gone with"
					+ " `assumeMinServerVersion=10` in the URL): Hoist reads every tenant's history in one statement.",
					trips.roundTrips(), (trips.roundTrips() == 1) ? "" : "s", trips.connections(),
					(trips.connections() == 1) ? "" : "s", tenants.size());
		}
		finally {
			this.server.dropDatabase(database);
		}
		line("");
	}

	private void databases(Path migrations) throws Exception {
		int count = this.options.databases();
		if (count == 0) {
			return;
		}
		line("## A database per tenant: %d databases", count);
		line("");
		line("| | parallelism | time | per tenant | speed-up over 1 |");
		line("|---|---|---|---|---|");
		double serial = 0;
		double noopMillis = 0;
		for (int parallelism : List.of(1, this.options.parallel().get(this.options.parallel().size() - 1))) {
			double[] seconds = new double[this.options.runs()];
			for (int run = 0; run < this.options.runs(); run++) {
				List<String> tenants = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					tenants.add(this.server.createDatabase());
				}
				try {
					Hoist hoist = databaseTenants(tenants.get(0), migrations, tenants, parallelism);
					long start = System.nanoTime();
					TenantsResult result = hoist.migrateTenants();
					seconds[run] = (System.nanoTime() - start) / 1e9;
					check(result, count, this.options.migrations());
					if (run == 0 && parallelism > 1) {
						check(hoist.migrateTenants(), count, 0);
						long noop = System.nanoTime();
						check(hoist.migrateTenants(), count, 0);
						noopMillis = (System.nanoTime() - noop) / 1e6;
					}
					log("databases: parallelism %d, run %d: %.1f s", parallelism, run + 1, seconds[run]);
				}
				finally {
					tenants.forEach(this.server::dropDatabase);
				}
			}
			double median = median(seconds);
			if (parallelism == 1) {
				serial = median;
			}
			line("| first migration of every tenant | %d | %s | %.0f ms | %s |", parallelism, range(seconds, "s"),
					median * 1000 / count, (serial > 0) ? String.format(Locale.ROOT, "%.2f×", serial / median) : "");
		}
		line("");
		line("A start with every tenant database at the head (one connection and one history read per database,"
				+ " %d at a time): %.0f ms.", this.options.parallel().get(this.options.parallel().size() - 1),
				noopMillis);
	}

	private Hoist schemaTenants(String database, Path migrations, List<String> tenants, int parallelism) {
		return configure(database, migrations, parallelism).tenantSchemas(tenants).load();
	}

	private Hoist databaseTenants(String database, Path migrations, List<String> tenants, int parallelism) {
		return configure(database, migrations, parallelism).tenantDatabases(tenants).load();
	}

	private HoistConfiguration configure(String database, Path migrations, int parallelism) {
		return Hoist.configure()
			.url("jdbc:postgresql://" + this.server.host() + ":" + this.postgres.port() + "/" + database,
					this.server.user(), this.server.password())
			.locations("filesystem:" + migrations)
			.tenantParallelism(parallelism);
	}

	private static void check(TenantsResult result, int tenants, int appliedEach) {
		if (result.tenants().size() != tenants || !result.isComplete()
				|| result.tenants().stream().anyMatch((tenant) -> tenant.applied() != appliedEach)) {
			throw new IllegalStateException("Expected " + tenants + " tenants at the head with " + appliedEach
					+ " applied each: " + result.summary() + " " + result.failed());
		}
	}

	// every version exactly once in every tenant, and every tenant's catalog alike
	private void checkSchemas(String database, List<String> tenants, int versions) throws SQLException {
		try (Connection connection = this.server.dataSource(database).getConnection();
				Statement statement = connection.createStatement()) {
			String perTenant = "SELECT count(*) FROM (SELECT n.nspname, count(*) AS tables FROM pg_class c JOIN"
					+ " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'tenant\\_%' AND c.relkind = 'r'"
					+ " GROUP BY n.nspname) t GROUP BY tables";
			List<Long> shapes = longs(statement, perTenant);
			if (shapes.size() != 1 || shapes.get(0) != tenants.size()) {
				throw new IllegalStateException("Tenants differ in their tables: groups " + shapes);
			}
			StringBuilder union = new StringBuilder();
			for (String tenant : tenants) {
				union.append((union.length() > 0) ? " UNION ALL " : "")
					.append("SELECT '")
					.append(tenant)
					.append("' AS t, version FROM \"")
					.append(tenant)
					.append("\".hoist_schema_history WHERE success AND version IS NOT NULL");
			}
			List<Long> counts = longs(statement,
					"SELECT count(*) FROM (" + union + ") h GROUP BY t, version"
							+ " HAVING count(*) > 1 UNION ALL SELECT count(DISTINCT version) FROM (" + union
							+ ") h GROUP BY t HAVING count(DISTINCT version) <> " + versions);
			if (!counts.isEmpty()) {
				throw new IllegalStateException("A version applied twice, or a tenant not at version " + versions);
			}
		}
	}

	private static List<Long> longs(Statement statement, String sql) throws SQLException {
		List<Long> values = new ArrayList<>();
		try (ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getLong(1));
			}
		}
		return values;
	}

	private static List<String> names(String prefix, int count) {
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			names.add(String.format(Locale.ROOT, "%s%04d", prefix, i));
		}
		return names;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static String range(double[] values, String unit) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		String format = unit.equals("s") ? "%.1f" : "%.0f";
		String median = String.format(Locale.ROOT, format, sorted[sorted.length / 2]);
		if (sorted.length == 1) {
			return median + " " + unit;
		}
		return median + " " + unit + " [" + String.format(Locale.ROOT, format, sorted[0]) + "–"
				+ String.format(Locale.ROOT, format, sorted[sorted.length - 1]) + "]";
	}

	private void line(String format, Object... args) {
		this.lines.add(String.format(Locale.ROOT, format, args));
	}

	private static void log(String format, Object... args) {
		System.err.println("[tenant-bench] " + String.format(Locale.ROOT, format, args));
	}

	/**
	 * The command line.
	 *
	 * @param tenants tenant schemas
	 * @param migrations migrations of the generated history
	 * @param databases tenant databases, 0 to skip
	 * @param runs runs of each timed scenario
	 * @param parallel the parallelisms to compare, the first being 1
	 * @param out where the results go
	 */
	record Options(int tenants, int migrations, int databases, int runs, List<Integer> parallel, Path out) {

		static Options parse(String[] args) {
			int tenants = 1000;
			int migrations = 10;
			int databases = 50;
			int runs = 3;
			List<Integer> parallel = List.of(1, 2, 4, 8);
			Path out = Path.of("bench", "results");
			for (int i = 0; i + 1 < args.length; i += 2) {
				String option = args[i];
				String value = args[i + 1];
				if (option.equals("--tenants")) {
					tenants = Integer.parseInt(value);
				}
				else if (option.equals("--migrations")) {
					migrations = Integer.parseInt(value);
				}
				else if (option.equals("--databases")) {
					databases = Integer.parseInt(value);
				}
				else if (option.equals("--runs")) {
					runs = Integer.parseInt(value);
				}
				else if (option.equals("--parallel")) {
					parallel = Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).toList();
				}
				else if (option.equals("--out")) {
					out = Path.of(value);
				}
				else {
					throw new IllegalArgumentException("Unknown argument " + option + "; use --tenants 1000"
							+ " --migrations 10 --databases 50 --runs 3 --parallel 1,2,4,8 --out bench/results");
				}
			}
			if (parallel.isEmpty() || parallel.get(0) != 1) {
				throw new IllegalArgumentException(
						"--parallel starts with 1, the serial run the others are compared to");
			}
			return new Options(tenants, migrations, databases, runs, parallel, out);
		}

	}

}
