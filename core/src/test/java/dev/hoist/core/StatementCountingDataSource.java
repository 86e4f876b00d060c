package dev.hoist.core;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * Wraps a real data source and records every statement executed through it, to prove how
 * many round trips Hoist makes.
 */
final class StatementCountingDataSource {

	private final List<String> executed = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final DataSource dataSource;

	StatementCountingDataSource(DataSource target) {
		this.dataSource = proxy(DataSource.class, target, (result, method, args) -> {
			if (result instanceof Connection connection) {
				this.connections.incrementAndGet();
				return connection(connection);
			}
			return result;
		});
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	List<String> executed() {
		return this.executed;
	}

	int connections() {
		return this.connections.get();
	}

	void reset() {
		this.executed.clear();
		this.connections.set(0);
	}

	private Connection connection(Connection target) {
		return proxy(Connection.class, target, (result, method, args) -> {
			if (result instanceof PreparedStatement prepared) {
				String sql = (String) args[0];
				return proxy(PreparedStatement.class, prepared, (r, m, a) -> {
					if (m.getName().startsWith("execute")) {
						this.executed.add(sql);
					}
					return r;
				});
			}
			if (result instanceof Statement statement) {
				return proxy(Statement.class, statement, (r, m, a) -> {
					if (m.getName().startsWith("execute") && a != null && a.length > 0) {
						this.executed.add(String.valueOf(a[0]));
					}
					return r;
				});
			}
			return result;
		});
	}

	private static <T> T proxy(Class<T> type, T target, AfterCall after) {
		InvocationHandler handler = (proxy, method, args) -> {
			try {
				Object result = method.invoke(target, args);
				return after.apply(result, method, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
	}

	interface AfterCall {

		Object apply(Object result, Method method, Object[] args) throws Exception;

	}

}
