package dev.hoist.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Full application starts: everything that uses the database sees the migrated schema.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class HoistStartupTests {

	private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

	@Test
	void jpaJdbcClientAndDependsOnDatabaseInitializationBeansSeeTheMigratedSchema(TestDatabase database) {
		TestDatabase fresh = database.server().createDatabase(database.name() + "_eager");
		try (ConfigurableApplicationContext context = TestApplications.run(ShopApplication.class, fresh,
				"spring.jpa.hibernate.ddl-auto=validate")) {
			assertSchemaUsable(context);
		}
		finally {
			database.server().dropDatabase(fresh.name());
		}
	}

	@Test
	void migratesAtStartupWithLazyInitialization(TestDatabase database) {
		TestDatabase fresh = database.server().createDatabase(database.name() + "_lazy");
		// without JPA nothing eager touches the database: only Hoist itself may run early
		try (ConfigurableApplicationContext context = TestApplications.run(ShopApplication.class, fresh,
				"spring.main.lazy-initialization=true")) {
			assertThat(fresh.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
				.containsExactly("1", "2");
			assertThat(context.getBean(ShopNames.class).namesAtStartup).isEmpty();
			assertThat(context.getBean(ShopCounter.class).countAtStartup).isZero();
		}
		finally {
			database.server().dropDatabase(fresh.name());
		}
	}

	@Test
	void jpaSeesTheMigratedSchemaWithLazyInitialization(TestDatabase database) {
		TestDatabase fresh = database.server().createDatabase(database.name() + "_lazyjpa");
		try (ConfigurableApplicationContext context = TestApplications.run(ShopApplication.class, fresh,
				"spring.jpa.hibernate.ddl-auto=validate", "spring.main.lazy-initialization=true")) {
			assertSchemaUsable(context);
		}
		finally {
			database.server().dropDatabase(fresh.name());
		}
	}

	@Test
	void appRunsWithARoleThatCannotCreateTablesWhileMigrationsRunAsTheOwner(TestDatabase database) {
		String suffix = Long.toString(System.nanoTime(), 36);
		String owner = "owner_" + suffix;
		String app = "app_" + suffix;
		database.execute("CREATE ROLE " + owner + " LOGIN; CREATE ROLE " + app + " LOGIN;"
				+ " CREATE SCHEMA shop AUTHORIZATION " + owner + "; GRANT USAGE ON SCHEMA shop TO " + app + ";"
				// the engine creates the history schema IF NOT EXISTS, which needs CREATE
				// on the database
				+ " GRANT CREATE ON DATABASE " + database.name() + " TO " + owner + ";"
				+ " ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA shop"
				+ " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app + ";"
				+ " ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA shop GRANT USAGE ON SEQUENCES TO " + app);
		try (ConfigurableApplicationContext context = TestApplications.run(PlainApplication.class,
				"spring.datasource.url=" + database.jdbcUrl() + "?currentSchema=shop",
				"spring.datasource.username=" + app, "hoist.locations=classpath:hoist/shop", "hoist.user=" + owner)) {
			assertThat(database.queryForString("SELECT tableowner FROM pg_tables WHERE tablename = 'shops'"))
				.isEqualTo(owner);
			assertThat(
					database.queryForString("SELECT installed_by FROM shop.hoist_schema_history WHERE version = '2'"))
				.isEqualTo(owner);
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			jdbc.sql("INSERT INTO shops (domain, name) VALUES ('roles.example', 'Roles')").update();
			assertThat(jdbc.sql("SELECT name FROM shops").query(String.class).single()).isEqualTo("Roles");
			assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(app);
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> jdbc.sql("CREATE TABLE shop.sneaky (id int)").update())
				.havingRootCause()
				.withMessageContaining("permission denied for schema shop");
		}
	}

	@Test
	void anOwnerRoleThatMayNotCreateInTheConnectionsSchemaGetsADescriptionAndAnAction(TestDatabase database,
			CapturedOutput output) {
		String suffix = Long.toString(System.nanoTime(), 36);
		String owner = "owner_" + suffix;
		String app = "app_" + suffix;
		// as on PostgreSQL 15 and later, whatever the server's major
		database.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC; CREATE ROLE " + owner + " LOGIN; CREATE ROLE "
				+ app + " LOGIN; CREATE SCHEMA shop AUTHORIZATION " + owner);
		try {
			assertThatExceptionOfType(BeanCreationException.class)
				.isThrownBy(() -> TestApplications.run(PlainApplication.class,
						"spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + app,
						"hoist.locations=classpath:hoist/shop", "hoist.user=" + owner));
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("User '" + owner + "' may not create Hoist's history table hoist_schema_history in schema"
						+ " public: permission denied for schema public (SQLSTATE 42501)")
				.contains("hoist.schema (HOIST_SCHEMA)")
				.contains("Action:")
				.contains("currentSchema=<schema>")
				.doesNotContain("\tat dev.hoist");
			assertThat(database.queryForString("SELECT to_regclass('public.hoist_schema_history')::text")).isNull();
		}
		finally {
			database.execute("DROP SCHEMA shop CASCADE; DROP ROLE " + owner + "; DROP ROLE " + app);
		}
	}

	@Test
	void twoApplicationsStartedAtOnceOnAnEmptyDatabaseBothStartAndEachMigrationRunsOnce(TestDatabase database)
			throws Exception {
		TestDatabase fresh = database.server().createDatabase(database.name() + "_race");
		ExecutorService executor = Executors.newFixedThreadPool(2);
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		// two Boot logging systems initialising Logback at once in one JVM race each
		// other ("[clr]" errors); the race under test is the migration's, not the logs'
		String loggingSystem = System.setProperty(LOGGING_SYSTEM, "none");
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			List<CompletableFuture<ConfigurableApplicationContext>> starts = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				starts.add(CompletableFuture.supplyAsync(() -> {
					await(start);
					return TestApplications.run(PlainApplication.class, fresh, "hoist.locations=classpath:hoist/slow");
				}, executor));
			}
			for (CompletableFuture<ConfigurableApplicationContext> started : starts) {
				contexts.add(started.get(120, TimeUnit.SECONDS));
			}
			assertThat(contexts).allSatisfy((context) -> assertThat(context.isActive()).isTrue());
			assertThat(fresh.queryForList(
					"SELECT version || ':' || count(*) FROM hoist_schema_history GROUP BY version ORDER BY version"))
				.containsExactly("1:1", "2:1");
		}
		finally {
			if (loggingSystem != null) {
				System.setProperty(LOGGING_SYSTEM, loggingSystem);
			}
			else {
				System.clearProperty(LOGGING_SYSTEM);
			}
			contexts.forEach(ConfigurableApplicationContext::close);
			executor.shutdownNow();
			database.server().dropDatabase(fresh.name());
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void assertSchemaUsable(ConfigurableApplicationContext context) {
		assertThat(context.getBean(ShopCounter.class).countAtStartup).isZero();
		assertThat(context.getBean(ShopNames.class).namesAtStartup).isEmpty();
		EntityManagerFactory entityManagerFactory = context.getBean(EntityManagerFactory.class);
		EntityManager entityManager = entityManagerFactory.createEntityManager();
		try {
			entityManager.getTransaction().begin();
			entityManager.persist(new Shop("jpa.example", "JPA"));
			entityManager.getTransaction().commit();
		}
		finally {
			entityManager.close();
		}
		assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT name FROM shops", String.class))
			.isEqualTo("JPA");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PlainApplication {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ShopApplication {

		@Bean
		ShopNames shopNames(JdbcClient jdbcClient) {
			return new ShopNames(jdbcClient);
		}

		@Bean
		@DependsOnDatabaseInitialization
		ShopCounter shopCounter(DataSource dataSource) {
			return new ShopCounter(dataSource);
		}

	}

	/**
	 * Reads the schema in {@code @PostConstruct}, through the auto-configured JdbcClient.
	 */
	static class ShopNames {

		private final JdbcClient jdbcClient;

		List<String> namesAtStartup;

		ShopNames(JdbcClient jdbcClient) {
			this.jdbcClient = jdbcClient;
		}

		@PostConstruct
		void readNames() {
			this.namesAtStartup = this.jdbcClient.sql("SELECT name FROM shops").query(String.class).list();
		}

	}

	/**
	 * Uses a raw DataSource, so only {@code @DependsOnDatabaseInitialization} orders it.
	 */
	static class ShopCounter {

		final long countAtStartup;

		ShopCounter(DataSource dataSource) {
			this.countAtStartup = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM shops", Long.class);
		}

	}

}
