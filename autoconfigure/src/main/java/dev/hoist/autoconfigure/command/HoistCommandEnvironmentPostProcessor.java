package dev.hoist.autoconfigure.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * When {@code hoist.command} is set, starts the application without a web server and with
 * every bean lazy, so that only what the command needs is created. For {@code generate}
 * and {@code check} it also has Hibernate, when the application uses it, write the schema
 * its entities want into a script instead of checking or changing the database: the
 * database is behind the entities while a migration is being generated, so
 * {@code ddl-auto=validate} must not stop the context.
 *
 * @since 0.1.0
 */
public class HoistCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source this adds. */
	public static final String PROPERTY_SOURCE_NAME = "hoistCommandMode";

	/** The JPA property naming the file Hibernate writes its create script to. */
	static final String SCRIPT_TARGET = "spring.jpa.properties.jakarta.persistence.schema-generation.scripts.create-target";

	private static final Set<String> ENTITY_COMMANDS = Set.of("generate", "check");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String command = environment.getProperty("hoist.command");
		if (!StringUtils.hasText(command)) {
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.lazy-initialization", "true");
		if (ENTITY_COMMANDS.contains(command.strip().toLowerCase(Locale.ROOT))) {
			properties.put("spring.jpa.hibernate.ddl-auto", "none");
			properties.put("spring.jpa.properties.hibernate.hbm2ddl.auto", "none");
			properties.put("spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "none");
			properties.put("spring.jpa.properties.jakarta.persistence.schema-generation.scripts.action", "create");
			properties.put("spring.jpa.properties.jakarta.persistence.schema-generation.create-source", "metadata");
			properties.put(SCRIPT_TARGET, scriptFile().toString());
			properties.put("spring.jpa.properties.hibernate.hbm2ddl.schema-generation.script.append", "false");
			properties.put("spring.jpa.properties.hibernate.hbm2ddl.delimiter", ";");
			properties.put("spring.jpa.properties.hibernate.format_sql", "false");
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	private static Path scriptFile() {
		try {
			Path file = Files.createTempFile("hoist-entities-", ".sql");
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Hoist cannot create a temporary file for the entities' schema: " + ex, ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
