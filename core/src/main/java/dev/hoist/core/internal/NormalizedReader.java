package dev.hoist.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Reads a migration file's bytes as the text Hoist works with (UTF-8, a leading
 * byte-order mark dropped, CRLF and lone CR turned into LF) and digests that text as it
 * goes, so that neither the checksum nor the splitter needs the file whole.
 * <p>
 * Strict mode stops at the first byte sequence that is not UTF-8 and at the first NUL
 * byte with an {@link InvalidTextException} naming line, column and byte offset, once the
 * text before it has been read. Lenient mode replaces malformed bytes with U+FFFD exactly
 * as {@code new String(bytes, UTF_8)} does, which is the text checksums have always been
 * computed on.
 */
final class NormalizedReader extends Reader {

	private static final int BUFFER = 8192;

	private static final int SMALLEST_BUFFER = 64;

	private final InputStream in;

	private final boolean strict;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final MessageDigest digest = Checksums.newDigest();

	private final ByteBuffer bytes;

	private final CharBuffer decoded;

	private final char[] chars;

	private final byte[] utf8;

	private int charPos;

	private int charLimit;

	private boolean inputEnded;

	private boolean done;

	private boolean atStart = true;

	private boolean skipLf;

	private char highSurrogate;

	private long byteOffset;

	private int line = 1;

	private int column = 1;

	private @Nullable InvalidTextException pending;

	private @Nullable String checksum;

	/**
	 * Read a stream.
	 * @param in the bytes
	 * @param strict whether to stop at bytes that are not UTF-8 and at NUL bytes
	 * @param size the stream's size when known, so that a small file gets small buffers;
	 * -1 when unknown
	 */
	NormalizedReader(InputStream in, boolean strict, long size) {
		this.in = in;
		this.strict = strict;
		int buffer = (size < 0) ? BUFFER : (int) Math.max(SMALLEST_BUFFER, Math.min(BUFFER, size + 4));
		this.bytes = ByteBuffer.allocate(buffer).flip();
		this.decoded = CharBuffer.allocate(buffer);
		this.chars = new char[buffer + 1];
		this.utf8 = new byte[4 * (buffer + 1)];
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.charPos >= this.charLimit && !fill()) {
			return -1;
		}
		int n = Math.min(length, this.charLimit - this.charPos);
		System.arraycopy(this.chars, this.charPos, buffer, offset, n);
		this.charPos += n;
		return n;
	}

	/**
	 * Read whatever is left, so that the checksum covers the whole file.
	 * @throws IOException if the file cannot be read, or in strict mode is not UTF-8
	 */
	void drain() throws IOException {
		this.charPos = this.charLimit;
		while (fill()) {
			this.charPos = this.charLimit;
		}
	}

	/**
	 * Return the SHA-256 of the normalized text, once everything was read.
	 * @return the checksum as lower-case hex
	 * @throws IllegalStateException before the end was reached
	 */
	String checksum() {
		if (this.checksum == null) {
			throw new IllegalStateException("The checksum is known once the whole file was read");
		}
		return this.checksum;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	private boolean fill() throws IOException {
		this.charPos = 0;
		this.charLimit = 0;
		while (this.charLimit == 0) {
			if (this.pending != null) {
				throw this.pending;
			}
			if (this.done) {
				return false;
			}
			if (!this.inputEnded && this.bytes.remaining() < 4) {
				this.bytes.compact();
				int n = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
				if (n < 0) {
					this.inputEnded = true;
				}
				else {
					this.bytes.position(this.bytes.position() + n);
				}
				this.bytes.flip();
			}
			this.decoded.clear();
			CoderResult result = this.decoder.decode(this.bytes, this.decoded, this.inputEnded);
			this.decoded.flip();
			normalize();
			boolean malformed = result.isMalformed() || result.isUnmappable();
			if (this.pending == null && malformed) {
				if (this.strict) {
					this.pending = notUtf8(result.length());
				}
				else {
					// what new String(bytes, UTF_8) does with a malformed sequence
					this.bytes.position(this.bytes.position() + result.length());
					this.byteOffset += result.length();
					this.skipLf = false;
					emit('\uFFFD');
				}
			}
			digest(this.charLimit);
			if (this.pending == null && !malformed && this.inputEnded && !this.bytes.hasRemaining()) {
				this.done = true;
				finishDigest();
			}
		}
		return true;
	}

	private void normalize() {
		while (this.decoded.hasRemaining()) {
			char c = this.decoded.get();
			long offset = this.byteOffset;
			this.byteOffset += utf8Length(c);
			if (this.atStart) {
				this.atStart = false;
				if (c == '\uFEFF') {
					continue;
				}
			}
			if (c == '\n' && this.skipLf) {
				this.skipLf = false;
				continue;
			}
			this.skipLf = c == '\r';
			if (c == '\0' && this.strict) {
				this.pending = InvalidTextException.nul(this.line, this.column, offset);
				return;
			}
			emit((c == '\r') ? '\n' : c);
		}
	}

	private void emit(char c) {
		this.atStart = false;
		this.chars[this.charLimit++] = c;
		if (c == '\n') {
			this.line++;
			this.column = 1;
		}
		else if (!Character.isLowSurrogate(c)) {
			this.column++;
		}
	}

	private InvalidTextException notUtf8(int length) {
		byte[] sequence = new byte[length];
		this.bytes.get(this.bytes.position(), sequence);
		int first = (this.bytes.remaining() >= 2) ? this.bytes.get(this.bytes.position()) & 0xFF : 0;
		int second = (this.bytes.remaining() >= 2) ? this.bytes.get(this.bytes.position() + 1) & 0xFF : 0;
		boolean utf16 = this.byteOffset == 0
				&& ((first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF));
		return InvalidTextException.notUtf8(this.line, this.column, this.byteOffset, sequence, utf16);
	}

	// UTF-8 by hand: the digest sees exactly the bytes String.getBytes(UTF_8) would give
	private void digest(int limit) {
		int n = 0;
		for (int i = 0; i < limit; i++) {
			char c = this.chars[i];
			if (this.highSurrogate != 0) {
				char high = this.highSurrogate;
				this.highSurrogate = 0;
				if (Character.isLowSurrogate(c)) {
					int codePoint = Character.toCodePoint(high, c);
					this.utf8[n++] = (byte) (0xF0 | (codePoint >> 18));
					this.utf8[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
					this.utf8[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
					this.utf8[n++] = (byte) (0x80 | (codePoint & 0x3F));
					continue;
				}
				this.utf8[n++] = '?';
			}
			if (c < 0x80) {
				this.utf8[n++] = (byte) c;
			}
			else if (c < 0x800) {
				this.utf8[n++] = (byte) (0xC0 | (c >> 6));
				this.utf8[n++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isHighSurrogate(c)) {
				this.highSurrogate = c;
			}
			else if (Character.isLowSurrogate(c)) {
				this.utf8[n++] = '?';
			}
			else {
				this.utf8[n++] = (byte) (0xE0 | (c >> 12));
				this.utf8[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				this.utf8[n++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		this.digest.update(this.utf8, 0, n);
	}

	private void finishDigest() {
		if (this.highSurrogate != 0) {
			this.digest.update((byte) '?');
			this.highSurrogate = 0;
		}
		this.checksum = HexFormat.of().formatHex(this.digest.digest());
	}

	private static int utf8Length(char c) {
		if (c < 0x80) {
			return 1;
		}
		if (c < 0x800) {
			return 2;
		}
		// a surrogate pair is four bytes, two for each half
		return Character.isSurrogate(c) ? 2 : 3;
	}

}
