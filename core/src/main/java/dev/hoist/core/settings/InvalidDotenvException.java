package dev.hoist.core.settings;

import dev.hoist.core.HoistException;

/**
 * Thrown when a {@code .env} file has a line that is not {@code KEY=value}. The message
 * names the file and the line and never repeats the line's text, which may hold a
 * password.
 */
public class InvalidDotenvException extends HoistException {

	private final String file;

	private final int line;

	/**
	 * Create an exception.
	 * @param file the file, as it should be shown
	 * @param line the line number, from 1
	 * @param problem what is wrong and how to write it instead
	 */
	public InvalidDotenvException(String file, int line, String problem) {
		super(file + " line " + line + ": " + problem);
		this.file = file;
		this.line = line;
	}

	/**
	 * Return the file.
	 * @return the file as shown in the message
	 */
	public String getFile() {
		return this.file;
	}

	/**
	 * Return the line number.
	 * @return the line, from 1
	 */
	public int getLine() {
		return this.line;
	}

}
