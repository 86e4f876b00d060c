package dev.hoist.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample on a PostgreSQL started in-process for it, when no database is
 * configured: {@code mvn -pl sample-app -am spring-boot:test-run}. With
 * {@code DATABASE_URL} set, or a {@code .env.local} in {@code sample-app/}, it uses that
 * database instead.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(EmbeddedPostgresConfiguration.class).run(args);
	}

}
