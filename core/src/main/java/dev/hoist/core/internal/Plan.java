package dev.hoist.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.AheadPolicy;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.HoistStatus.Problem.Kind;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * This build's migrations laid against the database's history: what is applied, what is
 * pending, and every validation problem. Pure computation, no database access.
 */
public final class Plan {

	private final List<MigrationInfo> applied = new ArrayList<>();

	private final List<ResolvedMigration> pending = new ArrayList<>();

	private final List<HoistStatus.Problem> problems = new ArrayList<>();

	private final List<HistoryRow> ahead = new ArrayList<>();

	private final Map<String, HistoryRow> latestRepeatables = new HashMap<>();

	private @Nullable MigrationVersion revision;

	private @Nullable MigrationVersion head;

	private @Nullable MigrationVersion baseline;

	private boolean lockHeldElsewhere;

	private final @Nullable MigrationVersion target;

	private Plan(@Nullable MigrationVersion target) {
		this.target = target;
	}

	/**
	 * Lay the build against history, knowing whether another instance holds the lock now.
	 * @param loaded the build's migrations and file problems
	 * @param rows the history rows in rank order
	 * @param configuration the configuration: target, out-of-order, ahead policy
	 * @param lockHeldElsewhere whether another session holds the migration lock, so that
	 * an unfinished non-transactional migration is running rather than crashed
	 * @return the plan
	 */
	public static Plan of(MigrationLoader.Loaded loaded, List<HistoryRow> rows, HoistConfiguration configuration,
			boolean lockHeldElsewhere) {
		Plan plan = new Plan(configuration.getTarget());
		plan.lockHeldElsewhere = lockHeldElsewhere;
		plan.build(loaded, rows, configuration);
		return plan;
	}

	private void build(MigrationLoader.Loaded loaded, List<HistoryRow> rows, HoistConfiguration configuration) {
		this.problems.addAll(loaded.problems());
		Map<MigrationVersion, ResolvedMigration> versioned = new LinkedHashMap<>();
		Map<String, ResolvedMigration> repeatables = new LinkedHashMap<>();
		for (ResolvedMigration migration : loaded.migrations()) {
			if (migration.version() != null) {
				versioned.put(migration.version(), migration);
				this.head = migration.version();
			}
			else {
				repeatables.put(migration.description(), migration);
			}
		}
		Map<MigrationVersion, HistoryRow> appliedVersions = new HashMap<>();
		for (HistoryRow row : rows) {
			if (row.type() == MigrationInfo.Type.BASELINE && row.version() != null) {
				this.baseline = row.version();
			}
			if (row.version() != null && row.success()) {
				appliedVersions.put(row.version(), row);
				if (this.revision == null || row.version().isNewerThan(this.revision)) {
					this.revision = row.version();
				}
			}
			if (row.version() == null && row.success()) {
				this.latestRepeatables.put(row.description(), row);
			}
		}
		for (HistoryRow row : rows) {
			this.applied.add(info(row, versioned, repeatables));
		}
		for (ResolvedMigration migration : versioned.values()) {
			MigrationVersion version = Objects.requireNonNull(migration.version());
			if (appliedVersions.containsKey(version) || isBelowBaseline(version)) {
				continue;
			}
			if (hasFailedRow(rows, version)) {
				continue;
			}
			this.pending.add(migration);
		}
		for (ResolvedMigration migration : repeatables.values()) {
			HistoryRow latest = this.latestRepeatables.get(migration.description());
			if (latest == null || !Objects.equals(latest.checksum(), migration.checksum())) {
				this.pending.add(migration);
			}
		}
		checkPendingFiles();
		validate(rows, versioned, configuration);
	}

	// only what is about to run needs reading; an applied, unchanged file was valid then
	private void checkPendingFiles() {
		List<ResolvedMigration> unreadable = new ArrayList<>();
		for (ResolvedMigration migration : this.pending) {
			try {
				SqlMigrationParser.Parsed parsed = migration.parsed();
				if (parsed != null && parsed.downProblem() != null) {
					this.problems.add(new HoistStatus.Problem(Kind.INVALID_DOWN_SECTION, parsed.downProblem()
							+ ". This is in the down section: migrate applies the up section and warns; validate, check"
							+ " and downgrade fail until it is fixed", List.of(migration.location())));
				}
			}
			catch (MigrationFileException ex) {
				this.problems
					.add(new HoistStatus.Problem(Kind.INVALID_FILE, ex.getMessage(), List.of(migration.location())));
				unreadable.add(migration);
			}
		}
		this.pending.removeAll(unreadable);
	}

