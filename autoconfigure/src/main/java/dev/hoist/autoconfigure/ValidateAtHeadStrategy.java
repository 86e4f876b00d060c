package dev.hoist.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.HoistStatus.Problem.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The strategy of {@code hoist.mode=validate}: never write; wait until something else (a
 * Kubernetes job, an instance in migrate mode) brings the database to this build's head,
 * then validate.
 */
final class ValidateAtHeadStrategy implements HoistMigrationStrategy {

	private static final Log logger = LogFactory.getLog(ValidateAtHeadStrategy.class);

	private static final long MAX_POLL_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Duration timeout;

	ValidateAtHeadStrategy(Duration timeout) {
		this.timeout = timeout;
	}

	// a pending file's broken down section goes away once whoever migrates applies the
	// file
	private static boolean cannotHeal(HoistStatus status) {
		return status.problems().stream().anyMatch((problem) -> problem.kind() != Kind.INVALID_DOWN_SECTION);
	}

	@Override
	public void migrate(Hoist hoist) {
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		long poll = TimeUnit.MILLISECONDS.toNanos(200);
		long nextLog = start;
		while (true) {
			HoistStatus status = hoist.status();
			if (status.pending().isEmpty() || cannotHeal(status)) {
				// at head, or broken in a way that waiting cannot fix:
				// validate says which
				hoist.validate();
				logger.info("Hoist (validate mode): schema at revision " + status.revision() + ", valid");
				return;
			}
			long now = System.nanoTime();
			if (now - deadline >= 0) {
				throw new SchemaBehindException(status, Duration.ofNanos(now - start));
			}
			if (now - nextLog >= 0) {
				logger.info("Hoist (validate mode): waiting up to " + this.timeout.toSeconds()
						+ " s for another instance or job to migrate to this build's head (version " + status.head()
						+ "); the database is at " + SchemaBehindException.describe(status));
				nextLog = now + LOG_EVERY_NANOS;
			}
			try {
				TimeUnit.NANOSECONDS.sleep(Math.min(poll, deadline - now));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new HoistException("Interrupted while waiting for the database to reach head " + status.head(),
						ex);
			}
			poll = Math.min(poll * 2, MAX_POLL_NANOS);
		}
	}

}
