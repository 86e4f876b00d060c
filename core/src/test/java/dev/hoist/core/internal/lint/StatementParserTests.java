package dev.hoist.core.internal.lint;

import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.internal.lint.AlterAction.AddColumn;
import dev.hoist.core.internal.lint.AlterAction.AddConstraint;
import dev.hoist.core.internal.lint.AlterAction.AlterColumnType;
import dev.hoist.core.internal.lint.AlterAction.DropColumn;
import dev.hoist.core.internal.lint.AlterAction.Other;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementParserTests {

	@Test
	void alterTableReadsEverySubcommandOfACommaSeparatedList() {
		Statement.AlterTable alter = (Statement.AlterTable) parse("ALTER TABLE IF EXISTS ONLY s.\"T\" "
				+ "ADD COLUMN IF NOT EXISTS a numeric(12, 2) NOT NULL DEFAULT 0, ALTER b TYPE varchar(10) USING b::text, "
				+ "DROP COLUMN c CASCADE, ADD CONSTRAINT k CHECK (a > 0) NOT VALID, ALTER COLUMN d SET STATISTICS 100");

		assertThat(alter.table()).isEqualTo(new ObjectName("s", "T"));
		assertThat(alter.actions()).hasSize(5);
		AddColumn add = (AddColumn) alter.actions().get(0);
		assertThat(add.column().type().name()).isEqualTo("numeric");
		assertThat(add.column().type().modifiers()).containsExactly("12", "2");
		assertThat(add.column().notNull()).isTrue();
		assertThat(add.column().defaultExpression()).extracting(Token::text).containsExactly("0");
		AlterColumnType change = (AlterColumnType) alter.actions().get(1);
		assertThat(change.type().name()).isEqualTo("varchar");
		assertThat(change.using()).isTrue();
		assertThat(((DropColumn) alter.actions().get(2)).cascade()).isTrue();
		assertThat(((AddConstraint) alter.actions().get(3)).constraint().notValid()).isTrue();
		assertThat(alter.actions().get(4)).isInstanceOf(Other.class);
		assertThat(alter.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
	}

	@Test
	void typeNamesAreBroughtToTheirInternalNames() {
		assertThat(type("integer")).isEqualTo("int4");
		assertThat(type("character varying(20)")).isEqualTo("varchar");
		assertThat(type("double precision")).isEqualTo("float8");
		assertThat(type("timestamp(3) with time zone")).isEqualTo("timestamptz");
		assertThat(type("timestamp without time zone")).isEqualTo("timestamp");
		assertThat(type("pg_catalog.int8")).isEqualTo("int8");
		assertThat(type("\"char\"")).isEqualTo("char");
		assertThat(type("char(2)")).isEqualTo("bpchar");
		assertThat(type("float(10)")).isEqualTo("float4");
		assertThat(type("interval day to second(3)")).isEqualTo("interval");
	}

	@Test
	void createIndexKnowsItsTableAndWhereConcurrentlyGoes() {
		String sql = "CREATE UNIQUE INDEX IF NOT EXISTS i ON ONLY t USING btree (a, lower(b)) INCLUDE (c)";
		Statement.CreateIndex index = (Statement.CreateIndex) parse(sql);

		assertThat(index.table()).isEqualTo(new ObjectName(null, "t"));
		assertThat(index.unique()).isTrue();
		assertThat(index.only()).isTrue();
		assertThat(index.columns()).isEqualTo("(a, lower(b))");
		assertThat(sql.substring(0, index.insertAt())).isEqualTo("CREATE UNIQUE INDEX");
	}

	@Test
	void dropKnowsItsKindNamesAndCascade() {
		Statement.Drop drop = (Statement.Drop) parse("DROP MATERIALIZED VIEW IF EXISTS a, s.b CASCADE");

		assertThat(drop.kind()).isEqualTo("materialized view");
		assertThat(drop.names()).containsExactly(new ObjectName(null, "a"), new ObjectName("s", "b"));
		assertThat(drop.cascade()).isTrue();
	}

	@Test
	void settingsAreReadWithTheirValue() {
		assertThat(parse("SET LOCAL lock_timeout = '5s'")).isEqualTo(new Statement.Setting("lock_timeout", "5s", true));
		assertThat(parse("SET lock_timeout TO 0")).isEqualTo(new Statement.Setting("lock_timeout", "0", false));
		assertThat(parse("RESET lock_timeout")).isEqualTo(new Statement.Setting("lock_timeout", null, false));
		assertThat(parse("SET TIME ZONE 'UTC'")).isEqualTo(new Statement.Setting("timezone", "UTC", false));
	}

	@Test
	void whatCannotBeReadBecomesOtherInsteadOfAGuess() {
		assertThat(parse("ALTER TABLE")).isInstanceOf(Statement.Other.class);
		assertThat(parse("CREATE INDEX ON")).isInstanceOf(Statement.Other.class);
		assertThat(parse("EXPLAIN ANALYZE SELECT 1")).isEqualTo(new Statement.Other("explain analyze select"));
	}

	private static Statement parse(String sql) {
		List<Token> tokens = new ArrayList<>();
		for (Token token : SqlLexer.tokenize(sql, 1)) {
			if (token.kind() != Token.Kind.COMMENT) {
				tokens.add(token);
			}
		}
		return StatementParser.parse(sql, tokens);
	}

	private static String type(String type) {
		Statement.AlterTable alter = (Statement.AlterTable) parse("ALTER TABLE t ALTER COLUMN c TYPE " + type);
		return ((AlterColumnType) alter.actions().get(0)).type().name();
	}

}
