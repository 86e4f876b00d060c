package dev.hoist.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The schema the application's entities want, as the script Hibernate writes for the
 * application's own persistence unit (its dialect, naming strategies,
 * {@code spring.jpa.properties.*} and scanned packages) when the entity manager factory
 * starts in command mode.
 */
final class EntitySchemaScript implements Supplier<String> {

	private final ListableBeanFactory beanFactory;

	private final Path script;

	EntitySchemaScript(ListableBeanFactory beanFactory, Path script) {
		this.beanFactory = beanFactory;
		this.script = script;
	}

	static boolean hasEntityManagerFactory(ListableBeanFactory beanFactory) {
		return beanFactory.getBeanNamesForType(EntityManagerFactory.class, true, false).length > 0;
	}

	@Override
	public String get() {
		String[] names = this.beanFactory.getBeanNamesForType(EntityManagerFactory.class, true, false);
		if (names.length != 1) {
			throw new IllegalStateException("The application has " + names.length + " entity manager factories ("
					+ String.join(", ", names) + "); Hoist generates from one persistence unit. Run the command with"
					+ " a configuration that starts only the one whose tables Hoist migrates");
		}
		EntityManagerFactory factory = this.beanFactory.getBean(names[0], EntityManagerFactory.class);
		// waits for a bootstrap in the background: Hibernate writes the script as it
		// starts
		factory.getMetamodel();
		try {
			return Files.readString(this.script);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the schema Hibernate wrote to " + this.script + ": " + ex, ex);
		}
	}

}
