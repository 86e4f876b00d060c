package dev.hoist.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownInterruptTests {

	@Test
	void theShutdownHookInterruptsTheRegisteringThreadAndWaitsUntilItHasFinished() throws Exception {
		AtomicReference<ShutdownInterrupt> registered = new AtomicReference<>();
		CountDownLatch registeredLatch = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch cleanedUp = new CountDownLatch(1);
		Thread worker = new Thread(() -> {
			try (ShutdownInterrupt shutdown = ShutdownInterrupt.ofCurrentThread()) {
				registered.set(shutdown);
				registeredLatch.countDown();
				try {
					// what a migration waiting for its database does
					TimeUnit.MINUTES.sleep(5);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
				}
				// the rollback and unlock a shutdown must let finish
				sleepQuietly(300);
				cleanedUp.countDown();
			}
		});
		worker.start();
		assertThat(registeredLatch.await(30, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Void> hook = CompletableFuture.runAsync(registered.get().hook());

		hook.get(60, TimeUnit.SECONDS);
		assertThat(interrupted).as("worker interrupted").isTrue();
		assertThat(cleanedUp.getCount()).as("hook returned only after the worker finished").isZero();
		worker.join(Duration.ofSeconds(30).toMillis());
		assertThat(worker.isAlive()).isFalse();
	}

	private static void sleepQuietly(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
