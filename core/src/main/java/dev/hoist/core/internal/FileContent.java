package dev.hoist.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * The bytes of a migration file, readable as often as needed: a small file is kept in
 * memory after its first read, a large one is read again from where it lies each time, so
 * that no file's text is ever held whole.
 */
public abstract class FileContent {

	/** Files up to this size are kept in memory; larger ones are streamed. */
	static final int KEEP_IN_MEMORY = 256 * 1024;

	/**
	 * Open the bytes from the start.
	 * @return a stream the caller closes
	 * @throws IOException if the file cannot be read
	 */
	public abstract InputStream open() throws IOException;

	/**
	 * Return the size in bytes.
	 * @return the size
	 */
	public abstract long size();

	/**
	 * Return whether the bytes are held in memory, so that they cannot change between two
	 * reads.
	 * @return whether in memory
	 */
	abstract boolean inMemory();

	/**
	 * Content held in memory.
	 * @param bytes the bytes, not copied
	 * @return the content
	 */
	static FileContent of(byte[] bytes) {
		return new InMemory(bytes);
	}

	/**
	 * Content read from where it lies each time it is needed, not now: a file whose
	 * checksum is known from the build-time index.
	 * @param source how to open the file
	 * @param size its size in bytes
	 * @return the content
	 */
	static FileContent unread(Source source, long size) {
		return new Streamed(source, size);
	}

	/**
	 * Read a file once: keep it when small, compute its checksum either way.
	 * @param source how to open the file, again later for a large one
	 * @return the content and its checksum
	 * @throws IOException if the file cannot be read
	 */
	static Loaded load(Source source) throws IOException {
		return load(source, source);
	}

	/**
	 * Read a file once: keep it when small, compute its checksum either way.
	 * @param first how to open the file now
	 * @param again how to open it later, when it is too large to keep
	 * @return the content and its checksum
	 * @throws IOException if the file cannot be read
	 */
	static Loaded load(Source first, Source again) throws IOException {
		try (InputStream in = first.open()) {
			byte[] head = in.readNBytes(KEEP_IN_MEMORY + 1);
			if (head.length <= KEEP_IN_MEMORY) {
				return new Loaded(new InMemory(head), Checksums.sha256(head));
			}
			CountingStream rest = new CountingStream(in);
			String checksum = Checksums.sha256(new SequenceInputStream(new ByteArrayInputStream(head), rest), -1);
			return new Loaded(new Streamed(again, head.length + rest.count), checksum);
		}
	}

	/**
	 * Where a large file's bytes are read from each time.
	 */
	@FunctionalInterface
	interface Source {

		InputStream open() throws IOException;

	}

	/**
	 * A file read for the first time.
	 *
	 * @param content its bytes
	 * @param checksum the checksum of its normalized text
	 */
	record Loaded(FileContent content, String checksum) {

	}

	private static final class InMemory extends FileContent {

		private final byte[] bytes;

		InMemory(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public InputStream open() {
			return new ByteArrayInputStream(this.bytes);
		}

		@Override
		public long size() {
			return this.bytes.length;
		}

		@Override
		boolean inMemory() {
			return true;
		}

	}

	private static final class Streamed extends FileContent {

		private final Source source;

		private final long size;

		Streamed(Source source, long size) {
			this.source = source;
			this.size = size;
		}

		@Override
		public InputStream open() throws IOException {
			return this.source.open();
		}

		@Override
		public long size() {
			return this.size;
		}

		@Override
		boolean inMemory() {
			return false;
		}

	}

	private static final class CountingStream extends InputStream {

		private final InputStream in;

		private long count;

		CountingStream(InputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

	}

}
