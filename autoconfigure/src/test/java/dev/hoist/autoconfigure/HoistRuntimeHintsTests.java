package dev.hoist.autoconfigure;

import java.sql.Connection;

import dev.hoist.core.Hoist;
import dev.hoist.core.JavaMigration;
import dev.hoist.core.MigrationVersion;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.Environment;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a native image is told about Hoist, checked as Spring's AOT tooling checks it.
 */
class HoistRuntimeHintsTests {

	@Test
	void theDefaultLocationsFilesAndTheIndexAreResources() {
		RuntimeHints hints = new RuntimeHints();
		new HoistRuntimeHints().registerHints(hints, getClass().getClassLoader());

		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/V1__create_shops.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/2026/R__views.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/hoist/migration.index")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/other/V1__create_shops.sql")).rejects(hints);
	}

	@Test
	void aheadOfTimeTheConfiguredLocationsAndTheJavaMigrationBeansAreRegistered() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("hoist", new RootBeanDefinition(Hoist.class));
		beanFactory.registerBeanDefinition("backfill", new RootBeanDefinition(Backfill.class));
		beanFactory.registerSingleton("environment", new MockEnvironment().withProperty("hoist.locations",
				"classpath:shop/migrations,filesystem:/srv/migrations"));

		RuntimeHints hints = process(beanFactory);

		assertThat(RuntimeHintsPredicates.resource().forResource("shop/migrations/V1__create_shops.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/V1__create_shops.sql")).rejects(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/hoist/migration.index")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Backfill.class)).accepts(hints);
	}

	@Test
	void anApplicationWithoutHoistGetsNoHints() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment", new MockEnvironment());

		assertThat(new HoistRuntimeHints().processAheadOfTime(beanFactory)).isNull();
	}

	private static RuntimeHints process(DefaultListableBeanFactory beanFactory) {
		BeanFactoryInitializationAotContribution contribution = new HoistRuntimeHints().processAheadOfTime(beanFactory);
		assertThat(contribution).isNotNull();
		GenerationContext context = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "App")), new InMemoryGeneratedFiles());
		contribution.applyTo(context, null);
		assertThat(beanFactory.getBean(Environment.class)).isNotNull();
		return context.getRuntimeHints();
	}

	static class Backfill implements JavaMigration {

		@Override
		public MigrationVersion version() {
			return MigrationVersion.parse("7");
		}

		@Override
		public String description() {
			return "backfill";
		}

		@Override
		public void up(Connection connection) {
		}

	}

}
