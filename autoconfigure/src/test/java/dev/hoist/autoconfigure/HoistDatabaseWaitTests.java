package dev.hoist.autoconfigure;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.DatabaseUnavailableException.Reason;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.StandalonePostgres;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Full application starts against a database that is late, absent, or refuses the
 * password.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class HoistDatabaseWaitTests {

	private static final Pattern ATTEMPT = Pattern
		.compile("attempt (\\d+) failed \\(.*?\\); next attempt in ([0-9.]+) (ms|s)");

	@Test
	void startsOnceTheDatabaseComesUpLateWithTheMigratedSchema(CapturedOutput output) throws Exception {
		try (StandalonePostgres postgres = StandalonePostgres.onFreePort()) {
			CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture
				.supplyAsync(() -> TestApplications.run(App.class, "spring.datasource.url=" + postgres.jdbcUrl(),
						"spring.datasource.username=postgres", "hoist.locations=classpath:hoist/shop"));
			// the database comes up after the application has retried a few times, as in
			// a Compose stack
			await().atMost(Duration.ofMinutes(1)).until(() -> delays(output).size() >= 3);
			assertThat(starting).isNotDone();
			postgres.start();
			try (ConfigurableApplicationContext context = starting.get(60, TimeUnit.SECONDS)) {
				assertThat(context.isActive()).isTrue();
				assertThat(postgres.database()
					.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
					.containsExactly("1", "2");
			}
			List<Duration> delays = delays(output);
			assertThat(delays.get(1)).isGreaterThan(delays.get(0));
			assertThat(delays.get(2)).isGreaterThan(delays.get(1));
			assertThat(output).contains("localhost:" + postgres.port() + "/postgres", "Connection refused",
					"(spring.datasource.url, spring.datasource.username from command line)", "answered on attempt");
		}
	}

	@Test
	void failsFastOnAWrongPasswordNamingWhereTheSettingCameFrom(TestDatabase database, CapturedOutput output) {
		String role = "shop_app_" + Long.toString(System.nanoTime(), 36);
		database.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'the-right-one'");
		PasswordAuthentication.require(database, role);
		Throwable failure = catchThrowable(() -> TestApplications.run(App.class, database,
				"spring.datasource.username=" + role, "spring.datasource.password=a-wrong-one"));
		assertThat(failure).rootCause().isNotNull();
		DatabaseUnavailableException unavailable = find(failure);
		assertThat(unavailable.reason()).isEqualTo(Reason.AUTHENTICATION);
		assertThat(unavailable.attempts()).isEqualTo(1);
		assertThat(unavailable.getMessage()).contains(
				role + "@" + database.host() + ":" + database.port() + "/" + database.name(),
				"spring.datasource.url, spring.datasource.username, spring.datasource.password from command line",
				"28P01");
		assertThat(output)
			.contains("APPLICATION FAILED TO START", "Description:", "Action:", "Check the user name and password",
					"spring.datasource.password", "hoist.password")
			.doesNotContain("a-wrong-one")
			.doesNotContain("waiting for PostgreSQL");
	}

	@Test
	void givesUpAfterTheWaitTimeoutWithOneErrorCarryingTheLastCause(CapturedOutput output) {
		StandalonePostgres nothingListening = StandalonePostgres.onFreePort();
		long start = System.nanoTime();
		Throwable failure = catchThrowable(
				() -> TestApplications.run(App.class, "spring.datasource.url=" + nothingListening.jdbcUrl(),
						"spring.datasource.username=postgres", "hoist.wait.timeout=5s"));
		// no earlier than the timeout; how much later depends on the machine
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(4500));
		DatabaseUnavailableException unavailable = find(failure);
		assertThat(unavailable.reason()).isEqualTo(Reason.TIMEOUT);
		assertThat(unavailable.attempts()).isGreaterThan(1);
		assertThat(unavailable).hasRootCauseInstanceOf(ConnectException.class);
		assertThat(unavailable.getMessage()).contains("gave up waiting", "localhost:" + nothingListening.port(),
				"Connection refused");
		String report = output.toString();
		assertThat(report.split("APPLICATION FAILED TO START", -1)).hasSize(2);
		assertThat(report).contains("hoist.wait.timeout");
	}

	private static DatabaseUnavailableException find(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabaseUnavailableException unavailable) {
				return unavailable;
			}
		}
		throw new AssertionError("No DatabaseUnavailableException in " + failure, failure);
	}

	private static List<Duration> delays(CapturedOutput output) {
		List<Duration> delays = new ArrayList<>();
		Matcher matcher = ATTEMPT.matcher(output.toString());
		while (matcher.find()) {
			double value = Double.parseDouble(matcher.group(2));
			delays.add(matcher.group(3).equals("ms") ? Duration.ofMillis((long) value)
					: Duration.ofMillis((long) (value * 1000)));
		}
		return delays;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
