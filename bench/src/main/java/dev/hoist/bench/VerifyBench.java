package dev.hoist.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.hoist.core.Hoist;
import dev.hoist.core.internal.Engine;
import dev.hoist.core.internal.VerifyCommand;
import dev.hoist.core.verify.Verification;
import dev.hoist.testsupport.MigrationHistory;

/**
 * How long {@code verify} takes (issue 16: the sample app's history in seconds, 200
 * migrations in under a minute on two cores), end to end as {@code Hoist.verify()} runs
 * it: a temporary shadow database created on the server, every migration's up, down and
 * up again, a schema snapshot after each, the comparisons, the shadow dropped. Each
 * history is verified once untimed (a warm JVM), then {@code runs} times; the bench
 * prints the median and min–max of the wall time, of the CPU time of the verifying
 * thread, and of the PostgreSQL server's CPU time (its processes' user and system time
 * from {@code /proc}), then the same per phase.
 * <p>
 * The histories: the sample app's versioned SQL files (its Java migration lives in its
 * Spring classes, and its repeatable view needs that migration's column), the generated
 * one of {@code N} migrations ({@link MigrationHistory}, as {@link MigrationSet} renders
 * it), and the same with every tenth down section broken (it leaves its objects behind,
 * so the next up fails), which makes verify rebuild the shadow.
 * <p>
 * {@code java -cp bench/target/hoist-bench.jar dev.hoist.bench.VerifyBench [N] [runs]}
 */
public final class VerifyBench {

	private static final Path SAMPLE_APP = Path.of("sample-app/src/main/resources/db/migration");

	private static final int BROKEN_EVERY = 10;

	private VerifyBench() {
	}

	public static void main(String[] args) throws Exception {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		Server server = Server.start();
		String live = server.createDatabase();
		Path root = Files.createTempDirectory("hoist-verify-bench");
		try {
			Map<String, Path> histories = new LinkedHashMap<>();
			if (Files.isDirectory(SAMPLE_APP)) {
				histories.put("sample app's versioned SQL files", versionedSql(SAMPLE_APP, root.resolve("sample")));
			}
			else {
				System.out.println("(no " + SAMPLE_APP + " here: run from the repository root to include the sample"
						+ " app's history)");
			}
			MigrationHistory history = MigrationHistory.of(Math.max(2, n)).build();
			histories.put(history.size() + " generated", history.writeTo(root.resolve("generated")));
			histories.put(history.size() + " generated, every " + BROKEN_EVERY + "th down broken",
					writeBroken(history, root.resolve("broken")));
			ServerCpu serverCpu = ServerCpu.of(server, live);
			System.out.printf(Locale.ROOT,
					"verify, %d timed runs after one warm-up each; PostgreSQL %s; Java %s;"
							+ " %d cores; load average at start: %s%n",
					runs, server.version(), System.getProperty("java.version"),
					Runtime.getRuntime().availableProcessors(), loadAverage());
			for (Map.Entry<String, Path> entry : histories.entrySet()) {
				measure(entry.getKey(), entry.getValue(), server, live, runs, serverCpu);
			}
			System.out.println("load average at the end: " + loadAverage());
		}
		finally {
			delete(root);
			server.dropDatabase(live);
		}
	}

	private static void measure(String name, Path directory, Server server, String live, int runs, ServerCpu serverCpu)
			throws SQLException, IOException {
		Hoist hoist = Hoist.configure()
			.url("jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + live, server.user(),
					server.password())
			.locations("filesystem:" + directory.toAbsolutePath())
			.load();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		List<Run> measured = new ArrayList<>();
		Verification verification = null;
		for (int i = 0; i <= runs; i++) {
			VerifyCommand command = new VerifyCommand(new Engine(hoist.configuration()));
			long server0 = serverCpu.nanos();
			long cpu0 = threads.getCurrentThreadCpuTime();
			long wall0 = System.nanoTime();
			verification = command.run();
			long wall = System.nanoTime() - wall0;
			long cpu = threads.getCurrentThreadCpuTime() - cpu0;
			long serverNanos = serverCpu.nanos() - server0;
			if (i > 0) {
				measured.add(new Run(wall, cpu, serverNanos, command.timings()));
			}
		}
		System.out.printf(Locale.ROOT, "%n%s: %d migrations: %d restored, %d failed, %d irreversible%s (load %s)%n",
				name, verification.migrations().size(), count(verification, Verification.Outcome.RESTORED),
				verification.failed().size(), verification.irreversible().size(),
				(verification.failure() != null) ? "; stopped: " + verification.failure() : "", loadAverage());
		System.out.println("| | wall median (min–max) | verifying thread CPU median | server CPU median | count |");
		System.out.println("|---|---|---|---|---|");
		System.out.println(row("verify, end to end", measured.stream().mapToLong(Run::wall).toArray(),
				measured.stream().mapToLong(Run::cpu).toArray(), measured.stream().mapToLong(Run::server).toArray(),
				""));
		int phases = measured.get(0).timings().entries().size();
		for (int p = 0; p < phases; p++) {
			int index = p;
			List<VerifyCommand.Timings.Entry> entries = measured.stream()
				.map((run) -> run.timings().entries().get(index))
				.toList();
			System.out.println(row(entries.get(0).name(),
					entries.stream().mapToLong(VerifyCommand.Timings.Entry::wallNanos).toArray(),
					entries.stream().mapToLong(VerifyCommand.Timings.Entry::cpuNanos).toArray(), null,
					String.valueOf(entries.get(0).count())));
		}
	}

