package dev.hoist.core;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.sql.DataSource;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hoist.core.DatabaseUnavailableException.Reason;
import dev.hoist.core.internal.DriverDataSource;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.StandalonePostgres;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@PostgresTest
class DatabaseWaiterTests {

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory
		.getLogger(DatabaseWaiter.class);

	@BeforeEach
	void captureLog() {
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.log);
	}

	@Test
	void defaultsAreHalfASecondDoublingUpToTenSecondsForAMinute() {
		DatabaseWaiter waiter = new DatabaseWaiter();
		assertThat(waiter.getInitialDelay()).isEqualTo(Duration.ofMillis(500));
		assertThat(waiter.getMultiplier()).isEqualTo(2.0);
		assertThat(waiter.getMaxDelay()).isEqualTo(Duration.ofSeconds(10));
		assertThat(waiter.getTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void connectsAtOnceToADatabaseThatIsUp(TestDatabase database) {
		RecordingListener listener = new RecordingListener();
		Duration waited = new DatabaseWaiter().withListeners(List.of(listener))
			.await(database.dataSource(), address(database.jdbcUrl(), database.user()));
		assertThat(waited).isLessThan(Duration.ofSeconds(5));
		assertThat(listener.attempts).hasValue(1);
		assertThat(messages()).singleElement()
			.asString()
			.contains("connected to PostgreSQL", database.host() + ":" + database.port() + "/" + database.name(),
					"(test settings)");
	}

	@Test
	void waitsForADatabaseThatComesUpLate() throws Exception {
		try (StandalonePostgres postgres = StandalonePostgres.onFreePort()) {
			RecordingListener listener = new RecordingListener();
			DatabaseWaiter waiter = new DatabaseWaiter().withInitialDelay(Duration.ofMillis(200))
				.withMaxDelay(Duration.ofSeconds(1))
				.withListeners(List.of(listener));
			CompletableFuture<Duration> waiting = CompletableFuture
				.supplyAsync(() -> waiter.await(new DriverDataSource(postgres.jdbcUrl(), "postgres", null),
						address(postgres.jdbcUrl(), "postgres")));
			awaitMessages((messages) -> messages.size() >= 3);
			assertThat(waiting).isNotDone();
			postgres.start();
			Duration waited = waiting.get(60, TimeUnit.SECONDS);
			assertThat(listener.attempts.get()).isGreaterThanOrEqualTo(4);
			assertThat(waited).isGreaterThan(Duration.ofMillis(600));
			List<String> messages = messages();
			assertThat(messages.get(0)).contains("attempt 1 failed", "localhost:" + postgres.port() + "/postgres",
					"Connection refused", "next attempt in");
			assertThat(messages.get(messages.size() - 1)).contains("answered on attempt " + listener.attempts.get());
		}
	}

	@Test
	void givesUpAfterTheTimeoutKeepingTheLastFailureAsCause() {
		StandalonePostgres nothingListening = StandalonePostgres.onFreePort();
		RecordingListener listener = new RecordingListener();
		DatabaseWaiter waiter = new DatabaseWaiter().withInitialDelay(Duration.ofMillis(100))
			.withTimeout(Duration.ofSeconds(2))
			.withListeners(List.of(listener));
		long start = System.nanoTime();
		assertThatExceptionOfType(DatabaseUnavailableException.class)
			.isThrownBy(() -> waiter.await(new DriverDataSource(nothingListening.jdbcUrl(), "postgres", null),
					address(nothingListening.jdbcUrl(), "postgres")))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.TIMEOUT);
				assertThat(ex.attempts()).isGreaterThanOrEqualTo(3);
				assertThat(ex.getMessage()).contains("gave up waiting", "localhost:" + nothingListening.port(),
						"(test settings)", "Connection refused", "wait timeout of 2.0 s");
				assertThat(ex).hasRootCauseInstanceOf(ConnectException.class);
				assertThat(listener.failure).hasValue(ex);
			});
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
	}

	@Test
	void failsAtOnceWhenTheRoleDoesNotExist(TestDatabase database) {
		assertFailsAtOnce(new DriverDataSource(database.jdbcUrl(), "nobody_here", "secret"),
				address(database.jdbcUrl(), "nobody_here"), Reason.AUTHENTICATION, "28000");
	}

	@Test
	void failsAtOnceWithTlsAdviceWhenTheUrlDemandsTlsTheServerDoesNotOffer(TestDatabase database) {
		// the embedded server runs without TLS, as many local and Compose databases do
		String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "sslmode=require";
		org.junit.jupiter.api.Assumptions.assumeTrue(database.server().toString().startsWith("embedded"),
				"needs a server known to run without TLS");
		assertFailsAtOnce(new DriverDataSource(url, database.user(), database.password()),
				address(url, database.user()), Reason.TLS,
				"asks for TLS (sslmode=require or stricter) but the server does not offer it");
	}

	@Test
	void failsAtOnceWhenTheDatabaseDoesNotExist(TestDatabase database) {
		String url = database.jdbcUrl().replace("/" + database.name(), "/no_such_database");
		assertFailsAtOnce(new DriverDataSource(url, database.user(), database.password()),
				address(url, database.user()), Reason.NO_SUCH_DATABASE, "3D000");
	}

	@Test
	void failsAtOnceOnAUrlNoDriverAccepts(TestDatabase database) {
		String url = "jdbc:postgresql://localhost:not-a-port/db?password=hunter2";
		DatabaseUnavailableException ex = assertFailsAtOnce(new DriverDataSource(url, "app", null), address(url, "app"),
				Reason.INVALID_URL, "no JDBC driver accepts the URL");
		assertThat(ex).hasNoCause();
		assertThat(ex.getMessage()).doesNotContain("hunter2");
	}

	@Test
	void retriesWhileTheRoleIsOutOfConnectionSlots(TestDatabase database) throws Exception {
		database.execute("CREATE ROLE waiter_limited LOGIN CONNECTION LIMIT 0");
		DatabaseWaiter waiter = new DatabaseWaiter().withInitialDelay(Duration.ofMillis(100))
			.withMaxDelay(Duration.ofMillis(500));
		CompletableFuture<Duration> waiting = CompletableFuture
			.supplyAsync(() -> waiter.await(new DriverDataSource(database.jdbcUrl(), "waiter_limited", null),
					address(database.jdbcUrl(), "waiter_limited")));
		awaitMessages((messages) -> messages.stream().anyMatch((message) -> message.contains("53300")));
		database.execute("ALTER ROLE waiter_limited CONNECTION LIMIT -1");
		assertThat(waiting.get(30, TimeUnit.SECONDS)).isPositive();
	}

	@Test
	void retriesWhileTheServerIsStartingUp(TestDatabase database) {
		DataSource real = database.dataSource();
		AtomicInteger calls = new AtomicInteger();
		DataSource startingUp = new DriverDataSource(database.jdbcUrl(), database.user(), database.password()) {

			@Override
			public Connection getConnection() throws SQLException {
				if (calls.incrementAndGet() <= 2) {
					throw new SQLException("FATAL: the database system is starting up", "57P03");
				}
				return real.getConnection();
			}

		};
		new DatabaseWaiter().withInitialDelay(Duration.ofMillis(50))
			.await(startingUp, address(database.jdbcUrl(), database.user()));
		assertThat(calls).hasValue(3);
		assertThat(messages().get(0)).contains("starting up", "57P03");
	}

	@Test
	void stopsWaitingAndKeepsTheInterruptFlagWhenInterrupted() throws Exception {
		StandalonePostgres nothingListening = StandalonePostgres.onFreePort();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> interrupted = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				new DatabaseWaiter().withInitialDelay(Duration.ofSeconds(5))
					.await(new DriverDataSource(nothingListening.jdbcUrl(), "postgres", null),
							address(nothingListening.jdbcUrl(), "postgres"));
			}
			catch (RuntimeException ex) {
				failure.set(ex);
				interrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		thread.start();
		awaitMessages((messages) -> !messages.isEmpty());
		thread.interrupt();
		thread.join(10_000);
		assertThat(failure.get()).isInstanceOfSatisfying(DatabaseUnavailableException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(Reason.INTERRUPTED));
		assertThat(interrupted).hasValue(true);
	}

	@Test
	void neverLogsThePassword(TestDatabase database) {
		String url = database.jdbcUrl().replace("/" + database.name(), "/no_such_database");
		assertThatExceptionOfType(DatabaseUnavailableException.class)
			.isThrownBy(() -> new DatabaseWaiter().await(new DriverDataSource(url, "nobody_here", "s3cr3t-pw"),
					address(url, "nobody_here")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cr3t-pw"));
		assertThat(messages()).noneMatch((message) -> message.contains("s3cr3t-pw"));
	}

	private DatabaseUnavailableException assertFailsAtOnce(DataSource dataSource, DatabaseAddress address,
			Reason reason, String expected) {
		long start = System.nanoTime();
		DatabaseUnavailableException failure = null;
		try {
			new DatabaseWaiter().await(dataSource, address);
		}
		catch (DatabaseUnavailableException ex) {
			failure = ex;
		}
		assertThat(failure).isNotNull();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(failure.reason()).isEqualTo(reason);
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(failure.getMessage()).contains(expected, "did not retry", "(test settings)");
		assertThat(messages()).isEmpty();
		return failure;
	}

	private void awaitMessages(Predicate<List<String>> condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.test(messages())) {
			assertThat(System.nanoTime()).as("condition on the log within 30 s").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private List<String> messages() {
		return this.log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	private static DatabaseAddress address(String url, String user) {
		return DatabaseAddress.fromJdbcUrl(url, user, "test settings");
	}

	static class RecordingListener implements HoistListener {

		final AtomicInteger attempts = new AtomicInteger();

		final AtomicReference<DatabaseUnavailableException> failure = new AtomicReference<>();

		@Override
		public void databaseAvailable(Duration waited, int attempts) {
			this.attempts.set(attempts);
		}

		@Override
		public void databaseUnavailable(DatabaseUnavailableException failure) {
			this.failure.set(failure);
		}

	}

}
