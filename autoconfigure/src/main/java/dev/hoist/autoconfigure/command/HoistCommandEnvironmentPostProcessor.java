package dev.hoist.autoconfigure.command;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.HoistException;
import org.apache.commons.logging.Log;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.NativeDetector;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * When {@code hoist.command} is set, starts the application as a command and nothing
 * else: no web server, every bean lazy, no schema work of Hibernate's or of
 * {@code schema.sql}, so that only what the command needs is created and only the command
 * touches the database. With {@code hoist.json=true}, standard output carries the JSON
 * report alone: no banner, and log lines go to standard error.
 * <p>
 * An application built with Spring's ahead-of-time processing fixed its web server and
 * its conditions at build time, when {@code hoist.command} was not set; on the JVM the
 * command therefore runs without the generated context, as the same jar runs without
 * {@code -Dspring.aot.enabled=true}. A native image has no other context, and is refused.
 *
 * @since 0.1.0
 */
public class HoistCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source this adds. */
	public static final String PROPERTY_SOURCE_NAME = "hoistCommandMode";

	private final Log logger;

	/**
	 * Create a post-processor; Spring Boot calls this.
	 * @param logFactory the factory of logs that print once logging is initialised
	 */
	public HoistCommandEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(HoistCommandEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!StringUtils.hasText(environment.getProperty("hoist.command"))) {
			return;
		}
		Map<String, Object> commandMode = new LinkedHashMap<>();
		commandMode.put("spring.main.web-application-type", "none");
		commandMode.put("spring.main.lazy-initialization", "true");
		// a command must be the only thing that changes the schema: Hibernate's
		// validate would fail before 'migrate' runs, its create-drop would drop
		// everything at exit
		commandMode.put("spring.jpa.hibernate.ddl-auto", "none");
		commandMode.put("spring.jpa.properties.hibernate.hbm2ddl.auto", "none");
		commandMode.put("spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "none");
		commandMode.put("spring.sql.init.mode", "never");
		if (environment.getProperty("hoist.json", Boolean.class, false)) {
			commandMode.put("spring.main.banner-mode", "off");
			CommandOutput.divert();
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, commandMode));
		if (AotDetector.useGeneratedArtifacts()) {
			runWithoutGeneratedContext(NativeDetector.inNativeImage());
		}
	}

	void runWithoutGeneratedContext(boolean nativeImage) {
		if (nativeImage) {
			throw new HoistException("hoist.command cannot run in a native image: its application context was fixed"
					+ " when the image was built, as the application it serves (a web server, and no command). Run"
					+ " the command with the application's JVM jar or with Hoist's CLI jar (hoist-cli).");
		}
		// read by SpringApplication when it creates and prepares the context, after this
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
		this.logger.info("Hoist: hoist.command runs without the ahead-of-time generated context, whose web server and"
				+ " conditions were fixed at build time");
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
