package dev.hoist.autoconfigure.command.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.hoist.autoconfigure.command.generate.GenerateCommandTests.Exits;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code generate} on bad input: a clear error that names what and where, exit 1, and no
 * file written.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class GenerateCommandFailureTests {

	private TestDatabase database;

	@TempDir
	Path migrations;

	@BeforeEach
	void database(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@Test
	void withoutJpaTheErrorSaysThereIsNoEntityModel(CapturedOutput output) throws IOException {
		int code = generate(GenerateCommandTests.V1.class,
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
						+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");

		assertThat(code).isEqualTo(1);
		assertThat(output.getErr()).contains("hoist generate:").contains("this application has no entity model");
		assertThat(files()).isEmpty();
	}

	@Test
	void entitiesHibernateRejectsStopTheCommandWithHibernatesMessage() throws IOException {
		// the application does not start, as it would not in production: the process
		// exits 1 with Hibernate's words, naming the entity and the attribute
		assertThatException().isThrownBy(() -> generate(Rejected.class))
			.withMessageContaining("Entities$Broken.target")
			.withMessageContaining("NotAnEntity")
			.withMessageContaining("not an '@Entity' type");
		assertThat(files()).isEmpty();
	}

	@Test
	void aMigrationThatFailsOnTheShadowDatabaseIsNamed(CapturedOutput output) throws IOException {
		Path broken = this.migrations.resolve("V1__broken.sql");
		Files.writeString(broken, "-- migrate:up\nCREATE TABLE customer (id bigint PRIMARY KEY);\n"
				+ "ALTER TABLE no_such_table ADD COLUMN x int;\n-- migrate:down\nDROP TABLE customer;\n");

		int code = generate(GenerateCommandTests.V1.class);

		assertThat(code).isEqualTo(1);
		assertThat(output.getErr()).contains("V1__broken.sql")
			.contains("fails on the shadow database")
			.contains("no_such_table");
		assertThat(files()).containsExactly(broken);
		assertThat(this.database.queryForString("SELECT to_regclass('customer')")).isNull();
	}

	@Test
	void anUnreachableShadowDatabaseIsNamedWithItsSetting(CapturedOutput output) throws IOException {
		int code = generate(GenerateCommandTests.V1.class, "hoist.shadow.url=jdbc:postgresql://127.0.0.1:9/shadow",
				"hoist.shadow.user=nobody", "hoist.shadow.password=secret-word");

		assertThat(code).isNotZero();
		assertThat(output.getErr()).contains("hoist.shadow.url").doesNotContain("secret-word");
		assertThat(files()).isEmpty();
	}

	private int generate(Class<?> application, String... properties) {
		Exits.code.set(-1);
		SpringApplication spring = new SpringApplication(application);
		spring.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.user(),
				"--spring.datasource.password=" + this.database.password(),
				"--hoist.locations=filesystem:" + this.migrations, "--spring.flyway.enabled=false",
				"--hoist.command=generate", "--hoist.generate.description=change",
				"--hoist.generate.directory=" + this.migrations));
		for (String property : properties) {
			args.add("--" + property);
		}
		spring.run(args.toArray(new String[0]));
		return Exits.code.get();
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> paths = Files.list(this.migrations)) {
			return paths.sorted().toList();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@Import(Exits.class)
	@EntityScan(basePackages = "dev.hoist.entities.rejected")
	static class Rejected {

	}

}
