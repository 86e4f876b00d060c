package dev.hoist.autoconfigure.command.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.hoist.autoconfigure.command.HoistCommandExit;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.lint.Finding;
import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --hoist.command=generate} and {@code check} through the application's own JPA
 * setup, over five successive versions of an entity model that together cover the change
 * kinds of an everyday service. After each generated migration: {@code check} passes, the
 * service starts with {@code ddl-auto=validate}, the migrated tables equal, by an
 * independent catalog fingerprint, what Hibernate creates on an empty database for the
 * same entities, and downgrading the migration returns exactly to the previous schema.
 * One application context per command run, a handful per entity version.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class GenerateCommandTests {

	private static final Set<String> HISTORY = Set.of("hoist_schema_history");

	private static final Set<String> NO_SAFE_FORM = Set.of("hoist:add-required-column", "hoist:column-type-rewrite",
			"hoist:drop-column");

	private TestDatabase database;

	private TestDatabase expected;

	@TempDir
	Path migrations;

	@BeforeEach
	void databases(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		this.expected = database.server().createDatabase(database.name() + "_expected");
	}

	@AfterEach
	void dropExpected() {
		this.database.server().dropDatabase(this.expected.name());
	}

	@Test
	void fiveEntityVersionsEachGenerateAMigrationThatValidatesAndStepsBack(CapturedOutput output) throws IOException {
		List<Class<?>> versions = List.of(V1.class, V2.class, V3.class, V4.class, V5.class);
		CatalogFingerprint previous = fingerprint(this.database);
		for (int i = 0; i < versions.size(); i++) {
			previous = step(versions.get(i), i + 1, previous, output);
		}
		// nothing changed: nothing written, exit 0
		List<Path> before = files();
		assertThat(command(V5.class, "hoist.command=generate", "hoist.generate.description=nothing")).isZero();
		assertThat(output.getOut()).contains("No change: the migrations already give the schema the entities want");
		assertThat(files()).isEqualTo(before);
		// the whole history from scratch gives the last version's schema
		this.database.resetPublicSchema();
		assertThat(command(V5.class, "hoist.command=migrate")).isZero();
		CatalogFingerprint fromScratch = fingerprint(this.database);
		CatalogFingerprint last = previous;
		assertThat(fromScratch).as(() -> fromScratch.differenceFrom(last)).isEqualTo(last);
	}

	private CatalogFingerprint step(Class<?> application, int version, CatalogFingerprint previous,
			CapturedOutput output) throws IOException {
		List<Path> before = files();
		if (version == 2) {
			// a field added without a migration fails check, with the difference and its
			// fix
			assertThat(command(application, "hoist.command=check")).as("check before generate").isEqualTo(1);
			assertThat(output.getOut()).contains("The entities and the migrations differ")
				.contains("+ column public.customer.loyalty_points")
				.contains("The migration that would fix it");
			assertThat(files()).as("check writes nothing").isEqualTo(before);
		}
		assertThat(command(application, "hoist.command=generate",
				"hoist.generate.description=entities version " + version))
			.as("generate version " + version)
			.isZero();
		List<Path> written = new ArrayList<>(files());
		written.removeAll(before);
		assertThat(written).as("files written for version " + version).isNotEmpty();
		// what has a safe form is written in it; what has none (a rewrite, a NOT NULL
		// column
		// without a default) is written as asked, listed as a strong lock in the header,
		// and
		// reported by the safety rules for the reviewer
		List<Finding> findings = Lint.paths(all(), LintOptions.defaults())
			.stream()
			.filter((finding) -> written.contains(Path.of(finding.script())))
			.filter((finding) -> !finding.isSuppressed() && finding.severity() == Finding.Severity.ERROR)
			.filter((finding) -> !NO_SAFE_FORM.contains(finding.rule()))
			.toList();
		assertThat(findings).as("lint errors in " + written).isEmpty();
		if (version == 3) {
			assertThat(output.getOut()).contains("The safety rules ask for a review")
				.contains("hoist:column-type-rewrite");
		}
		if (version == 2) {
			assertThat(command(application, "hoist.command=check")).as("check after generate").isZero();
			assertThat(output.getOut()).contains("Current: the migrations give the schema the entities want");
		}
		// the service starts: Hoist migrates, then Hibernate validates
		try (ConfigurableApplicationContext context = run(application, this.database,
				"spring.jpa.hibernate.ddl-auto=validate")) {
			assertThat(context.isActive()).isTrue();
		}
		CatalogFingerprint migrated = fingerprint(this.database);
		CatalogFingerprint hibernate = hibernateSchema(application);
		assertThat(migrated).as(() -> migrated.differenceFrom(hibernate)).isEqualTo(hibernate);

		assertThat(command(application, "hoist.command=downgrade", "hoist.steps=" + written.size())).isZero();
		CatalogFingerprint downgraded = fingerprint(this.database);
		assertThat(downgraded).as(() -> downgraded.differenceFrom(previous)).isEqualTo(previous);
		return migrated;
	}

	// what Hibernate creates on an empty database, with each CHECK constraint re-added
	// from the text PostgreSQL prints for it, as any migration holds it
	private CatalogFingerprint hibernateSchema(Class<?> application) {
		this.expected.resetPublicSchema();
		try (ConfigurableApplicationContext context = run(application, this.expected, "hoist.mode=off",
				"spring.jpa.hibernate.ddl-auto=create")) {
			assertThat(context.isActive()).isTrue();
		}
		this.expected.execute("""
				DO $$
				DECLARE c record;
				BEGIN
					FOR c IN SELECT conrelid::regclass AS t, conname, pg_get_constraintdef(oid) AS def
							FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace LOOP
						EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.t, c.conname);
						EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.t, c.conname, c.def);
					END LOOP;
				END $$""");
		return fingerprint(this.expected);
	}

	private List<Path> all() throws IOException {
		return files().stream()
			.sorted(Comparator.comparing((path) -> MigrationVersion
				.parse(path.getFileName().toString().replaceAll("^V([0-9.]+)__.*", "$1"))))
			.toList();
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> paths = Files.list(this.migrations)) {
			return paths.sorted().toList();
		}
	}

	private static CatalogFingerprint fingerprint(TestDatabase database) {
		return CatalogFingerprint.of(database.dataSource(), List.of("public"), HISTORY);
	}

	private int command(Class<?> application, String... properties) {
		Exits.code.set(-1);
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("hoist.generate.directory=" + this.migrations);
		run(application, this.database, all.toArray(new String[0]));
		return Exits.code.get();
	}

	private ConfigurableApplicationContext run(Class<?> application, TestDatabase database, String... properties) {
		SpringApplication spring = new SpringApplication(application);
		spring.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--hoist.locations=filesystem:" + this.migrations, "--spring.jpa.open-in-view=false",
				"--spring.flyway.enabled=false"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return spring.run(args.toArray(new String[0]));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Exits {

		static final AtomicInteger code = new AtomicInteger(-1);

		@Bean
		HoistCommandExit recordingExit() {
			return code::set;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Exits.class)
	@EntityScan(basePackages = "dev.hoist.entities.v1")
	static class V1 {

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Exits.class)
	@EntityScan(basePackages = "dev.hoist.entities.v2")
	static class V2 {

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Exits.class)
	@EntityScan(basePackages = "dev.hoist.entities.v3")
	static class V3 {

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Exits.class)
	@EntityScan(basePackages = "dev.hoist.entities.v4")
	static class V4 {

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Exits.class)
	@EntityScan(basePackages = "dev.hoist.entities.v5")
	static class V5 {

	}

}
