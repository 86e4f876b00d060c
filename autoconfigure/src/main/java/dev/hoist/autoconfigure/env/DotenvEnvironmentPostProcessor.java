package dev.hoist.autoconfigure.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Loads {@code .env} files from the working directory (or {@code hoist.dotenv.directory})
 * as environment variables ranked below the real environment and above
 * {@code application*.yml}, highest first:
 * <ol>
 * <li>{@code .env.{profile}.local}</li>
 * <li>{@code .env.local}, skipped in tests so that they never run against a developer's
 * own database: when the {@code test} profile is active, and when the application starts
 * under a test framework, which is decided as Spring Boot's DevTools decides it, from the
 * starting thread's stack (JUnit, TestNG, Cucumber, Spring Boot's test support); set
 * {@code hoist.dotenv.local-in-tests=true} to load it anyway</li>
 * <li>{@code .env.{profile}}</li>
 * <li>{@code .env}</li>
 * </ol>
 * With several active profiles the last one ranks highest, as for
 * {@code application-{profile}.yml}. Runs after the config data post-processor, because
 * profiles may be activated in {@code application.yml}; so profiles cannot be activated
 * from a {@code .env} file: an entry that tries is left out, with a warning.
 * {@code ${OTHER}} in a file resolves against the real environment, then the files ranked
 * below it. Set {@code hoist.dotenv.enabled=false} to load nothing.
 */
public class DotenvEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Right after {@code application*.yml} are loaded and profiles are known. */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

	private static final String LOCAL = ".env.local";

	// the packages DevTools looks for to tell a test run (TestNG's added)
	private static final Map<String, String> TEST_FRAMEWORKS = Map.of("org.junit.platform.", "JUnit",
			"org.junit.runners.", "JUnit", "org.springframework.boot.test.", "Spring Boot's test support",
			"cucumber.runtime.", "Cucumber", "io.cucumber.", "Cucumber", "org.testng.", "TestNG");

	private final Log logger;

	/**
	 * Create a post-processor; Spring Boot calls this.
	 * @param logFactory the factory of logs that print once logging is initialised
	 */
	public DotenvEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DotenvEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		// what an earlier run added (a restart, a test's second context) goes first
		sources.stream()
			.filter(DotenvPropertySource.class::isInstance)
			.map(PropertySource::getName)
			.toList()
			.forEach(sources::remove);
		DotenvProperties properties = Binder.get(environment)
			.bind("hoist.dotenv", DotenvProperties.class)
			.orElseGet(DotenvProperties::new);
		if (!properties.isEnabled()) {
			this.logger.debug("Hoist: .env files disabled by hoist.dotenv.enabled=false");
			return;
		}
		Path directory = directory(properties.getDirectory());
		String test = testRun(environment, properties.isLocalInTests());
		List<String> files = fileNames(environment, test == null);
		if (test != null && Files.isRegularFile(directory.resolve(LOCAL))) {
			this.logger.info("Hoist: not loading " + LOCAL + ": " + test + ", and tests never use a developer's own"
					+ " database. Name the test database in the test's own properties or the environment, or set"
					+ " hoist.dotenv.local-in-tests=true to load " + LOCAL + " anyway");
		}
		Map<String, @Nullable Object> environmentVariables = environmentVariables(environment);
		Map<String, String> lowerEntries = new HashMap<>();
		List<DotenvPropertySource> loaded = new ArrayList<>();
		// read lowest first so that a file's ${OTHER} can see the files below it
		for (int i = files.size() - 1; i >= 0; i--) {
			Path path = directory.resolve(files.get(i));
			if (!Files.isRegularFile(path)) {
				continue;
			}
			Map<String, DatabaseSettings.Setting> dotenv = DatabaseSettings.readDotenv(path, (name) -> {
				Object value = environmentVariables.get(name);
				return (value != null) ? value.toString() : lowerEntries.get(name);
			}, (warning) -> this.logger.warn("Hoist: " + warning));
			dotenv = withoutProfiles(dotenv);
			dotenv.forEach((key, setting) -> lowerEntries.put(key, setting.value()));
			loaded.add(0, new DotenvPropertySource(path, dotenv));
			this.logger.debug("Hoist: loaded " + path.getFileName() + ": " + dotenv.keySet());
		}
		String anchor = anchor(sources);
		for (DotenvPropertySource source : loaded) {
			if (anchor != null) {
				sources.addAfter(anchor, source);
			}
			else {
				sources.addLast(source);
			}
			anchor = source.getName();
		}
	}

	// Spring Boot decides the profiles before .env files can be read (which depend on
	// them), but reads spring.profiles.* again when none is active: an entry would turn
	// on @Profile beans without application-{profile}.yml, so it is left out altogether
	private Map<String, DatabaseSettings.Setting> withoutProfiles(Map<String, DatabaseSettings.Setting> entries) {
		Map<String, DatabaseSettings.Setting> kept = new LinkedHashMap<>();
		entries.forEach((key, setting) -> {
			String name = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
			if (name.startsWith("SPRING_PROFILES_")) {
				this.logger.warn("Hoist: " + setting.origin() + " line " + setting.line() + ": " + key
						+ " is ignored: Spring Boot decides the profiles before .env files are read. Set it in the"
						+ " environment, as --spring.profiles.active on the command line, or in application.yml");
			}
			else {
				kept.put(key, setting);
			}
		});
		return kept;
	}

	static List<String> fileNames(ConfigurableEnvironment environment, boolean local) {
		List<String> profiles = new ArrayList<>(Arrays.asList(environment.getActiveProfiles()));
		List<String> reversed = new ArrayList<>(profiles);
		Collections.reverse(reversed);
		List<String> files = new ArrayList<>();
		reversed.forEach((profile) -> files.add(".env." + profile + ".local"));
		if (local) {
			files.add(LOCAL);
		}
		reversed.forEach((profile) -> files.add(".env." + profile));
		files.add(".env");
		return files;
	}

	/**
	 * Say why this start is a test run that must not load {@code .env.local}, or return
	 * {@code null}: the {@code test} profile, or a test framework on the starting
	 * thread's stack, which is how Spring Boot's DevTools tells a test from an
	 * application started by hand.
	 * @param environment the environment
	 * @param localInTests whether a test framework may load {@code .env.local} all the
	 * same
	 * @return the reason, such as {@code running under JUnit}, or {@code null}
	 */
	static @Nullable String testRun(ConfigurableEnvironment environment, boolean localInTests) {
		if (Arrays.asList(environment.getActiveProfiles()).contains("test")) {
			return "the 'test' profile is active";
		}
		if (localInTests) {
			return null;
		}
		for (StackTraceElement element : Thread.currentThread().getStackTrace()) {
			for (Map.Entry<String, String> framework : TEST_FRAMEWORKS.entrySet()) {
				if (element.getClassName().startsWith(framework.getKey())) {
					return "running under " + framework.getValue();
				}
			}
		}
		return null;
	}

	private static Path directory(@Nullable String configured) {
		Path directory = (configured != null && !configured.isBlank()) ? Path.of(configured.strip()) : Path.of("");
		return directory.toAbsolutePath().normalize();
	}

	@SuppressWarnings("unchecked")
	static Map<String, @Nullable Object> environmentVariables(ConfigurableEnvironment environment) {
		PropertySource<?> source = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (source != null && source.getSource() instanceof Map<?, ?> map) {
			return (Map<String, @Nullable Object>) map;
		}
		return Map.of();
	}

	private static @Nullable String anchor(MutablePropertySources sources) {
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			return StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		}
		if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			return StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME;
		}
		return null;
	}

}
