package dev.hoist.core;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseUrlTests {

	private static final String SOCKET = "socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

	static Stream<Row> table() {
		return Stream.of(
				// platforms
				valid("postgres://ecomdash:s3cret@db.example.com:5432/ecomdash?sslmode=require",
						"jdbc:postgresql://db.example.com:5432/ecomdash?sslmode=require", "ecomdash", "s3cret"),
				valid("postgresql://ecomdash:s3cret@dpg-d5jn6l6m-a.oregon-postgres.render.com/ecomdash",
						"jdbc:postgresql://dpg-d5jn6l6m-a.oregon-postgres.render.com:5432/ecomdash", "ecomdash",
						"s3cret"),
				valid("POSTGRES://u:p@HOST/db", "jdbc:postgresql://HOST:5432/db", "u", "p"),
				valid("  postgres://u:p@host/db \n", "jdbc:postgresql://host:5432/db", "u", "p"),
				valid("postgresql+asyncpg://u:p@host/db", "jdbc:postgresql://host:5432/db", "u", "p"),
				// credentials
				valid("postgres://user:p%40ss%3Aw%2Frd%25@host/db", "jdbc:postgresql://host:5432/db", "user",
						"p@ss:w/rd%"),
				valid("postgres://us%65r%20x:pw@host/db", "jdbc:postgresql://host:5432/db", "user x", "pw"),
				valid("postgres://user:p+ss@host/db", "jdbc:postgresql://host:5432/db", "user", "p+ss"),
				valid("postgres://user:p@ss@host/db", "jdbc:postgresql://host:5432/db", "user", "p@ss"),
				valid("postgres://user@host/db", "jdbc:postgresql://host:5432/db", "user", null),
				valid("postgres://user:@host/db", "jdbc:postgresql://host:5432/db", "user", null),
				valid("postgres://host/db", "jdbc:postgresql://host:5432/db", null, null),
				valid("postgresql://host/db?user=alice&password=s3cret", "jdbc:postgresql://host:5432/db", "alice",
						"s3cret"),
				valid("postgres://alice@host", "jdbc:postgresql://host:5432/alice", "alice", null),
				// hosts
				valid("postgres://u:p@[::1]:5433/db", "jdbc:postgresql://[::1]:5433/db", "u", "p"),
				valid("postgres://u:p@[2001:db8::7]/db", "jdbc:postgresql://[2001:db8::7]:5432/db", "u", "p"),
				valid("postgres://u:p@host1:5432,host2:5433/db?target_session_attrs=read-write",
						"jdbc:postgresql://host1:5432,host2:5433/db?target_session_attrs=read-write", "u", "p"),
				valid("postgres://u:p@host1,host2/db", "jdbc:postgresql://host1:5432,host2:5432/db", "u", "p"),
				valid("postgres://u@%2Fvar%2Frun%2Fpostgresql/db",
						"jdbc:postgresql://localhost:5432/db?" + SOCKET
								+ "&socketFactoryArg=/var/run/postgresql/.s.PGSQL.5432",
						"u", null),
				valid("postgresql://u:p@/db?host=/cloudsql/proj:region:inst",
						"jdbc:postgresql://localhost:5432/db?" + SOCKET
								+ "&socketFactoryArg=/cloudsql/proj:region:inst/.s.PGSQL.5432",
						"u", "p"),
				// an '@' in the query is not the end of the user information
				valid("postgresql://u:pw@127.0.0.1/db?application_name=ops@host1",
						"jdbc:postgresql://127.0.0.1:5432/db?application_name=ops@host1", "u", "pw"),
				valid("postgres://host:5432/db?application_name=ops@host1",
						"jdbc:postgresql://host:5432/db?application_name=ops@host1", null, null),
				valid("postgres://u:p@ss@host/db?application_name=ops@host1",
						"jdbc:postgresql://host:5432/db?application_name=ops@host1", "u", "p@ss"),
				valid("postgres://u:p%C3%A9@host/db", "jdbc:postgresql://host:5432/db", "u", "p\u00e9"),
				// a database name the driver reads only encoded, a slash included
				valid("postgres://u:p@host/my%20db%2Fx%C3%9C", "jdbc:postgresql://host:5432/my%20db%2Fx%C3%9C", "u",
						"p"),
				// SSL and parameters
				valid("postgres://u:p@host/db?ssl=true", "jdbc:postgresql://host:5432/db?sslmode=require", "u", "p"),
				valid("postgres://u:p@host/db?ssl=require", "jdbc:postgresql://host:5432/db?sslmode=require", "u", "p"),
				valid("postgres://u:p@host/db?ssl=false", "jdbc:postgresql://host:5432/db?sslmode=disable", "u", "p"),
				valid("postgres://u:p@host/db?ssl=true&sslmode=verify-ca",
						"jdbc:postgresql://host:5432/db?sslmode=verify-ca", "u", "p"),
				valid("postgres://u:p@host/db?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem",
						"jdbc:postgresql://host:5432/db?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem", "u", "p"),
				valid("postgres://u:p@host/db?application_name=my%20app&options=-c%20search_path%3Dapp",
						"jdbc:postgresql://host:5432/db?application_name=my%20app&options=-c%20search_path%3Dapp", "u",
						"p"),
				valid("postgres://u:p@host:5432/my%2Ddb", "jdbc:postgresql://host:5432/my-db", "u", "p"),
				// JDBC
				valid("jdbc:postgresql://host:5432/db?user=alice&password=s%2Bcret&sslmode=require",
						"jdbc:postgresql://host:5432/db?sslmode=require", "alice", "s+cret"),
				valid("jdbc:postgresql://host/db", "jdbc:postgresql://host:5432/db", null, null),
				valid("jdbc:postgresql://host/db?ssl=true&ApplicationName=app",
						"jdbc:postgresql://host:5432/db?ssl=true&ApplicationName=app", null, null),
				valid("jdbc:postgresql:mydb", "jdbc:postgresql://localhost:5432/mydb", null, null),
				// errors
				invalid("", "it is empty"), //
				invalid("db.example.com/db", "it has no scheme"),
				invalid("mysql://u:secret@host/db", "it is not a PostgreSQL URL (it starts with 'mysql:')"),
				invalid("jdbc:mysql://host/db", "it is not a PostgreSQL URL (it starts with 'jdbc:mysql:')"),
				invalid("postgres:host/db", "'//' must follow the scheme"),
				invalid("postgres://u:secret@host:abc/db", "the port 'abc' is not a number from 1 to 65535"),
				invalid("postgres://u:secret@host:70000/db", "the port '70000' is not a number from 1 to 65535"),
				invalid("postgres://u:secret@::1/db", "put it in brackets: [::1]:5432"),
				invalid("postgres://u:secret@[::1/db", "has no closing ']'"),
				invalid("postgres://u:secret%zz@host/db", "the password has a '%' that is not followed by two hex"),
				invalid("postgres://u:secret@host/db?sslmode=required", "sslmode 'required' is unknown"),
				invalid("postgres://u:secret@host/db?ssl=maybe", "ssl 'maybe' is unknown"),
				invalid("postgres://host", "it names no database"),
				invalid("postgres://u:secret@h1,,h2/db", "its host list has an empty entry"),
				invalid("postgres://u@%2Ftmp,host2/db", "it mixes a Unix socket with other hosts"),
				// no host is never a guess at localhost
				invalid("postgres:///db", "it names no host"), //
				invalid("postgres://u:secret@/db", "it names no host"),
				invalid("postgresql://u:secret@/db?host=", "it names no host"),
				invalid("jdbc:postgresql:///db?password=secret", "it names no host"),
				invalid("postgres://u:secret@:6432/db", "it names a port but no host"),
				invalid("postgres://u:secret@[]:5432/db", "the brackets of an IPv6 address are empty"),
				// decoded bytes must be UTF-8, not silently U+FFFD
				invalid("postgres://u:secret%C0%80@host/db", "the password is not valid UTF-8"),
				invalid("postgres://u:secret@host/d%FFb", "the database name is not valid UTF-8"),
				invalid("postgres://u%C0%80:secret@host/db", "the user name is not valid UTF-8"),
				// other drivers' notation would put the password into the database name
				invalid("jdbc:postgresql://host/db;password=secret", "it has a ';' in the database name"),
				invalid("jdbc:postgresql://host/db?user=app;password=secret", "the parameter 'user' goes on with ';'"),
				// a raw '/' in the password cannot be told from the path
				invalid("postgres://u:sec/ret@host/db", "a '/' or '?' comes before the '@'"));
	}

	@ParameterizedTest
	@MethodSource("table")
	void parsesEveryUrlOfTheTableOrSaysWhatIsWrong(Row row) {
		if (row.error() == null) {
			DatabaseUrl url = DatabaseUrl.parse(row.input());
			assertThat(url.jdbcUrl()).isEqualTo(row.jdbcUrl());
			assertThat(url.user()).isEqualTo(row.user());
			assertThat(url.password()).isEqualTo(row.password());
			if (row.password() != null && row.password().length() > 3) {
				assertThat(url.toString()).doesNotContain(row.password());
				assertThat(url.describe()).doesNotContain(row.password());
				assertThat(url.jdbcUrl()).doesNotContain(row.password());
			}
		}
		else {
			assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
				.isThrownBy(() -> DatabaseUrl.parse(row.input()))
				.withMessageStartingWith("Invalid database URL '" + DatabaseUrl.mask(row.input().strip()) + "': ")
				.withMessageContaining(row.error())
				.withMessageNotContaining("secret");
		}
	}

	@Test
	void tableCoversAtLeastThirtyUrls() {
		assertThat(table()).hasSizeGreaterThanOrEqualTo(30);
	}

	@Test
	void describesWhereItPointsWithoutThePassword() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://ecomdash:s3cret@db.example.com/ecomdash?sslmode=require");
		assertThat(url.describe()).isEqualTo("ecomdash@db.example.com:5432/ecomdash sslmode=require");
		assertThat(url).hasToString("DatabaseUrl[ecomdash@db.example.com:5432/ecomdash sslmode=require]");
	}

	@Test
	void describesSeveralHostsAndSockets() {
		assertThat(DatabaseUrl.parse("postgres://h1,[::1]:5433/db").describe()).isEqualTo("h1:5432,[::1]:5433/db");
		assertThat(DatabaseUrl.parse("postgres://app@%2Fvar%2Frun%2Fpostgresql/app").describe())
			.isEqualTo("app@unix:/var/run/postgresql/.s.PGSQL.5432/app");
	}

	@Test
	void exposesHostsPortDatabaseAndSslMode() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@a:5433,b/shop?ssl=true&connect_timeout=5");
		assertThat(url.hosts()).containsExactly(new DatabaseUrl.Host("a", 5433), new DatabaseUrl.Host("b", 5432));
		assertThat(url.host()).isEqualTo("a");
		assertThat(url.port()).isEqualTo(5433);
		assertThat(url.database()).isEqualTo("shop");
		assertThat(url.sslMode()).isEqualTo("require");
		assertThat(url.parameters()).containsExactly(entry("sslmode", "require"), entry("connect_timeout", "5"));
	}

	@Test
	void takesAnotherUserWithoutChangingTheRest() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://host/db").withUser("alice");
		assertThat(url.describe()).isEqualTo("alice@host:5432/db");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
	}

	@Test
	void errorsNeverRepeatAnyPartOfThePassword() {
		for (String url : List.of("postgres://u:sec/ret@host/db", "postgres://u:sec?ret@host/db",
				"postgres://u:sec ret@host:port/db", "postgres:u:secret@host/db", "postgres//u:secret@host/db",
				"jdbc:postgresql://host/db;password=secret", "postgres://u:secret@host:5432:6/db")) {
			assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
				.isThrownBy(() -> DatabaseUrl.parse(url))
				.satisfies((ex) -> assertThat(ex.getMessage() + ex.getMaskedUrl()).as(url)
					.doesNotContain("sec")
					.doesNotContain("ret"));
		}
	}

	@Test
	void masksUrlsThatDoNotParse() {
		assertThat(DatabaseUrl.mask("postgres:usr:SECRET@h/db")).isEqualTo("postgres:usr:****@h/db");
		assertThat(DatabaseUrl.mask("postgres//usr:SECRET@h/db")).isEqualTo("postgres//usr:****@h/db");
		assertThat(DatabaseUrl.mask("usr:SECRET@h/db")).isEqualTo("usr:****@h/db");
		assertThat(DatabaseUrl.mask("postgres://u:pa/ss@host/db")).isEqualTo("postgres://u:****@host/db");
		assertThat(DatabaseUrl.mask("postgres://:SECRET@h/db")).isEqualTo("postgres://:****@h/db");
		assertThat(DatabaseUrl.mask("jdbc:postgresql://h/db;password=SECRET"))
			.isEqualTo("jdbc:postgresql://h/db;password=****");
	}

	@Test
	void masksOnlyTheUserInformationWhenTheQueryHoldsAnAt() {
		assertThat(DatabaseUrl.mask("postgresql://u:pw@127.0.0.1/db?application_name=ops@host1"))
			.isEqualTo("postgresql://u:****@127.0.0.1/db?application_name=ops@host1");
		assertThat(DatabaseUrl.mask("postgres://host:5432/db?application_name=ops@host1"))
			.isEqualTo("postgres://host:5432/db?application_name=ops@host1");
		assertThat(DatabaseUrl.mask("jdbc:postgresql://[::1]:5432,h2/db?application_name=a@b"))
			.isEqualTo("jdbc:postgresql://[::1]:5432,h2/db?application_name=a@b");
	}

	@Test
	void masksPasswordsInMessagesAndKeyValueText() {
		assertThat(DatabaseUrl.mask("Unknown options: '--ur', 'postgres://u:SECRET@h/db'"))
			.isEqualTo("Unknown options: '--ur', 'postgres://u:****@h/db'");
		assertThat(DatabaseUrl.mask("host=h user=u password=SECRET dbname=x"))
			.isEqualTo("host=h user=u password=**** dbname=x");
		assertThat(DatabaseUrl.mask("host=h password = 'SE CRET' dbname=x"))
			.isEqualTo("host=h password = **** dbname=x");
		assertThat(DatabaseUrl.mask("PGPASSWORD=SECRET psql")).isEqualTo("PGPASSWORD=**** psql");
		assertThat(DatabaseUrl.mask("--password=SECRET")).isEqualTo("--password=****");
		assertThat(DatabaseUrl.mask("Invalid URL 'jdbc:postgresql://h/db?password=SE'CRET': bad"))
			.isEqualTo("Invalid URL 'jdbc:postgresql://h/db?password=****': bad");
		assertThat(DatabaseUrl.mask("database \"db;sslpassword=SECRET\" does not exist"))
			.isEqualTo("database \"db;sslpassword=****\" does not exist");
	}

	@Test
	void leavesTextWithoutPasswordsAlone() {
		for (String text : List.of("shop@db:5432/shop (DATABASE_URL from .env.local)", "hoist-cli@build-host",
				"u@127.0.0.1:1/y", "Connection to 127.0.0.1:5432 refused at 12:08:18", "jdbc:postgresql://h:5432/db",
				"user 'app' may not connect; check the password set by DATABASE_URL")) {
			assertThat(DatabaseUrl.mask(text)).isEqualTo(text);
		}
	}

	@Test
	void masksIdempotently() {
		for (String text : List.of("postgres://u:SECRET@h/db", "postgres:usr:SECRET@h/db",
				"jdbc:postgresql://h/db?user=u&password=SECRET", "postgres://u:pa/ss@host/db?x=a@b")) {
			String masked = DatabaseUrl.mask(text);
			assertThat(masked).doesNotContain("SECRET").doesNotContain("pa/ss");
			assertThat(DatabaseUrl.mask(masked)).isEqualTo(masked);
		}
	}

	@Test
	void masksPasswordsInUserInfoAndParameters() {
		assertThat(DatabaseUrl.mask("postgres://u:p@ss@host/db")).isEqualTo("postgres://u:****@host/db");
		assertThat(DatabaseUrl.mask("jdbc:postgresql://host/db?user=u&password=secret&ssl=true"))
			.isEqualTo("jdbc:postgresql://host/db?user=u&password=****&ssl=true");
		assertThat(DatabaseUrl.mask("postgres://u@host/db")).isEqualTo("postgres://u@host/db");
		assertThat(DatabaseUrl.mask("not a url")).isEqualTo("not a url");
	}

	@Test
	void writesParametersSoTheDriverDecodesThemBack() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://h/db?application_name=a+b%26c");
		assertThat(url.parameters()).containsEntry("application_name", "a+b&c");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?application_name=a%2Bb%26c");
	}

	private static Map.Entry<String, String> entry(String key, String value) {
		return Map.entry(key, value);
	}

	private static Row valid(String input, String jdbcUrl, @Nullable String user, @Nullable String password) {
		return new Row(input, jdbcUrl, user, password, null);
	}

	private static Row invalid(String input, String error) {
		return new Row(input, null, null, null, error);
	}

	record Row(String input, @Nullable String jdbcUrl, @Nullable String user, @Nullable String password,
			@Nullable String error) {

		@Override
		public String toString() {
			return DatabaseUrl.mask(this.input.strip()) + ((this.error != null) ? " fails" : "");
		}

	}

}
