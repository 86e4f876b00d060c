package dev.hoist.core;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The history table and its unique index come into being together or not at all: a
 * process killed between the two (or a failure there) must never leave a table whose
 * second application of a version goes unnoticed.
 */
@PostgresTest
class HistoryTableTests {

	@Test
	void aFailureWhileCreatingTheHistoryLeavesNeitherTableNorSchema(TestDatabase database) {
		MigrationFiles files = MigrationFiles.create().write("V1__items.sql", "CREATE TABLE items (id int);");
		DataSource failing = failOn(database.dataSource(), "CREATE UNIQUE INDEX");

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> Hoist.configure()
			.dataSource(failing)
			.locations(files.location())
			.schema("fresh")
			.load()
			.migrate());

		assertThat(database.queryForString("SELECT to_regclass('fresh.hoist_schema_history')")).isNull();
		assertThat(database.queryForList("SELECT nspname FROM pg_namespace WHERE nspname = 'fresh'")).isEmpty();
		Hoist.configure()
			.dataSource(database.dataSource())
			.locations(files.location())
			.schema("fresh")
			.load()
			.migrate();
		assertThat(database.queryForString("SELECT to_regclass('fresh.hoist_schema_history_applied_version')"))
			.isEqualTo("fresh.hoist_schema_history_applied_version");
	}

	// a real database whose one kind of statement fails, as if the process died there
	private static DataSource failOn(DataSource target, String sql) {
		return proxy(DataSource.class, target, (result) -> (result instanceof Connection connection)
				? proxy(Connection.class, connection,
						(created) -> (created instanceof Statement statement && !(created instanceof PreparedStatement))
								? proxy(Statement.class, statement, (executed) -> executed, sql) : created,
						null)
				: result, null);
	}

	private static <T> T proxy(Class<T> type, T target, After after, String failing) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (failing != null && method.getName().startsWith("execute") && args != null
					&& String.valueOf(args[0]).startsWith(failing)) {
				throw new SQLException("failed on purpose: " + failing, "58000");
			}
			try {
				return after.apply(method.invoke(target, args));
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
	}

	interface After {

		Object apply(Object result);

	}

}
