package dev.hoist.autoconfigure;

import javax.sql.DataSource;

import dev.hoist.autoconfigure.env.DatabaseSettingsReport;
import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.DatabaseWaiter;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistListener;
import dev.hoist.core.JavaMigration;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Hoist: waits for PostgreSQL and
 * migrates it at startup, before any bean that uses the database is created.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ Hoist.class, SimpleDriverDataSource.class })
@Conditional({ HoistAutoConfiguration.HoistDataSourceCondition.class,
		HoistAutoConfiguration.HoistNotOffCondition.class })
@EnableConfigurationProperties(HoistProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class HoistAutoConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "hoist.fail-on-other-migration-tools", matchIfMissing = true)
	static MigrationToolConflictDetector hoistMigrationToolConflictDetector() {
		return new MigrationToolConflictDetector();
	}

	// migrations run at startup even when every other bean is lazy
	@Bean
	static LazyInitializationExcludeFilter hoistLazyInitializationExcludeFilter() {
		return LazyInitializationExcludeFilter.forBeanTypes(HoistMigrationInitializer.class);
	}

	@Configuration(proxyBeanMethods = false)
	static final class HoistDatabaseConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HoistDatabase hoistDatabase(HoistProperties properties, Environment environment, ResourceLoader resourceLoader,
				ObjectProvider<DataSource> dataSource, @HoistDataSource ObjectProvider<DataSource> hoistDataSource,
				ObjectProvider<JdbcConnectionDetails> connectionDetails) {
			return new DatabaseResolver(properties, environment, resourceLoader.getClassLoader()).resolve(
					hoistDataSource.getIfAvailable(), dataSource.getIfUnique(), connectionDetails.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static final class HoistMigrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Hoist hoist(HoistProperties properties, HoistDatabase database, ResourceLoader resourceLoader,
				ObjectProvider<HoistConfigurationCustomizer> customizers, ObjectProvider<JavaMigration> javaMigrations,
				ObjectProvider<HoistListener> listeners) {
			HoistConfiguration configuration = Hoist.configure()
				.dataSource(database.dataSource())
				.classLoader(resourceLoader.getClassLoader())
				.locations(properties.getLocations().toArray(new String[0]))
				.schema(properties.getSchema())
				.table(properties.getTable())
				.target(properties.getTarget())
				.outOfOrder(properties.isOutOfOrder())
				.aheadPolicy(properties.getAhead())
				.lockMode(properties.getLock().getMode())
				.lockTimeout(properties.getLock().getWaitTimeout())
				.ddlLockTimeout(properties.getLockTimeout())
				.ddlLockRetries(properties.getLockRetries())
				.installedBy(properties.getInstalledBy())
				.cleanEnabled(properties.isCleanEnabled())
				.listeners(listeners.orderedStream().toArray(HoistListener[]::new))
				.javaMigrations(javaMigrations.orderedStream().toArray(JavaMigration[]::new));
			if (properties.getApplicationName() != null) {
				configuration.applicationName(properties.getApplicationName());
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(configuration));
			return configuration.load();
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "hoist.wait.enabled", matchIfMissing = true)
		DatabaseWaiter hoistDatabaseWaiter(HoistProperties properties, ObjectProvider<HoistListener> listeners) {
			HoistProperties.Wait wait = properties.getWait();
			return new DatabaseWaiter().withInitialDelay(wait.getInitialDelay())
				.withMultiplier(wait.getMultiplier())
				.withMaxDelay(wait.getMaxDelay())
				.withTimeout(wait.getTimeout())
				.withListeners(listeners.orderedStream().toList());
		}

		@Bean
		@ConditionalOnMissingBean
		HoistMigrationInitializer hoistMigrationInitializer(Hoist hoist, HoistDatabase database,
				HoistProperties properties, ObjectProvider<DatabaseWaiter> waiter,
				ObjectProvider<HoistMigrationStrategy> strategy) {
			// in command mode the command runs instead of the startup migration
			HoistMigrationStrategy chosen = StringUtils.hasText(properties.getCommand()) ? (ignored) -> {
			} : strategy.getIfAvailable(() -> defaultStrategy(properties));
			return new HoistMigrationInitializer(hoist, chosen, database, waiter.getIfAvailable());
		}

		private static HoistMigrationStrategy defaultStrategy(HoistProperties properties) {
			if (properties.getMode() == HoistProperties.Mode.VALIDATE) {
				return new ValidateAtHeadStrategy(properties.getValidateTimeout());
			}
			return Hoist::migrate;
		}

	}

	/**
	 * Finds the database to migrate: a {@code @HoistDataSource} bean, then
	 * {@code hoist.url}, then the application's database (with {@code hoist.user} when
	 * set), and says where each setting came from.
	 */
	static final class DatabaseResolver {

		private final HoistProperties properties;

		private final Environment environment;

		private final @Nullable ClassLoader classLoader;

		DatabaseResolver(HoistProperties properties, Environment environment, @Nullable ClassLoader classLoader) {
			this.properties = properties;
			this.environment = environment;
			this.classLoader = classLoader;
		}

		HoistDatabase resolve(@Nullable DataSource hoistDataSource, @Nullable DataSource dataSource,
				@Nullable JdbcConnectionDetails connectionDetails) {
			if (hoistDataSource != null) {
				return new HoistDatabase(hoistDataSource, unpooled(hoistDataSource),
						addressOf(hoistDataSource, "the @HoistDataSource bean"));
			}
			String url = this.properties.getUrl();
			String user = this.properties.getUser();
			if (url != null) {
				DataSource own = driverDataSource(url, user, this.properties.getPassword());
				return new HoistDatabase(own, own,
						DatabaseAddress.fromJdbcUrl(url, user, SettingSource.describe(this.environment, "hoist.url")));
			}
			if (user != null) {
				String applicationUrl = (connectionDetails != null) ? connectionDetails.getJdbcUrl()
						: (dataSource != null) ? urlOf(dataSource) : null;
				if (applicationUrl == null) {
					throw new IllegalStateException(
							"hoist.user is set but the application's JDBC URL is unknown:" + " set hoist.url as well");
				}
				DataSource own = driverDataSource(applicationUrl, user, this.properties.getPassword());
				String source = SettingSource.describe(this.environment, "hoist.user") + "; URL "
						+ ((connectionDetails != null) ? sourceOf(connectionDetails)
								: "of the application's DataSource");
				return new HoistDatabase(own, own, DatabaseAddress.fromJdbcUrl(applicationUrl, user, source));
			}
			if (connectionDetails != null) {
				String detailsUrl = connectionDetails.getJdbcUrl();
				DataSource probe = driverDataSource(detailsUrl, connectionDetails.getUsername(),
						connectionDetails.getPassword());
				DatabaseAddress address = DatabaseAddress.fromJdbcUrl(detailsUrl, connectionDetails.getUsername(),
						sourceOf(connectionDetails));
				return new HoistDatabase((dataSource != null) ? dataSource : probe, probe, address);
			}
			if (dataSource == null) {
				throw new IllegalStateException("Hoist found no DataSource to migrate: define one or set hoist.url");
			}
			return new HoistDatabase(dataSource, unpooled(dataSource),
					addressOf(dataSource, "the application's DataSource bean"));
		}

		private String sourceOf(JdbcConnectionDetails connectionDetails) {
			if (connectionDetails.getClass().getSimpleName().equals("PropertiesJdbcConnectionDetails")) {
				// DATABASE_URL from .env.local, SPRING_DATASOURCE_URL from environment,
				// ...
				return DatabaseSettingsReport.from(this.environment).sources();
			}
			// a service connection: Testcontainers' @ServiceConnection or Docker Compose
			return "service connection " + connectionDetails.getClass().getSimpleName();
		}

		private DataSource driverDataSource(String url, @Nullable String user, @Nullable String password) {
			return DataSourceBuilder.create(this.classLoader)
				.type(SimpleDriverDataSource.class)
				.url(url)
				.username(user)
				.password(password)
				.build();
		}

		private DataSource unpooled(DataSource dataSource) {
			try {
				return DataSourceBuilder.derivedFrom(dataSource).type(SimpleDriverDataSource.class).build();
			}
			catch (RuntimeException ex) {
				// an unknown kind of data source: wait on it as it is
				return dataSource;
			}
		}

		private static DatabaseAddress addressOf(DataSource dataSource, String what) {
			String url = urlOf(dataSource);
			String user = property(dataSource, "username", "user");
			String source = what + " (" + dataSource.getClass().getSimpleName() + ")";
			return (url != null) ? DatabaseAddress.fromJdbcUrl(url, user, source)
					: DatabaseAddress.unknown(user, source);
		}

		private static @Nullable String urlOf(DataSource dataSource) {
			return property(dataSource, "jdbcUrl", "url", "URL");
		}

		private static @Nullable String property(Object target, String... names) {
			BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(target);
			for (String name : names) {
				try {
					if (wrapper.isReadableProperty(name) && wrapper.getPropertyValue(name) instanceof String value) {
						return value;
					}
				}
				catch (RuntimeException ex) {
					// not readable on this kind of data source; try the next name
				}
			}
			return null;
		}

	}

	static final class HoistDataSourceCondition extends AnyNestedCondition {

		HoistDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnBean(JdbcConnectionDetails.class)
		private static final class JdbcConnectionDetailsCondition {

		}

		@ConditionalOnProperty("hoist.url")
		private static final class HoistUrlCondition {

		}

	}

	static final class HoistNotOffCondition extends NoneNestedConditions {

		HoistNotOffCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnProperty(name = "hoist.mode", havingValue = "off")
		private static final class ModeOffCondition {

		}

	}

}
