package dev.hoist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * Runs every scenario for each size and writes {@code results/<date>.md} and
 * {@code results/latest.md}. See {@code bench/README.md}.
 */
public final class Bench {

	static final String COLD = "cold apply, empty database";

	static final String NOOP = "no-op start at head (in-process, warm)";

	static final String FIRST = "no-op start at head, first call in a fresh JVM";

	static final String FIRST_PROCESS = "the same, whole process (JVM start included)";

	static final String FIRST_ALLOCATED = "the same, bytes allocated (MB)";

	static final String CLI_STATUS = "CLI `status` at head, whole process (Hoist's CLI jar; floor: a JVM that connects"
			+ " and runs SELECT 1)";

	static final String BOOT = "Spring Boot service start at head (fresh JVM, SpringApplication.run)";

	static final String BOOT_TOOL = "Spring Boot: time in the migration tool's beans";

	static final String BOOT_ALLOCATED = "Spring Boot: bytes allocated during run (MB)";

	static final String ALONE = "1 thread alone, empty database";

	static final String FOUR = "4 threads together, empty database";

	private static final int NOOP_WARMUPS = 3;

	private static final int NOOP_TIMED = 5;

	private static final int CONCURRENCY = 4;

	private final Options options;

	private final Server server;

	private Bench(Options options, Server server) {
		this.options = options;
		this.server = server;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		// the commit is read now, before any run, not when the page is written
		Versions.commit();
		Bench bench = new Bench(options, options.durable() ? Server.startDurable() : Server.start());
		Report report = new Report(bench.server.version() + "; " + bench.server.durability(), options.runs());
		Path work = Files.createTempDirectory("hoist-bench");
		for (int n : options.sizes()) {
			report.add(bench.run(n, work.resolve("n" + n)));
		}
		if (options.largeFileMegabytes() > 0) {
			report.setLargeFile(new LargeFile(bench.server, options.largeFileMegabytes()).run(work.resolve("large")));
		}
		report.setVersions(bench.versions(work.resolve("n" + options.sizes().get(0))));
		report.write(options.out());
		System.exit(0);
	}

	private List<String> versions(Path dir) throws Exception {
		List<String> versions = new ArrayList<>();
		for (Tool tool : tools(MigrationSet.generate(1).write(dir))) {
			versions.add(tool.version());
		}
		if (PsqlFloor.find(dir.resolve("all.sql"), this.server) == null) {
			versions.add("psql: not on the PATH, floor skipped (apt-get install postgresql-client)");
		}
		return versions;
	}

	private List<Tool> tools(MigrationSet.Layout layout) {
		List<Tool> tools = new ArrayList<>(List.of(new HoistTool(layout.hoist()), new FlywayTool(layout.flyway()),
				new LiquibaseTool(layout.liquibase())));
		PsqlFloor floor = PsqlFloor.find(layout.allSql(), this.server);
		if (floor != null) {
			tools.add(floor);
		}
		return tools;
	}

	private Result run(int n, Path dir) throws Exception {
		MigrationSet set = MigrationSet.generate(n);
		MigrationSet.Layout layout = set.write(dir);
		List<Tool> tools = tools(layout);
		// the floor's schema is the reference; without psql, Flyway's checks Hoist
		// against another tool
		Tool referenceTool = tools.get(tools.size() - 1).keepsHistory() ? tools.get(1) : tools.get(tools.size() - 1);
		log("N=%d: reference schema from %s", n, referenceTool.name());
		String reference = reference(referenceTool, n);
		Result result = new Result(n, reference, referenceTool.name());

		log("N=%d: warm-up, one untimed apply per tool", n);
		for (Tool tool : tools) {
			once(tool, n, reference, new Samples(), false);
		}
		List<Tool> cold = new ArrayList<>(tools);
		cold.add(new JdbcLoop(layout.flyway()));
		if (this.options.includes("cold")) {
			once(cold.get(cold.size() - 1), n, reference, new Samples(), false);
		}
		for (int run = 0; run < this.options.runsOf("cold"); run++) {
			for (Tool tool : rotate(cold, run)) {
				once(tool, n, reference, result.samples(COLD, tool.name()), true);
			}
			log("N=%d: cold run %d/%d %s", n, run + 1, this.options.runs(), result.line(COLD, cold));
		}
		for (int run = 0; run < this.options.runsOf("noop"); run++) {
			for (Tool tool : rotate(tools, run)) {
				if (tool.keepsHistory()) {
					noop(tool, n, reference, result.samples(NOOP, tool.name()));
				}
				else {
					connectOnly(result.samples(NOOP, tool.name()));
				}
			}
			log("N=%d: no-op run %d/%d %s", n, run + 1, this.options.runs(), result.line(NOOP, tools));
		}
		if (this.options.includes("first")) {
			firstStarts(tools, n, dir, reference, result);
		}
		for (int run = 0; run < this.options.runsOf("concurrency"); run++) {
			for (Tool tool : rotate(tools, run)) {
				if (tool.keepsHistory()) {
					together(tool, 1, n, reference, result.samples(ALONE, tool.name()));
					together(tool, CONCURRENCY, n, reference, result.samples(FOUR, tool.name()));
				}
			}
			log("N=%d: concurrent run %d/%d %s | %s", n, run + 1, this.options.runs(), result.line(ALONE, tools),
					result.line(FOUR, tools));
		}
		if (this.options.includes("boot")
				&& n == this.options.sizes().stream().mapToInt(Integer::intValue).max().orElse(n)) {
			bootStarts(tools, n, dir, reference, result);
		}
		for (Tool tool : tools) {
			if (tool.keepsHistory() && this.options.includes("roundtrips")) {
				result.roundTrips().put(tool.name(), roundTrips(tool));
			}
		}
		log("N=%d: round trips %s", n, result.roundTrips());
		return result;
	}

