package dev.hoist.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample started on a fresh database answers over real HTTP: its API, health and
 * metrics.
 */
@PostgresTest
class SampleApplicationTests {

	private static ConfigurableApplicationContext context;

	private static Http http;

	private static TestDatabase database;

	@BeforeAll
	static void start(TestDatabase testDatabase) {
		database = testDatabase;
		context = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password());
		http = Http.onPort(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void healthIsUpWithTheSchemaAtHead() {
		HttpResponse<String> health = http.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(read(health, "$.status")).isEqualTo("UP");
		assertThat(read(health, "$.components.migrations.status")).isEqualTo("UP");
		Map<String, Object> details = JsonPath.read(health.body(), "$.components.migrations.details");
		assertThat(details).containsEntry("state", "current")
			.containsEntry("revision", "7")
			.containsEntry("head", "7")
			.containsEntry("pending", 0)
			.containsEntry("database", database.host() + ":" + database.port() + "/" + database.name());
	}

	@Test
	void readinessIncludesTheSchemaAndLivenessDoesNot() {
		HttpResponse<String> readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(read(readiness, "$.components.migrations.details.state")).isEqualTo("current");
		HttpResponse<String> liveness = http.get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("migrations");
	}

	@Test
	void migrationsEndpointListsWhatWasApplied() {
		HttpResponse<String> response = http.get("/actuator/migrations");
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> scripts = JsonPath.read(response.body(), "$.applied[*].script");
		assertThat(scripts).contains("V1__initial_schema.sql", "V6__orders_by_shop_index.sql",
				"dev.hoist.sample.migration.V7__Backfill_order_totals", "R__shop_dashboard.sql");
		assertThat(read(response, "$.pending")).asList().isEmpty();
		assertThat(http.get("/actuator/info").body()).contains("\"revision\":\"7\"");
	}

	@Test
	void listsTheDemoShops() {
		HttpResponse<String> response = http.get("/api/shops");
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> domains = JsonPath.read(response.body(), "$[*].domain");
		assertThat(domains).containsExactly("acme-outdoor.example", "bright-bakery.example");
	}

	@Test
	void placesAnOrderAtTheProductsPriceAndCountsItOnTheDashboard() {
		long shopId = shopId("bright-bakery.example");
		Map<String, Object> before = JsonPath.read(http.get("/api/shops/" + shopId + "/dashboard").body(), "$");
		long productId = productId("SOURDOUGH");
		HttpResponse<String> created = http.postJson("/api/shops/" + shopId + "/orders",
				"{\"productId\": " + productId + ", \"quantity\": 4}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(((Number) read(created, "$.totalCents")).longValue()).isEqualTo(4 * 650);
		assertThat(read(created, "$.status")).isEqualTo("pending");
		HttpResponse<String> dashboard = http.get("/api/shops/" + shopId + "/dashboard");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(((Number) read(dashboard, "$.orders")).longValue())
			.isEqualTo(((Number) before.get("orders")).longValue() + 1);
		assertThat(((Number) read(dashboard, "$.revenueCents")).longValue())
			.isEqualTo(((Number) before.get("revenueCents")).longValue() + 4 * 650);
		assertThat(((Number) read(dashboard, "$.events")).longValue())
			.isEqualTo(((Number) before.get("events")).longValue() + 1);
	}

	@Test
	void refusesAnOrderForAProductOfAnotherShopOrWithoutQuantity() {
		long acme = shopId("acme-outdoor.example");
		long bakery = shopId("bright-bakery.example");
		String sourdough = "{\"productId\": " + productId("SOURDOUGH") + ", \"quantity\": 1}";
		assertThat(http.postJson("/api/shops/" + acme + "/orders", sourdough).statusCode())
			.as("the sourdough belongs to the bakery")
			.isEqualTo(404);
		assertThat(http.postJson("/api/shops/999/orders", sourdough).statusCode()).isEqualTo(404);
		assertThat(http.postJson("/api/shops/" + bakery + "/orders", sourdough.replace("1}", "0}")).statusCode())
			.isEqualTo(400);
	}

	@Test
	void dashboardOfAnUnknownShopIsNotFound() {
		assertThat(http.get("/api/shops/999/dashboard").statusCode()).isEqualTo(404);
	}

	@Test
	void exposesPrometheusMetrics() {
		HttpResponse<String> response = http.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes", "hoist_migrations_applied_total",
				"hoist_migrations_pending");
	}

	private static long shopId(String domain) {
		List<Number> ids = JsonPath.read(http.get("/api/shops").body(), "$[?(@.domain == '" + domain + "')].id");
		return ids.get(0).longValue();
	}

	private static long productId(String sku) {
		return database.queryForLong("SELECT id FROM products WHERE sku = '" + sku + "'");
	}

	private static Object read(HttpResponse<String> response, String path) {
		return JsonPath.read(response.body(), path);
	}

}