	private static long count(Verification verification, Verification.Outcome outcome) {
		return verification.migrations().stream().filter((m) -> m.outcome() == outcome).count();
	}

	private static String row(String name, long[] wall, long[] cpu, long[] server, String count) {
		Arrays.sort(wall);
		Arrays.sort(cpu);
		String serverText = "";
		if (server != null) {
			Arrays.sort(server);
			serverText = seconds(server[server.length / 2]);
		}
		return "| " + name + " | " + seconds(wall[wall.length / 2]) + " (" + seconds(wall[0]) + "–"
				+ seconds(wall[wall.length - 1]) + ") | " + seconds(cpu[cpu.length / 2]) + " | " + serverText + " | "
				+ count + " |";
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
	}

	private static String loadAverage() throws IOException {
		String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return parts[0] + " " + parts[1] + " " + parts[2];
	}

	// the sample app's V*.sql: its Java migration lives in its Spring classes, and its
	// repeatable view reads the column that migration adds
	private static Path versionedSql(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.startsWith("V") && name.endsWith(".sql")) {
					Files.copy(file, to.resolve(name));
				}
			}
		}
		return to;
	}

	// every tenth migration's down section does nothing, so its objects stay behind and
	// the up section fails when it runs again
	private static Path writeBroken(MigrationHistory history, Path directory) throws IOException {
		Files.createDirectories(directory);
		for (MigrationHistory.Migration migration : history.migrations()) {
			String text = migration.text();
			if (migration.version() % BROKEN_EVERY == 0) {
				text = text.substring(0, text.indexOf("-- migrate:down")) + "-- migrate:down\nSELECT 1;\n";
			}
			Files.writeString(directory.resolve(migration.fileName()), text);
		}
		return directory;
	}

	private static void delete(Path root) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.delete(path);
			}
		}
	}

	private record Run(long wall, long cpu, long server, VerifyCommand.Timings timings) {

	}

	/**
	 * The CPU time of one PostgreSQL server: its postmaster's user and system time, with
	 * that of the backends it has reaped, plus that of its live backends ({@code /proc},
	 * Linux only; zero elsewhere).
	 */
	private record ServerCpu(long postmaster, long nanosPerTick) {

		static ServerCpu of(Server server, String database) throws SQLException, IOException {
			try (Connection connection = server.dataSource(database).getConnection();
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
				rs.next();
				Path stat = Path.of("/proc/" + rs.getInt(1) + "/stat");
				if (!Files.exists(stat)) {
					System.out.println("(the server's processes are not visible in /proc: server CPU not measured)");
					return new ServerCpu(-1, 0);
				}
				long parent = Long.parseLong(fields(Files.readString(stat))[1]);
				// USER_HZ is 100 on every Linux the JDK runs on
				return new ServerCpu(parent, 10_000_000L);
			}
		}

		long nanos() throws IOException {
			if (this.postmaster < 0) {
				return 0;
			}
			String[] own = fields(Files.readString(Path.of("/proc/" + this.postmaster + "/stat")));
			long ticks = 0;
			// utime, stime, cutime, cstime are fields 14 to 17 (1-based); fields() starts
			// at field 3
			for (int i = 11; i <= 14; i++) {
				ticks += Long.parseLong(own[i]);
			}
			try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
				for (Path process : processes.toList()) {
					String name = process.getFileName().toString();
					if (!name.chars().allMatch(Character::isDigit)) {
						continue;
					}
					try {
						String[] fields = fields(Files.readString(process.resolve("stat")));
						if (Long.parseLong(fields[1]) == this.postmaster) {
							ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
						}
					}
					catch (IOException ex) {
						// the process ended meanwhile: its time is in the postmaster's
					}
				}
			}
			return ticks * this.nanosPerTick;
		}

		// the fields after the command name, which may hold spaces: state, ppid, ...
		private static String[] fields(String stat) {
			return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
		}

	}

}
