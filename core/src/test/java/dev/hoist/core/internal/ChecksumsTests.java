package dev.hoist.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed checksum is the one Hoist has always recorded: the SHA-256 of
 * {@code normalize(new String(bytes, UTF_8))}.
 */
class ChecksumsTests {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	@ParameterizedTest
	@ValueSource(strings = { "", "\n", "CREATE TABLE shops (\n  id int\n);\n", "no line end at all",
			"-- migrate:up\r\nSELECT 'caf\u00e9 \u20ac \ud83d\ude80';\r\n-- migrate:down\r\n", "old mac\rline ends\r",
			"mixed\r\n\r\r\n\n\r", "\r", "\uFEFF", "\uFEFF\uFEFFtwo marks, one stripped", "a\u0000nul" })
	void streamingGivesTheChecksumOfTheNormalizedText(String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

		assertThat(streamed(bytes)).isEqualTo(old(bytes));
		assertThat(streamed(concat(BOM, bytes))).isEqualTo(old(concat(BOM, bytes)));
	}

	@Test
	void lineEndingsAndAByteOrderMarkDoNotChangeTheChecksum() throws IOException {
		String lf = "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n";
		byte[] crlf = lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);

		assertThat(streamed(crlf)).isEqualTo(streamed(lf.getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(streamed(concat(BOM, crlf)))
			.isEqualTo(Checksums.sha256(lf));
	}

	@Test
	void textLongerThanTheBufferWithLineEndsAndCharactersAcrossItsEdgesGivesTheSameChecksum() throws IOException {
		StringBuilder text = new StringBuilder();
		String[] pieces = { "a", "\r\n", "\r", "\n", "\u00e9", "\u20ac", "\ud83d\ude80", " ", "x;y" };
		Random random = new Random(7);
		while (text.length() < 100_000) {
			text.append(pieces[random.nextInt(pieces.length)]);
		}
		for (int shift = 0; shift < 4; shift++) {
			byte[] bytes = ("z".repeat(shift) + text).getBytes(StandardCharsets.UTF_8);
			assertThat(streamed(bytes)).isEqualTo(old(bytes));
			assertThat(read(bytes)).isEqualTo(Checksums.normalize(new String(bytes, StandardCharsets.UTF_8)));
		}
	}

	@Test
	void bytesThatAreNotUtf8ChecksumAsTheyAlwaysHaveWithReplacementCharacters() throws IOException {
		Random random = new Random(42);
		for (int i = 0; i < 200; i++) {
			byte[] bytes = new byte[random.nextInt(20_000)];
			random.nextBytes(bytes);
			assertThat(streamed(bytes)).isEqualTo(old(bytes));
		}
		byte[] latin1 = "caf\u00e9\r\nna\u00efve\r\n".getBytes(StandardCharsets.ISO_8859_1);
		byte[] truncated = { 'a', (byte) 0xE2, (byte) 0x82 };
		byte[] surrogate = { (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\r', '\n' };
		for (byte[] bytes : new byte[][] { latin1, truncated, surrogate }) {
			assertThat(streamed(bytes)).isEqualTo(old(bytes));
		}
	}

	// held in memory, streamed with buffers sized to the file, and streamed with the
	// default buffers: all three the same
	private static String streamed(byte[] bytes) throws IOException {
		String inMemory = Checksums.sha256(bytes);
		assertThat(Checksums.sha256(new ByteArrayInputStream(bytes), bytes.length)).isEqualTo(inMemory);
		assertThat(Checksums.sha256(new ByteArrayInputStream(bytes), -1)).isEqualTo(inMemory);
		return inMemory;
	}

	private static String old(byte[] bytes) {
		return Checksums.sha256(Checksums.normalize(new String(bytes, StandardCharsets.UTF_8)));
	}

	private static String read(byte[] bytes) throws IOException {
		try (Reader reader = new NormalizedReader(new ByteArrayInputStream(bytes), true, -1)) {
			StringWriter out = new StringWriter();
			reader.transferTo(out);
			return out.toString();
		}
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] result = new byte[a.length + b.length];
		System.arraycopy(a, 0, result, 0, a.length);
		System.arraycopy(b, 0, result, a.length, b.length);
		return result;
	}

}
