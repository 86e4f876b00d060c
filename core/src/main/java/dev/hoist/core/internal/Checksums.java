package dev.hoist.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of migration text, stable across line endings and byte-order marks: the
 * SHA-256 of the UTF-8 bytes of the text with a leading byte-order mark stripped and CRLF
 * and lone CR turned into LF.
 */
public final class Checksums {

	private Checksums() {
	}

	/**
	 * Normalize text: strip a byte-order mark, turn CRLF and lone CR into LF.
	 * @param text the raw text
	 * @return the normalized text
	 */
	public static String normalize(String text) {
		String result = (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? text.substring(1) : text;
		if (result.indexOf('\r') >= 0) {
			result = result.replace("\r\n", "\n").replace('\r', '\n');
		}
		return result;
	}

	/**
	 * Return the SHA-256 of normalized text, as lower-case hex.
	 * @param normalized text already passed through {@link #normalize(String)}
	 * @return the checksum
	 */
	public static String sha256(String normalized) {
		return HexFormat.of().formatHex(newDigest().digest(normalized.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Return the checksum of a file's bytes, read as a stream: the same as
	 * {@code sha256(normalize(new String(bytes, UTF_8)))}, without holding the text.
	 * @param content the file
	 * @return the checksum
	 * @throws IOException if the file cannot be read
	 */
	public static String sha256(FileContent content) throws IOException {
		try (InputStream in = content.open()) {
			return sha256(in, content.size());
		}
	}

	/**
	 * Return the checksum of bytes held in memory.
	 * @param bytes the file's bytes
	 * @return the checksum
	 */
	static String sha256(byte[] bytes) {
		// most migrations are ASCII without CR: then the bytes are the normalized text
		for (byte b : bytes) {
			if (b < 0 || b == '\r') {
				try {
					return sha256(new ByteArrayInputStream(bytes), bytes.length);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return HexFormat.of().formatHex(newDigest().digest(bytes));
	}

	static String sha256(InputStream in, long size) throws IOException {
		NormalizedReader reader = new NormalizedReader(in, false, size);
		reader.drain();
		return reader.checksum();
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
