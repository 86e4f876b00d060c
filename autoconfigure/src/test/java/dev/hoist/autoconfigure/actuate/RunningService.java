package dev.hoist.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.List;

import dev.hoist.testsupport.TestDatabase;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service started as a real one is, on a random port, for tests that prepare the
 * database before it starts or change it while it runs.
 */
final class RunningService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static RunningService start(TestDatabase database, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + database.jdbcUrl(),
				"spring.datasource.username=" + database.user(), "spring.datasource.password=" + database.password()));
		all.addAll(List.of(properties));
		return start(all.toArray(new String[0]));
	}

	static RunningService start(String... properties) {
		SpringApplication application = new SpringApplication(ActuatorApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.setBannerMode(Banner.Mode.OFF);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.flyway.enabled=false",
				"--management.endpoints.web.exposure.include=health,info,migrations,prometheus",
				"--management.endpoint.health.show-details=always"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningService(application.run(args.toArray(new String[0])));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	Http http() {
		return new Http(Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port")));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
