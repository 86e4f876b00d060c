package dev.hoist.core.internal.lint;

import java.util.List;

import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.internal.lint.LintCorpus.Case;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Half-written SQL never breaks the linter: every corpus case cut after its tokens is
 * linted without an exception (what cannot be read is not judged, or is an
 * invalid-migration finding).
 */
class LintRobustnessTests {

	@Test
	void everyPrefixOfEveryCorpusCaseIsLintedWithoutAnException() {
		int prefixes = 0;
		for (Case c : LintCorpus.load()) {
			List<Token> tokens = SqlLexer.tokenize(c.text(), 1);
			// at most 25 cuts a case, spread over it, to keep the test a second or two
			int step = Math.max(1, tokens.size() / 25);
			for (int i = 0; i < tokens.size(); i += step) {
				Token token = tokens.get(i);
				String prefix = c.text().substring(0, token.end());
				assertThatCode(() -> Lint.run(List.of(new LintFile("cut.sql", prefix)), c.options()))
					.as("%s cut after '%s' at offset %d", c, token.text(), token.end())
					.doesNotThrowAnyException();
				prefixes++;
			}
		}
		assertThat(prefixes).isGreaterThan(3000);
	}

}
