package dev.hoist.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.Hoist;
import dev.hoist.core.drift.Drift;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The opt-in periodic drift check ({@code hoist.drift.check-interval}): on a thread of
 * its own, every interval, compares the live schema with the schema the applied
 * migrations build (as {@code drift} does, on the shadow database) and keeps the last
 * result for {@code /actuator/migrations} and the {@code hoist.schema.drift} gauge. A
 * health request never waits for it; a check never overlaps the next.
 *
 * @since 0.1.0
 */
public final class DriftCheck implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(DriftCheck.class);

	private final Hoist hoist;

	private final Duration interval;

	private final ScheduledExecutorService scheduler;

	private volatile @Nullable Result last;

	/**
	 * Create a check; it starts when the context has set the bean up.
	 * @param hoist the Hoist whose database is checked
	 * @param interval the time between the end of one check and the start of the next,
	 * also the time before the first
	 */
	public DriftCheck(Hoist hoist, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("hoist.drift.check-interval must be positive, was " + interval);
		}
		this.hoist = hoist;
		this.interval = interval;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "hoist-drift-check");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void afterPropertiesSet() {
		long millis = this.interval.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

	/**
	 * Run one check now, on the calling thread, and keep its result.
	 * @return the result
	 */
	public Result check() {
		Result result;
		try {
			Drift drift = this.hoist.drift();
			result = new Result(Instant.now(), drift, null);
			if (drift.isDrifted()) {
				logger.warn("Hoist: the live schema has drifted from the migrations' (" + drift.differences().size()
						+ " difference(s)): " + drift.differences() + ". Run 'drift' for the SQL that reverts it");
			}
		}
		catch (RuntimeException ex) {
			String message = DatabaseSettings.mask(String.valueOf(ex.getMessage()));
			logger.warn("Hoist: the periodic drift check failed: " + message);
			result = new Result(Instant.now(), null, message);
		}
		this.last = result;
		return result;
	}

	/**
	 * Return the last check's result.
	 * @return the result, or {@code null} before the first check ended
	 */
	public @Nullable Result last() {
		return this.last;
	}

	/**
	 * What one check found.
	 *
	 * @param checkedAt when it ended
	 * @param drift the comparison, or {@code null} when the check failed
	 * @param error why it failed, or {@code null}
	 */
	public record Result(Instant checkedAt, @Nullable Drift drift, @Nullable String error) {

		/**
		 * Return how many differences the check found.
		 * @return the count, or {@code -1} when the check failed
		 */
		public int differences() {
			return (this.drift != null) ? this.drift.differences().size() : -1;
		}

	}

}
