package dev.hoist.core.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels the statements a thread runs once that thread is interrupted, so that
 * interrupting a migrating thread (as a shutdown does) stops the statement on the server
 * instead of waiting for it to end: a thread blocked in a JDBC read does not notice its
 * interrupt. One daemon thread looks at the watched threads every {@value #POLL_MILLIS}
 * ms while any is watched, and ends when none is.
 * <p>
 * A statement that is not running is left alone (PostgreSQL's driver cancels only a
 * running one), so the cancel cannot hit the rollback and unlock that follow.
 */
final class StatementCanceller {

	private static final Logger logger = LoggerFactory.getLogger(StatementCanceller.class);

	static final long POLL_MILLIS = 100;

	private static final Set<Watch> watches = ConcurrentHashMap.newKeySet();

	private static @Nullable Thread watcher;

	private StatementCanceller() {
	}

	/**
	 * Watch the current thread while it runs statements.
	 * @param statements the statements it runs; more can be added
	 * @return the watch, to close when the statements are done
	 */
	static Watch watch(Statement... statements) {
		Watch watch = new Watch(Thread.currentThread(), List.of(statements));
		watches.add(watch);
		startWatcher();
		return watch;
	}

	private static synchronized void startWatcher() {
		if (watcher == null) {
			Thread thread = new Thread(StatementCanceller::watchUntilIdle, "hoist-statement-canceller");
			thread.setDaemon(true);
			watcher = thread;
			thread.start();
		}
	}

	private static void watchUntilIdle() {
		while (true) {
			try {
				TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				// nobody interrupts this thread but the JVM at its end
				return;
			}
			synchronized (StatementCanceller.class) {
				if (watches.isEmpty()) {
					watcher = null;
					return;
				}
			}
			watches.forEach(Watch::cancelIfInterrupted);
		}
	}

	/**
	 * One thread's statements, cancelled while the thread is interrupted.
	 */
	static final class Watch implements AutoCloseable {

		private final Thread thread;

		private final List<Statement> statements;

		private Watch(Thread thread, List<Statement> statements) {
			this.thread = thread;
			this.statements = new CopyOnWriteArrayList<>(statements);
		}

		/**
		 * Return the connection as code of the user's sees it: every statement created
		 * through it is watched too.
		 * @param connection the connection
		 * @return the watching connection
		 */
		Connection watching(Connection connection) {
			return (Connection) Proxy.newProxyInstance(StatementCanceller.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						Object result;
						try {
							result = method.invoke(connection, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
						if (result instanceof Statement statement) {
							this.statements.add(statement);
						}
						return result;
					});
		}

		private void cancelIfInterrupted() {
			if (!this.thread.isInterrupted()) {
				return;
			}
			// every pass: a statement that had not started at the last one may run now
			for (Statement statement : this.statements) {
				try {
					statement.cancel();
				}
				catch (SQLException | RuntimeException ex) {
					logger.debug("Could not cancel a statement of an interrupted thread", ex);
				}
			}
		}

		@Override
		public void close() {
			watches.remove(this);
		}

	}

}
