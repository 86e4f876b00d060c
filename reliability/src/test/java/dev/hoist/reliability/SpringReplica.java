package dev.hoist.reliability;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot service with the starter and nothing else, in a JVM of its own: it waits
 * for its database and migrates at startup as a real service does, then prints
 * {@value #STARTED} and ends. Settings come as {@code --name=value} arguments, such as
 * {@code --spring.datasource.url=...} and {@code --hoist.wait.timeout=5s}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SpringReplica {

	static final String STARTED = "spring replica started";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SpringReplica.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(args)) {
			System.err.println(STARTED);
		}
	}

}
