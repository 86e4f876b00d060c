package dev.hoist.autoconfigure.actuate;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.tenants.TenantsResult;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Reads {@link Hoist#status(Duration) Hoist's status} for health, info and the endpoint
 * so that many probes cost the database little: one read at a time, on a thread of its
 * own, whose answer is reused for a short time; a caller waits at most the timeout, even
 * when the database hangs, and then sees a failure that says so.
 *
 * @since 0.1.0
 */
public class MigrationStatusReader implements DisposableBean {

	private final Hoist hoist;

	private final Duration timeout;

	private final Duration cacheTime;

	private final ExecutorService executor;

	private final Object monitor = new Object();

	private @Nullable CompletableFuture<Read> inFlight;

	private @Nullable Read last;

	/**
	 * Create a reader.
	 * @param hoist the Hoist whose status to read
	 * @param timeout the longest a caller waits for a read
	 * @param cacheTime how long a read is reused
	 */
	public MigrationStatusReader(Hoist hoist, Duration timeout, Duration cacheTime) {
		this.hoist = Objects.requireNonNull(hoist, "hoist");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.cacheTime = Objects.requireNonNull(cacheTime, "cacheTime");
		this.executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "hoist-status");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Return the status, reusing a read younger than the cache time.
	 * @return the read
	 */
	public Read read() {
		return read(this.cacheTime);
	}

	/**
	 * Return the status as the database has it now; a read already under way is still
	 * shared.
	 * @return the read
	 */
	public Read readFresh() {
		return read(Duration.ZERO);
	}

	private Read read(Duration maxAge) {
		CompletableFuture<Read> future;
		synchronized (this.monitor) {
			Read cached = this.last;
			if (cached != null && System.nanoTime() - cached.nanoTime() < maxAge.toNanos()) {
				return cached;
			}
			if (this.inFlight == null || this.inFlight.isDone()) {
				// a read stuck on a hung database is joined, never doubled: one
				// connection at most
				this.inFlight = CompletableFuture.supplyAsync(this::readNow, this.executor);
			}
			future = this.inFlight;
		}
		try {
			return future.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return remember(Read.failed("the database did not answer within " + format(this.timeout)
					+ " (hoist.health.timeout); a status read is still waiting for it"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Read.failed("interrupted while reading the migration status");
		}
		catch (ExecutionException ex) {
			return remember(Read.failed(DatabaseSettings.mask(String.valueOf(ex.getCause()))));
		}
	}

	private Read readNow() {
		try {
			if (this.hoist.configuration().hasTenants()) {
				return remember(Read.of(this.hoist.tenantStatus(this.timeout)));
			}
			return remember(Read.of(this.hoist.status(this.timeout)));
		}
		catch (RuntimeException ex) {
			return remember(Read.failed(DatabaseSettings.mask(String.valueOf(ex.getMessage()))));
		}
	}

	private Read remember(Read read) {
		synchronized (this.monitor) {
			Read previous = this.last;
			if (previous == null || read.nanoTime() - previous.nanoTime() >= 0) {
				this.last = read;
			}
		}
		return read;
	}

	private static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/**
	 * One status read: the status (every tenant's, with tenants), or why it could not be
	 * read.
	 *
	 * @param status the status, or {@code null} when the read failed or Hoist works on
	 * tenants
	 * @param tenants every tenant's state, or {@code null} when the read failed or Hoist
	 * works on one schema
	 * @param error why the read failed, or {@code null}
	 * @param nanoTime when the read finished, from {@link System#nanoTime()}
	 */
	public record Read(@Nullable HoistStatus status, @Nullable TenantsResult tenants, @Nullable String error,
			long nanoTime) {

		static Read of(HoistStatus status) {
			return new Read(status, null, null, System.nanoTime());
		}

		static Read of(TenantsResult tenants) {
			return new Read(null, tenants, null, System.nanoTime());
		}

		static Read failed(@Nullable String error) {
			return new Read(null, null, (error != null) ? error : "unknown error", System.nanoTime());
		}

	}

}
