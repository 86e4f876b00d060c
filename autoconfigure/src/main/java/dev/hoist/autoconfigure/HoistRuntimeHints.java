package dev.hoist.autoconfigure;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.JavaMigration;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What a native image needs of Hoist: the migration files of every {@code classpath:}
 * location as resources, the build-time index that lists them (a native image has no jar
 * to list), and the Java migration beans' types. The default location always; the
 * locations configured in {@code hoist.locations} when the application is processed ahead
 * of time ({@code spring-boot:process-aot}, Gradle's {@code processAot}). Hoist reads
 * nothing else reflectively: its properties and factories are registered by Spring Boot.
 *
 * @since 0.1.0
 */
public final class HoistRuntimeHints implements RuntimeHintsRegistrar, BeanFactoryInitializationAotProcessor {

	/** The build-time migration index, as a classpath resource. */
	static final String INDEX = "dev/hoist/migration.index";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		register(hints, List.of(HoistConfiguration.DEFAULT_LOCATION), List.of());
	}

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(Hoist.class, true, false).length == 0) {
			return null;
		}
		List<String> locations = List.of(HoistConfiguration.DEFAULT_LOCATION);
		if (beanFactory.getBeanNamesForType(Environment.class).length > 0) {
			locations = Binder.get(beanFactory.getBean(Environment.class))
				.bind("hoist.locations", Bindable.listOf(String.class))
				.orElse(locations);
		}
		List<Class<?>> javaMigrations = Arrays.stream(beanFactory.getBeanNamesForType(JavaMigration.class, true, false))
			.map(beanFactory::getType)
			.filter((type) -> type != null)
			.<Class<?>>map((type) -> type)
			.toList();
		List<String> chosen = locations;
		return (GenerationContext context, BeanFactoryInitializationCode code) -> register(context.getRuntimeHints(),
				chosen, javaMigrations);
	}

	static void register(RuntimeHints hints, Collection<String> locations, Collection<Class<?>> javaMigrations) {
		hints.resources().registerPattern(INDEX);
		for (String location : locations) {
			String trimmed = location.strip();
			if (trimmed.toLowerCase(Locale.ROOT).startsWith("filesystem:")) {
				continue;
			}
			String path = trimmed.startsWith("classpath:") ? trimmed.substring("classpath:".length()) : trimmed;
			path = path.replaceAll("^/+", "").replaceAll("/+$", "");
			hints.resources().registerPattern(path.isEmpty() ? "**/*.sql" : path + "/**/*.sql");
		}
		for (Class<?> type : javaMigrations) {
			hints.reflection().registerType(type);
		}
	}

}
