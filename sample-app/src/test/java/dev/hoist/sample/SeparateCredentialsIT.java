package dev.hoist.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import dev.hoist.sample.docs.MarkdownSnippets;
import dev.hoist.sample.docs.MarkdownSnippets.Snippet;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recipe "Separate migration credentials" of {@code docs/operations.md}, run as
 * written: its SQL as a superuser on a fresh database, its settings as the
 * {@code .env.local} of the packaged jar. Only what cannot be written in a page is filled
 * in: the passwords, the database's address, and a suffix that keeps the roles of
 * parallel runs on one server apart.
 */
@PostgresTest
class SeparateCredentialsIT {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final Pattern ROLE = Pattern.compile("CREATE ROLE (\\w+) LOGIN PASSWORD '\\.\\.\\.'");

	@Test
	void theSchemaOwnerMigratesAndTheApplicationRoleServesFromTheSameSchema(TestDatabase database,
			@TempDir Path directory) throws Exception {
		List<Snippet> recipe = MarkdownSnippets.read(MarkdownSnippets.DOCS.resolve("operations.md"),
				"Separate migration credentials");
		assertThat(recipe).extracting(Snippet::language).containsExactly("sql", "");
		String suffix = "_" + Long.toString(System.nanoTime(), 36);
		String sql = recipe.get(0).text();
		Map<String, String> passwords = new LinkedHashMap<>();
		Matcher roles = ROLE.matcher(sql);
		while (roles.find()) {
			passwords.put(roles.group(1), "pw-" + roles.group(1) + suffix);
		}
		assertThat(passwords).containsOnlyKeys("shop_owner", "shop_app");
		String owner = "shop_owner" + suffix;
		String app = "shop_app" + suffix;
		try {
			database.execute(fillIn(sql, suffix, passwords));
			String settings = fillIn(recipe.get(1).text(), suffix, passwords)
				.replace("@db:5432/shop?", "@" + database.host() + ":" + database.port() + "/" + database.name() + "?")
				.replace("HOIST_PASSWORD=...", "HOIST_PASSWORD=" + passwords.get("shop_owner"));
			assertThat(settings).doesNotContain("...");
			Files.writeString(directory.resolve(".env.local"), settings);

			try (RunningJar service = RunningJar.start(directory, Map.of()).awaitReady(STARTUP)) {
				assertThat(service.output()).contains("(HOIST_USER from .env.local; URL DATABASE_URL from .env.local)")
					.contains("revision (empty) -> 7");
				HttpResponse<String> shops = service.http().get("/api/shops");
				assertThat(shops.statusCode()).as(shops.body()).isEqualTo(200);
				assertThat(JsonPath.<List<Object>>read(shops.body(), "$")).isNotEmpty();
				HttpResponse<String> order = service.http()
					.postJson("/api/shops/1/orders", "{\"productId\": 1, \"quantity\": 2}");
				assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
				// the repeatable view, created by the owner, is readable by the
				// application
				assertThat(service.http().get("/api/shops/1/dashboard").statusCode()).isEqualTo(200);
			}
			assertThat(database.queryForList("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'shop'"))
				.containsExactly(owner);
			assertThat(database.queryForList("SELECT DISTINCT installed_by FROM shop.hoist_schema_history"))
				.containsExactly(owner);
			assertThat(database.queryForLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
			assertThat(database.queryForString("SELECT has_schema_privilege('" + app + "', 'shop', 'CREATE')"))
				.isEqualTo("f");
			assertThat(database.queryForLong("SELECT count(*) FROM shop.orders")).isPositive();
		}
		finally {
			database.execute("DROP SCHEMA IF EXISTS shop CASCADE");
			for (String role : List.of(owner, app)) {
				database.execute("DROP OWNED BY " + role + "; DROP ROLE IF EXISTS " + role);
			}
		}
	}

	private static String fillIn(String text, String suffix, Map<String, String> passwords) {
		String filled = text;
		for (Map.Entry<String, String> role : passwords.entrySet()) {
			filled = filled
				.replace("CREATE ROLE " + role.getKey() + " LOGIN PASSWORD '...'",
						"CREATE ROLE " + role.getKey() + " LOGIN PASSWORD '" + role.getValue() + "'")
				.replace("://" + role.getKey() + ":...@", "://" + role.getKey() + ":" + role.getValue() + "@");
		}
		return filled.replaceAll("\\b(shop_owner|shop_app)\\b", "$1" + suffix);
	}

}
