package dev.hoist.sample;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.hoist.core.Hoist;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command: the sample on a PostgreSQL started for it when no database is
 * configured.
 */
class TestSampleApplicationTests {

	@Test
	void runsOnAnEmbeddedPostgresWhenNoDatabaseIsConfigured() {
		try (ConfigurableApplicationContext context = SpringApplication.from(SampleApplication::main)
			.with(EmbeddedPostgresConfiguration.class)
			.run("--server.port=0", "--hoist.dotenv.enabled=false")
			.getApplicationContext()) {
			assertThat(context.getBean(Hoist.class).configuration().getDatabase().source())
				.isEqualTo("service connection embedded PostgreSQL of TestSampleApplication");
			Http http = Http.onPort(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
			HttpResponse<String> health = http.get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
			assertThat((String) JsonPath.read(health.body(), "$.components.migrations.details.state"))
				.isEqualTo("current");
			assertThat(http.get("/api/shops").body()).contains("acme-outdoor.example");
		}
	}

	@Test
	void startsNoEmbeddedPostgresWhenTheEnvironmentNamesADatabase() {
		new ApplicationContextRunner().withUserConfiguration(EmbeddedPostgresConfiguration.class)
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.com/shop")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class));
	}

}
