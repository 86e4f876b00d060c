package dev.hoist.sample.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fenced code blocks of a Markdown page, each with its line, its info string (the
 * language, and anything after it) and the heading it sits under, so that tests can
 * compile, run or check what the documentation shows.
 */
public final class MarkdownSnippets {

	/** The repository's documentation, seen from a module's directory. */
	public static final Path DOCS = Path.of("..", "docs");

	private MarkdownSnippets() {
	}

	/**
	 * Read the snippets of a page.
	 * @param page the page
	 * @return its snippets in order
	 */
	public static List<Snippet> read(Path page) {
		List<String> lines;
		try {
			lines = Files.readAllLines(page, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Snippet> snippets = new ArrayList<>();
		String section = "";
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("#")) {
				section = line.replaceFirst("^#+\\s*", "");
			}
			else if (line.startsWith("```")) {
				String info = line.substring(3).strip();
				StringBuilder text = new StringBuilder();
				int start = i + 1;
				while (++i < lines.size() && !lines.get(i).startsWith("```")) {
					text.append(lines.get(i)).append('\n');
				}
				snippets.add(new Snippet(page, start, info, text.toString(), section));
			}
		}
		return snippets;
	}

	/**
	 * Return the snippets of a page under a heading.
	 * @param page the page
	 * @param section the heading's text
	 * @return the snippets
	 */
	public static List<Snippet> read(Path page, String section) {
		List<Snippet> snippets = read(page).stream().filter((snippet) -> snippet.section().equals(section)).toList();
		if (snippets.isEmpty()) {
			throw new IllegalStateException("No snippet under '" + section + "' in " + page);
		}
		return snippets;
	}

	/**
	 * One fenced code block.
	 *
	 * @param page the page it is on
	 * @param line the line of its first line of text
	 * @param info its info string, such as {@code sql} or {@code sql safe}
	 * @param text its text, with a final newline
	 * @param section the heading it sits under
	 */
	public record Snippet(Path page, int line, String info, String text, String section) {

		/**
		 * Return the language: the first word of the info string, or empty.
		 * @return the language
		 */
		public String language() {
			int space = this.info.indexOf(' ');
			return (space < 0) ? this.info : this.info.substring(0, space);
		}

		@Override
		public String toString() {
			return this.page.getFileName() + ":" + this.line + " (" + this.section + ")";
		}

	}

}
