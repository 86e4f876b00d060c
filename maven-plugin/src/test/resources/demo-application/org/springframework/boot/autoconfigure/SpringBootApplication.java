package org.springframework.boot.autoconfigure;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

// A stand-in for Spring Boot's annotation: the plugin finds the main class by its name.
@Retention(RetentionPolicy.RUNTIME)
public @interface SpringBootApplication {

}
