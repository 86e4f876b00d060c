package dev.hoist.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.lint.Finding;

/**
 * How long the static migration-safety rules take over N migration files (issue 17: 1,000
 * files in under a second): the bench's generated history, written to disk and linted
 * from there, in a fresh JVM (the first run pays class loading and a cold JIT) and then
 * warm.
 * <p>
 * {@code java -cp bench/target/hoist-bench.jar dev.hoist.bench.LintBench [N] [runs]}
 */
public final class LintBench {

	private LintBench() {
	}

	public static void main(String[] args) throws IOException {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		Path directory = Files.createTempDirectory("hoist-lint-bench");
		try {
			MigrationSet.Layout layout = MigrationSet.generate(n).write(directory);
			List<Path> files;
			try (Stream<Path> list = Files.list(layout.hoist())) {
				files = list.sorted().toList();
			}
			long bytes = 0;
			for (Path file : files) {
				bytes += Files.size(file);
			}
			LintOptions options = LintOptions.defaults();
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long start = System.nanoTime();
			long cpuStart = threads.getCurrentThreadCpuTime();
			List<Finding> findings = Lint.paths(files, options);
			double first = millis(System.nanoTime() - start);
			double firstCpu = millis(threads.getCurrentThreadCpuTime() - cpuStart);
			double[] warm = new double[runs];
			double[] warmCpu = new double[runs];
			for (int i = 0; i < runs; i++) {
				start = System.nanoTime();
				cpuStart = threads.getCurrentThreadCpuTime();
				Lint.paths(files, options);
				warm[i] = millis(System.nanoTime() - start);
				warmCpu[i] = millis(threads.getCurrentThreadCpuTime() - cpuStart);
			}
			Arrays.sort(warm);
			Arrays.sort(warmCpu);
			List<String> lines = new ArrayList<>();
			lines.add(String.format(Locale.ROOT, "Lint of %d migration files (%.1f MB), %d findings, Java %s, %d cores",
					files.size(), bytes / 1e6, findings.size(), System.getProperty("java.version"),
					Runtime.getRuntime().availableProcessors()));
			lines.add(String.format(Locale.ROOT,
					"first run in a fresh JVM: %.0f ms (CPU of the linting thread %.0f ms)", first, firstCpu));
			lines.add(String.format(Locale.ROOT,
					"warm, %d runs: min %.0f ms, median %.0f ms, max %.0f ms (CPU: min %.0f ms, median %.0f ms)", runs,
					warm[0], warm[runs / 2], warm[runs - 1], warmCpu[0], warmCpu[runs / 2]));
			lines.add(String.format(Locale.ROOT, "system load average while running: %.1f",
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
			lines.forEach(System.out::println);
		}
		finally {
			try (Stream<Path> walk = Files.walk(directory)) {
				for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

}
