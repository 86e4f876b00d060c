package dev.hoist.autoconfigure.command;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * When {@code hoist.command} is set, starts the application without a web server and with
 * every bean lazy, so that only what the command needs is created.
 *
 * @since 0.1.0
 */
public class HoistCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source this adds. */
	public static final String PROPERTY_SOURCE_NAME = "hoistCommandMode";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("hoist.command"))) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
						Map.of("spring.main.web-application-type", "none", "spring.main.lazy-initialization", "true")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
