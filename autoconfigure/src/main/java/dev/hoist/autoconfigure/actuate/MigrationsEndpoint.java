package dev.hoist.autoconfigure.actuate;

import java.time.Instant;
import java.util.List;

import dev.hoist.autoconfigure.DriftCheck;
import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.drift.Drift;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.tenants.TenantsResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows the schema's migrations: revision, head, state,
 * the applied and the pending migrations, and where the database settings came from.
 * Read-only.
 *
 * @since 0.1.0
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	private final MigrationStatusReader reader;

	private final MigrationActivity activity;

	private final @Nullable DatabaseAddress address;

	private final DatabaseSettings settings;

	private final @Nullable DriftCheck driftCheck;

	/**
	 * Create an endpoint.
	 * @param reader how to read the status
	 * @param activity what this instance is doing
	 * @param address the database Hoist migrates, or {@code null} when unknown
	 * @param settings the application's database settings and their sources
	 */
	public MigrationsEndpoint(MigrationStatusReader reader, MigrationActivity activity,
			@Nullable DatabaseAddress address, DatabaseSettings settings) {
		this(reader, activity, address, settings, null);
	}

	/**
	 * Create an endpoint that also shows the last periodic drift check.
	 * @param reader how to read the status
	 * @param activity what this instance is doing
	 * @param address the database Hoist migrates, or {@code null} when unknown
	 * @param settings the application's database settings and their sources
	 * @param driftCheck the periodic drift check, or {@code null} when it is off
	 */
	public MigrationsEndpoint(MigrationStatusReader reader, MigrationActivity activity,
			@Nullable DatabaseAddress address, DatabaseSettings settings, @Nullable DriftCheck driftCheck) {
		this.reader = reader;
		this.activity = activity;
		this.address = address;
		this.settings = settings;
		this.driftCheck = driftCheck;
	}

	/**
	 * Read the migrations as the database has them now.
	 * @return the migrations
	 */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		MigrationStatusReader.Read read = this.reader.readFresh();
		MigrationActivity.Snapshot now = this.activity.snapshot();
		HoistStatus status = read.status();
		ConnectionDescriptor connection = (this.address != null) ? ConnectionDescriptor.of(this.address) : null;
		SettingsDescriptor settings = new SettingsDescriptor(this.settings.describe(), this.settings.sources());
		TenantsResult tenants = read.tenants();
		DriftDescriptor drift = DriftDescriptor.of(this.driftCheck);
		if (tenants != null) {
			TenantsResult.Summary summary = tenants.summary();
			String state = (now.state() != null) ? now.state().label() : (summary.failed() > 0) ? "failed"
					: (summary.behind() > 0) ? "behind" : (summary.ahead() > 0) ? "ahead" : "current";
			String head = tenants.tenants().isEmpty() ? null : text(tenants.tenants().get(0).head());
			return new MigrationsDescriptor(null, head, state, List.of(), List.of(), List.of(), List.of(), connection,
					settings, null, TenantsDescriptor.of(tenants), drift);
		}
		if (status == null) {
			String state = (now.state() != null) ? now.state().label() : null;
			return new MigrationsDescriptor(null, null, state, List.of(), List.of(), List.of(), List.of(), connection,
					settings, read.error(), null, drift);
		}
		String state = ((now.state() != null) ? now.state() : status.state()).label();
		return new MigrationsDescriptor(text(status.revision()), text(status.head()), state,
				status.applied().stream().map(MigrationDescriptor::of).toList(),
				status.pending().stream().map(MigrationDescriptor::of).toList(),
				status.problems().stream().map(HoistStatus.Problem::message).toList(),
				status.findings().stream().map(FindingDescriptor::of).toList(), connection, settings, null, null,
				drift);
	}

	private static @Nullable String text(@Nullable MigrationVersion version) {
		return (version != null) ? version.toString() : null;
	}

	/**
	 * Description of the schema's migrations.
	 *
	 * @param revision the highest applied version, or {@code null} when none is
	 * @param head the highest version in this build
	 * @param state {@code current}, {@code behind}, {@code ahead}, {@code migrating} or
	 * {@code waiting-for-lock}
	 * @param applied the applied migrations, in history order
	 * @param pending the migrations still to apply, in the order they would run
	 * @param problems what validation refuses, if anything
	 * @param findings what the safety rules find in the pending migrations
	 * (docs/lint.md), empty when nothing is pending or {@code hoist.safety.mode=off}
	 * @param connection the database Hoist migrates and where that setting came from
	 * @param settings the application's database settings and their sources
	 * @param error why the status could not be read, or {@code null}
	 * @param tenants every tenant's state, when Hoist works on tenants
	 * @param drift the last periodic drift check, when {@code hoist.drift.check-interval}
	 * is set
	 */
	public record MigrationsDescriptor(@Nullable String revision, @Nullable String head, @Nullable String state,
			List<MigrationDescriptor> applied, List<MigrationDescriptor> pending, List<String> problems,
			List<FindingDescriptor> findings, @Nullable ConnectionDescriptor connection, SettingsDescriptor settings,
			@Nullable String error, @Nullable TenantsDescriptor tenants,
			@Nullable DriftDescriptor drift) implements OperationResponseBody {

	}

	/**
	 * Description of every tenant.
	 *
	 * @param summary how many tenants are in each state
	 * @param listed how many tenants the list holds, before sharding
	 * @param shard the shard this instance works on, such as {@code 2/8}, or {@code null}
	 * @param tenants each tenant, in list order
	 */
	public record TenantsDescriptor(TenantsResult.Summary summary, int listed, @Nullable String shard,
			List<TenantDescriptor> tenants) {

		static TenantsDescriptor of(TenantsResult result) {
			return new TenantsDescriptor(result.summary(), result.listed(),
					(result.shard() != null) ? result.shard().toString() : null,
					result.tenants().stream().map(TenantDescriptor::of).toList());
		}

	}

	/**
	 * Description of one tenant.
	 *
	 * @param name the schema or database
	 * @param state {@code current}, {@code behind}, {@code ahead}, {@code migrating} or
	 * {@code failed}
	 * @param revision the highest applied version
	 * @param pending how many migrations are still to apply
	 * @param error why it failed, or {@code null}
	 */
	public record TenantDescriptor(String name, String state, @Nullable String revision, int pending,
			@Nullable String error) {

		static TenantDescriptor of(TenantsResult.Tenant tenant) {
			return new TenantDescriptor(tenant.name(), tenant.state().label(), text(tenant.revision()),
					tenant.pending(), (tenant.failure() != null) ? tenant.failure().message() : null);
		}

	}

	/**
	 * Description of one migration.
	 *
	 * @param version the version, or {@code null} for a repeatable migration
	 * @param description the description
	 * @param type {@code SQL}, {@code JAVA}, {@code REPEATABLE} or {@code BASELINE}
	 * @param script the file or class name
	 * @param checksum the checksum
	 * @param state where it stands, such as {@code APPLIED} or {@code PENDING}
	 * @param installedRank the history rank, when applied
	 * @param installedBy who applied it, when applied
	 * @param installedAt when it was applied
	 * @param executionTime how long it ran, in milliseconds, when applied
	 * @param success whether it succeeded, when applied
	 */
	public record MigrationDescriptor(@Nullable String version, String description, String type, String script,
			@Nullable String checksum, String state, @Nullable Integer installedRank, @Nullable String installedBy,
			@Nullable Instant installedAt, @Nullable Long executionTime, @Nullable Boolean success) {

		static MigrationDescriptor of(MigrationInfo migration) {
			boolean applied = migration.installedRank() != null || migration.installedAt() != null;
			return new MigrationDescriptor(text(migration.version()), migration.description(), migration.type().name(),
					migration.script(), migration.checksum(), migration.state().name(), migration.installedRank(),
					migration.installedBy(), migration.installedAt(),
					(migration.executionTime() != null) ? migration.executionTime().toMillis() : null,
					applied ? migration.state() != MigrationInfo.State.FAILED : null);
		}

	}

	/**
	 * Description of one safety finding in a pending migration.
	 *
	 * @param rule the rule's id, such as {@code column-type-rewrite}
	 * @param severity {@code ERROR}, {@code WARNING} or {@code INFO}
	 * @param script the migration file
	 * @param line the line where the statement starts
	 * @param relation the relation it locks, or {@code null}
	 * @param lockMode the lock it takes, such as {@code ACCESS EXCLUSIVE}, or
	 * {@code null}
	 * @param rewrites whether it rewrites the table
	 * @param rows the relation's estimated rows on the live database, or {@code null}
	 * @param bytes the relation's size on disk, or {@code null}
	 * @param reason what is locked or broken, and for how long
	 * @param suggestion the safe way to do the same
	 * @param suppressed the reason of the {@code -- hoist:allow} comment that suppresses
	 * it, or {@code null}
	 */
	public record FindingDescriptor(String rule, String severity, String script, int line, @Nullable String relation,
			@Nullable String lockMode, boolean rewrites, @Nullable Long rows, @Nullable Long bytes, String reason,
			String suggestion, @Nullable String suppressed) {

		static FindingDescriptor of(Finding finding) {
			Finding.Size size = finding.size();
			return new FindingDescriptor(finding.rule(), finding.severity().name(), finding.script(), finding.line(),
					finding.relation(), finding.lockMode(), finding.rewrites(), (size != null) ? size.rows() : null,
					(size != null) ? size.bytes() : null, finding.reason(), finding.suggestion(),
					finding.suppression());
		}

	}

	/**
	 * The last periodic drift check.
	 *
	 * @param checkedAt when it ended, or {@code null} before the first one
	 * @param drifted whether the live schema differs from the migrations'
	 * @param differences each difference, in words
	 * @param error why the check failed, or {@code null}
	 */
	public record DriftDescriptor(@Nullable Instant checkedAt, boolean drifted, List<String> differences,
			@Nullable String error) {

		static @Nullable DriftDescriptor of(@Nullable DriftCheck check) {
			if (check == null) {
				return null;
			}
			DriftCheck.Result last = check.last();
			if (last == null) {
				return new DriftDescriptor(null, false, List.of(), null);
			}
			Drift drift = last.drift();
			List<String> differences = (drift != null)
					? drift.differences().stream().map(Drift.Difference::toString).toList() : List.of();
			return new DriftDescriptor(last.checkedAt(), !differences.isEmpty(), differences, last.error());
		}

	}

	/**
	 * Description of the database Hoist migrates. Never the password.
	 *
	 * @param database where it is, as {@code host:port/database}
	 * @param user the user Hoist connects as
	 * @param source where that setting came from
	 */
	public record ConnectionDescriptor(String database, @Nullable String user, String source) {

		static ConnectionDescriptor of(DatabaseAddress address) {
			return new ConnectionDescriptor(MigrationsHealthIndicator.location(address), address.user(),
					address.source());
		}

	}

	/**
	 * The application's database settings, as the settings report resolves them. Never
	 * the password.
	 *
	 * @param database the database, such as
	 * {@code app@db.example.com:5432/orders sslmode=require}
	 * @param sources where each setting came from, such as
	 * {@code DATABASE_URL from .env.local}
	 */
	public record SettingsDescriptor(String database, String sources) {

	}

}
