package dev.hoist.autoconfigure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While Hoist migrates at startup, a SIGTERM interrupts the migrating thread: the engine
 * cancels the running statement, rolls back, releases the migration lock and says what
 * was rolled back, and startup fails. Without this the JVM's shutdown would wait for the
 * whole run: Spring's shutdown hook blocks on the context, which is still starting.
 */
final class ShutdownInterrupt implements AutoCloseable {

	// enough for a cancel and a rollback, and inside Kubernetes' 30 s grace period
	private static final long GRACE_SECONDS = 15;

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Thread hook;

	private ShutdownInterrupt(Thread worker) {
		this.hook = new Thread(() -> {
			worker.interrupt();
			try {
				this.finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "hoist-shutdown");
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	/**
	 * Interrupt the current thread when the JVM is asked to end, until closed.
	 * @return the registration, to close once Hoist has finished
	 */
	static ShutdownInterrupt ofCurrentThread() {
		return new ShutdownInterrupt(Thread.currentThread());
	}

	/**
	 * Return what the JVM runs when asked to end: interrupt the thread, then wait for it
	 * to finish (15 s at most).
	 * @return the shutdown hook
	 */
	Thread hook() {
		return this.hook;
	}

	@Override
	public void close() {
		this.finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is ending: the hook returns now that Hoist has finished
		}
	}

}
