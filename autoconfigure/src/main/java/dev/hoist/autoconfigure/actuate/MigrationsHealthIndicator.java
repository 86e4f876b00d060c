package dev.hoist.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.tenants.TenantsResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the schema, for the readiness group: UP when the database answers, the
 * migrations are valid and the schema is current (or ahead of this build, as an older
 * replica sees it during a rolling deploy); OUT_OF_SERVICE while the schema is behind
 * this build or being migrated; DOWN with the reason when the database does not answer in
 * time or the migrations are invalid. Never migrates, and reads through a
 * {@link MigrationStatusReader}, so a probe costs at most one bounded query.
 * <p>
 * With tenants: the number of tenants in each state and the failed ones with their
 * reason; UP while some tenants are behind or failed (the others serve), DOWN when one
 * failed and {@code hoist.tenants.down-on-failure} is set, or when the tenants cannot be
 * read.
 *
 * @since 0.1.0
 */
public class MigrationsHealthIndicator implements HealthIndicator {

	private static final int LISTED_TENANTS = 20;

	private final MigrationStatusReader reader;

	private final MigrationActivity activity;

	private final @Nullable DatabaseAddress address;

	private final Tenants tenants;

	/**
	 * Create an indicator.
	 * @param reader how to read the status
	 * @param activity what this instance is doing
	 * @param address where the database is, or {@code null} when unknown
	 */
	public MigrationsHealthIndicator(MigrationStatusReader reader, MigrationActivity activity,
			@Nullable DatabaseAddress address) {
		this(reader, activity, address, Tenants.DEFAULT);
	}

	/**
	 * Create an indicator.
	 * @param reader how to read the status
	 * @param activity what this instance is doing
	 * @param address where the database is, or {@code null} when unknown
	 * @param tenants how tenants count for health
	 */
	public MigrationsHealthIndicator(MigrationStatusReader reader, MigrationActivity activity,
			@Nullable DatabaseAddress address, Tenants tenants) {
		this.reader = reader;
		this.activity = activity;
		this.address = address;
		this.tenants = tenants;
	}

	@Override
	public Health health() {
		MigrationActivity.Snapshot now = this.activity.snapshot();
		if (this.tenants.lastRead() && now.lastTenantStatus() != null && now.state() == null) {
			// a database per tenant: every probe reading every database would cost one
			// connection per tenant
			return tenantHealth(now, now.lastTenantStatus(), null);
		}
		MigrationStatusReader.Read read = this.reader.read();
		if (read.tenants() != null || (read.status() == null && now.lastTenantStatus() != null)) {
			return tenantHealth(now, read.tenants(), read.error());
		}
		HoistStatus status = read.status();
		Health.Builder builder = new Health.Builder();
		addDatabase(builder);
		if (now.state() != null) {
			// a run of this instance is under way: not ready, nothing broken
			builder.outOfService().withDetail("state", now.state().label());
			if (now.lockHolder() != null) {
				builder.withDetail("lockHolder", describe(now.lockHolder()));
			}
			if (status != null) {
				addRevision(builder, status);
			}
			return builder.build();
		}
		if (status == null) {
			builder.down().withDetail("error", read.error());
			return withLastFailure(builder, now).build();
		}
		HoistStatus.State state = status.state();
		builder.withDetail("state", state.label());
		addRevision(builder, status);
		if (!status.isValid()) {
			String problems = status.problems()
				.stream()
				.map(HoistStatus.Problem::message)
				.collect(Collectors.joining("\n"));
			builder.down().withDetail("error", problems);
			return withLastFailure(builder, now).build();
		}
		if (state == HoistStatus.State.BEHIND) {
			builder.outOfService();
			return withLastFailure(builder, now).build();
		}
		return builder.up().build();
	}

	private Health tenantHealth(MigrationActivity.Snapshot now, @Nullable TenantsResult read, @Nullable String error) {
		Health.Builder builder = new Health.Builder();
		addDatabase(builder);
		TenantsResult result = (read != null) ? withRunFailures(read, now.lastTenantRun()) : null;
		if (now.state() != null) {
			builder.outOfService().withDetail("state", now.state().label());
			if (result != null) {
				addTenants(builder, result);
			}
			return builder.build();
		}
		if (result == null) {
			builder.down().withDetail("error", String.valueOf(error));
			return withLastFailure(builder, now).build();
		}
		TenantsResult.Summary summary = result.summary();
		builder.withDetail("state", (summary.failed() > 0) ? "failed" : (summary.behind() > 0) ? "behind"
				: (summary.migrating() > 0) ? "migrating" : (summary.ahead() > 0) ? "ahead" : "current");
		addTenants(builder, result);
		if (summary.failed() > 0 && this.tenants.downOnFailure()) {
			return builder.down().build();
		}
		return builder.up().build();
	}

