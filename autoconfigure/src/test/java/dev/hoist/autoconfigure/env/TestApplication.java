package dev.hoist.autoconfigure.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts a real {@link SpringApplication} whose OS environment and system properties are
 * substituted: the real ones minus anything that could name a database, plus what the
 * test sets. Java cannot set environment variables, and a developer's own
 * {@code DATABASE_URL} must not leak into a test.
 */
final class TestApplication {

	private final Path directory;

	private final Map<String, Object> environmentVariables = new HashMap<>();

	private final Map<String, Object> systemProperties = new HashMap<>();

	private final Map<String, Object> defaultProperties = new LinkedHashMap<>();

	private final List<String> profiles = new ArrayList<>();

	private final List<String> args = new ArrayList<>();

	private Class<?> source = Empty.class;

	TestApplication(Path directory) {
		this.directory = directory;
		System.getenv().forEach((name, value) -> {
			String upper = name.toUpperCase(Locale.ROOT);
			if (!DatabaseSettings.VARIABLES.contains(upper) && !upper.startsWith("SPRING_")
					&& !upper.startsWith("HOIST_")) {
				this.environmentVariables.put(name, value);
			}
		});
		System.getProperties().forEach((name, value) -> {
			if (!name.toString().startsWith("spring.") && !name.toString().startsWith("hoist.")) {
				this.systemProperties.put(name.toString(), value);
			}
		});
		this.defaultProperties.put("hoist.dotenv.directory", directory.toString());
		// these tests start applications as a service starts, .env.local included
		this.defaultProperties.put("hoist.dotenv.local-in-tests", "true");
		this.defaultProperties.put("spring.config.location", "optional:file:" + directory + "/");
		this.defaultProperties.put("spring.main.banner-mode", "off");
	}

	TestApplication environmentVariable(String name, String value) {
		this.environmentVariables.put(name, value);
		return this;
	}

	TestApplication systemProperty(String name, String value) {
		this.systemProperties.put(name, value);
		return this;
	}

	TestApplication defaultProperty(String name, String value) {
		this.defaultProperties.put(name, value);
		return this;
	}

	TestApplication profiles(String... profiles) {
		this.profiles.addAll(List.of(profiles));
		return this;
	}

	TestApplication arg(String arg) {
		this.args.add(arg);
		return this;
	}

	TestApplication source(Class<?> source) {
		this.source = source;
		return this;
	}

	TestApplication file(String name, String content) {
		try {
			Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	StandardEnvironment environment() {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						this.environmentVariables));
		sources.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new MapPropertySource(
				StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, this.systemProperties));
		return environment;
	}

	ConfigurableApplicationContext run() {
		SpringApplication application = new SpringApplication(this.source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment());
		application.setDefaultProperties(this.defaultProperties);
		application.setAdditionalProfiles(this.profiles.toArray(String[]::new));
		return application.run(this.args.toArray(String[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
