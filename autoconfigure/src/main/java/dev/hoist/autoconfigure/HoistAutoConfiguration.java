package dev.hoist.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.hoist.autoconfigure.env.DatabaseSettingsReport;
import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.SettingNames;
import dev.hoist.core.HoistConfiguration.TenantShard;
import dev.hoist.core.HoistListener;
import dev.hoist.core.JavaMigration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
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
import org.springframework.boot.jdbc.metadata.CompositeDataSourcePoolMetadataProvider;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Hoist: waits for PostgreSQL and
 * migrates it at startup, before any bean that uses the database is created.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ Hoist.class, SimpleDriverDataSource.class })
@Conditional(HoistAutoConfiguration.HoistDataSourceCondition.class)
@EnableConfigurationProperties(HoistProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class HoistAutoConfiguration {

	@Bean
	@Conditional(HoistRunsCondition.class)
	@ConditionalOnBooleanProperty(name = "hoist.fail-on-other-migration-tools", matchIfMissing = true)
	static MigrationToolConflictDetector hoistMigrationToolConflictDetector() {
		return new MigrationToolConflictDetector();
	}

	// migrations run at startup even when every other bean is lazy, and "off" is said
	@Bean
	static LazyInitializationExcludeFilter hoistLazyInitializationExcludeFilter() {
		return LazyInitializationExcludeFilter.forBeanTypes(HoistMigrationInitializer.class, HoistOffNotice.class);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(HoistOffCondition.class)
	static final class HoistOffConfiguration {

		@Bean
		HoistOffNotice hoistOffNotice(Environment environment) {
			return new HoistOffNotice(DatabaseSettingsReport.source(environment, "hoist.mode"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(HoistRunsCondition.class)
	static final class HoistConnectionDetailsConfiguration {

		// hoist.url names Hoist's own database, or hoist.user its own role on the
		// application's; else Hoist follows the application's connection details
		@Bean
		@ConditionalOnMissingBean
		@Conditional(HoistConnectionCondition.class)
		HoistConnectionDetails hoistConnectionDetails(HoistProperties properties, Environment environment,
				ObjectProvider<JdbcConnectionDetails> jdbcConnectionDetails) {
			return new DatabaseResolver(properties, environment)
				.connectionDetails(jdbcConnectionDetails.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(HoistRunsCondition.class)
	static final class HoistMigrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Hoist hoist(HoistProperties properties, Environment environment, ResourceLoader resourceLoader,
				ObjectProvider<HoistConnectionDetails> connectionDetails,
				@HoistDataSource ObjectProvider<DataSource> hoistDataSource, ObjectProvider<DataSource> dataSource,
				ObjectProvider<HoistConfigurationCustomizer> customizers, ObjectProvider<JavaMigration> javaMigrations,
				ObjectProvider<HoistListener> listeners, ObjectProvider<HoistTenants> tenants,
				ObjectProvider<DataSourcePoolMetadataProvider> poolMetadata) {
			HoistConfiguration configuration = Hoist.configure().settingNames(SettingNames.SPRING_BOOT);
			DataSource pool = hoistDataSource.getIfAvailable(dataSource::getIfUnique);
			new DatabaseResolver(properties, environment).apply(configuration, hoistDataSource.getIfAvailable(),
					connectionDetails.getIfAvailable(), dataSource.getIfUnique());
			configuration.classLoader(resourceLoader.getClassLoader())
				.listeners(listeners.orderedStream().toArray(HoistListener[]::new))
				.javaMigrations(javaMigrations.orderedStream().toArray(JavaMigration[]::new));
			map(properties, configuration);
			mapTenants(properties.getTenants(), configuration, tenants.getIfAvailable(),
					(pool != null) ? poolSize(pool, poolMetadata) : null);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(configuration));
			return configuration.load();
		}

		// every hoist.* setting reaches the configuration here, and only here. Plain
		// calls
		// rather than PropertyMapper's method references: each reference is a class the
		// JVM
		// spins on first use, about 60 of them on every start (docs/startup.md)
		static void map(HoistProperties properties, HoistConfiguration configuration) {
			configuration.locations(properties.getLocations().toArray(new String[0]));
			if (properties.getSchema() != null) {
				configuration.schema(properties.getSchema());
			}
			configuration.table(properties.getTable());
			if (properties.getTarget() != null) {
				configuration.target(properties.getTarget());
			}
			configuration.outOfOrder(properties.isOutOfOrder());
			configuration.aheadPolicy(properties.getAhead());
			HoistProperties.Lock lock = properties.getLock();
			configuration.lockMode(lock.getMode());
			configuration.lockWaitTimeout(lock.getWaitTimeout());
			configuration.lostHolderTimeout(lock.getLostHolderTimeout());
			if (properties.getDdlLockTimeout() != null) {
				configuration.ddlLockTimeout(properties.getDdlLockTimeout());
			}
			configuration.ddlLockRetries(properties.getDdlLockRetries());
			HoistProperties.Wait wait = properties.getWait();
			if (wait.isEnabled()) {
				configuration.waitTimeout(wait.getTimeout());
			}
			configuration.waitInitialDelay(wait.getInitialDelay());
			configuration.waitMultiplier(wait.getMultiplier());
			configuration.waitMaxDelay(wait.getMaxDelay());
			configuration.connectTimeout(properties.getConnectTimeout());
			if (properties.getInstalledBy() != null) {
				configuration.installedBy(properties.getInstalledBy());
			}
			if (properties.getApplicationName() != null) {
				configuration.applicationName(properties.getApplicationName());
			}
			configuration.cleanEnabled(properties.isCleanEnabled());
			configuration.safetyMode(properties.getSafety().getMode());
			configuration.maxLockedRows(properties.getSafety().getMaxLockedRows());
			configuration.cleanMaxRows(properties.getCleanMaxRows());
			HoistProperties.Shadow shadow = properties.getShadow();
			if (StringUtils.hasText(shadow.getUrl())) {
				configuration.shadowUrl(shadow.getUrl(), shadow.getUser(), shadow.getPassword());
			}
			configuration.dropUnmappedTables(properties.getGenerate().isDropUnmappedTables());
		}

		// the tenants come from one place: a list, a query, or a bean
		static void mapTenants(HoistProperties.Tenants tenants, HoistConfiguration configuration,
				@Nullable HoistTenants bean, @Nullable Integer poolSize) {
			if (!tenants.isEnabled()) {
				return;
			}
			List<String> sources = new ArrayList<>();
			if (!tenants.getSchemas().isEmpty()) {
				sources.add("hoist.tenants.schemas");
				configuration.tenantSchemas(tenants.getSchemas());
			}
			if (!tenants.getDatabases().isEmpty()) {
				sources.add("hoist.tenants.databases");
				configuration.tenantDatabases(tenants.getDatabases());
			}
			if (StringUtils.hasText(tenants.getQuery())) {
				sources.add("hoist.tenants.query");
				configuration.tenantsQuery(tenants.getQuery(), tenants.getKind());
			}
			if (bean != null) {
				sources.add("a HoistTenants bean (" + bean.getClass().getName() + ")");
				configuration.tenants(bean.kind(), bean::names);
			}
			if (sources.size() > 1) {
				throw new IllegalStateException("Hoist's tenants come from one place, but "
						+ String.join(" and ", sources) + " are all set: keep one");
			}
			if (sources.isEmpty()) {
				if (tenants.getShard() != null) {
					throw new IllegalStateException("hoist.tenants.shard is set but no tenants are: set"
							+ " hoist.tenants.schemas, hoist.tenants.databases or hoist.tenants.query");
				}
				return;
			}
			Integer parallelism = (tenants.getParallelism() != null) ? tenants.getParallelism() : poolSize;
			if (parallelism != null) {
				configuration.tenantParallelism(parallelism);
			}
			configuration.tenantCanary(tenants.getCanary()).tenantFailurePolicy(tenants.getOnFailure());
			if (StringUtils.hasText(tenants.getShard())) {
				try {
					configuration.tenantShard(TenantShard.parse(tenants.getShard()));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException("hoist.tenants.shard: " + ex.getMessage(), ex);
				}
			}
		}

		// tenants migrate on at most as many connections as the application's pool holds
		private static @Nullable Integer poolSize(DataSource dataSource,
				ObjectProvider<DataSourcePoolMetadataProvider> poolMetadata) {
			DataSourcePoolMetadata metadata = new CompositeDataSourcePoolMetadataProvider(
					poolMetadata.orderedStream().toList())
				.getDataSourcePoolMetadata(dataSource);
			Integer max = (metadata != null) ? metadata.getMax() : null;
			return (max != null && max > 0) ? max : null;
		}

		@Bean
		@ConditionalOnMissingBean
		HoistMigrationInitializer hoistMigrationInitializer(Hoist hoist, HoistProperties properties,
				ObjectProvider<HoistMigrationStrategy> strategy) {
			// in command mode the command runs instead of the startup migration
			HoistMigrationStrategy chosen = StringUtils.hasText(properties.getCommand()) ? (ignored) -> {
			} : strategy.getIfAvailable(() -> defaultStrategy(properties));
			return new HoistMigrationInitializer(hoist, chosen);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnProperty("hoist.drift.check-interval")
		DriftCheck hoistDriftCheck(Hoist hoist, HoistProperties properties) {
			Duration interval = properties.getDrift().getCheckInterval();
			return new DriftCheck(hoist, (interval != null) ? interval : Duration.ofHours(1));
		}

		private static HoistMigrationStrategy defaultStrategy(HoistProperties properties) {
			if (properties.getMode() == HoistProperties.Mode.VALIDATE) {
				return new ValidateAtHeadStrategy(properties.getValidateTimeout());
			}
			return new MigrateAtStartupStrategy();
		}

	}

	/**
	 * Finds where Hoist migrates, saying where each setting came from: its connection
	 * details, from {@code hoist.url} or {@code hoist.user} and the application's JDBC
	 * connection details; then what it migrates through: a {@code @HoistDataSource} bean,
	 * else connections of its own from those details, else the application's
	 * {@code DataSource} bean.
	 */
	static final class DatabaseResolver {

		private final HoistProperties properties;

		private final Environment environment;

		DatabaseResolver(HoistProperties properties, Environment environment) {
			this.properties = properties;
			this.environment = environment;
		}

		HoistConnectionDetails connectionDetails(@Nullable JdbcConnectionDetails application) {
			String url = this.properties.getUrl();
			String user = this.properties.getUser();
			String password = this.properties.getPassword();
			if (url != null) {
				return new PropertiesHoistConnectionDetails(url, user, password, source("hoist.url"));
			}
			if (application == null) {
				throw new IllegalStateException(
						"Hoist's connection details need hoist.url or the application's JDBC connection details");
			}
			if (user != null) {
				return new PropertiesHoistConnectionDetails(application.getJdbcUrl(), user, password,
						source("hoist.user") + "; URL " + sourceOf(application));
			}
			return new PropertiesHoistConnectionDetails(application.getJdbcUrl(), application.getUsername(),
					application.getPassword(), sourceOf(application));
		}

		private String source(String property) {
			return DatabaseSettingsReport.source(this.environment, property);
		}

		private String sourceOf(JdbcConnectionDetails details) {
			// a service connection (Testcontainers, Docker Compose) knows its origin
			if (details instanceof OriginProvider provider && provider.getOrigin() != null) {
				return "service connection " + provider.getOrigin();
			}
			// details that carry spring.datasource.url came from the environment: say
			// where (DATABASE_URL from .env.local, ...)
			DatabaseSettings settings = DatabaseSettingsReport.from(this.environment);
			DatabaseSettings.Setting url = settings.url();
			if (url != null && url.value().equals(details.getJdbcUrl())) {
				return settings.sources();
			}
			return "connection details " + details.getClass().getSimpleName();
		}

		void apply(HoistConfiguration configuration, @Nullable DataSource hoistDataSource,
				@Nullable HoistConnectionDetails connectionDetails, @Nullable DataSource dataSource) {
			if (hoistDataSource != null) {
				useDataSource(configuration, hoistDataSource, "the @HoistDataSource bean");
				return;
			}
			if (dataSource instanceof EmbeddedDatabase embedded && this.properties.getUrl() == null) {
				// a test slice swapped the service's PostgreSQL for H2, HSQLDB or Derby:
				// migrating spring.datasource.url instead would change a database the
				// test never uses
				throw embeddedDatabase(embedded);
			}
			if (connectionDetails != null && (dataSource == null || this.properties.getUrl() != null
					|| isPostgresUrl(connectionDetails.getJdbcUrl()))) {
				configuration
					.url(connectionDetails.getJdbcUrl(), connectionDetails.getUsername(),
							connectionDetails.getPassword())
					.databaseSource(connectionDetails.getSource());
			}
			else if (dataSource != null) {
				SimpleDriverDataSource derived = derive(dataSource);
				String user = this.properties.getUser();
				if (user != null && derived != null && derived.getUrl() != null) {
					// a role of Hoist's own on the application's database
					configuration.url(derived.getUrl(), user, this.properties.getPassword())
						.databaseSource(DatabaseSettingsReport.source(this.environment, "hoist.user")
								+ "; URL of the application's DataSource bean");
				}
				else {
					// a driver wrapper Hoist cannot connect through itself: use the pool
					useDataSource(configuration, dataSource, "the application's DataSource bean");
				}
			}
			else {
				throw new IllegalStateException("Hoist found no DataSource to migrate: define one or set hoist.url");
			}
		}

		private static InvalidSetupException embeddedDatabase(EmbeddedDatabase dataSource) {
			String product;
			try (Connection connection = dataSource.getConnection()) {
				product = connection.getMetaData().getDatabaseProductName();
			}
			catch (SQLException ex) {
				product = "embedded";
			}
			return new InvalidSetupException(
					"Hoist migrates PostgreSQL, but the application's DataSource is an embedded " + product
							+ " database. A test slice (@JdbcTest, @DataJpaTest, @DataJdbcTest) replaces the"
							+ " DataSource with an embedded one when its @AutoConfigureTestDatabase finds H2, HSQLDB or Derby"
							+ " on the classpath. Hoist migrated nothing.",
					"Test against PostgreSQL: annotate the test with @AutoConfigureTestDatabase(replace = Replace.NONE)"
							+ " and give it a PostgreSQL database (spring.datasource.url, or a Testcontainers"
							+ " @ServiceConnection, which the default replace = NON_TEST keeps). Or, if these tests must"
							+ " run on the embedded database, set hoist.mode=off for them and let Hibernate create"
							+ " their schema.");
		}

		private static boolean isPostgresUrl(String url) {
			return url.startsWith("jdbc:postgresql:") || url.startsWith("postgres://")
					|| url.startsWith("postgresql://");
		}

		private static void useDataSource(HoistConfiguration configuration, DataSource dataSource, String what) {
			String source = what + " (" + dataSource.getClass().getSimpleName() + ")";
			SimpleDriverDataSource derived = derive(dataSource);
			if (derived != null && derived.getUrl() != null) {
				configuration.dataSource(dataSource, derived.getUrl(), derived.getUsername());
			}
			else {
				configuration.dataSource(dataSource);
			}
			configuration.databaseSource(source);
		}

		// Boot knows how to read the URL and user of the pools it supports
		private static @Nullable SimpleDriverDataSource derive(DataSource dataSource) {
			try {
				return DataSourceBuilder.derivedFrom(dataSource).type(SimpleDriverDataSource.class).build();
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

	/**
	 * Connection details from {@code hoist.*} properties or adapted from the
	 * application's.
	 */
	static final class PropertiesHoistConnectionDetails implements HoistConnectionDetails {

		private final String url;

		private final @Nullable String username;

		private final @Nullable String password;

		private final String source;

		PropertiesHoistConnectionDetails(String url, @Nullable String username, @Nullable String password,
				String source) {
			this.url = url;
			this.username = username;
			this.password = password;
			this.source = source;
		}

		@Override
		public String getJdbcUrl() {
			return this.url;
		}

		@Override
		public @Nullable String getUsername() {
			return this.username;
		}

		@Override
		public @Nullable String getPassword() {
			return this.password;
		}

		@Override
		public String getSource() {
			return this.source;
		}

		@Override
		public String toString() {
			// never the password
			return "HoistConnectionDetails[" + DatabaseSettings.mask(this.url) + " (" + this.source + ")]";
		}

	}

	// a URL of Hoist's own, or a role of its own on the application's database
	static final class HoistConnectionCondition extends AnyNestedCondition {

		HoistConnectionCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("hoist.url")
		private static final class HoistUrlCondition {

		}

		@ConditionalOnBean(JdbcConnectionDetails.class)
		private static final class JdbcConnectionDetailsCondition {

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

	/**
	 * Says once, at startup, that Hoist is off and why.
	 */
	static final class HoistOffNotice implements InitializingBean {

		private static final Log logger = LogFactory.getLog(HoistOffNotice.class);

		private final String source;

		HoistOffNotice(String source) {
			this.source = source;
		}

		@Override
		public void afterPropertiesSet() {
			logger.info("Hoist is off (hoist.mode=off, " + this.source
					+ "): it neither migrates nor checks the database at startup; the 'migrations' health"
					+ " contributor reports state 'off'");
		}

	}

	// Hoist runs at startup unless hoist.mode=off; a command runs whatever the mode
	static final class HoistRunsCondition extends AnyNestedCondition {

		HoistRunsCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnProperty("hoist.command")
		private static final class CommandCondition {

		}

		@Conditional(ModeNotOffCondition.class)
		private static final class ModeNotOff {

		}

	}

	static final class HoistOffCondition extends NoneNestedConditions {

		HoistOffCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@Conditional(HoistRunsCondition.class)
		private static final class Runs {

		}

	}

	static final class ModeNotOffCondition extends NoneNestedConditions {

		ModeNotOffCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnProperty(name = "hoist.mode", havingValue = "off")
		private static final class ModeOffCondition {

		}

	}

}