	/**
	 * The database cannot tell a tenant whose migration failed (and rolled back) from one
	 * not yet migrated: this instance's last run can.
	 */
	private static TenantsResult withRunFailures(TenantsResult read, @Nullable TenantsResult run) {
		if (run == null || run.failed().isEmpty()) {
			return read;
		}
		Map<String, TenantsResult.Tenant> failed = new LinkedHashMap<>();
		run.failed().forEach((tenant) -> failed.put(tenant.name(), tenant));
		List<TenantsResult.Tenant> merged = new ArrayList<>();
		for (TenantsResult.Tenant tenant : read.tenants()) {
			TenantsResult.Tenant failure = failed.get(tenant.name());
			merged.add((failure != null && tenant.state() == TenantsResult.State.BEHIND) ? failure : tenant);
		}
		return new TenantsResult(merged, read.listed(), read.shard(), read.stopped(), read.duration());
	}

	private void addTenants(Health.Builder builder, TenantsResult result) {
		TenantsResult.Summary summary = result.summary();
		if (!result.tenants().isEmpty() && result.tenants().get(0).head() != null) {
			builder.withDetail("head", result.tenants().get(0).head().toString());
		}
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("total", summary.total());
		counts.put("current", summary.current());
		counts.put("behind", summary.behind());
		counts.put("ahead", summary.ahead());
		counts.put("migrating", summary.migrating());
		counts.put("failed", summary.failed());
		builder.withDetail("tenants", counts);
		if (result.shard() != null) {
			builder.withDetail("shard", result.shard().toString());
		}
		List<TenantsResult.Tenant> failed = result.failed();
		if (!failed.isEmpty()) {
			Map<String, String> reasons = new LinkedHashMap<>();
			failed.stream().limit(LISTED_TENANTS).forEach((tenant) -> reasons.put(tenant.name(), reason(tenant)));
			builder.withDetail("failedTenants", reasons);
			if (failed.size() > LISTED_TENANTS) {
				builder.withDetail("failedTenantsNotListed", failed.size() - LISTED_TENANTS);
			}
		}
	}

	private static String reason(TenantsResult.Tenant tenant) {
		TenantsResult.Failure failure = tenant.failure();
		if (failure == null) {
			return "failed";
		}
		String message = failure.message();
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

	private Health.Builder withLastFailure(Health.Builder builder, MigrationActivity.Snapshot now) {
		MigrationActivity.Failure failure = now.lastFailure();
		if (failure != null && failure.message() != null) {
			builder.withDetail("lastError", failure.message());
		}
		return builder;
	}

	private void addDatabase(Health.Builder builder) {
		if (this.address != null && !DatabaseAddress.UNKNOWN_HOST.equals(this.address.host())) {
			builder.withDetail("database", location(this.address));
			if (this.address.user() != null) {
				builder.withDetail("user", this.address.user());
			}
		}
	}

	private void addRevision(Health.Builder builder, HoistStatus status) {
		if (status.revision() != null) {
			builder.withDetail("revision", status.revision().toString());
		}
		if (status.head() != null) {
			builder.withDetail("head", status.head().toString());
		}
		builder.withDetail("pending", status.pending().size());
		// what the pending migrations will lock: a rollout's reviewers see it before it
		// runs
		List<String> findings = status.findings()
			.stream()
			.filter((finding) -> !finding.isSuppressed())
			.map(MigrationsHealthIndicator::describe)
			.toList();
		if (!findings.isEmpty()) {
			builder.withDetail("findings", findings);
		}
	}

	private static String describe(Finding finding) {
		Finding.Size size = finding.size();
		return finding.script() + " line " + finding.line() + ": " + finding.rule() + " ("
				+ finding.severity().name().toLowerCase(Locale.ROOT) + ")"
				+ ((finding.relation() != null) ? " on " + finding.relation() : "")
				+ ((size != null) ? " (" + size.describe() + ")" : "") + ": " + finding.reason();
	}

	static String location(DatabaseAddress address) {
		StringBuilder text = new StringBuilder(address.host());
		if (address.port() >= 0) {
			text.append(':').append(address.port());
		}
		if (address.database() != null) {
			text.append('/').append(address.database());
		}
		return text.toString();
	}

	/**
	 * Describe the holder of the migration lock, without its query, which may hold
	 * anything.
	 * @param holder the holder
	 * @return the details
	 */
	static Map<String, Object> describe(HoistStatus.LockHolder holder) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("pid", holder.pid());
		details.put("applicationName", holder.applicationName());
		if (holder.clientAddress() != null) {
			details.put("clientAddress", holder.clientAddress());
		}
		if (holder.since() != null) {
			details.put("since", holder.since().toString());
		}
		return details;
	}

	/**
	 * How tenants count for health.
	 *
	 * @param downOnFailure whether one failed tenant makes health DOWN
	 * @param lastRead whether to report the last tenant read of this instance instead of
	 * reading again, as for a database per tenant
	 */
	public record Tenants(boolean downOnFailure, boolean lastRead) {

		/** Failed tenants are listed, health stays UP, every probe reads. */
		public static final Tenants DEFAULT = new Tenants(false, false);

	}

}