	private boolean isBelowBaseline(MigrationVersion version) {
		return this.baseline != null && version.compareTo(this.baseline) <= 0;
	}

	private boolean hasFailedRow(List<HistoryRow> rows, MigrationVersion version) {
		return rows.stream().anyMatch((row) -> !row.success() && !isRunning(row) && version.equals(row.version()));
	}

	private boolean isRunning(HistoryRow row) {
		return row.isUnfinished() && this.lockHeldElsewhere;
	}

	private MigrationInfo info(HistoryRow row, Map<MigrationVersion, ResolvedMigration> versioned,
			Map<String, ResolvedMigration> repeatables) {
		MigrationInfo.State state;
		if (row.type() == MigrationInfo.Type.BASELINE) {
			state = MigrationInfo.State.BASELINE;
		}
		else if (isRunning(row)) {
			state = MigrationInfo.State.RUNNING;
		}
		else if (!row.success()) {
			state = MigrationInfo.State.FAILED;
		}
		else if (row.version() == null) {
			ResolvedMigration file = repeatables.get(row.description());
			boolean latest = this.latestRepeatables.get(row.description()) == row;
			if (file == null) {
				state = MigrationInfo.State.MISSING;
			}
			else {
				state = (latest && !Objects.equals(file.checksum(), row.checksum())) ? MigrationInfo.State.OUTDATED
						: MigrationInfo.State.APPLIED;
			}
		}
		else {
			ResolvedMigration file = versioned.get(row.version());
			if (file == null) {
				state = (this.head == null || row.version().isNewerThan(this.head)) ? MigrationInfo.State.AHEAD
						: MigrationInfo.State.MISSING;
			}
			else if (file.checksum() != null && row.checksum() != null && !file.checksum().equals(row.checksum())) {
				state = MigrationInfo.State.CHANGED;
			}
			else {
				state = MigrationInfo.State.APPLIED;
			}
		}
		return row.info(state);
	}

	private void validate(List<HistoryRow> rows, Map<MigrationVersion, ResolvedMigration> versioned,
			HoistConfiguration configuration) {
		for (int i = 0; i < rows.size(); i++) {
			HistoryRow row = rows.get(i);
			MigrationInfo info = this.applied.get(i);
			switch (info.state()) {
				case FAILED -> this.problems.add(new HoistStatus.Problem(Kind.FAILED, row.script() + " (version "
						+ versionText(row) + ") "
						+ (row.isUnfinished()
								? "started on " + row.installedAt() + " and never finished: the process applying it"
										+ " died part way (a crash, a kill, a lost connection), leaving a failed row"
								: "failed part way on " + row.installedAt() + " and left a failed row")
						+ " in " + configuration.getTable()
						+ ". It ran without a transaction (transaction:false), so the"
						+ " statements before the failure stayed applied. Check the schema, finish or undo them by"
						+ " hand, then run 'repair' (removes the failed row) and start again", List.of(row.script())));
				case CHANGED -> {
					ResolvedMigration file = Objects.requireNonNull(versioned.get(row.version()));
					if (isDuplicated(file)) {
						// the duplicate problem says it all; which file was
						// applied is unknowable
						break;
					}
					this.problems.add(new HoistStatus.Problem(Kind.CHECKSUM_MISMATCH, file.location()
							+ " was changed after it was applied (version " + row.version() + ", applied "
							+ row.installedAt() + "): checksum in history " + row.checksum() + ", file "
							+ file.checksum() + ". Revert the file to what was applied and put the change in a new"
							+ " migration; if the edit is deliberate and harmless (comments, formatting), run 'repair'"
							+ " to record the file's checksum", List.of(file.location())));
				}
				case MISSING -> {
					if (row.version() != null) {
						this.problems.add(new HoistStatus.Problem(Kind.MISSING,
								"Version " + row.version() + " (" + row.script() + ") was applied on "
										+ row.installedAt() + " but is not in this build, which goes up to " + this.head
										+ ". Was the file deleted" + " or renamed? Restore it under its original name",
								List.of(row.script())));
					}
				}
				default -> {
				}
			}
			if (info.state() == MigrationInfo.State.AHEAD) {
				this.ahead.add(row);
			}
		}
		if (!this.ahead.isEmpty() && configuration.getAheadPolicy() == AheadPolicy.FAIL) {
			this.problems.add(new HoistStatus.Problem(Kind.AHEAD,
					aheadMessage() + ". Deploy a build that contains them, or set "
							+ SettingName.AHEAD_WARN.in(configuration)
							+ " to let an older build start against a newer schema",
					this.ahead.stream().map(HistoryRow::script).toList()));
		}
		if (this.revision != null && !configuration.isOutOfOrder()) {
			List<ResolvedMigration> older = this.pending.stream()
				.filter((migration) -> migration.version() != null && this.revision.isNewerThan(migration.version()))
				.toList();
			if (!older.isEmpty()) {
				this.problems.add(new HoistStatus.Problem(Kind.OUT_OF_ORDER,
						"Pending " + ((older.size() == 1) ? "migration " : "migrations ")
								+ String.join(", ", older.stream().map(ResolvedMigration::location).toList()) + " "
								+ ((older.size() == 1) ? "is" : "are") + " older than the database's revision "
								+ this.revision + " (merged from a parallel branch?). Renumber "
								+ ((older.size() == 1) ? "it" : "them") + " above " + this.revision + ", or set "
								+ SettingName.OUT_OF_ORDER.in(configuration) + " to apply "
								+ ((older.size() == 1) ? "it" : "them") + " anyway",
						older.stream().map(ResolvedMigration::location).toList()));
			}
		}
	}

