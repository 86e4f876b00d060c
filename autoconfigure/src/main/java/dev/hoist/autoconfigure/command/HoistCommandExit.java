package dev.hoist.autoconfigure.command;

/**
 * Ends the process with a command's exit code; {@link System#exit(int)} unless replaced
 * by a bean of this type (tests do).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HoistCommandExit {

	/**
	 * End the process.
	 * @param code the exit code
	 */
	void exit(int code);

}
