package dev.hoist.core.internal.report;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One command's result, ready to print.
 *
 * @param json the JSON form, for scripts
 * @param text the text form, for people
 * @param exitCode the process exit code the result stands for
 */
public record Report(Map<String, @Nullable Object> json, String text, int exitCode) {

	/**
	 * Return the form asked for.
	 * @param asJson whether JSON is wanted
	 * @return the JSON or the text, ending with a newline
	 */
	public String render(boolean asJson) {
		String out = asJson ? Json.write(this.json) : this.text;
		return out.endsWith("\n") ? out : out + "\n";
	}

}
