package dev.hoist.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While a command runs, a SIGTERM or Ctrl-C interrupts it instead of letting the JVM end
 * under it: the engine cancels the running statement, rolls back and releases the
 * migration lock, the command prints what happened, and only then does the JVM exit.
 * Without this the JVM would run the migration to its end, or be killed in the middle of
 * it and leave the server to notice.
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
	 * @return the registration, to close once the command has reported
	 */
	static ShutdownInterrupt ofCurrentThread() {
		return new ShutdownInterrupt(Thread.currentThread());
	}

	@Override
	public void close() {
		this.finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is ending: the hook returns now that the command has reported
		}
	}

}
