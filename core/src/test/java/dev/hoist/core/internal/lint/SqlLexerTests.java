package dev.hoist.core.internal.lint;

import java.util.List;

import dev.hoist.core.internal.lint.Token.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlLexerTests {

	@Test
	void wordsAreFoldedAndQuotedIdentifiersKeptAsWritten() {
		List<Token> tokens = SqlLexer.tokenize("CREATE Index \"Orders\" ON U&\"d\\0061t\"", 1);

		assertThat(tokens).extracting(Token::kind)
			.containsExactly(Kind.WORD, Kind.WORD, Kind.QUOTED, Kind.WORD, Kind.QUOTED);
		assertThat(tokens).extracting(Token::value).startsWith("create", "index", "Orders", "on");
		assertThat(tokens.get(2).is("orders")).isFalse();
	}

	@Test
	void stringConstantsOfEveryKindAreOneToken() {
		List<Token> tokens = SqlLexer.tokenize("'a''b' E'c\\'d' e'\\\\' B'101' X'1F' N'n' U&'\\0041'", 1);

		assertThat(tokens).extracting(Token::kind).containsOnly(Kind.STRING);
		assertThat(tokens).extracting(Token::value).startsWith("a'b", "c'd", "\\", "101", "1F", "n");
	}

	@Test
	void dollarQuotedBodiesAreOneTokenAndParametersAreNot() {
		List<Token> tokens = SqlLexer.tokenize("$$ DROP TABLE t; $$ $fn$ a $$ b $fn$ $1 a$b", 1);

		assertThat(tokens).extracting(Token::kind).containsExactly(Kind.STRING, Kind.STRING, Kind.PARAM, Kind.WORD);
		assertThat(tokens.get(0).value()).isEqualTo(" DROP TABLE t; ");
		assertThat(tokens.get(1).value()).isEqualTo(" a $$ b ");
		assertThat(tokens.get(3).value()).isEqualTo("a$b");
	}

	@Test
	void commentsAreTokensWithTheirLineAndNestedBlockCommentsClose() {
		List<Token> tokens = SqlLexer.tokenize("a -- one\n/* two /* three */ still */ b", 5);

		assertThat(tokens).extracting(Token::kind).containsExactly(Kind.WORD, Kind.COMMENT, Kind.COMMENT, Kind.WORD);
		assertThat(tokens).extracting(Token::line).containsExactly(5, 5, 6, 6);
		assertThat(tokens.get(2).value()).isEqualTo(" two /* three */ still ");
	}

	@Test
	void operatorsStopBeforeAComment() {
		List<Token> tokens = SqlLexer.tokenize("a->>'k' +-- c\n::int", 1);

		assertThat(tokens).extracting(Token::text).containsExactly("a", "->>", "'k'", "+", "-- c", "::", "int");
	}

	@Test
	void numbersKeepTheirForms() {
		assertThat(SqlLexer.tokenize("1 1.5 .5 1e10 2.5E-3 0x1F 1_000", 1)).extracting(Token::kind)
			.containsOnly(Kind.NUMBER)
			.hasSize(7);
	}

	@Test
	void linesAdvanceInsideStringsAndDollarQuotes() {
		List<Token> tokens = SqlLexer.tokenize("'a\nb' $$\n\n$$ c", 1);

		assertThat(tokens).extracting(Token::line).containsExactly(1, 2, 4);
	}

	@Test
	void anUnclosedQuoteRunsToTheEnd() {
		assertThat(SqlLexer.tokenize("SELECT 'open", 1)).extracting(Token::kind)
			.containsExactly(Kind.WORD, Kind.STRING);
	}

}
