package dev.hoist.autoconfigure.command;

import java.io.PrintStream;

/**
 * Where a command's report goes. In JSON mode the process's standard output carries the
 * report alone: everything else that writes to {@link System#out} (the logging system's
 * console, libraries) is sent to standard error from before logging starts, and the
 * report is written to the standard output set aside.
 */
final class CommandOutput {

	private static PrintStream stdout = System.out;

	private static boolean diverted;

	private CommandOutput() {
	}

	/**
	 * Send {@link System#out} to standard error, keeping standard output for the report.
	 */
	static synchronized void divert() {
		if (!diverted) {
			stdout = System.out;
			System.setOut(System.err);
			diverted = true;
		}
	}

	/**
	 * Return the stream the report goes to.
	 * @return standard output as it was before {@link #divert()}
	 */
	static synchronized PrintStream report() {
		return diverted ? stdout : System.out;
	}

	/**
	 * Put {@link System#out} back, for a process that goes on after its command (tests).
	 */
	static synchronized void restore() {
		if (diverted) {
			System.setOut(stdout);
			diverted = false;
		}
	}

}
