package dev.hoist.autoconfigure.actuate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A service with the starter, Actuator, Spring MVC and the Prometheus registry.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
		excludeName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
class ActuatorApplication {

}
