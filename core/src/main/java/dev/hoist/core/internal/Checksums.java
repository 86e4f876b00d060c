package dev.hoist.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of migration text, stable across line endings and byte-order marks.
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
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
