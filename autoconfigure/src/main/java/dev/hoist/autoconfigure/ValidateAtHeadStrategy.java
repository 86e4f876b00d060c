package dev.hoist.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration.TenantFailurePolicy;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.HoistStatus.Problem.Kind;
import dev.hoist.core.tenants.TenantsResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The strategy of {@code hoist.mode=validate}: never write; wait until something else (a
 * Kubernetes job, an instance in migrate mode) brings the database to this build's head,
 * then validate. With tenants, wait until no tenant is behind.
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
		if (hoist.configuration().hasTenants()) {
			waitForTenants(hoist);
			return;
		}
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

	/**
	 * Wait until no tenant is behind; then start, unless some failed (an invalid history,
	 * a database that cannot be read) or are still behind when time is up, and
	 * {@code hoist.tenants.on-failure} is {@code stop}.
	 */
	private void waitForTenants(Hoist hoist) {
		boolean stop = hoist.configuration().getTenantFailurePolicy() == TenantFailurePolicy.STOP;
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		long poll = TimeUnit.MILLISECONDS.toNanos(200);
		long nextLog = start;
		while (true) {
			TenantsResult status = hoist.tenantStatus();
			List<TenantsResult.Tenant> waiting = status.tenants()
				.stream()
				.filter(ValidateAtHeadStrategy::canCatchUp)
				.toList();
			long now = System.nanoTime();
			if (waiting.isEmpty() || now - deadline >= 0) {
				ready(status, waiting, Duration.ofNanos(now - start), stop);
				return;
			}
			if (now - nextLog >= 0) {
				logger.info("Hoist (validate mode): waiting up to " + this.timeout.toSeconds() + " s for "
						+ waiting.size() + " of " + status.tenants().size()
						+ " tenants to be migrated to this build's head: " + names(waiting));
				nextLog = now + LOG_EVERY_NANOS;
			}
			try {
				TimeUnit.NANOSECONDS.sleep(Math.min(poll, deadline - now));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new HoistException("Interrupted while waiting for the tenants to reach this build's head", ex);
			}
			poll = Math.min(poll * 2, MAX_POLL_NANOS);
		}
	}

	private void ready(TenantsResult status, List<TenantsResult.Tenant> waiting, Duration waited, boolean stop) {
		int failed = (int) status.failed().stream().filter((tenant) -> !waiting.contains(tenant)).count();
		if (failed == 0 && waiting.isEmpty()) {
			logger.info("Hoist (validate mode): all " + status.tenants().size() + " tenants at this build's head");
			return;
		}
		String what = ((failed > 0) ? failed + " tenants failed" : "")
				+ ((failed > 0 && !waiting.isEmpty()) ? " and " : "")
				+ (waiting.isEmpty() ? "" : waiting.size() + " did not reach this build's head within "
						+ waited.toSeconds() + " s (" + names(waiting) + ")");
		if (stop) {
			throw new TenantsFailedException("Hoist is in validate mode: " + what
					+ ", and hoist.tenants.on-failure is 'stop', so the application does not start.", status);
		}
		logger.warn("Hoist (validate mode): starting although " + what
				+ " (hoist.tenants.on-failure=continue); the migrations health lists the failed ones");
	}

	// behind or being migrated; or failed only by a pending file's broken down section,
	// which goes away once whoever migrates applies the file
	private static boolean canCatchUp(TenantsResult.Tenant tenant) {
		return switch (tenant.state()) {
			case BEHIND, MIGRATING -> true;
			case FAILED -> {
				TenantsResult.Failure failure = tenant.failure();
				yield failure != null && !failure.problems().isEmpty()
						&& failure.problems()
							.stream()
							.allMatch((problem) -> problem.kind() == Kind.INVALID_DOWN_SECTION);
			}
			case CURRENT, AHEAD, SKIPPED -> false;
		};
	}

	private static String names(List<TenantsResult.Tenant> tenants) {
		String names = tenants.stream().limit(20).map(TenantsResult.Tenant::name).collect(Collectors.joining(", "));
		return (tenants.size() > 20) ? names + " and " + (tenants.size() - 20) + " more" : names;
	}

}
