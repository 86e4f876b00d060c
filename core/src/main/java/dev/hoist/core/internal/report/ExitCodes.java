package dev.hoist.core.internal.report;

/**
 * The CLI's exit codes, the same for every command.
 */
public final class ExitCodes {

	/** The command did what was asked; for {@code check}: valid and nothing pending. */
	public static final int OK = 0;

	/** The command failed or was refused; for {@code check}: migrations are pending. */
	public static final int FAILED = 1;

	/**
	 * Validation found problems ({@code validate}, {@code check}, {@code migrate}, ...).
	 */
	public static final int INVALID = 2;

	/** No database configured, or it cannot be reached or logged into. */
	public static final int NO_DATABASE = 3;

	/** The command line itself is wrong: unknown command or option, bad value. */
	public static final int USAGE = 64;

	/** Each exit code with what it means, for help texts. */
	public static final String[] DESCRIPTIONS = { "0:Done; for check: valid and nothing pending",
			"1:Failed or refused; for check: migrations pending", "2:Invalid: validation found problems",
			"3:No database configured, or it cannot be reached or logged into",
			"64:Usage error: unknown command or option, or a bad value" };

	private ExitCodes() {
	}

}
