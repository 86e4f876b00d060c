package dev.hoist.core;

/**
 * The answer of {@code check}, a gate for CI and deploy scripts: is the schema valid and
 * up to date with this build?
 *
 * @param outcome current, pending or invalid
 * @param status the status the outcome was read from
 */
public record CheckResult(Outcome outcome, HoistStatus status) {

	/**
	 * Derive the outcome from a status: invalid beats pending.
	 * @param status the status
	 * @return the result
	 */
	public static CheckResult of(HoistStatus status) {
		Outcome outcome = !status.isValid() ? Outcome.INVALID
				: status.pending().isEmpty() ? Outcome.CURRENT : Outcome.PENDING;
		return new CheckResult(outcome, status);
	}

	/**
	 * Return the process exit code for this outcome: 0 current, 1 pending, 2 invalid.
	 * @return the exit code
	 */
	public int exitCode() {
		return this.outcome.exitCode();
	}

	/**
	 * What {@code check} found.
	 */
	public enum Outcome {

		/** Valid, and every migration of this build is applied: exit code 0. */
		CURRENT(0),

		/** Valid, with migrations still to apply: exit code 1. */
		PENDING(1),

		/** Validation found problems: exit code 2. */
		INVALID(2);

		private final int exitCode;

		Outcome(int exitCode) {
			this.exitCode = exitCode;
		}

		/**
		 * Return the process exit code of this outcome.
		 * @return the exit code
		 */
		public int exitCode() {
			return this.exitCode;
		}

	}

}