	private String reference(Tool tool, int n) throws Exception {
		String database = this.server.createDatabase();
		try {
			tool.migrate(this.server.dataSource(database), database);
			return this.server.fingerprint(database);
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private void once(Tool tool, int n, String reference, Samples samples, boolean timed) throws Exception {
		String database = this.server.createDatabase();
		try {
			DataSource dataSource = this.server.dataSource(database);
			long start = System.nanoTime();
			tool.migrate(dataSource, database);
			long nanos = System.nanoTime() - start;
			check(tool, database, n, reference, samples);
			if (timed) {
				samples.add(nanos);
			}
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private void noop(Tool tool, int n, String reference, Samples samples) throws Exception {
		String database = this.server.createDatabase();
		try {
			DataSource dataSource = this.server.dataSource(database);
			tool.migrate(dataSource, database);
			for (int i = 0; i < NOOP_WARMUPS; i++) {
				tool.migrate(dataSource, database);
			}
			for (int i = 0; i < NOOP_TIMED; i++) {
				long start = System.nanoTime();
				tool.migrate(dataSource, database);
				samples.add(System.nanoTime() - start);
			}
			check(tool, database, n, reference, samples);
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	/**
	 * What a service's first start at the head costs: each tool's first {@code migrate}
	 * in a fresh JVM, class loading included, on one database per tool brought to the
	 * head beforehand; timed inside the JVM (its own start excluded) and as a whole
	 * process, with the bytes it allocated. The floor is a JVM that only connects and
	 * runs {@code SELECT 1}; Hoist's CLI runs {@code status} against the same database.
	 */
	private void firstStarts(List<Tool> tools, int n, Path dir, String reference, Result result) throws Exception {
		Map<String, String> databases = new LinkedHashMap<>();
		try {
			for (Tool tool : tools) {
				if (tool.keepsHistory()) {
					String database = this.server.createDatabase();
					databases.put(tool.name(), database);
					tool.migrate(this.server.dataSource(database), database);
				}
			}
			List<String> names = new ArrayList<>(databases.keySet());
			names.add("floor");
			Path cli = this.options.cli();
			if (cli != null) {
				names.add("CLI");
			}
			for (int run = 0; run < this.options.runs(); run++) {
				for (String name : rotate(names, run)) {
					String database = databases.getOrDefault(name, databases.get("Hoist"));
					if (name.equals("CLI")) {
						cliStatus(cli, dir, database, result.samples(CLI_STATUS, "Hoist"));
					}
					else {
						firstStart(name, dir, database, result);
					}
				}
				log("N=%d: fresh-JVM run %d/%d %s | %s", n, run + 1, this.options.runs(), result.line(FIRST, names),
						result.line(CLI_STATUS, List.of("Hoist", "floor")));
			}
			// the floor of the CLI's status is the floor's whole process
			Samples floorProcess = result.samples(FIRST_PROCESS, "floor");
			result.all().get(CLI_STATUS).put("floor", floorProcess);
			for (Tool tool : tools) {
				String database = databases.get(tool.name());
				if (database != null) {
					check(tool, database, n, reference, result.samples(FIRST, tool.name()));
				}
			}
		}
		finally {
			databases.values().forEach(this.server::dropDatabase);
		}
	}

	private void firstStart(String name, Path dir, String database, Result result) throws Exception {
		ChildJvm.Finished child = ChildJvm.run(ChildJvm.java(this.server.password(), "-cp",
				System.getProperty("java.class.path"), FirstStart.class.getName(), name, dir.toString(),
				this.server.host(), String.valueOf(this.server.port()), this.server.user(), database));
		Matcher matcher = Pattern.compile("nanos=(\\d+) allocated=(\\d+)").matcher(child.output());
		if (child.exit() == 0 && matcher.find()) {
			result.samples(FIRST, name).add(Long.parseLong(matcher.group(1)));
			result.samples(FIRST_ALLOCATED, name).addBytes(Long.parseLong(matcher.group(2)));
			result.samples(FIRST_PROCESS, name).add(child.wallNanos());
		}
		else {
			result.samples(FIRST, name)
				.problem(name + ": first start in a fresh JVM failed: "
						+ child.output().lines().reduce((a, b) -> b).orElse("(no output)"));
		}
	}

	/** {@code hoist status} from the CLI's jar, as an operator runs it. */
	private void cliStatus(Path cli, Path dir, String database, Samples samples) throws Exception {
		ChildJvm.Finished child = ChildJvm.run(ChildJvm
			.java(this.server.password(), "-jar", cli.toString(), "status",
					"--url=jdbc:postgresql://" + this.server.host() + ":" + this.server.port() + "/" + database,
					"--user=" + this.server.user(), "--locations=filesystem:" + dir.resolve("hoist"))
			.directory(dir.toFile()));
		if (child.exit() == 0) {
			samples.add(child.wallNanos());
		}
		else {
			samples.problem("CLI status failed (exit " + child.exit() + "): "
					+ child.output()
						.lines()
						.filter((line) -> !line.isBlank())
						.limit(3)
						.reduce("", (a, b) -> a + " " + b));
		}
	}

	/** Spring Boot service starts at the head, alternating Hoist, Flyway and no tool. */
	private void bootStarts(List<Tool> tools, int n, Path dir, String reference, Result result) throws Exception {
		BootStartup boot = BootStartup.find();
		if (boot == null) {
			log("N=%d: Spring Boot starts skipped: run the bench from its build tree (bench/target)", n);
			return;
		}
		Tool hoist = tools.get(0);
		Tool flyway = tools.get(1);
		for (String jar : boot.build(dir, dir.resolve("boot"))) {
			log("N=%d: packaged %s", n, jar);
			result.bootJars().add(jar);
		}
		String hoistDatabase = this.server.createDatabase();
		String flywayDatabase = this.server.createDatabase();
		try {
			hoist.migrate(this.server.dataSource(hoistDatabase), hoistDatabase);
			flyway.migrate(this.server.dataSource(flywayDatabase), flywayDatabase);
			List<String> modes = BootStartup.MODES;
			// twice the runs: a difference of two multi-second fresh-JVM starts
			// needs more samples
			int runs = 2 * this.options.runs();
			for (int run = -1; run < runs; run++) {
				for (String mode : rotate(modes, Math.max(run, 0))) {
					Samples samples = (run < 0) ? new Samples() : result.samples(BOOT, mode);
					Samples inTool = (run < 0) ? new Samples() : result.samples(BOOT_TOOL, mode);
					Samples allocated = (run < 0) ? new Samples() : result.samples(BOOT_ALLOCATED, mode);
					String database = mode.equals("Flyway") ? flywayDatabase : hoistDatabase;
					try {
						BootStartup.Start start = boot.start(mode, this.server, database, dir);
						samples.add(start.runNanos());
						inTool.add(start.toolNanos());
						allocated.addBytes(start.allocatedBytes());
					}
					catch (IllegalStateException ex) {
						samples.problem(ex.getMessage());
						log("N=%d: %s", n, ex.getMessage());
					}
				}
				if (run >= 0) {
					log("N=%d: Spring Boot run %d/%d %s", n, run + 1, runs, result.bootLine());
				}
			}
			check(hoist, hoistDatabase, n, reference, result.samples(BOOT, "Hoist"));
			check(flyway, flywayDatabase, n, reference, result.samples(BOOT, "Flyway"));
		}
		finally {
			this.server.dropDatabase(hoistDatabase);
			this.server.dropDatabase(flywayDatabase);
		}
	}

	/** The floor of a no-op start: one new connection and one query. */
	private void connectOnly(Samples samples) throws Exception {
		String database = this.server.createDatabase();
		try {
			DataSource dataSource = this.server.dataSource(database);
			for (int i = 0; i < NOOP_WARMUPS + NOOP_TIMED; i++) {
				long start = System.nanoTime();
				try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
					statement.executeQuery("SELECT 1").close();
				}
				if (i >= NOOP_WARMUPS) {
					samples.add(System.nanoTime() - start);
				}
			}
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	/**
	 * {@code threads} starts at once, each with its own connection, on one empty
	 * database.
	 */
	private void together(Tool tool, int threads, int n, String reference, Samples samples) throws Exception {
		String database = this.server.createDatabase();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Long>> ends = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				DataSource dataSource = this.server.dataSource(database);
				ends.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					tool.migrate(dataSource, database);
					return System.nanoTime();
				}));
			}
			ready.await();
			long start = System.nanoTime();
			go.countDown();
			long last = start;
			long first = Long.MAX_VALUE;
			int failed = 0;
			for (Future<Long> end : ends) {
				try {
					long at = end.get();
					last = Math.max(last, at);
					first = Math.min(first, at);
				}
				catch (ExecutionException ex) {
					failed++;
					last = Math.max(last, System.nanoTime());
					samples.problem(tool.name() + ": a thread failed: " + firstLine(ex.getCause()));
				}
			}
			samples.failedProcesses(failed);
			samples.add(last - start);
			if (threads > 1 && first != Long.MAX_VALUE) {
				samples.spread(last - first);
			}
			check(tool, database, n, reference, samples);
		}
		finally {
			pool.shutdownNow();
			this.server.dropDatabase(database);
		}
	}

	private Result.Trips roundTrips(Tool tool) throws Exception {
		String database = this.server.createDatabase();
		try {
			DataSource dataSource = this.server.dataSource(database);
			RoundTrips.Count cold = RoundTrips.count(() -> {
				tool.migrate(dataSource, database);
				return null;
			});
			RoundTrips.Count noop = RoundTrips.count(() -> {
				tool.migrate(dataSource, database);
				return null;
			});
			return new Result.Trips(cold, noop);
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private void check(Tool tool, String database, int n, String reference, Samples samples) {
		try {
			int rows = tool.historyRows(this.server, database, n);
			if (rows != n) {
				samples.problem(tool.name() + ": " + rows + " history rows, expected " + n);
			}
			String fingerprint = this.server.fingerprint(database);
			if (!fingerprint.equals(reference)) {
				samples.problem(tool.name() + ": schema fingerprint " + fingerprint + " differs from " + reference);
			}
		}
		catch (Exception ex) {
			samples.problem(tool.name() + ": check failed: " + firstLine(ex));
		}
	}

	private static String firstLine(Throwable ex) {
		String message = String.valueOf(ex.getMessage());
		// Liquibase names the machine and the time: drop them so that equal failures
		// count as one
		int holder = message.indexOf("Currently locked by");
		message = (holder < 0) ? message : message.substring(0, holder).trim();
		int newline = message.indexOf('\n');
		return ex.getClass().getSimpleName() + ": " + ((newline < 0) ? message : message.substring(0, newline));
	}

	private static <T> List<T> rotate(List<T> list, int by) {
		List<T> rotated = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			rotated.add(list.get((i + by) % list.size()));
		}
		return rotated;
	}

	static void log(String format, Object... args) {
		System.out.printf("[bench] " + format + "%n", args);
	}

	record Options(List<Integer> sizes, int runs, Path out, boolean durable, Path cli, int largeFileMegabytes,
			Set<String> only) {

		static final Set<String> SCENARIOS = Set.of("cold", "noop", "first", "concurrency", "boot", "roundtrips");

		/** Whether a scenario runs: every one unless {@code --only} names some. */
		boolean includes(String scenario) {
			return this.only.isEmpty() || this.only.contains(scenario);
		}

		/** How many runs a scenario gets: none when {@code --only} leaves it out. */
		int runsOf(String scenario) {
			return includes(scenario) ? this.runs : 0;
		}

		static Options parse(String[] args) {
			List<Integer> sizes = List.of(10, 100, 1000);
			int runs = 5;
			Path out = Path.of("bench", "results");
			boolean durable = false;
			Path cli = findCli(Path.of("cli", "target").toAbsolutePath());
			int largeFile = 50;
			Set<String> only = Set.of();
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				if (option.equals("--durable")) {
					durable = true;
					continue;
				}
				String value = (i + 1 < args.length) ? args[++i] : "";
				if (option.equals("--sizes")) {
					sizes = Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
				}
				else if (option.equals("--runs")) {
					runs = Integer.parseInt(value);
				}
				else if (option.equals("--out")) {
					out = Path.of(value);
				}
				else if (option.equals("--cli")) {
					cli = Path.of(value).toAbsolutePath();
					if (!Files.isRegularFile(cli)) {
						throw new IllegalArgumentException("--cli " + value + ": no such file; build it with"
								+ " mvn -B -ntp -Pbench -pl bench,cli -am package -DskipTests");
					}
				}
				else if (option.equals("--large-file")) {
					largeFile = Integer.parseInt(value);
				}
				else if (option.equals("--only")) {
					only = Set.of(value.split(","));
					if (!SCENARIOS.containsAll(only)) {
						throw new IllegalArgumentException("--only " + value + ": the scenarios are " + SCENARIOS);
					}
				}
				else {
					throw new IllegalArgumentException("Unknown argument " + option + "; use --sizes 10,100,1000"
							+ " --runs 5 --out bench/results --durable --cli cli/target/hoist-cli-<version>.jar"
							+ " --large-file 50 (MB; 0 skips it) --only " + String.join(",", SCENARIOS));
				}
			}
			if (runs < 1) {
				throw new IllegalArgumentException("--runs must be at least 1");
			}
			if (cli == null) {
				log("no Hoist CLI jar in cli/target: the CLI status scenario is skipped (build it with"
						+ " mvn -B -ntp -Pbench -pl bench,cli -am package -DskipTests, or pass --cli)");
			}
			return new Options(sizes, runs, out, durable, cli, largeFile, only);
		}

		/** The CLI's executable jar in a build tree, or {@code null}. */
		private static Path findCli(Path target) {
			if (!Files.isDirectory(target)) {
				return null;
			}
			try (Stream<Path> files = Files.list(target)) {
				return files
					.filter((file) -> file.getFileName().toString().matches("hoist-cli-[^/]*\\.jar")
							&& !file.getFileName().toString().contains("-sources"))
					.findFirst()
					.orElse(null);
			}
			catch (IOException ex) {
				return null;
			}
		}

	}

	/** All samples of one size. */
	static final class Result {

		private final int n;

		private final String reference;

		private final String referenceTool;

		private final Map<String, Map<String, Samples>> samples = new LinkedHashMap<>();

		private final Map<String, Trips> roundTrips = new LinkedHashMap<>();

		private final List<String> bootJars = new ArrayList<>();

		Result(int n, String reference, String referenceTool) {
			this.n = n;
			this.reference = reference;
			this.referenceTool = referenceTool;
		}

		Samples samples(String scenario, String tool) {
			return this.samples.computeIfAbsent(scenario, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(tool, (key) -> new Samples());
		}

		Map<String, Map<String, Samples>> all() {
			return this.samples;
		}

		Map<String, Trips> roundTrips() {
			return this.roundTrips;
		}

		List<String> bootJars() {
			return this.bootJars;
		}

		int n() {
			return this.n;
		}

		String reference() {
			return this.reference;
		}

		String referenceTool() {
			return this.referenceTool;
		}

		String line(String scenario, List<?> tools) {
			StringBuilder line = new StringBuilder();
			for (Object tool : tools) {
				String name = (tool instanceof Tool t) ? t.name() : tool.toString();
				Samples s = this.samples.getOrDefault(scenario, Map.of()).get(name);
				if (s != null && !s.isEmpty()) {
					line.append(name).append(' ').append(Samples.ms(s.median())).append(" ms  ");
				}
			}
			return line.toString().trim();
		}

		String bootLine() {
			StringBuilder line = new StringBuilder();
			this.samples.getOrDefault(BOOT, Map.of()).forEach((mode, s) -> {
				if (!s.isEmpty()) {
					line.append(mode).append(' ').append(Samples.ms(s.median())).append(" ms  ");
				}
			});
			return line.toString().trim();
		}

		record Trips(RoundTrips.Count cold, RoundTrips.Count noop) {
		}

	}

}
