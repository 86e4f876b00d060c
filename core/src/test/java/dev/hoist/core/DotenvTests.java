package dev.hoist.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DotenvTests {

	@Test
	void readsCommentsBlankLinesAndExport() {
		Dotenv dotenv = parse("""
				# local settings

				export DATABASE_URL=postgres://app@localhost/app
				   # indented comment
				PORT = 8080
				""");
		assertThat(dotenv.asMap()).containsExactly(Map.entry("DATABASE_URL", "postgres://app@localhost/app"),
				Map.entry("PORT", "8080"));
	}

	@Test
	void cutsCommentsAfterUnquotedValuesButKeepsHashesInsideThem() {
		Dotenv dotenv = parse("""
				A=value # a comment
				B=abc#123
				C= # only a comment
				D=value   \t
				""");
		assertThat(dotenv.asMap()).containsExactly(Map.entry("A", "value"), Map.entry("B", "abc#123"),
				Map.entry("C", ""), Map.entry("D", "value"));
	}

	@Test
	void keepsSingleQuotedTextAsIs() {
		Dotenv dotenv = parse("""
				A='it has # and ${HOME} and \\n'
				B='  spaces  ' # comment
				""");
		assertThat(dotenv.asMap()).containsExactly(Map.entry("A", "it has # and ${HOME} and \\n"),
				Map.entry("B", "  spaces  "));
	}

	@Test
	void readsEscapesAndHashesInDoubleQuotes() {
		Dotenv dotenv = parse("""
				A="line\\nnext\\ttab \\"quoted\\" back\\\\slash \\$HOME # not a comment"
				""");
		assertThat(dotenv.asMap()).containsEntry("A", "line\nnext\ttab \"quoted\" back\\slash $HOME # not a comment");
	}

	@Test
	void readsMultiLineDoubleQuotedValuesAndKeepsLineNumbers() {
		Dotenv dotenv = parse("""
				KEY="-----BEGIN KEY-----
				abc
				-----END KEY-----"
				AFTER=yes
				""");
		assertThat(dotenv.asMap()).containsEntry("KEY", "-----BEGIN KEY-----\nabc\n-----END KEY-----");
		assertThat(dotenv.entries().get("KEY").line()).isEqualTo(1);
		assertThat(dotenv.entries().get("AFTER").line()).isEqualTo(4);
	}

	@Test
	void readsEmptyValues() {
		Dotenv dotenv = parse("""
				A=
				B=""
				C=''
				""");
		assertThat(dotenv.asMap()).containsExactly(Map.entry("A", ""), Map.entry("B", ""), Map.entry("C", ""));
	}

	@Test
	void resolvesReferencesToEarlierEntriesThenTheLookupThenDefaults() {
		Dotenv dotenv = Dotenv.parse("""
				DB_HOST=localhost
				DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD:-dev}@${DB_HOST}:${DB_PORT:-5432}/app
				QUOTED="${DB_HOST}/${MISSING}"
				""", ".env", Map.of("DB_USER", "app", "DB_HOST", "ignored: the file defines it")::get);
		assertThat(dotenv.asMap()).containsEntry("DATABASE_URL", "postgres://app:dev@localhost:5432/app")
			.containsEntry("QUOTED", "localhost/");
	}

	@Test
	void letsALaterEntryReplaceAnEarlierOne() {
		Dotenv dotenv = parse("A=1\nB=2\nA=3\n");
		assertThat(dotenv.asMap()).containsExactly(Map.entry("B", "2"), Map.entry("A", "3"));
		assertThat(dotenv.entries().get("A").line()).isEqualTo(3);
	}

	@Test
	void readsWindowsLineEndingsAndAByteOrderMark() {
		Dotenv dotenv = parse("\uFEFFA=1\r\nB=\"x\r\ny\"\r\n");
		assertThat(dotenv.asMap()).containsExactly(Map.entry("A", "1"), Map.entry("B", "x\ny"));
	}

	@Test
	void acceptsALastLineWithoutNewline() {
		assertThat(parse("A=1").asMap()).containsExactly(Map.entry("A", "1"));
	}

	@Test
	void neverShowsValuesInToString() {
		Dotenv dotenv = parse("DB_PASSWORD=s3cret\n");
		assertThat(dotenv.toString()).contains("DB_PASSWORD").doesNotContain("s3cret");
		assertThat(dotenv.entries().get("DB_PASSWORD").toString()).isEqualTo("DB_PASSWORD (line 1)");
	}

	@Test
	void failsOnALineWithoutEqualsNamingFileAndLineButNotTheSecret() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> parse("# remote\nRENDER_API_KEY=rnd_x\npostgresql://ecomdash:s3cret@host/ecomdash\n"))
			.withMessageStartingWith(".env.local line 3: expected KEY=value")
			.withMessageContaining("DATABASE_URL=postgres://")
			.withMessageNotContaining("s3cret")
			.satisfies((ex) -> {
				assertThat(ex.getFile()).isEqualTo(".env.local");
				assertThat(ex.getLine()).isEqualTo(3);
			});
	}

	@Test
	void failsOnAnInvalidName() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> parse("A=1\n1ABC=x\n"))
			.withMessageStartingWith(".env.local line 2: expected KEY=value; the name must be letters");
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class).isThrownBy(() -> parse("MY KEY=x\n"))
			.withMessageStartingWith(".env.local line 1:");
	}

	@Test
	void failsOnAnUnclosedQuoteNamingTheLineWhereItOpened() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> parse("A=1\nB=\"open\nstill open\n"))
			.withMessage(".env.local line 2: the double quote opened here is never closed."
					+ " Close it at the end of the value");
	}

	@Test
	void failsOnTextAfterTheClosingQuote() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class).isThrownBy(() -> parse("A='x' y\n"))
			.withMessageStartingWith(".env.local line 1: unexpected text after the closing quote");
	}

	@Test
	void failsOnAnUnclosedReference() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class).isThrownBy(() -> parse("A=${B\n"))
			.withMessageStartingWith(".env.local line 1: a '${' reference is not closed");
	}

	@Test
	void failsOnAReferenceThatNamesNoVariableWithoutRepeatingIt() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> parse("DB_PASSWORD=ab${s3cret!}\n"))
			.withMessageStartingWith(".env.local line 1: a '${...}' reference does not name a variable")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void loadsAFileAndNamesItInErrors(@TempDir Path directory) throws Exception {
		Path file = directory.resolve(".env");
		Files.writeString(file, "A=1\nB\n", StandardCharsets.UTF_8);
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> Dotenv.load(file, (name) -> null))
			.withMessageStartingWith(file + " line 2: ");
		Files.writeString(file, "A=${APP_NAME}\n", StandardCharsets.UTF_8);
		assertThat(Dotenv.load(file, Map.of("APP_NAME", "shop-api")::get).asMap()).containsEntry("A", "shop-api");
	}

	@Test
	void warnsAboutAReferenceSetNowhereButNotAboutADefaultOrAnEmptyValue() {
		Dotenv dotenv = Dotenv.parse("""
				EMPTY=
				DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app
				OTHER=${MISSING:-fallback}${EMPTY}${HOME_DIR}
				""", ".env.local", (name) -> name.equals("HOME_DIR") ? "/srv/app" : null);

		assertThat(dotenv.asMap()).containsEntry("DATABASE_URL", "postgres://app:@db/app")
			.containsEntry("OTHER", "fallback/srv/app");
		assertThat(dotenv.warnings()).containsExactly(".env.local line 2: ${DB_PASSWORD} is set nowhere (not above"
				+ " it in the file, not in the environment), so DATABASE_URL has nothing in its place. Set DB_PASSWORD,"
				+ " or write ${DB_PASSWORD:-} where an empty value is meant");
	}

	private static Dotenv parse(String content) {
		return Dotenv.parse(content, ".env.local");
	}

}
