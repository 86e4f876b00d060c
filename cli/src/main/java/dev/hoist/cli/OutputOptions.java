package dev.hoist.cli;

import picocli.CommandLine.Option;

/**
 * How a command reports: a table for people or JSON for scripts.
 */
final class OutputOptions {

	@Option(names = "--json", description = "Print the result as JSON on stdout (log lines stay on stderr).")
	boolean json;

	@Option(names = { "-q", "--quiet" }, description = "Log only warnings and errors.")
	boolean quiet;

}
