package dev.hoist.autoconfigure;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistListener;
import dev.hoist.core.JavaMigration;
import dev.hoist.core.MigrationVersion;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link HoistAutoConfiguration}. The migration strategy is replaced with one
 * that records the call, so these tests check which beans exist and how they are built.
 */
@PostgresTest
class HoistAutoConfigurationTests {

	private ApplicationContextRunner contextRunner;

	private TestDatabase database;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HoistAutoConfiguration.class))
			.withUserConfiguration(RecordingStrategyConfiguration.class)
			.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
					"spring.datasource.username=" + database.user(),
					"spring.datasource.password=" + database.password());
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HoistAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Hoist.class)
				.doesNotHaveBean(HoistMigrationInitializer.class));
	}

	@Test
	void backsOffWhenModeIsOff() {
		// the properties stay, for the health contributor that reports 'off' and for a
		// command, which runs whatever the mode
		this.contextRunner.withPropertyValues("hoist.mode=off")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DataSource.class)
				.doesNotHaveBean(Hoist.class)
				.doesNotHaveBean(HoistMigrationInitializer.class)
				.hasSingleBean(HoistProperties.class)
				.hasSingleBean(HoistAutoConfiguration.HoistOffNotice.class));
	}

	@Test
	void waitsForTheApplicationsDatabaseThenRunsTheStrategy() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Hoist.class)
				.hasSingleBean(HoistConnectionDetails.class)
				.hasSingleBean(HoistMigrationInitializer.class);
			assertThat(context.getBean(RecordingStrategy.class).calls).containsExactly(context.getBean(Hoist.class));
			HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
			// its own connections to the application's database, never the pool's
			assertThat(configuration.getDataSource()).isNotSameAs(context.getBean(DataSource.class));
			assertThat(configuration.getUrl()).isEqualTo(this.database.jdbcUrl());
			assertThat(configuration.getWaitTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(configuration.getDatabase().describe())
				.startsWith(this.database.user() + "@" + this.database.host() + ":" + this.database.port() + "/"
						+ this.database.name() + " (spring.datasource.url, ");
		});
	}

	@Test
	void backsOffFromWaitingWhenWaitIsDisabled() {
		this.contextRunner.withPropertyValues("hoist.wait.enabled=false")
			.run((context) -> assertThat(context.getBean(Hoist.class).configuration().getWaitTimeout()).isZero());
	}

	@Test
	void appliesProperties() {
		this.contextRunner
			.withPropertyValues("hoist.locations=classpath:hoist/shop,filesystem:/opt/migrations", "hoist.schema=app",
					"hoist.table=history", "hoist.target=2", "hoist.out-of-order=true", "hoist.ahead=fail",
					"hoist.lock.mode=transaction", "hoist.lock.wait-timeout=30s", "hoist.ddl-lock-timeout=3",
					"hoist.ddl-lock-retries=4", "hoist.installed-by=deployer", "hoist.application-name=orders",
					"hoist.clean-enabled=true")
			.run((context) -> {
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(configuration.getLocations()).containsExactly("classpath:hoist/shop",
						"filesystem:/opt/migrations");
				assertThat(configuration.getSchema()).isEqualTo("app");
				assertThat(configuration.getTable()).isEqualTo("history");
				assertThat(configuration.getTarget()).isEqualTo(MigrationVersion.parse("2"));
				assertThat(configuration.isOutOfOrder()).isTrue();
				assertThat(configuration.getAheadPolicy()).isEqualTo(HoistConfiguration.AheadPolicy.FAIL);
				assertThat(configuration.getLockMode()).isEqualTo(HoistConfiguration.LockMode.TRANSACTION);
				assertThat(configuration.getLockWaitTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(configuration.getDdlLockTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(configuration.getDdlLockRetries()).isEqualTo(4);
				assertThat(configuration.getInstalledBy()).isEqualTo("deployer");
				assertThat(configuration.getApplicationName()).isEqualTo("orders");
				assertThat(configuration.isCleanEnabled()).isTrue();
			});
	}

	@Test
	void appliesSafetyProperties() {
		this.contextRunner.withPropertyValues("hoist.safety.mode=fail", "hoist.safety.max-locked-rows=5000")
			.run((context) -> {
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(configuration.getSafetyMode()).isEqualTo(HoistConfiguration.SafetyMode.FAIL);
				assertThat(configuration.getMaxLockedRows()).isEqualTo(5000);
			});
	}

	@Test
	void appliesShadowProperties() {
		this.contextRunner
			.withPropertyValues("hoist.shadow.url=postgres://builder:SECRET@shadow.internal:5433/scratch",
					"hoist.shadow.user=planner")
			.run((context) -> {
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(configuration.getShadowDataSource()).isNotNull();
				assertThat(configuration.getShadowDatabase())
					.hasToString("planner@shadow.internal:5433/scratch (hoist.shadow.url or HOIST_SHADOW_URL)");
			});
	}

	@Test
	void appliesWaitProperties() {
		this.contextRunner
			.withPropertyValues("hoist.wait.initial-delay=250ms", "hoist.wait.multiplier=1.5", "hoist.wait.max-delay=4",
					"hoist.wait.timeout=2m")
			.run((context) -> {
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(configuration.getWaitInitialDelay()).isEqualTo(Duration.ofMillis(250));
				assertThat(configuration.getWaitMultiplier()).isEqualTo(1.5);
				assertThat(configuration.getWaitMaxDelay()).isEqualTo(Duration.ofSeconds(4));
				assertThat(configuration.getWaitTimeout()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void picksUpCustomizersJavaMigrationsAndListenersInOrder() {
		this.contextRunner.withUserConfiguration(ExtensionsConfiguration.class).run((context) -> {
			HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
			assertThat(configuration.getTable()).isEqualTo("second");
			assertThat(configuration.getJavaMigrations()).containsExactly(context.getBean(JavaMigration.class));
			assertThat(configuration.getListeners()).containsExactly(context.getBean(HoistListener.class));
		});
	}

	@Test
	void userBeansReplaceHoists() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).getBean(Hoist.class).isSameAs(context.getBean(UserBeansConfiguration.class).hoist);
			assertThat(context).getBean(HoistConnectionDetails.class)
				.isSameAs(context.getBean(UserBeansConfiguration.class).connectionDetails);
			assertThat(context).getBean(HoistMigrationInitializer.class)
				.isSameAs(context.getBean(UserBeansConfiguration.class).initializer);
			assertThat(context.getBean(RecordingStrategy.class).calls).isEmpty();
		});
	}

	@Test
	void validateModeWaitsForTheHeadByDefault() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HoistAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + this.database.jdbcUrl(),
					"spring.datasource.username=" + this.database.user(), "hoist.mode=validate",
					"hoist.locations=optional:classpath:hoist/none")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(HoistMigrationInitializer.class));
	}

	@Test
	void migratesThroughItsOwnConnectionWithHoistUrl() {
		this.contextRunner
			.withPropertyValues("hoist.url=" + this.database.jdbcUrl() + "?ApplicationName=migrations",
					"hoist.user=" + this.database.user(), "hoist.password=" + this.database.password())
			.run((context) -> {
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(configuration.getDataSource()).isNotSameAs(context.getBean(DataSource.class));
				assertThat(configuration.getUrl()).endsWith("migrations");
				assertThat(configuration.getDatabase().source()).startsWith("hoist.url from ");
			});
	}

	@Test
	void migratesWithHoistUrlAloneWhenTheApplicationHasNoDataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HoistAutoConfiguration.class))
			.withUserConfiguration(RecordingStrategyConfiguration.class)
			.withPropertyValues("hoist.url=" + this.database.jdbcUrl(), "hoist.user=" + this.database.user())
			.run((context) -> {
				assertThat(context).hasSingleBean(Hoist.class).doesNotHaveBean("dataSource");
				assertThat(context.getBean(RecordingStrategy.class).calls).hasSize(1);
				assertThat(context.getBean(Hoist.class).configuration().getDatabase().database())
					.isEqualTo(this.database.name());
			});
	}

	@Test
	void migratesAsHoistUserOnTheApplicationsUrl() {
		// the role does not exist: only the wiring is checked here
		this.contextRunner
			.withPropertyValues("hoist.user=schema_owner", "hoist.password=owner-secret", "hoist.wait.enabled=false")
			.run((context) -> {
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(configuration.getUrl()).isEqualTo(this.database.jdbcUrl());
				assertThat(context.getBean(HoistConnectionDetails.class).getUsername()).isEqualTo("schema_owner");
				assertThat(configuration.getDatabase().user()).isEqualTo("schema_owner");
				assertThat(configuration.getDatabase().describe()).doesNotContain("owner-secret");
				assertThat(context.getBean(HoistConnectionDetails.class).toString()).doesNotContain("owner-secret");
			});
	}

	@Test
	void migratesThroughTheHoistDataSource() {
		this.contextRunner.withUserConfiguration(HoistDataSourceConfiguration.class).run((context) -> {
			HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
			assertThat(configuration.getDataSource()).isSameAs(context.getBean("hoistOwnDataSource"));
			assertThat(configuration.getDatabase().source()).contains("@HoistDataSource");
			assertThat(configuration.getDatabase().database()).isEqualTo(this.database.name());
		});
	}

	@Test
	void honoursJdbcConnectionDetails() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HoistAutoConfiguration.class))
			.withUserConfiguration(RecordingStrategyConfiguration.class)
			.withBean(JdbcConnectionDetails.class, () -> new TestConnectionDetails(this.database))
			.run((context) -> {
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
				assertThat(configuration.getUrl()).isEqualTo(this.database.jdbcUrl());
				assertThat(configuration.getDatabase().database()).isEqualTo(this.database.name());
				assertThat(configuration.getDatabase().source()).isEqualTo("connection details TestConnectionDetails");
			});
	}

	@Test
	void refusesToStartNextToFlywaysAutoConfiguration() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(MigrationToolConflictException.class)
				.hasMessageContaining("Hoist and Flyway (bean 'flyway') would both migrate"));
	}

	@Test
	void startsNextToFlywayWhenFlywayIsDisabledOrTheCheckIsOff() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.withPropertyValues("spring.flyway.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Hoist.class));
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.withPropertyValues("hoist.fail-on-other-migration-tools=false")
			.withBean(FlywayMigrationStrategy.class, () -> (flyway) -> {
			})
			.run((context) -> assertThat(context).hasSingleBean(Hoist.class)
				.getBean(RecordingStrategy.class)
				.satisfies((strategy) -> assertThat(strategy.calls).hasSize(1)));
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingStrategyConfiguration {

		@Bean
		RecordingStrategy recordingStrategy() {
			return new RecordingStrategy();
		}

	}

	static class RecordingStrategy implements HoistMigrationStrategy {

		final List<Hoist> calls = new ArrayList<>();

		@Override
		public void migrate(Hoist hoist) {
			this.calls.add(hoist);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExtensionsConfiguration {

		@Bean
		@Order(2)
		HoistConfigurationCustomizer second() {
			return (configuration) -> configuration.table("second");
		}

		@Bean
		@Order(1)
		HoistConfigurationCustomizer first() {
			return (configuration) -> configuration.table("first");
		}

		@Bean
		JavaMigration backfill() {
			return new V3__Backfill();
		}

		@Bean
		HoistListener listener() {
			return new HoistListener() {
			};
		}

	}

	static class V3__Backfill implements JavaMigration {

		@Override
		public void up(Connection connection) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		final Hoist hoist = Hoist.configure().url("jdbc:postgresql://localhost/users_own", null, null).load();

		final HoistConnectionDetails connectionDetails = new HoistAutoConfiguration.PropertiesHoistConnectionDetails(
				"jdbc:postgresql://localhost/users_own", null, null, "the test");

		final HoistMigrationInitializer initializer = new HoistMigrationInitializer(this.hoist, (hoist) -> {
		});

		@Bean
		Hoist userHoist() {
			return this.hoist;
		}

		@Bean
		HoistConnectionDetails userConnectionDetails() {
			return this.connectionDetails;
		}

		@Bean
		HoistMigrationInitializer userInitializer() {
			return this.initializer;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HoistDataSourceConfiguration {

		@Bean
		@HoistDataSource
		DataSource hoistOwnDataSource(Environment environment) {
			return DataSourceBuilder.create()
				.type(SimpleDriverDataSource.class)
				.url(environment.getProperty("spring.datasource.url"))
				.username(environment.getProperty("spring.datasource.username"))
				.build();
		}

		@Bean
		@Primary
		DataSource applicationDataSource(Environment environment) {
			return DataSourceBuilder.create()
				.url(environment.getProperty("spring.datasource.url"))
				.username(environment.getProperty("spring.datasource.username"))
				.build();
		}

	}

	record TestConnectionDetails(TestDatabase database) implements JdbcConnectionDetails {

		@Override
		public String getUsername() {
			return this.database.user();
		}

		@Override
		public String getPassword() {
			return this.database.password();
		}

		@Override
		public String getJdbcUrl() {
			return this.database.jdbcUrl();
		}

	}

}
