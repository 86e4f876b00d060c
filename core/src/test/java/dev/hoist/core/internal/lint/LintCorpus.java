package dev.hoist.core.internal.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The labelled corpus under {@code src/test/resources/lint}: files of cases, each case a
 * migration file's text with its expected findings written as comments. See the README.md
 * beside the corpus for the format.
 */
final class LintCorpus {

	static final Path DIRECTORY = Path.of("src/test/resources/lint");

	private static final Pattern CASE = Pattern.compile("^-- case:\\s*(.*?)\\s*$");

	private static final Pattern OPTION = Pattern.compile("\\[(postgres|lock-timeout|down)(?:=([^\\]]*))?\\]");

	private static final Pattern EXPECT = Pattern.compile("(?:--|/\\*)\\s*expect:\\s*([^*]*?)\\s*(?:\\*/)?\\s*$");

	private LintCorpus() {
	}

	static List<Case> load() {
		List<Case> cases = new ArrayList<>();
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".sql")).sorted().toList()) {
				cases.addAll(parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cases;
	}

	static List<Case> parse(String file, String text) {
		String[] lines = text.replace("\r\n", "\n").split("\n", -1);
		List<Case> cases = new ArrayList<>();
		int start = -1;
		String header = null;
		for (int i = 0; i <= lines.length; i++) {
			Matcher matcher = (i < lines.length) ? CASE.matcher(lines[i]) : null;
			if (i == lines.length || matcher.matches()) {
				if (header != null) {
					cases.add(build(file, start, header, List.of(lines).subList(start + 1, i)));
				}
				if (i < lines.length) {
					start = i;
					header = matcher.group(1);
				}
			}
		}
		return cases;
	}

	private static Case build(String file, int headerIndex, String header, List<String> body) {
		LintOptions options = LintOptions.defaults().withDdlLockTimeout(true);
		Matcher option = OPTION.matcher(header);
		while (option.find()) {
			if (option.group(1).equals("postgres")) {
				options = options.withServerMajor(Integer.parseInt(option.group(2)));
			}
			else if (option.group(1).equals("lock-timeout")) {
				options = options.withDdlLockTimeout(!"off".equals(option.group(2)));
			}
			else {
				options = options.withDownSections(true);
			}
		}
		String name = OPTION.matcher(header).replaceAll("").strip();
		List<Expected> expected = new ArrayList<>();
		for (int i = 0; i < body.size(); i++) {
			Matcher expect = EXPECT.matcher(body.get(i));
			if (!expect.find()) {
				continue;
			}
			int line = i + 1;
			if (body.get(i).strip().startsWith("-- expect:") || body.get(i).strip().startsWith("/* expect:")) {
				// on a line of its own: the expectation is for the next non-blank line
				line = i + 2;
				while (line - 1 < body.size() && body.get(line - 1).isBlank()) {
					line++;
				}
			}
			for (String item : expect.group(1).split(",")) {
				String rule = item.strip();
				boolean allowed = rule.endsWith("(allowed)");
				rule = rule.replace("(allowed)", "").strip();
				if (!rule.isEmpty()) {
					expected.add(new Expected(rule, line, allowed));
				}
			}
		}
		return new Case(file, headerIndex + 2, name, String.join("\n", body), options, expected);
	}

	/**
	 * One case.
	 *
	 * @param file the corpus file
	 * @param firstLine the corpus file's line of the case's first line
	 * @param name what it shows
	 * @param text the migration text
	 * @param options the context it is linted in
	 * @param expected the findings it must give, none for a safe case
	 */
	record Case(String file, int firstLine, String name, String text, LintOptions options, List<Expected> expected) {

		boolean dangerous() {
			return !this.expected.isEmpty();
		}

		@Override
		public String toString() {
			return this.file + ":" + (this.firstLine - 1) + " " + this.name;
		}

	}

	/**
	 * A finding a case must give.
	 *
	 * @param rule the rule id
	 * @param line the line in the case's text
	 * @param allowed whether it is suppressed
	 */
	record Expected(String rule, int line, boolean allowed) {

	}

}
