package dev.hoist.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hoist.testsupport.TestDatabase;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts real applications the way a service starts, with settings given as command-line
 * arguments.
 */
final class TestApplications {

	private static final String JPA = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
			+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration";

	private TestApplications() {
	}

	/**
	 * Start an application on a test database with the shop migrations.
	 * @param source the application's configuration
	 * @param database the database
	 * @param properties more settings as {@code name=value}
	 * @return the running context
	 */
	static ConfigurableApplicationContext run(Class<?> source, TestDatabase database, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + database.jdbcUrl(),
				"spring.datasource.username=" + database.user(), "spring.datasource.password=" + database.password()));
		all.add("hoist.locations=classpath:hoist/shop");
		all.addAll(Arrays.asList(properties));
		return run(source, all.toArray(new String[0]));
	}

	/**
	 * Start an application.
	 * @param source the application's configuration
	 * @param properties the settings as {@code name=value}
	 * @return the running context
	 */
	static ConfigurableApplicationContext run(Class<?> source, String... properties) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		List<String> args = new ArrayList<>();
		// Flyway is on the test classpath only to prove the conflict check
		args.add("--spring.flyway.enabled=false");
		boolean jpa = Arrays.stream(properties).anyMatch((property) -> property.startsWith("spring.jpa."));
		if (!jpa) {
			args.add("--spring.autoconfigure.exclude=" + JPA);
		}
		// a repeated argument would add to a value rather than replace it: the
		// last one wins
		Map<String, String> byName = new LinkedHashMap<>();
		for (String property : properties) {
			byName.put(property.substring(0, property.indexOf('=')), property);
		}
		byName.values().forEach((property) -> args.add("--" + property));
		return application.run(args.toArray(new String[0]));
	}

}
