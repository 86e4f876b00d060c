package dev.hoist.core.internal;

import java.io.IOException;
import java.util.Locale;

import dev.hoist.core.HoistException;
import org.jspecify.annotations.Nullable;

/**
 * A SQL migration file, read as a stream each time it is needed: checked only when it is
 * pending (a start at the head checksums every file but splits none, since an unchanged
 * applied file was valid when it ran), and read once more, statement by statement, when
 * it runs. No step holds the whole text, so a file of any size needs memory for its
 * longest statement only.
 */
public final class SqlSource {

	private final String script;

	private final String location;

	private final FileContent content;

	private final String checksum;

	private final boolean repeatable;

	private volatile SqlMigrationParser.@Nullable Parsed parsed;

	SqlSource(String script, String location, FileContent content, String checksum, boolean repeatable) {
		this.script = script;
		this.location = location;
		this.content = content;
		this.checksum = checksum;
		this.repeatable = repeatable;
	}

	/**
	 * Return the file's sections, checking the whole file on first use.
	 * @return the sections
	 * @throws MigrationFileException naming the file's location, line and reason
	 */
	public SqlMigrationParser.Parsed parse() {
		SqlMigrationParser.Parsed result = this.parsed;
		if (result == null) {
			try (NormalizedReader reader = reader()) {
				result = SqlMigrationParser.parse(this.script, reader, this.content.size());
				verify(reader);
				if (result.downProblem() != null) {
					result = new SqlMigrationParser.Parsed(result.up(), result.down(),
							located(new MigrationFileException(this.script, result.downProblem())).getMessage());
				}
				if (this.repeatable && result.down() != null) {
					throw new MigrationFileException(this.script, this.script + " line " + result.down().markerLine()
							+ ": a repeatable migration has no down section; it is re-applied whenever it changes");
				}
			}
			catch (MigrationFileException ex) {
				throw located(ex);
			}
			catch (IOException ex) {
				throw cannotRead(ex);
			}
			catch (OutOfMemoryError ex) {
				throw outOfMemory(0, 0, false);
			}
			this.parsed = result;
		}
		return result;
	}

	/**
	 * Open the statements of one section, to run them in order.
	 * @param down whether to read the down section rather than the up section
	 * @return the statements, read as they are asked for
	 */
	public Statements statements(boolean down) {
		try {
			return new Statements(reader(), down);
		}
		catch (IOException ex) {
			throw cannotRead(ex);
		}
	}

	/**
	 * Return the file's whole normalized text, for the safety rules, which read a file as
	 * a whole; unlike running it, this holds the text in memory, so only files up to a
	 * size are read.
	 * @param maxBytes the largest file to read
	 * @return the text, or {@code null} when the file is larger
	 * @throws HoistException when the file cannot be read
	 */
	@Nullable String text(long maxBytes) {
		if (this.content.size() > maxBytes) {
			return null;
		}
		try (NormalizedReader reader = reader()) {
			StringBuilder text = new StringBuilder((int) Math.min(this.content.size(), Integer.MAX_VALUE - 8));
			char[] buffer = new char[8192];
			int read;
			while ((read = reader.read(buffer, 0, buffer.length)) != -1) {
				text.append(buffer, 0, read);
			}
			return text.toString();
		}
		catch (IOException ex) {
			throw cannotRead(ex);
		}
	}

	/**
	 * Return the file's size in bytes.
	 * @return the size
	 */
	long size() {
		return this.content.size();
	}

	/**
	 * Return the file's location, such as {@code classpath:db/migration/V1__a.sql}.
	 * @return the location
	 */
	public String location() {
		return this.location;
	}

	/**
	 * Return the failure for a statement too large to hold in memory.
	 * @param line the statement's first line, or 0 when unknown
	 * @param statementLength the statement's length in characters, or 0 when unknown
	 * @param whole whether the length is the whole statement's rather than what was read
	 * of it
	 * @return the failure, naming the file and its size
	 */
	HoistException outOfMemory(int line, long statementLength, boolean whole) {
		String length = (statementLength <= 0) ? ""
				: " (" + size(statementLength) + " of SQL" + (whole ? "" : " read so far") + ")";
		String statement = (line > 0) ? " at the statement on line " + line + length : "";
		return new HoistException("Hoist ran out of memory on " + this.location + " (" + size(this.content.size()) + ")"
				+ statement + ". Hoist streams migration files statement by"
				+ " statement, so only the longest statement must fit in memory, several times over while the JDBC"
				+ " driver encodes and sends it. Give the JVM more heap (-Xmx), or split the statement (for example a"
				+ " huge INSERT into INSERTs of a few thousand rows each)");
	}

	private NormalizedReader reader() throws IOException {
		return new NormalizedReader(this.content.open(), true, this.content.size());
	}

	// a streamed file could change between reads: never run text other than the checked
	private void verify(NormalizedReader reader) throws IOException {
		reader.drain();
		if (!this.content.inMemory() && !reader.checksum().equals(this.checksum)) {
			throw new MigrationFileException(this.script,
					this.script + " changed while Hoist was reading it" + " (checksum " + this.checksum
							+ " when loaded, " + reader.checksum() + " now). Start again once"
							+ " the file is written");
		}
	}

	private MigrationFileException located(MigrationFileException ex) {
		String message = ex.getMessage().startsWith(this.script)
				? this.location + ex.getMessage().substring(this.script.length()) : ex.getMessage();
		return new MigrationFileException(this.location, message);
	}

	private HoistException cannotRead(IOException ex) {
		return new HoistException("Cannot read migration file " + this.location + ": " + ex, ex);
	}

	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " bytes";
		}
		if (bytes < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

	/**
	 * The statements of one section, read from the file as they are asked for; the end is
	 * reached only after the whole file was read and found unchanged.
	 */
	public final class Statements implements AutoCloseable {

		private final NormalizedReader reader;

		private final SqlMigrationParser parser;

		private final boolean down;

		private int count;

		Statements(NormalizedReader reader, boolean down) {
			this.reader = reader;
			this.parser = new SqlMigrationParser(SqlSource.this.script, reader, Integer.MAX_VALUE,
					SqlSource.this.content.size());
			this.down = down;
		}

		/**
		 * Return the next statement of the section.
		 * @return the statement, or {@code null} after the last one
		 * @throws MigrationFileException if the file is no longer what was checked
		 */
		public @Nullable SqlStatement next() {
			try {
				while (true) {
					SqlMigrationParser.Located located = this.parser.next();
					if (located == null) {
						verify(this.reader);
						String downProblem = this.parser.parsed().downProblem();
						if (this.down && downProblem != null) {
							throw new MigrationFileException(SqlSource.this.script, downProblem);
						}
						return null;
					}
					if (located.down() == this.down) {
						this.count++;
						return located.statement();
					}
				}
			}
			catch (MigrationFileException ex) {
				throw located(ex);
			}
			catch (IOException ex) {
				throw cannotRead(ex);
			}
			catch (OutOfMemoryError ex) {
				int line = this.parser.statementLine();
				long length = this.parser.statementLength();
				this.parser.releaseStatement();
				throw outOfMemory(line, length, false);
			}
		}

		/**
		 * Return how many statements were handed out so far.
		 * @return the count
		 */
		public int count() {
			return this.count;
		}

		/**
		 * Return the file these statements are read from.
		 * @return the file
		 */
		public SqlSource source() {
			return SqlSource.this;
		}

		@Override
		public void close() {
			try {
				this.reader.close();
			}
			catch (IOException ex) {
				// only read from: nothing was lost
			}
		}

	}

}
