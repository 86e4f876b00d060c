package dev.hoist.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistListener;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.LockTimeoutException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.tenants.TenantsResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records Hoist's work as Micrometer meters:
 * <ul>
 * <li>timer {@code hoist.migration}, one sample per migration, tagged {@code outcome}
 * ({@code success}, {@code failure}) and {@code type} ({@code sql}, {@code java},
 * {@code repeatable});</li>
 * <li>counter {@code hoist.migrations.applied}, tagged {@code type};</li>
 * <li>timer {@code hoist.lock.wait}, the wait for the migration lock, tagged
 * {@code outcome} ({@code acquired}, {@code timeout});</li>
 * <li>timer {@code hoist.database.wait}, the wait for the database at startup, tagged
 * {@code outcome} ({@code success}, {@code failure});</li>
 * <li>gauge {@code hoist.migrations.pending}, the pending migrations at the last status
 * read;</li>
 * <li>gauge {@code hoist.schema.ahead}, 1 while the database holds migrations newer than
 * this build, else 0;</li>
 * <li>with tenants: timer {@code hoist.tenant.migration}, one sample per tenant a run
 * worked on, tagged {@code outcome} ({@code migrated}, {@code current}, {@code failed},
 * {@code skipped}), and the tenant's name as {@code tenant} only when asked for
 * ({@code hoist.tenants.tenant-metrics}): a time series per tenant is too many for most
 * backends;</li>
 * <li>with tenants: gauge {@code hoist.tenants}, tagged {@code state} ({@code current},
 * {@code behind}, {@code ahead}, {@code migrating}, {@code failed}), the tenants in each
 * state at the last tenant run or status read.</li>
 * </ul>
 * The gauges show no value ({@code NaN}) until the first status read, which every migrate
 * run and every health check does.
 *
 * @since 0.1.0
 */
public class MigrationMetricsListener implements HoistListener {

	private final MeterRegistry registry;

	private final AtomicReference<@Nullable HoistStatus> lastStatus = new AtomicReference<>();

	private final AtomicReference<TenantsResult.@Nullable Summary> lastTenants = new AtomicReference<>();

	private final boolean tenantTag;

	/**
	 * Create a listener that registers its gauges at once.
	 * @param registry where to record
	 */
	public MigrationMetricsListener(MeterRegistry registry) {
		this(registry, false);
	}

	/**
	 * Create a listener that registers its gauges at once.
	 * @param registry where to record
	 * @param tenantTag whether the per-tenant timer carries the tenant's name
	 */
	public MigrationMetricsListener(MeterRegistry registry, boolean tenantTag) {
		this.registry = registry;
		this.tenantTag = tenantTag;
		Gauge.builder("hoist.migrations.pending", this, MigrationMetricsListener::pending)
			.description("Migrations of this build not applied to the database yet, at the last status read")
			.register(registry);
		Gauge.builder("hoist.schema.ahead", this, MigrationMetricsListener::ahead)
			.description("1 while the database holds migrations newer than this build, else 0")
			.register(registry);
	}

	@Override
	public void databaseAvailable(Duration waited, int attempts) {
		databaseWait("success").record(waited);
	}

	@Override
	public void databaseUnavailable(DatabaseUnavailableException failure) {
		databaseWait("failure").record(failure.waited());
	}

	@Override
	public void lockAcquired(Duration waited) {
		lockWait("acquired").record(waited);
	}

	@Override
	public void migrationApplied(MigrationInfo migration, Duration duration) {
		migration("success", migration).record(duration);
		Counter.builder("hoist.migrations.applied")
			.description("Migrations this instance applied")
			.tag("type", type(migration))
			.register(this.registry)
			.increment();
	}

	@Override
	public void migrationFailed(MigrationInfo migration, Duration duration, HoistException failure) {
		migration("failure", migration).record(duration);
	}

	@Override
	public void migrateFailed(HoistException failure, Duration duration) {
		if (failure instanceof LockTimeoutException timeout) {
			lockWait("timeout").record(timeout.waited());
		}
	}

	@Override
	public void statusRead(HoistStatus status) {
		this.lastStatus.set(status);
	}

	@Override
	public void tenantMigrated(TenantsResult.Tenant tenant) {
		String outcome = switch (tenant.state()) {
			case FAILED -> "failed";
			case SKIPPED -> "skipped";
			default -> (tenant.applied() > 0) ? "migrated" : "current";
		};
		Timer.Builder timer = Timer.builder("hoist.tenant.migration")
			.description("Time taken to migrate one tenant")
			.tag("outcome", outcome);
		if (this.tenantTag) {
			timer.tag("tenant", tenant.name());
		}
		timer.register(this.registry).record(tenant.duration());
	}

	@Override
	public void tenantsMigrateFinished(TenantsResult result) {
		tenants(result);
	}

	@Override
	public void tenantStatusRead(TenantsResult status) {
		tenants(status);
	}

	private void tenants(TenantsResult result) {
		// registered with the first tenant result: a service without tenants has none
		if (this.lastTenants.getAndSet(result.summary()) == null) {
			for (String state : List.of("current", "behind", "ahead", "migrating", "failed")) {
				Gauge.builder("hoist.tenants", this, (listener) -> listener.count(state))
					.description("Tenants in each state at the last tenant run or status read")
					.tag("state", state)
					.register(this.registry);
			}
		}
	}

	private double count(String state) {
		TenantsResult.Summary summary = this.lastTenants.get();
		if (summary == null) {
			return Double.NaN;
		}
		return switch (state) {
			case "current" -> summary.current();
			case "behind" -> summary.behind();
			case "ahead" -> summary.ahead();
			case "migrating" -> summary.migrating();
			default -> summary.failed();
		};
	}

	private Timer migration(String outcome, MigrationInfo migration) {
		return Timer.builder("hoist.migration")
			.description("Time taken to apply one migration")
			.tag("outcome", outcome)
			.tag("type", type(migration))
			.register(this.registry);
	}

	private Timer lockWait(String outcome) {
		return Timer.builder("hoist.lock.wait")
			.description("Time spent waiting for another instance's migration lock")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Timer databaseWait(String outcome) {
		return Timer.builder("hoist.database.wait")
			.description("Time spent waiting for the database to answer before migrating")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private static String type(MigrationInfo migration) {
		return migration.type().name().toLowerCase(Locale.ROOT);
	}

	private double pending() {
		HoistStatus last = this.lastStatus.get();
		if (last == null) {
			return Double.NaN;
		}
		// the status knows the target: migrations past it are not pending here
		return last.pending().size();
	}

	private double ahead() {
		HoistStatus last = this.lastStatus.get();
		if (last == null) {
			return Double.NaN;
		}
		return (last.state() == HoistStatus.State.AHEAD) ? 1 : 0;
	}

}
