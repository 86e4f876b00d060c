package dev.hoist.core.internal;

import java.io.IOException;
import java.util.Locale;

/**
 * A migration file whose bytes are not text PostgreSQL can take: not UTF-8, or holding a
 * NUL byte. Says where, and how to convert the file.
 */
final class InvalidTextException extends IOException {

	private final int line;

	private final String problem;

	private final String advice;

	private InvalidTextException(int line, String problem, String advice) {
		super(problem);
		this.line = line;
		this.problem = problem;
		this.advice = advice;
	}

	static InvalidTextException notUtf8(int line, int column, long byteOffset, byte[] sequence, boolean utf16) {
		String where = where(line, column, byteOffset);
		if (utf16) {
			return new InvalidTextException(line, "is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8",
					"Hoist reads migration files as UTF-8; convert it: iconv -f utf-16 -t utf-8 %1$s > %1$s.tmp && mv %1$s.tmp %1$s");
		}
		return new InvalidTextException(line,
				"is not UTF-8: " + where + " holds " + hex(sequence) + ", which is not valid UTF-8 there",
				"Hoist reads migration files as UTF-8. Convert the file from the encoding it was saved in, such as"
						+ " Latin-1: iconv -f latin1 -t utf-8 %1$s > %1$s.tmp && mv %1$s.tmp %1$s"
						+ " (or save it as UTF-8 in your editor)");
	}

	static InvalidTextException nul(int line, int column, long byteOffset) {
		return new InvalidTextException(line,
				"holds a NUL byte (0x00) at " + where(line, column, byteOffset)
						+ ", which PostgreSQL does not accept in SQL text",
				"A file saved as UTF-16 has one in every other byte: convert it with"
						+ " iconv -f utf-16 -t utf-8 %1$s > %1$s.tmp && mv %1$s.tmp %1$s."
						+ " Otherwise remove the byte; write binary data as a bytea literal such as '\\x00ff'");
	}

	/**
	 * Return the 1-based line of the problem.
	 * @return the line
	 */
	int line() {
		return this.line;
	}

	/**
	 * Return the whole message for a file.
	 * @param subject how to name the file at the start of the message
	 * @param fileName the file's name, for the conversion command
	 * @return the message
	 */
	String describe(String subject, String fileName) {
		return subject + " " + this.problem + ". " + String.format(Locale.ROOT, this.advice, fileName);
	}

	private static String where(int line, int column, long byteOffset) {
		return "line " + line + ", column " + column + " (byte offset " + byteOffset + ")";
	}

	private static String hex(byte[] sequence) {
		StringBuilder text = new StringBuilder((sequence.length == 1) ? "the byte" : "the bytes");
		for (byte b : sequence) {
			text.append(String.format(Locale.ROOT, " 0x%02X", b & 0xFF));
		}
		return text.toString();
	}

}
