package dev.hoist.core.internal.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hoist.core.internal.Checksums;
import dev.hoist.core.lint.Finding;

/**
 * The static migration-safety rules' entry point: lint migration files in the order they
 * apply.
 */
public final class Lint {

	private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::script)
		.thenComparingInt(Finding::line)
		.thenComparing(Finding::rule);

	private Lint() {
	}

	/**
	 * Lint migration files.
	 * @param files the files in the order they apply (what one file creates or validates
	 * informs the files after it)
	 * @param options what is known about the target
	 * @return the findings, suppressed ones included, sorted by file (in the given order)
	 * then line
	 */
	public static List<Finding> run(List<LintFile> files, LintOptions options) {
		Linter linter = new Linter(options);
		Map<String, Integer> order = new HashMap<>();
		for (LintFile file : files) {
			linter.lint(file.script(), Checksums.normalize(file.text()));
			order.putIfAbsent(file.script(), order.size());
		}
		List<Finding> findings = new ArrayList<>(linter.findings());
		findings.sort(Comparator.comparingInt((Finding finding) -> order.get(finding.script())).thenComparing(ORDER));
		return findings;
	}

	/**
	 * Lint migration files on disk, read as UTF-8.
	 * @param paths the files in the order they apply
	 * @param options what is known about the target
	 * @return the findings
	 */
	public static List<Finding> paths(List<Path> paths, LintOptions options) {
		List<LintFile> files = new ArrayList<>();
		for (Path path : paths) {
			try {
				files.add(new LintFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read migration file " + path + ": " + ex.getMessage(), ex);
			}
		}
		return run(files, options);
	}

	/**
	 * A migration file to lint.
	 *
	 * @param script the file's location, as findings name it
	 * @param text its text
	 */
	public record LintFile(String script, String text) {

	}

}
