package dev.hoist.autoconfigure;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.hoist.core.AheadPolicy;
import dev.hoist.core.DatabaseWaiter;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistListener;
import dev.hoist.core.JavaMigration;
import dev.hoist.core.LockMode;
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
		this.contextRunner.withPropertyValues("hoist.mode=off")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DataSource.class)
				.doesNotHaveBean(Hoist.class)
				.doesNotHaveBean(HoistMigrationInitializer.class)
				.doesNotHaveBean(HoistProperties.class));
	}

	@Test
	void waitsForTheApplicationsDatabaseThenRunsTheStrategy() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Hoist.class)
				.hasSingleBean(DatabaseWaiter.class)
				.hasSingleBean(HoistMigrationInitializer.class);
			assertThat(context.getBean(RecordingStrategy.class).calls).containsExactly(context.getBean(Hoist.class));
			HoistDatabase database = context.getBean(HoistDatabase.class);
			assertThat(database.dataSource()).isSameAs(context.getBean(DataSource.class));
			assertThat(database.probe()).isInstanceOf(SimpleDriverDataSource.class);
			assertThat(database.address().describe()).startsWith(this.database.user() + "@" + this.database.host() + ":"
					+ this.database.port() + "/" + this.database.name() + " (spring.datasource.url, ");
		});
	}

	@Test
	void backsOffFromWaitingWhenWaitIsDisabled() {
		this.contextRunner.withPropertyValues("hoist.wait.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(HoistMigrationInitializer.class)
				.doesNotHaveBean(DatabaseWaiter.class));
	}

	@Test
	void appliesProperties() {
		this.contextRunner
			.withPropertyValues("hoist.locations=classpath:hoist/shop,filesystem:/opt/migrations", "hoist.schema=app",
					"hoist.table=history", "hoist.target=2", "hoist.out-of-order=true", "hoist.ahead=fail",
					"hoist.lock.mode=transaction", "hoist.lock.wait-timeout=30s", "hoist.lock-timeout=3",
					"hoist.lock-retries=4", "hoist.installed-by=deployer", "hoist.application-name=orders",
					"hoist.clean-enabled=true")
			.run((context) -> {
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(configuration.getLocations()).containsExactly("classpath:hoist/shop",
						"filesystem:/opt/migrations");
				assertThat(configuration.getSchema()).isEqualTo("app");
				assertThat(configuration.getTable()).isEqualTo("history");
				assertThat(configuration.getTarget()).isEqualTo(MigrationVersion.parse("2"));
				assertThat(configuration.isOutOfOrder()).isTrue();
				assertThat(configuration.getAheadPolicy()).isEqualTo(AheadPolicy.FAIL);
				assertThat(configuration.getLockMode()).isEqualTo(LockMode.TRANSACTION);
				assertThat(configuration.getLockTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(configuration.getDdlLockTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(configuration.getDdlLockRetries()).isEqualTo(4);
				assertThat(configuration.getInstalledBy()).isEqualTo("deployer");
				assertThat(configuration.getApplicationName()).isEqualTo("orders");
				assertThat(configuration.isCleanEnabled()).isTrue();
			});
	}

	@Test
	void appliesWaitProperties() {
		this.contextRunner
			.withPropertyValues("hoist.wait.initial-delay=250ms", "hoist.wait.multiplier=1.5", "hoist.wait.max-delay=4",
					"hoist.wait.timeout=2m")
			.run((context) -> {
				DatabaseWaiter waiter = context.getBean(DatabaseWaiter.class);
				assertThat(waiter.getInitialDelay()).isEqualTo(Duration.ofMillis(250));
				assertThat(waiter.getMultiplier()).isEqualTo(1.5);
				assertThat(waiter.getMaxDelay()).isEqualTo(Duration.ofSeconds(4));
				assertThat(waiter.getTimeout()).isEqualTo(Duration.ofMinutes(2));
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
			assertThat(context).getBean(DatabaseWaiter.class)
				.isSameAs(context.getBean(UserBeansConfiguration.class).waiter);
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
					"hoist.locations=classpath:hoist/none")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(HoistMigrationInitializer.class));
	}

	@Test
	void migratesThroughItsOwnConnectionWithHoistUrl() {
		this.contextRunner
			.withPropertyValues("hoist.url=" + this.database.jdbcUrl() + "?ApplicationName=migrations",
					"hoist.user=" + this.database.user(), "hoist.password=" + this.database.password())
			.run((context) -> {
				HoistDatabase database = context.getBean(HoistDatabase.class);
				assertThat(database.dataSource()).isNotSameAs(context.getBean(DataSource.class))
					.isInstanceOf(SimpleDriverDataSource.class);
				assertThat(((SimpleDriverDataSource) database.dataSource()).getUrl()).endsWith("migrations");
				assertThat(database.address().source()).startsWith("hoist.url from ");
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
				assertThat(context.getBean(HoistDatabase.class).address().database()).isEqualTo(this.database.name());
			});
	}

	@Test
	void migratesAsHoistUserOnTheApplicationsUrl() {
		// the role does not exist: only the wiring is checked here
		this.contextRunner
			.withPropertyValues("hoist.user=schema_owner", "hoist.password=owner-secret", "hoist.wait.enabled=false")
			.run((context) -> {
				HoistDatabase database = context.getBean(HoistDatabase.class);
				SimpleDriverDataSource own = (SimpleDriverDataSource) database.dataSource();
				assertThat(own.getUrl()).isEqualTo(this.database.jdbcUrl());
				assertThat(own.getUsername()).isEqualTo("schema_owner");
				assertThat(database.address().user()).isEqualTo("schema_owner");
				assertThat(database.address().describe()).doesNotContain("owner-secret");
			});
	}

	@Test
	void migratesThroughTheHoistDataSource() {
		this.contextRunner.withUserConfiguration(HoistDataSourceConfiguration.class).run((context) -> {
			HoistDatabase database = context.getBean(HoistDatabase.class);
			assertThat(database.dataSource()).isSameAs(context.getBean("hoistOwnDataSource"));
			assertThat(database.address().source()).contains("@HoistDataSource");
			assertThat(database.address().database()).isEqualTo(this.database.name());
		});
	}

	@Test
	void honoursJdbcConnectionDetails() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HoistAutoConfiguration.class))
			.withUserConfiguration(RecordingStrategyConfiguration.class)
			.withBean(JdbcConnectionDetails.class, () -> new TestConnectionDetails(this.database))
			.run((context) -> {
				HoistDatabase database = context.getBean(HoistDatabase.class);
				assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
				assertThat(database.dataSource()).isSameAs(context.getBean(DataSource.class));
				assertThat(database.address().database()).isEqualTo(this.database.name());
				assertThat(database.address().source()).isEqualTo("service connection TestConnectionDetails");
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

		final DatabaseWaiter waiter = new DatabaseWaiter().withTimeout(Duration.ZERO);

		final HoistMigrationInitializer initializer = new HoistMigrationInitializer(this.hoist, (hoist) -> {
		});

		@Bean
		Hoist userHoist() {
			return this.hoist;
		}

		@Bean
		DatabaseWaiter userWaiter() {
			return this.waiter;
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
