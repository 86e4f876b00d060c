package dev.hoist.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.internal.Engine;
import dev.hoist.core.internal.PlanCommand;
import dev.hoist.core.plan.ObservedPlan;

/**
 * The {@code plan} speed scenario of issue 17: 10 pending migrations of the kinds a
 * service's history holds against the 300-table schema of {@link SchemaDiffBench} (about
 * 4,200 objects), some tables holding rows, planned end to end as {@code Hoist.plan()}
 * plans them (a temporary shadow database on the same server, created and dropped each
 * run), N times after one untimed warm-up. Prints, per phase and in total, the median and
 * min–max wall time, the CPU time of this JVM and of the PostgreSQL server's processes
 * (when the server runs on this machine), and the load average.
 * <p>
 * {@code java -cp bench/target/hoist-bench.jar dev.hoist.bench.PlanBench [runs]}
 */
public final class PlanBench {

	private static final int ROWS = 20_000;

	private PlanBench() {
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 7;
		Server server = Server.start();
		String database = server.createDatabase();
		Path directory = Files.createTempDirectory("hoist-plan-bench");
		try {
			String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database;
			Files.writeString(directory.resolve("V1__schema.sql"),
					"-- migrate:up\n" + SchemaDiffBench.schema(false) + "\n-- migrate:down\n");
			configuration(url, server, directory).load().migrate();
			seed(server, database);
			writePending(directory);
			ServerCpu serverCpu = ServerCpu.of(server, database);
			OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			Map<String, List<Double>> phases = new LinkedHashMap<>();
			List<Double> wall = new ArrayList<>();
			List<Double> jvmCpu = new ArrayList<>();
			List<Double> pgCpu = new ArrayList<>();
			ObservedPlan plan = null;
			for (int i = -1; i < runs; i++) {
				PlanCommand command = new PlanCommand(new Engine(configuration(url, server, directory)));
				long cpu = os.getProcessCpuTime();
				long pg = serverCpu.nanos();
				long start = System.nanoTime();
				plan = command.run();
				double elapsed = (System.nanoTime() - start) / 1e6;
				if (i < 0) {
					continue;
				}
				wall.add(elapsed);
				jvmCpu.add((os.getProcessCpuTime() - cpu) / 1e6);
				pgCpu.add((serverCpu.nanos() - pg) / 1e6);
				for (PlanCommand.Phase phase : command.phases()) {
					phases.computeIfAbsent(phase.name(), (name) -> new ArrayList<>()).add(phase.time().toNanos() / 1e6);
				}
			}
			check(plan);
			// one untimed run with the driver's protocol trace: its waits for the server
			RoundTrips.Count trips = RoundTrips
				.count(() -> new PlanCommand(new Engine(configuration(url, server, directory))).run());
			// the floor of the copy: the schema's own script in one transaction on an
			// empty database
			List<Double> floor = new ArrayList<>();
			List<Double> floorCpu = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				String empty = server.createDatabase();
				try (Connection connection = server.dataSource(empty).getConnection();
						Statement statement = connection.createStatement()) {
					long pg = serverCpu.nanos();
					long start = System.nanoTime();
					connection.setAutoCommit(false);
					statement.execute(SchemaDiffBench.schema(false));
					connection.commit();
					floor.add((System.nanoTime() - start) / 1e6);
					floorCpu.add((serverCpu.nanos() - pg) / 1e6);
				}
				finally {
					server.dropDatabase(empty);
				}
			}
			List<String> lines = new ArrayList<>();
			lines.add(String.format(Locale.ROOT,
					"plan of %d pending migrations (%d statements) against %s tables, %d rows in 10 of them;"
							+ " PostgreSQL %s; Java %s, %d cores",
					plan.migrations().size(),
					plan.migrations().stream().mapToInt((migration) -> migration.statements().size()).sum(),
					server.queryOne(database,
							"SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"),
					ROWS, server.queryOne(database, "SHOW server_version"), System.getProperty("java.version"),
					Runtime.getRuntime().availableProcessors()));
			lines.add(String.format(Locale.ROOT, "%d runs after one warm-up; milliseconds, median (min-max)", runs));
			for (Map.Entry<String, List<Double>> phase : phases.entrySet()) {
				lines.add(String.format(Locale.ROOT, "  %-28s %s", phase.getKey(), figures(phase.getValue())));
			}
			lines.add(String.format(Locale.ROOT, "  %-28s %s", "total, wall", figures(wall)));
			lines.add(String.format(Locale.ROOT, "  %-28s %s", "total, CPU of this JVM", figures(jvmCpu)));
			lines.add(String.format(Locale.ROOT, "  %-28s %s", "total, CPU of PostgreSQL",
					serverCpu.known() ? figures(pgCpu) : "(server not on this machine)"));
			lines.add(String.format(Locale.ROOT, "  %-28s %s", "floor: the schema's script", figures(floor)));
			lines.add(String.format(Locale.ROOT, "  %-28s %s", "floor, CPU of PostgreSQL",
					serverCpu.known() ? figures(floorCpu) : "(server not on this machine)"));
			lines.add(String.format(Locale.ROOT, "round trips of one plan: %d, on %d connections", trips.roundTrips(),
					trips.connections()));
			lines.add(String.format(Locale.ROOT, "load average at the end: %.2f",
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
			lines.forEach(System.out::println);
		}
		finally {
			server.dropDatabase(database);
			delete(directory);
		}
		System.exit(0);
	}

	private static HoistConfiguration configuration(String url, Server server, Path directory) {
		return Hoist.configure().url(url, server.user(), server.password()).locations("filesystem:" + directory);
	}

	// rows in ten tables, with fresh statistics: the sizes plan reports
	private static void seed(Server server, String database) throws SQLException {
		try (Connection connection = server.dataSource(database).getConnection();
				Statement statement = connection.createStatement()) {
			for (int i = 0; i < 10; i++) {
				statement.execute("INSERT INTO t" + i + " (name, amount) SELECT 'row ' || g, g % 1000 FROM"
						+ " generate_series(1, " + ROWS + ") g");
			}
			statement.execute("ANALYZE");
		}
	}

	// ten pending migrations of the kinds real histories hold
	private static void writePending(Path directory) throws IOException {
		String[] migrations = { "add_column", "ALTER TABLE t1 ADD COLUMN note text;\n", //
				"index_concurrently",
				"-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t2_state ON t2 (state);\n", "widen_numeric",
				"ALTER TABLE t3 ALTER COLUMN amount TYPE numeric(14,2);\n", //
				"int_to_bigint",
				"ALTER TABLE t4 ADD COLUMN quantity integer;\nALTER TABLE t4 ALTER COLUMN quantity TYPE bigint;\n",
				"foreign_key",
				"ALTER TABLE t5 ADD CONSTRAINT t5_root FOREIGN KEY (parent_id) REFERENCES t0 NOT VALID;\n"
						+ "ALTER TABLE t5 VALIDATE CONSTRAINT t5_root;\n",
				"check",
				"ALTER TABLE t6 ADD CONSTRAINT t6_name_length CHECK (length(name) < 500) NOT VALID;\n"
						+ "ALTER TABLE t6 VALIDATE CONSTRAINT t6_name_length;\n",
				"new_table",
				"CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
						+ " t7_id bigint REFERENCES t7, at timestamptz NOT NULL DEFAULT now());\n"
						+ "CREATE INDEX audit_t7 ON audit (t7_id);\n",
				"type_change", "ALTER TABLE t8 ALTER COLUMN name TYPE varchar(300);\n", //
				"enum_value", "ALTER TYPE state ADD VALUE 'shipped';\n", //
				"rename_and_backfill",
				"ALTER TABLE t1 RENAME COLUMN note TO remark;\nUPDATE t1 SET remark = name WHERE id < 100;\n" };
		for (int i = 0; i < migrations.length; i += 2) {
			String sql = migrations[i + 1];
			String text = sql.startsWith("-- migrate:up") ? sql : "-- migrate:up\n" + sql;
			Files.writeString(directory.resolve("V" + (i / 2 + 2) + "__" + migrations[i] + ".sql"),
					text + "-- migrate:down\n");
		}
	}

	// every pending migration observed, none failed
	private static void check(ObservedPlan plan) {
		if (plan.migrations().size() != 10) {
			throw new IllegalStateException("expected 10 planned migrations, got " + plan.migrations().size());
		}
		for (ObservedPlan.Migration migration : plan.migrations()) {
			for (ObservedPlan.Statement statement : migration.statements()) {
				if (statement.observation() == ObservedPlan.Observation.FAILED
						|| statement.observation() == ObservedPlan.Observation.NOT_RUN) {
					throw new IllegalStateException(migration.script() + " line " + statement.line() + " was "
							+ statement.observation() + ": " + statement.detail());
				}
			}
		}
	}

	private static String figures(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return String.format(Locale.ROOT, "%8.0f (%.0f-%.0f)", sorted.get(sorted.size() / 2), sorted.get(0),
				sorted.get(sorted.size() - 1));
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> walk = Files.walk(directory)) {
			for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * The CPU time of a PostgreSQL server that runs on this machine: its postmaster's own
	 * and its reaped children's ({@code /proc/<pid>/stat}), plus its live children's.
	 */
	private static final class ServerCpu {

		private static final double TICK_NANOS = 1e9 / 100;

		private final long postmaster;

		private ServerCpu(long postmaster) {
			this.postmaster = postmaster;
		}

		static ServerCpu of(Server server, String database) {
			try {
				String directory = server.queryOne(database, "SHOW data_directory");
				Path pidFile = Path.of(directory, "postmaster.pid");
				if (Files.isReadable(pidFile)) {
					return new ServerCpu(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
				}
			}
			catch (SQLException | IOException | RuntimeException ex) {
				// not readable: a server elsewhere, or not ours
			}
			return new ServerCpu(-1);
		}

		boolean known() {
			return this.postmaster > 0;
		}

		long nanos() throws IOException {
			if (!known()) {
				return 0;
			}
			long ticks = ticks(this.postmaster, true);
			try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
				for (Path process : processes.toList()) {
					String name = process.getFileName().toString();
					if (name.chars().allMatch(Character::isDigit) && parent(process) == this.postmaster) {
						ticks += ticks(Long.parseLong(name), false);
					}
				}
			}
			return (long) (ticks * TICK_NANOS);
		}

		private static long parent(Path process) {
			String[] fields = stat(process);
			return (fields != null) ? Long.parseLong(fields[1]) : -1;
		}

		private static long ticks(long pid, boolean children) {
			String[] fields = stat(Path.of("/proc", Long.toString(pid)));
			if (fields == null) {
				return 0;
			}
			// after the command's closing parenthesis: state is field 0, utime 11, stime
			// 12
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			if (children) {
				ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
			}
			return ticks;
		}

		private static String[] stat(Path process) {
			try {
				String stat = Files.readString(process.resolve("stat"));
				return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			}
			catch (IOException | RuntimeException ex) {
				// gone meanwhile
				return null;
			}
		}

	}

}
