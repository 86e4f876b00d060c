package dev.hoist.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.lint.Finding;
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
 *
 * @since 0.1.0
 */
public class MigrationsHealthIndicator implements HealthIndicator {

	private final MigrationStatusReader reader;

	private final MigrationActivity activity;

	private final @Nullable DatabaseAddress address;

	/**
	 * Create an indicator.
	 * @param reader how to read the status
	 * @param activity what this instance is doing
	 * @param address where the database is, or {@code null} when unknown
	 */
	public MigrationsHealthIndicator(MigrationStatusReader reader, MigrationActivity activity,
			@Nullable DatabaseAddress address) {
		this.reader = reader;
		this.activity = activity;
		this.address = address;
	}

	@Override
	public Health health() {
		MigrationActivity.Snapshot now = this.activity.snapshot();
		MigrationStatusReader.Read read = this.reader.read();
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

}