	private boolean isDuplicated(ResolvedMigration file) {
		return this.problems.stream()
			.anyMatch((problem) -> problem.kind() == Kind.DUPLICATE_VERSION
					&& problem.scripts().contains(file.location()));
	}

	private static String versionText(HistoryRow row) {
		return (row.version() != null) ? row.version().toString() : "repeatable";
	}

	/**
	 * Return a message about migrations newer than this build, or an empty string.
	 * @return the message
	 */
	public String aheadMessage() {
		if (this.ahead.isEmpty()) {
			return "";
		}
		return "The database is ahead of this build: "
				+ String.join(", ",
						this.ahead.stream().map((row) -> row.version() + " (" + row.script() + ")").toList())
				+ " applied, newer than this build's head " + ((this.head != null) ? this.head : "(none)");
	}

	public List<ResolvedMigration> pending() {
		return this.pending;
	}

	/**
	 * Return the pending migrations that a run applies, up to the target version.
	 * @return the migrations to apply, in order
	 */
	public List<ResolvedMigration> toApply() {
		MigrationVersion limit = this.target;
		if (limit == null) {
			return this.pending;
		}
		// a target stops versioned migrations; repeatables still follow
		// whatever was applied
		return this.pending.stream()
			.filter((migration) -> migration.version() == null || migration.version().compareTo(limit) <= 0)
			.toList();
	}

	public List<HoistStatus.Problem> problems() {
		return this.problems;
	}

	public List<HistoryRow> ahead() {
		return this.ahead;
	}

	public @Nullable MigrationVersion revision() {
		return this.revision;
	}

	public @Nullable MigrationVersion head() {
		return this.head;
	}

	/**
	 * Return the status this plan stands for: pending means up to the target.
	 * @return the status
	 */
	public HoistStatus status() {
		boolean running = this.applied.stream().anyMatch((info) -> info.state() == MigrationInfo.State.RUNNING);
		List<ResolvedMigration> toApply = toApply();
		HoistStatus.State state;
		if (!this.ahead.isEmpty()) {
			state = HoistStatus.State.AHEAD;
		}
		else if (running) {
			state = HoistStatus.State.MIGRATING;
		}
		else {
			state = toApply.isEmpty() ? HoistStatus.State.CURRENT : HoistStatus.State.BEHIND;
		}
		List<MigrationInfo> pendingInfos = toApply.stream().map(Plan::pendingInfo).toList();
		return new HoistStatus(this.revision, this.head, this.target, state, this.applied, pendingInfos, this.problems);
	}

	static MigrationInfo pendingInfo(ResolvedMigration migration) {
		return new MigrationInfo(migration.version(), migration.description(), migration.type(), migration.script(),
				migration.checksum(), MigrationInfo.State.PENDING, null, null, null, null);
	}

}
