package dev.hoist.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the driver's round trips to the server from its protocol trace: each
 * {@code Sync} (extended protocol) or {@code SimpleQuery} is one wait for the server,
 * each {@code StartupPacket} one new connection. Only for an untimed run: tracing is
 * slow.
 */
final class RoundTrips {

	private static final Logger DRIVER = Logger.getLogger("org.postgresql");

	private RoundTrips() {
	}

	static Count count(Callable<?> work) throws Exception {
		AtomicInteger trips = new AtomicInteger();
		AtomicInteger connections = new AtomicInteger();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				String message = record.getMessage();
				if (message == null) {
					return;
				}
				if (message.startsWith(" FE=> Sync") || message.startsWith(" FE=> SimpleQuery")) {
					trips.incrementAndGet();
				}
				else if (message.startsWith(" FE=> StartupPacket")) {
					connections.incrementAndGet();
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		handler.setLevel(Level.ALL);
		Level previous = DRIVER.getLevel();
		boolean parentHandlers = DRIVER.getUseParentHandlers();
		DRIVER.setUseParentHandlers(false);
		DRIVER.setLevel(Level.FINEST);
		DRIVER.addHandler(handler);
		try {
			work.call();
		}
		finally {
			DRIVER.removeHandler(handler);
			DRIVER.setLevel(previous);
			DRIVER.setUseParentHandlers(parentHandlers);
		}
		return new Count(trips.get(), connections.get());
	}

	record Count(int roundTrips, int connections) {
	}

}
