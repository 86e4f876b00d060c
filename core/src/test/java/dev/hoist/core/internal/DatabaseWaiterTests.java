package dev.hoist.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.DatabaseUnavailableException.Reason;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistListener;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.SilentServer;
import dev.hoist.testsupport.StandalonePostgres;
import dev.hoist.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
	void defaultsAreHalfASecondDoublingUpToTenSecondsAndASingleAttempt() {
		HoistConfiguration configuration = Hoist.configure();
		assertThat(configuration.getWaitInitialDelay()).isEqualTo(Duration.ofMillis(500));
		assertThat(configuration.getWaitMultiplier()).isEqualTo(2.0);
		assertThat(configuration.getWaitMaxDelay()).isEqualTo(Duration.ofSeconds(10));
		assertThat(configuration.getWaitTimeout()).isZero();
	}

	@Test
	void connectsAtOnceToADatabaseThatIsUp(TestDatabase database) throws SQLException {
		RecordingListener listener = new RecordingListener();
		try (Connection connection = waiter(Hoist.configure(), listener).connect(database.dataSource(),
				address(database.jdbcUrl(), database.user()))) {
			assertThat(connection.isValid(5)).isTrue();
		}
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
			DatabaseWaiter waiter = waiter(Hoist.configure()
				.waitTimeout(Duration.ofMinutes(5))
				.waitInitialDelay(Duration.ofMillis(200))
				.waitMaxDelay(Duration.ofSeconds(1)), listener);
			CompletableFuture<Connection> waiting = CompletableFuture
				.supplyAsync(() -> waiter.connect(new DriverDataSource(postgres.jdbcUrl(), "postgres", null),
						address(postgres.jdbcUrl(), "postgres")));
			awaitMessages((messages) -> messages.size() >= 3);
			assertThat(waiting).isNotDone();
			postgres.start();
			waiting.get(60, TimeUnit.SECONDS).close();
			assertThat(listener.attempts.get()).isGreaterThanOrEqualTo(4);
			assertThat(listener.waited.get()).isGreaterThan(Duration.ofMillis(600));
			List<String> messages = messages();
			assertThat(messages.get(0)).contains("attempt 1 failed", "localhost:" + postgres.port() + "/postgres",
					"Connection refused", "next attempt in");
			assertThat(messages.get(messages.size() - 1)).contains("answered on attempt " + listener.attempts.get());
		}
	}

	@Test
	void saysFromTheFirstAttemptThatAHostNameDoesNotResolve() {
		// .invalid never resolves (RFC 2606)
		String url = "jdbc:postgresql://db.no-such-host.invalid:5432/app";
		DatabaseWaiter waiter = waiter(
				Hoist.configure().waitInitialDelay(Duration.ofMillis(100)).waitTimeout(Duration.ofMillis(500)),
				new RecordingListener());
		assertThatExceptionOfType(DatabaseUnavailableException.class)
			.isThrownBy(() -> waiter.connect(new DriverDataSource(url, "app", null), address(url, "app")))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.TIMEOUT);
				assertThat(ex.getMessage()).contains("the host name does not resolve", "db.no-such-host.invalid",
						"Check the host name set by test settings");
			});
		assertThat(messages().get(0)).contains("attempt 1 failed (the host name does not resolve",
				"db.no-such-host.invalid");
	}

	@Test
	void givesUpAfterTheTimeoutKeepingTheLastFailureAsCause() {
		StandalonePostgres nothingListening = StandalonePostgres.onFreePort();
		RecordingListener listener = new RecordingListener();
		DatabaseWaiter waiter = waiter(
				Hoist.configure().waitInitialDelay(Duration.ofMillis(100)).waitTimeout(Duration.ofSeconds(2)),
				listener);
		long start = System.nanoTime();
		assertThatExceptionOfType(DatabaseUnavailableException.class)
			.isThrownBy(() -> waiter.connect(new DriverDataSource(nothingListening.jdbcUrl(), "postgres", null),
					address(nothingListening.jdbcUrl(), "postgres")))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.TIMEOUT);
				assertThat(ex.attempts()).isGreaterThanOrEqualTo(3);
				assertThat(ex.getMessage()).contains("gave up waiting", "localhost:" + nothingListening.port(),
						"(test settings)", "Connection refused", "wait timeout of 2.0 s");
				assertThat(ex).hasRootCauseInstanceOf(ConnectException.class);
				assertThat(listener.failure).hasValue(ex);
			});
		// it gives up no earlier than the timeout; how much later depends on the machine
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
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
		Assumptions.assumeTrue(database.server().toString().startsWith("embedded"),
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
		DatabaseWaiter waiter = waiter(Hoist.configure()
			.waitTimeout(Duration.ofMinutes(5))
			.waitInitialDelay(Duration.ofMillis(100))
			.waitMaxDelay(Duration.ofMillis(500)), new RecordingListener());
		CompletableFuture<Connection> waiting = CompletableFuture
			.supplyAsync(() -> waiter.connect(new DriverDataSource(database.jdbcUrl(), "waiter_limited", null),
					address(database.jdbcUrl(), "waiter_limited")));
		awaitMessages((messages) -> messages.stream().anyMatch((message) -> message.contains("53300")));
		database.execute("ALTER ROLE waiter_limited CONNECTION LIMIT -1");
		try (Connection connection = waiting.get(60, TimeUnit.SECONDS)) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void retriesWhileTheServerIsStartingUp(TestDatabase database) throws SQLException {
		DataSource real = database.dataSource();
		AtomicInteger calls = new AtomicInteger();
		DataSource startingUp = new DriverDataSource(database.jdbcUrl(), database.user(), database.password()) {

			@Override
			public Connection getConnection(Duration timeout) throws SQLException {
				if (calls.incrementAndGet() <= 2) {
					throw new SQLException("FATAL: the database system is starting up", "57P03");
				}
				return real.getConnection();
			}

		};
		try (Connection connection = waiter(
				Hoist.configure().waitTimeout(Duration.ofMinutes(5)).waitInitialDelay(Duration.ofMillis(50)),
				new RecordingListener())
			.connect(startingUp, address(database.jdbcUrl(), database.user()))) {
			assertThat(connection.isValid(5)).isTrue();
		}
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
				waiter(Hoist.configure().waitTimeout(Duration.ofMinutes(5)).waitInitialDelay(Duration.ofSeconds(5)),
						new RecordingListener())
					.connect(new DriverDataSource(nothingListening.jdbcUrl(), "postgres", null),
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

	// before connect, login and read timeouts this hung forever, whatever the wait
	// timeout;
	// the JUnit timeout only turns a hang into a failure
	@Test
	@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aServerThatAcceptsAndNeverAnswersCannotHoldTheWaitPastItsTimeout() {
		try (SilentServer silent = SilentServer.start()) {
			String url = "jdbc:postgresql://127.0.0.1:" + silent.port() + "/shop";
			RecordingListener listener = new RecordingListener();
			DatabaseWaiter waiter = waiter(
					Hoist.configure().waitInitialDelay(Duration.ofMillis(100)).waitTimeout(Duration.ofSeconds(3)),
					listener);
			assertThatExceptionOfType(DatabaseUnavailableException.class)
				.isThrownBy(() -> waiter.connect(new DriverDataSource(url, "shop", "s3cr3t-pw"), address(url, "shop")))
				.satisfies((ex) -> {
					assertThat(ex.reason()).isEqualTo(Reason.TIMEOUT);
					assertThat(ex.getMessage()).contains("gave up waiting", "127.0.0.1:" + silent.port(),
							"did not answer the last attempt within", "connect timeout of 10.0 s, connectTimeout(...)",
							"wait timeout of 3.0 s (waitTimeout(...))")
						.doesNotContain("s3cr3t-pw");
				});
			assertThat(silent.accepted()).as("connections the silent server accepted").isPositive();
		}
	}

	@Test
	@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void eachAttemptOnASilentServerEndsWithinTheConnectTimeout() throws Exception {
		try (SilentServer silent = SilentServer.start()) {
			String url = "jdbc:postgresql://127.0.0.1:" + silent.port() + "/shop";
			// a wait of five minutes, attempts of one second: several attempts, each
			// ended by its own timeout
			DatabaseWaiter waiter = waiter(Hoist.configure()
				.waitTimeout(Duration.ofMinutes(5))
				.waitInitialDelay(Duration.ofMillis(50))
				.connectTimeout(Duration.ofSeconds(1)), new RecordingListener());
			Thread waiting = new Thread(() -> {
				try {
					waiter.connect(new DriverDataSource(url, "shop", null), address(url, "shop"));
				}
				catch (DatabaseUnavailableException ex) {
					// interrupted below
				}
			});
			waiting.start();
			awaitMessages((messages) -> messages.size() >= 3);
			assertThat(waiting.isAlive()).isTrue();
			assertThat(messages()).allSatisfy((message) -> assertThat(message).contains("timed out"));
			waiting.interrupt();
			waiting.join(60_000);
		}
	}

	@Test
	@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void withoutAWaitTheOneAttemptGetsTheWholeConnectTimeout() {
		try (SilentServer silent = SilentServer.start()) {
			String url = "jdbc:postgresql://127.0.0.1:" + silent.port() + "/shop";
			DatabaseWaiter waiter = waiter(Hoist.configure().connectTimeout(Duration.ofSeconds(3)),
					new RecordingListener());
			long start = System.nanoTime();
			assertThatExceptionOfType(DatabaseUnavailableException.class)
				.isThrownBy(() -> waiter.connect(new DriverDataSource(url, "shop", null), address(url, "shop")))
				.satisfies(
						(ex) -> assertThat(ex.getMessage()).contains("did not answer the last attempt within 3.0 s"));
			// a loaded machine must not turn a slow connection into a failure: the
			// attempt
			// lasted the connect timeout, not the zero of the wait
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
		}
	}

	@Test
	@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void anInterruptEndsAnAttemptOnASilentServer() throws Exception {
		try (SilentServer silent = SilentServer.start()) {
			String url = "jdbc:postgresql://127.0.0.1:" + silent.port() + "/shop";
			AtomicReference<Throwable> failure = new AtomicReference<>();
			AtomicReference<Boolean> interrupted = new AtomicReference<>();
			Thread thread = new Thread(() -> {
				try {
					// one attempt of ten minutes: only the interrupt can end it early
					waiter(Hoist.configure().connectTimeout(Duration.ofMinutes(10)), new RecordingListener())
						.connect(new DriverDataSource(url, "shop", null), address(url, "shop"));
				}
				catch (RuntimeException ex) {
					failure.set(ex);
					interrupted.set(Thread.currentThread().isInterrupted());
				}
			});
			thread.start();
			Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> silent.accepted() > 0);
			thread.interrupt();
			thread.join(60_000);
			assertThat(thread.isAlive()).as("still waiting a minute after the interrupt").isFalse();
			assertThat(failure.get()).isInstanceOfSatisfying(DatabaseUnavailableException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(Reason.INTERRUPTED));
			assertThat(interrupted).hasValue(true);
		}
	}

	@Test
	void failsAtOnceNamingTheSettingWhenTheServerAsksForAPasswordAndNoneWasGiven(TestDatabase database) {
		database.execute("CREATE ROLE waiter_password LOGIN PASSWORD 'right-one'");
		requirePassword(database, "waiter_password");
		DatabaseUnavailableException ex = assertFailsAtOnce(
				new DriverDataSource(database.jdbcUrl(), "waiter_password", null),
				address(database.jdbcUrl(), "waiter_password"), Reason.MISSING_PASSWORD,
				"the server asks user 'waiter_password' for a password, and none was given in the settings from"
						+ " test settings; pass it to url(url, user, password) or write it in the URL");
		assertThat(ex.getMessage()).contains("08004").doesNotContain("make sure PostgreSQL runs");
	}

	@Test
	void neverLogsThePassword(TestDatabase database) {
		String url = database.jdbcUrl().replace("/" + database.name(), "/no_such_database");
		assertThatExceptionOfType(DatabaseUnavailableException.class)
			.isThrownBy(() -> waiter(Hoist.configure(), new RecordingListener())
				.connect(new DriverDataSource(url, "nobody_here", "s3cr3t-pw"), address(url, "nobody_here")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cr3t-pw"));
		assertThat(messages()).noneMatch((message) -> message.contains("s3cr3t-pw"));
	}

	private DatabaseUnavailableException assertFailsAtOnce(DataSource dataSource, DatabaseAddress address,
			Reason reason, String expected) {
		DatabaseUnavailableException failure = null;
		try {
			waiter(Hoist.configure().waitTimeout(Duration.ofMinutes(5)), new RecordingListener()).connect(dataSource,
					address);
		}
		catch (DatabaseUnavailableException ex) {
			failure = ex;
		}
		assertThat(failure).isNotNull();
		assertThat(failure.reason()).isEqualTo(reason);
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(failure.getMessage()).contains(expected, "did not retry", "(test settings)");
		assertThat(messages()).isEmpty();
		return failure;
	}

	// the embedded server trusts local connections: a rule for this role alone, ahead of
	// the others, makes it ask for a password
	private static void requirePassword(TestDatabase database, String role) {
		Path hbaFile = Path.of(database.queryForString("SHOW hba_file"));
		Assumptions.assumeTrue(Files.isWritable(hbaFile), "needs the test server's pg_hba.conf");
		synchronized (DatabaseWaiterTests.class) {
			try {
				String rules = Files.readString(hbaFile, StandardCharsets.UTF_8);
				String rule = "host all " + role + " all scram-sha-256\n";
				if (!rules.contains(rule)) {
					Files.writeString(hbaFile, rule + rules, StandardCharsets.UTF_8);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		database.execute("SELECT pg_reload_conf()");
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), role, "not-it")) {
				return false;
			}
			catch (SQLException ex) {
				return "28P01".equals(ex.getSQLState());
			}
		});
	}

	private void awaitMessages(Predicate<List<String>> condition) {
		Awaitility.await().atMost(Duration.ofMinutes(1)).until(this::messages, condition::test);
	}

	private static DatabaseWaiter waiter(HoistConfiguration configuration, HoistListener listener) {
		return new DatabaseWaiter(configuration, new Listeners(List.of(listener)));
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

		final AtomicReference<Duration> waited = new AtomicReference<>();

		@Override
		public void databaseAvailable(Duration waited, int attempts) {
			this.attempts.set(attempts);
			this.waited.set(waited);
		}

		@Override
		public void databaseUnavailable(DatabaseUnavailableException failure) {
			this.failure.set(failure);
		}

	}

}
