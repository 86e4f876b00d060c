package dev.hoist.core.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Left-aligned columns for a terminal.
 */
final class TextTable {

	private final List<String> headers;

	private final List<List<String>> rows = new ArrayList<>();

	TextTable(String... headers) {
		this.headers = List.of(headers);
	}

	TextTable row(String... cells) {
		this.rows.add(Arrays.asList(cells));
		return this;
	}

	@Override
	public String toString() {
		int[] widths = new int[this.headers.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.headers.get(i).length();
			for (List<String> row : this.rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder text = new StringBuilder();
		line(text, this.headers, widths);
		for (List<String> row : this.rows) {
			line(text, row, widths);
		}
		return text.toString();
	}

	private static void line(StringBuilder text, List<String> cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			line.append(cells.get(i));
			if (i < cells.size() - 1) {
				line.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
			}
		}
		text.append(line.toString().stripTrailing()).append('\n');
	}

}
