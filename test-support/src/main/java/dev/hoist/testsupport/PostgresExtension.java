package dev.hoist.testsupport;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Creates one database per test class on the shared {@link PostgresServer} and resolves
 * {@link TestDatabase} parameters to it.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PostgresExtension.class);

	private static final AtomicInteger counter = new AtomicInteger();

	@Override
	public void beforeAll(ExtensionContext context) {
		String name = databaseName(context.getRequiredTestClass());
		TestDatabase database = PostgresServer.shared().createDatabase(name);
		context.getStore(NAMESPACE).put(TestDatabase.class, database);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		TestDatabase database = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
		if (database != null) {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == TestDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		for (ExtensionContext context = extensionContext; context != null; context = context.getParent().orElse(null)) {
			TestDatabase database = context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
			if (database != null) {
				return database;
			}
		}
		throw new ParameterResolutionException("No test database: annotate the class with @PostgresTest");
	}

	private static String databaseName(Class<?> testClass) {
		String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
		if (simple.length() > 40) {
			simple = simple.substring(0, 40);
		}
		// pid and counter keep parallel JVMs against one external server apart
		return "hoist_" + simple + "_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
	}

}
