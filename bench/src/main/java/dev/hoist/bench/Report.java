package dev.hoist.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown page of one benchmark run. */
final class Report {

	private static final List<String> TOOLS = List.of("Hoist", "Flyway", "Liquibase", "floor");

	private final String postgres;

	private final int runs;

	private final List<Bench.Result> results = new ArrayList<>();

	private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);

	private List<String> versions = List.of();

	private List<String> largeFile = List.of();

	Report(String postgres, int runs) {
		this.postgres = postgres;
		this.runs = runs;
	}

	void add(Bench.Result result) {
		this.results.add(result);
	}

	void setVersions(List<String> versions) {
		this.versions = versions;
	}

	void setLargeFile(List<String> lines) {
		this.largeFile = lines;
	}

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		String page = render();
		Path dated = directory.resolve(this.started.format(DateTimeFormatter.ISO_LOCAL_DATE) + ".md");
		Files.writeString(dated, page);
		Files.writeString(directory.resolve("latest.md"), page);
		Bench.log("wrote %s and %s", dated, directory.resolve("latest.md"));
		System.out.println(page);
	}

	String render() {
		StringBuilder page = new StringBuilder();
		page.append("# Hoist benchmark, ")
			.append(this.started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
			.append("\n\n");
		page.append("Machine: ").append(machine()).append("  \n");
		page.append("PostgreSQL: ").append(this.postgres).append(" (embedded, one server for all runs)  \n");
		page.append("Tools: ").append(String.join(", ", this.versions)).append("\n\n");
		page.append("Each cell: median in ms (min–max) over ")
			.append(this.runs)
			.append(" runs; each run a fresh database (CREATE DATABASE), the tools alternating run by run in one JVM."
					+ " No-op: ")
			.append(this.runs)
			.append(" × 5 timed starts after 3 warm-up starts. Concurrency: threads, each with its own connection, in"
					+ " one warm JVM (not processes: a JVM start would dominate and hide the lock behaviour)."
					+ " Java tools are timed in-process (configure, load, migrate on a new connection); the floor"
					+ " includes psql's process start. Floor: for a cold apply `psql -1 -f all.sql` on the same SQL"
					+ " (no history, no lock); for a no-op start one new JDBC connection and `SELECT 1`, which no"
					+ " tool can avoid. Every run is checked: history rows = N and schema fingerprint"
					+ " equal to the reference.\n\n");
		for (Bench.Result result : this.results) {
			renderSize(page, result);
		}
		if (!this.largeFile.isEmpty()) {
			page.append("## Heap for a large migration file\n\n");
			this.largeFile.forEach((line) -> page.append(line).append('\n'));
			page.append('\n');
		}
		renderTargets(page);
		return page.toString();
	}

	private void renderSize(StringBuilder page, Bench.Result result) {
		page.append("## N = ").append(result.n()).append(" migrations\n\n");
		page.append(
				"| scenario | Hoist | Flyway | Liquibase | floor | Hoist/Flyway | Hoist/Liquibase | Hoist/floor |\n");
		page.append("|---|---|---|---|---|---|---|---|\n");
		List<String> problems = new ArrayList<>();
		Map<String, Integer> failed = new LinkedHashMap<>();
		for (Map.Entry<String, Map<String, Samples>> scenario : result.all().entrySet()) {
			if (scenario.getKey().startsWith("Spring Boot")) {
				continue;
			}
			Map<String, Samples> byTool = scenario.getValue();
			page.append("| ").append(scenario.getKey());
			for (String tool : TOOLS) {
				Samples samples = byTool.get(tool);
				page.append(" | ").append((samples != null) ? samples.cell() : "—");
				if (samples != null) {
					problems.addAll(samples.problems());
					if (samples.failedProcesses() > 0) {
						failed.merge(tool, samples.failedProcesses(), Integer::sum);
					}
				}
			}
			for (String other : TOOLS.subList(1, TOOLS.size())) {
				page.append(" | ").append(ratio(byTool.get("Hoist"), byTool.get(other)));
			}
			page.append(" |\n");
		}
		Map<String, Samples> alone = result.all().getOrDefault(Bench.ALONE, Map.of());
		Map<String, Samples> four = result.all().getOrDefault(Bench.FOUR, Map.of());
		page.append("| 4 together ÷ alone");
		for (String tool : TOOLS) {
			page.append(" | ").append(ratio(four.get(tool), alone.get(tool)));
		}
		page.append(" | | | |\n\n");
		StringBuilder spreads = new StringBuilder();
		for (String tool : TOOLS) {
			Samples samples = four.get(tool);
			if (samples != null && samples.medianSpread() >= 0) {
				spreads.append((spreads.length() > 0) ? ", " : "")
					.append(tool)
					.append(' ')
					.append(Samples.ms(samples.medianSpread()))
					.append(" ms");
			}
		}
		if (spreads.length() > 0) {
			page.append("4 together: the last thread ended this long after the first (median; the waiters' cost of"
					+ " noticing the lock's release and finding nothing to do): ")
				.append(spreads)
				.append(".\n\n");
		}
		Map<String, Samples> cold = result.all().getOrDefault(Bench.COLD, Map.of());
		Samples loop = cold.get("JDBC loop");
		if (loop != null && !loop.isEmpty()) {
			problems.addAll(loop.problems());
			page.append("Diagnostic, cold apply: a bare JDBC loop doing per migration what Hoist must (read, checksum,"
					+ " one execute of the file, a history row, a commit: 3 round trips) takes ")
				.append(loop.cell())
				.append(" ms: ")
				.append(ratio(loop, cold.get("floor")))
				.append("× the floor; Hoist takes ")
				.append(ratio(cold.get("Hoist"), loop))
				.append("× this loop.\n\n");
		}
		Map<String, Samples> boot = result.all().get(Bench.BOOT);
		Map<String, Samples> bootTool = result.all().getOrDefault(Bench.BOOT_TOOL, Map.of());
		if (boot != null) {
			Samples none = boot.get("no tool");
			Map<String, Samples> allocated = result.all().getOrDefault(Bench.BOOT_ALLOCATED, Map.of());
			Samples noneAllocated = allocated.get("no tool");
			page.append("Spring Boot service start at the head: each service's fat jar (Spring Boot's repackager, as"
					+ " `spring-boot-maven-plugin` builds it) started with `java -jar` in a fresh JVM,"
					+ " `SpringApplication.run` timed inside it (JVM start excluded). The service has a DataSource"
					+ " and runs one query during startup, so every mode pays the pool's first connection; the jars"
					+ " hold the same migration files and libraries but for the tool's own. \"In the tool's beans\""
					+ " is the longest instantiation of one of the tool's beans (its migration initializer, which"
					+ " runs migrate), from Spring's startup steps. Allocation: bytes allocated by the JVM's live"
					+ " threads during run.\n\n");
			result.bootJars().forEach((jar) -> page.append("- ").append(jar).append('\n'));
			page.append("\n| service | run (ms) | run minus no tool's | in the tool's beans (ms) | allocated (MB) |"
					+ " allocated minus no tool's |\n|---|---|---|---|---|---|\n");
			for (String mode : BootStartup.MODES) {
				Samples samples = boot.get(mode);
				if (samples == null) {
					continue;
				}
				problems.addAll(samples.problems());
				boolean tool = !mode.equals("no tool");
				page.append("| ").append(mode).append(" | ").append(samples.cell()).append(" | ");
				if (tool && none != null && !none.isEmpty() && !samples.isEmpty()) {
					page.append(Samples.ms(samples.median() - none.median())).append(" ms");
				}
				Samples inTool = bootTool.get(mode);
				page.append(" | ").append((inTool != null && tool) ? inTool.cell() : "—");
				Samples bytes = allocated.get(mode);
				page.append(" | ").append((bytes != null) ? bytes.cell() : "—").append(" | ");
				if (tool && bytes != null && !bytes.isEmpty() && noneAllocated != null && !noneAllocated.isEmpty()) {
					page.append(Samples.ms(bytes.median() - noneAllocated.median())).append(" MB");
				}
				page.append(" |\n");
			}
			page.append('\n');
		}
		if (problems.isEmpty()) {
			page.append("Checks: every run passed (history rows = ")
				.append(result.n())
				.append(", schema fingerprint `")
				.append(result.reference())
				.append("` = ")
				.append(result.referenceTool())
				.append("'s).\n\n");
		}
		else {
			Map<String, Integer> counted = new LinkedHashMap<>();
			problems.forEach((problem) -> counted.merge(problem, 1, Integer::sum));
			page.append("Checks: reference fingerprint `")
				.append(result.reference())
				.append("` (")
				.append(result.referenceTool())
				.append("). **Problems:**\n\n");
			counted
				.forEach((problem, count) -> page.append("- ").append(count).append("× ").append(problem).append('\n'));
			page.append('\n');
		}
		if (!failed.isEmpty()) {
			page.append("Threads that failed in the concurrency scenario: ").append(failed).append("\n\n");
		}
		if (!result.roundTrips().isEmpty()) {
			page.append(
					"Round trips to the server (driver trace, one untimed run; connections opened in brackets):\n\n");
			page.append("| tool | cold apply | per migration | no-op start |\n|---|---|---|---|\n");
			result.roundTrips()
				.forEach((tool, trips) -> page.append("| ")
					.append(tool)
					.append(" | ")
					.append(trips.cold().roundTrips())
					.append(" (")
					.append(trips.cold().connections())
					.append(") | ")
					.append(String.format(Locale.ROOT, "%.1f", trips.cold().roundTrips() / (double) result.n()))
					.append(" | ")
					.append(trips.noop().roundTrips())
					.append(" (")
					.append(trips.noop().connections())
					.append(") |\n"));
			page.append('\n');
		}
	}

	private void renderTargets(StringBuilder page) {
		Bench.Result largest = this.results.stream().max(Comparator.comparingInt(Bench.Result::n)).orElse(null);
		if (largest == null) {
			return;
		}
		Map<String, Map<String, Samples>> all = largest.all();
		page.append("## Targets at N = ").append(largest.n()).append(" (issue 18)\n\n");
		Samples bootHoist = get(all, Bench.BOOT, "Hoist");
		Samples bootNone = get(all, Bench.BOOT, "no tool");
		Samples bootTool = get(all, Bench.BOOT_TOOL, "Hoist");
		if (bootHoist != null && bootNone != null) {
			double added = bootHoist.median() - bootNone.median();
			page.append(verdict(added <= 50,
					"Spring Boot service from its fat jar: Hoist adds at most 50 ms to `SpringApplication.run`",
					Samples.ms(added) + " ms, medians " + Samples.ms(bootHoist.median()) + " vs "
							+ Samples.ms(bootNone.median()) + " ms; in Hoist's beans "
							+ ((bootTool != null) ? Samples.ms(bootTool.median()) + " ms" : "—")));
		}
		else {
			page.append("- Spring Boot service from its fat jar: not measured\n");
		}
		Samples cli = get(all, Bench.CLI_STATUS, "Hoist");
		Samples floorProcess = get(all, Bench.FIRST_PROCESS, "floor");
		if (cli != null && floorProcess != null) {
			double r = cli.median() / floorProcess.median();
			page.append(verdict(r <= 1.3,
					"first call in a fresh JVM (the CLI's `status`), at most 1.3× a JVM that connects and runs"
							+ " `SELECT 1`",
					fmt(r) + "×: " + Samples.ms(cli.median()) + " vs " + Samples.ms(floorProcess.median()) + " ms"));
		}
		else {
			page.append("- first call in a fresh JVM (the CLI's `status`): not measured (no CLI jar)\n");
		}
		Samples firstHoist = get(all, Bench.FIRST, "Hoist");
		Samples firstFloor = get(all, Bench.FIRST, "floor");
		if (firstHoist != null && firstFloor != null) {
			page.append("  - the core API's first `migrate` in a fresh JVM, JVM start excluded: "
					+ Samples.ms(firstHoist.median()) + " ms vs " + Samples.ms(firstFloor.median()) + " ms, "
					+ fmt(firstHoist.median() / firstFloor.median()) + "× (filesystem location: no index)\n");
		}
		Samples coldHoist = get(all, Bench.COLD, "Hoist");
		Samples coldFloor = get(all, Bench.COLD, "floor");
		if (coldHoist != null && coldFloor != null) {
			double r = coldHoist.median() / coldFloor.median();
			page.append(verdict(r <= 1.1, "cold apply within 1.1× the `psql -1 -f` floor", fmt(r) + "×"));
		}
		else {
			page.append("- cold apply within 1.1× the floor: not measured (no psql)\n");
		}
		Samples alone = get(all, Bench.ALONE, "Hoist");
		Samples four = get(all, Bench.FOUR, "Hoist");
		if (alone != null && four != null) {
			double r = four.median() / alone.median();
			page.append(verdict(r <= 1.1, "4 together within 1.1× of one alone", fmt(r) + "×"));
		}
		Samples allocated = get(all, Bench.FIRST_ALLOCATED, "Hoist");
		if (allocated != null) {
			page.append(verdict(allocated.median() < 20, "a no-op start allocates less than 20 MB",
					Samples.ms(allocated.median()) + " MB, first call in a fresh JVM"));
		}
		if (!this.largeFile.isEmpty()) {
			this.largeFile.stream().filter((line) -> line.startsWith("| Hoist |")).findFirst().ifPresent((line) -> {
				String[] cells = line.split("\\|");
				boolean met = cells.length > 3 && cells[3].trim().matches("[0-9.]+")
						&& Double.parseDouble(cells[3].trim()) < 3;
				page.append(verdict(met, "a large migration file applies in less than 3× its size of heap",
						cells[2].trim() + ", " + cells[3].trim() + "× the file"));
			});
		}
		Samples noopHoist = get(all, Bench.NOOP, "Hoist");
		Samples noopFlyway = get(all, Bench.NOOP, "Flyway");
		if (noopHoist != null && noopFlyway != null) {
			page.append("- earlier targets (issue 8): no-op start in-process, warm: ")
				.append(Samples.ms(noopHoist.median()))
				.append(" ms, ")
				.append(fmt(noopFlyway.median() / noopHoist.median()))
				.append("× faster than Flyway\n");
		}
	}

	private static Samples get(Map<String, Map<String, Samples>> all, String scenario, String tool) {
		Samples samples = all.getOrDefault(scenario, Map.of()).get(tool);
		return (samples != null && !samples.isEmpty()) ? samples : null;
	}

	private static String verdict(boolean met, String target, String actual) {
		return "- " + target + ": " + (met ? "met" : "**missed**") + " (" + actual + ")\n";
	}

	private static String ratio(Samples hoist, Samples other) {
		if (hoist == null || other == null || hoist.isEmpty() || other.isEmpty()) {
			return "—";
		}
		return fmt(hoist.median() / other.median());
	}

	private static String fmt(double ratio) {
		return String.format(Locale.ROOT, "%.2f", ratio);
	}

	private static String machine() {
		String cpu = "unknown CPU";
		long memoryKb = 0;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					cpu = line.substring(line.indexOf(':') + 1).trim();
					break;
				}
			}
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memoryKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: leave the defaults
		}
		var runtime = ManagementFactory.getRuntimeMXBean();
		return String.format(Locale.ROOT, "%d cores (%s), %s memory, %s %s on %s %s",
				Runtime.getRuntime().availableProcessors(), cpu,
				(memoryKb > 0) ? (memoryKb / 1024 / 1024) + " GiB" : "unknown", runtime.getVmName(),
				System.getProperty("java.runtime.version"), System.getProperty("os.name"),
				System.getProperty("os.version"));
	}

}
