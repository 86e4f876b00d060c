package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.LockMode;
import dev.hoist.core.HoistConfiguration.TenantFailurePolicy;
import dev.hoist.core.HoistConfiguration.TenantKind;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistListener;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.LockTimeoutException;
import dev.hoist.core.MigrateResult;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.ValidationException;
import dev.hoist.core.tenants.TenantsResult;
import dev.hoist.core.tenants.TenantsResult.Failure;
import dev.hoist.core.tenants.TenantsResult.State;
import dev.hoist.core.tenants.TenantsResult.Tenant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code migrate} and {@code status} over every tenant of a multi-tenant service: each
 * tenant is a configuration of its own (its schema, or its database), so it has its own
 * history table and its own migration lock, and tenants never block each other.
 * <p>
 * A run reads the tenant list, then (for schemas of one database) every tenant's history
 * in one statement, and lays this build against each: tenants at the head cost nothing
 * more. The others migrate on a bounded pool of threads, each tenant as a plain
 * {@link MigrateCommand} on a connection of its own; a canary goes first when configured,
 * and the failure policy says whether one tenant's failure stops the rest. A tenant whose
 * lock another instance holds is put back at the end of the queue, so that instances
 * starting together spread over the tenants instead of queueing behind each other.
 */
public final class TenantsCommand {

	private static final Logger logger = LoggerFactory.getLogger(TenantsCommand.class);

	/** The MDC key that names the tenant in every log line of its work. */
	public static final String MDC_KEY = "hoist.tenant";

	private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final int LISTED_FAILURES = 10;

	private final Engine engine;

	private final HoistConfiguration configuration;

	private final Function<String, HoistConfiguration> tenantConfiguration;

	private final Listeners listeners;

	/**
	 * Create the command.
	 * @param engine the engine of the configuration that lists the tenants
	 * @param tenantConfiguration each tenant's configuration, by name
	 */
	public TenantsCommand(Engine engine, Function<String, HoistConfiguration> tenantConfiguration) {
		this.engine = engine;
		this.configuration = engine.configuration();
		this.tenantConfiguration = tenantConfiguration;
		this.listeners = engine.listeners();
	}

	/**
	 * Migrate every tenant of the list (of the shard) that is behind this build.
	 * @return every tenant's outcome
	 * @throws ValidationException if this build's migration files are invalid; no tenant
	 * was touched
	 * @throws HoistException if the tenant list cannot be read or is unusable; no tenant
	 * was touched
	 */
	public TenantsResult migrate() {
		long start = System.nanoTime();
		try {
			MigrationLoader.Loaded loaded = loadValid();
			Survey survey = survey(loaded, null, false);
			return run(loaded, survey, start);
		}
		catch (HoistException ex) {
			this.listeners.fire((listener) -> listener.migrateFailed(ex, Engine.elapsed(start)));
			throw ex;
		}
	}

	/**
	 * Read where every tenant stands, changing nothing.
	 * @param readTimeout the longest wait for each answer, with a single connection
	 * attempt (for health checks), or {@code null} to wait for the database as configured
	 * @return every tenant's state
	 */
	public TenantsResult status(@Nullable Duration readTimeout) {
		long start = System.nanoTime();
		MigrationLoader.Loaded loaded = loadValid();
		Survey survey = survey(loaded, readTimeout, true);
		List<String> names = survey.list().names();
		Tenant[] tenants = new Tenant[names.size()];
		List<Integer> unknown = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			Tenant known = known(name, survey, Duration.ZERO);
			if (known != null) {
				tenants[i] = known;
			}
			else {
				unknown.add(i);
			}
		}
		if (!unknown.isEmpty()) {
			// databases, or schemas that could not be read together: each on its own
			ExecutorService pool = pool(unknown.size());
			try {
				List<Future<Tenant>> futures = new ArrayList<>();
				for (int index : unknown) {
					String name = names.get(index);
					futures.add(pool.submit(() -> statusOf(name, loaded, readTimeout, survey.head())));
				}
				for (int i = 0; i < unknown.size(); i++) {
					tenants[unknown.get(i)] = await(futures.get(i));
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
		TenantsResult result = new TenantsResult(List.of(tenants), survey.list().listed(),
				this.configuration.getTenantShard(), null, Engine.elapsed(start));
		this.listeners.fire((listener) -> listener.tenantStatusRead(result));
		return result;
	}

	/**
	 * Describe where a configuration's tenant list comes from, for messages.
	 * @param configuration the configuration
	 * @return the description, such as
	 * {@code the tenant list hoist.tenants.schemas (HOIST_TENANTS_SCHEMAS)}
	 */
	public static String describeSource(HoistConfiguration configuration) {
		return TenantList.source(configuration);
	}

	/**
	 * Say how to run a single-schema command on one tenant, for messages.
	 * @param configuration the configuration
	 * @return the advice, in the spelling of the configuration's user
	 */
	public static String oneTenantHint(HoistConfiguration configuration) {
		return SettingName.TENANTS_DISABLED.in(configuration) + ", with "
				+ ((configuration.getTenantKind() == TenantKind.SCHEMA)
						? SettingName.SCHEMA.in(configuration) + " set to the tenant's schema"
						: SettingName.URL.in(configuration) + " naming the tenant's database");
	}

	private MigrationLoader.Loaded loadValid() {
		MigrationLoader.Loaded loaded = this.engine.load();
		// a broken build is broken for every tenant: say it once, touch none
		if (!loaded.problems().isEmpty()) {
			throw new ValidationException(loaded.problems());
		}
		return loaded;
	}

	/**
	 * Read the tenant list and, for schemas, every tenant's history in one statement.
	 * @param exact whether tenants whose history has problems or an unfinished row are
	 * read again on their own rows, with the lock holders, so that status reports them
	 * exactly; a run leaves them to the tenant's own command
	 */
	private Survey survey(MigrationLoader.Loaded loaded, @Nullable Duration readTimeout, boolean exact) {
		try (Control control = Control.open(this.engine, readTimeout)) {
			Connection connection = control.connection();
			TenantList.Resolved list = TenantList.resolve(this.configuration, connection);
			MigrationVersion head = head(loaded);
			if (this.configuration.getTenantKind() == TenantKind.DATABASE) {
				return new Survey(list, Map.of(), head);
			}
			Map<String, List<HistoryRow>> histories = histories(connection, list);
			if (histories == null) {
				return new Survey(list, Map.of(), head);
			}
			Map<String, Plan> plans = new HashMap<>();
			Map<List<HistoryRow>, Plan> byHistory = new IdentityHashMap<>();
			List<String> again = new ArrayList<>();
			for (String name : list.names()) {
				List<HistoryRow> rows = histories.getOrDefault(name, List.of());
				Plan plan = byHistory.computeIfAbsent(rows, (key) -> Plan.of(loaded, key, this.configuration, false));
				plans.put(name, plan);
				if (exact && !rows.isEmpty()
						&& (!plan.problems().isEmpty() || rows.stream().anyMatch(HistoryRow::isUnfinished))) {
					again.add(name);
				}
			}
			if (!again.isEmpty()) {
				Map<String, List<HistoryRow>> own = TenantHistories.read(connection, again,
						this.configuration.getTable());
				Set<Long> locks = TenantHistories.heldLocks(connection);
				for (String name : again) {
					List<HistoryRow> rows = own.getOrDefault(name, List.of());
					boolean held = rows.stream().anyMatch(HistoryRow::isUnfinished)
							&& locks.contains(SchemaHistory.lockKey(name, this.configuration.getTable()));
					plans.put(name, Plan.of(loaded, rows, this.configuration, held));
				}
			}
			return new Survey(list, plans, head);
		}
		catch (SQLException ex) {
			throw Session.failure("read the tenants", ex);
		}
	}

	/**
	 * Read every tenant's history: first in one statement as if every table existed (the
	 * common start); when one does not, after finding which do.
	 * @return the histories, or {@code null} when they cannot be read together (each
	 * tenant is then read on its own, which says which one fails and why)
	 */
	private @Nullable Map<String, List<HistoryRow>> histories(Connection connection, TenantList.Resolved list)
			throws SQLException {
		String table = this.configuration.getTable();
		List<String> names = list.names();
		Set<String> present = list.present();
		try {
			if (present == null) {
				try {
					return TenantHistories.readGrouped(connection, names, table);
				}
				catch (SQLException ex) {
					if (!"42P01".equals(ex.getSQLState())) {
						throw ex;
					}
					// a new tenant: find which tables exist, then read those
					present = TenantHistories.withHistory(connection, names, table);
				}
			}
			Set<String> exist = present;
			Map<String, List<HistoryRow>> histories = TenantHistories.readGrouped(connection,
					names.stream().filter(exist::contains).toList(), table);
			names.stream().filter((name) -> !exist.contains(name)).forEach((name) -> histories.put(name, List.of()));
			return histories;
		}
		catch (SQLException ex) {
			if (isConnectionLost(ex)) {
				throw ex;
			}
			logger.warn("Hoist: could not read the histories of {} tenants in one statement ({}); reading each on"
					+ " its own", names.size(), ex.getMessage());
			return null;
		}
	}

	// the build's head without reading any file: most starts apply nothing
	private static @Nullable MigrationVersion head(MigrationLoader.Loaded loaded) {
		MigrationVersion head = null;
		for (ResolvedMigration migration : loaded.migrations()) {
			if (migration.version() != null && (head == null || migration.version().isNewerThan(head))) {
				head = migration.version();
			}
		}
		return head;
	}

	private static boolean isConnectionLost(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && (state.startsWith("08") || state.startsWith("57"));
	}

	/**
	 * Return what the survey already knows of a tenant, or {@code null} when the tenant
	 * must be read on its own.
	 */
	private @Nullable Tenant known(String name, Survey survey, Duration duration) {
		Set<String> present = survey.list().present();
		if (this.configuration.getTenantKind() == TenantKind.DATABASE && present != null && !present.contains(name)) {
			return missingDatabase(name);
		}
		Plan plan = survey.plans().get(name);
		return (plan != null) ? fromStatus(name, plan.status(), duration) : null;
	}

	private Tenant missingDatabase(String name) {
		String message = "Database '" + name + "' does not exist on "
				+ this.configuration.getDatabase().describe().replaceFirst("/[^ ]* \\(", " (")
				+ ". Hoist creates the schema of a new tenant, never its database: create it (CREATE DATABASE),"
				+ " or take it off " + TenantList.source(this.configuration);
		return new Tenant(name, State.FAILED, null, null, null, 0, 0,
				new Failure(Failure.Kind.DATABASE, message, null, 0, "3D000", List.of()), Duration.ZERO);
	}

	private Tenant statusOf(String name, MigrationLoader.Loaded loaded, @Nullable Duration readTimeout,
			@Nullable MigrationVersion head) {
		long start = System.nanoTime();
		try {
			Engine tenant = tenantEngine(name, loaded, new TenantListener(this.listeners));
			HoistStatus status = new StatusCommand(tenant).status(readTimeout);
			return fromStatus(name, status, Engine.elapsed(start));
		}
		catch (RuntimeException ex) {
			return failed(name, ex, null, null, 0, 0, head, Engine.elapsed(start));
		}
	}

	private TenantsResult run(MigrationLoader.Loaded loaded, Survey survey, long start) {
		List<String> names = survey.list().names();
		Tenant[] tenants = new Tenant[names.size()];
		List<Integer> work = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			Set<String> present = survey.list().present();
			Plan plan = survey.plans().get(name);
			if (this.configuration.getTenantKind() == TenantKind.DATABASE && present != null
					&& !present.contains(name)) {
				tenants[i] = missingDatabase(name);
			}
			else if (plan != null && plan.problems().isEmpty() && plan.toApply().isEmpty()) {
				tenants[i] = fromStatus(name, plan.status(), Duration.ZERO);
			}
			else {
				work.add(i);
			}
		}
		int parallelism = Math.max(1, Math.min(parallelism(), work.size()));
		int canary = Math.min(this.configuration.getTenantCanary(), work.size());
		logStart(survey, names.size() - work.size(), work.size(), parallelism, canary);
		int pending = work.size();
		this.listeners.fire((listener) -> listener.tenantsMigrateStarted(names.size(), pending));
		String stopped = null;
		if (!work.isEmpty()) {
			Pool pool = new Pool(loaded, survey, tenants, parallelism);
			try {
				stopped = pool.run(work, canary);
			}
			finally {
				pool.shutdown();
			}
		}
		TenantsResult result = new TenantsResult(List.of(tenants), survey.list().listed(),
				this.configuration.getTenantShard(), stopped, Engine.elapsed(start));
		logEnd(result, parallelism);
		this.listeners.fire((listener) -> listener.tenantsMigrateFinished(result));
		return result;
	}

	private int parallelism() {
		int configured = this.configuration.getTenantParallelism();
		return (configured > 0) ? configured : HoistConfiguration.DEFAULT_TENANT_PARALLELISM;
	}

	private void logStart(Survey survey, int atHead, int toMigrate, int parallelism, int canary) {
		TenantList.Resolved list = survey.list();
		String shard = (this.configuration.getTenantShard() != null)
				? " (shard " + this.configuration.getTenantShard() + " of " + list.listed() + " listed)" : "";
		if (toMigrate == 0) {
			logger.info("Hoist: all {} tenant{}{} are up to date", list.names().size(),
					(list.names().size() == 1) ? "" : "s", shard);
			return;
		}
		logger.info("Hoist: {} tenant{}{}: {} to migrate, {} at a time{}; {} up to date", list.names().size(),
				(list.names().size() == 1) ? "" : "s", shard, toMigrate, parallelism,
				(canary > 0) ? ", the first " + canary + " as a canary" : "", atHead);
	}

	private void logEnd(TenantsResult result, int parallelism) {
		TenantsResult.Summary summary = result.summary();
		long ahead = summary.ahead();
		if (ahead > 0) {
			logger.warn("Hoist: {} tenant{} ahead of this build (an older replica during a rolling deploy?): {}", ahead,
					(ahead == 1) ? " is" : "s are",
					names(result.tenants()
						.stream()
						.filter((tenant) -> tenant.state() == State.AHEAD)
						.map(Tenant::name)
						.toList()));
		}
		String counts = summary.migrated() + " migrated, " + summary.unchanged() + " already up to date, "
				+ summary.failed() + " failed, " + summary.skipped() + " skipped";
		if (summary.failed() == 0 && summary.skipped() == 0) {
			logger.info("Hoist: {} tenant{} done in {} ms ({} at a time): {}", summary.total(),
					(summary.total() == 1) ? "" : "s", result.duration().toMillis(), parallelism, counts);
			return;
		}
		String failures = result.failed()
			.stream()
			.limit(LISTED_FAILURES)
			.map((tenant) -> tenant.name() + ": " + firstLine(tenant))
			.collect(Collectors.joining("\n  "));
		logger.error("Hoist: {} tenant{} in {} ms ({} at a time): {}{}{}", summary.total(),
				(summary.total() == 1) ? "" : "s", result.duration().toMillis(), parallelism, counts,
				(result.stopped() != null) ? ". Stopped: " + result.stopped() : "",
				failures.isEmpty() ? "" : "\n  " + failures + ((summary.failed() > LISTED_FAILURES)
						? "\n  and " + (summary.failed() - LISTED_FAILURES) + " more" : ""));
	}

	private static String firstLine(Tenant tenant) {
		Failure failure = tenant.failure();
		if (failure == null) {
			return "";
		}
		String message = failure.message();
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

	private static String names(List<String> names) {
		return (names.size() <= LISTED_FAILURES) ? String.join(", ", names)
				: String.join(", ", names.subList(0, LISTED_FAILURES)) + " and " + (names.size() - LISTED_FAILURES)
						+ " more";
	}

	private ExecutorService pool(int size) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "hoist-tenant-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism(), size)), threads);
	}

	private Engine tenantEngine(String name, MigrationLoader.Loaded loaded, TenantListener listener) {
		HoistConfiguration tenant = this.tenantConfiguration.apply(name);
		return this.engine.forTenant(tenant, loaded, new Listeners(List.of(listener)), null);
	}

	private Tenant fromStatus(String name, HoistStatus status, Duration duration) {
		if (!status.problems().isEmpty()) {
			String message = "The history of " + name + " is invalid:\n"
					+ status.problems().stream().map(HoistStatus.Problem::message).collect(Collectors.joining("\n"));
			String script = status.problems().get(0).scripts().isEmpty() ? null
					: status.problems().get(0).scripts().get(0);
			return new Tenant(name, State.FAILED, status.revision(), status.revision(), status.head(), 0,
					status.pending().size(),
					new Failure(Failure.Kind.INVALID, message, script, 0, null, status.problems()), duration);
		}
		State state = switch (status.state()) {
			case CURRENT -> State.CURRENT;
			case BEHIND -> State.BEHIND;
			case AHEAD -> State.AHEAD;
			case MIGRATING, WAITING_FOR_LOCK -> State.MIGRATING;
		};
		return new Tenant(name, state, status.revision(), status.revision(), status.head(), 0, status.pending().size(),
				null, duration);
	}

	private static Tenant failed(String name, RuntimeException ex, @Nullable MigrationVersion initial,
			@Nullable MigrationVersion revision, int applied, int pending, @Nullable MigrationVersion head,
			Duration duration) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		Failure failure;
		if (ex instanceof MigrationFailedException migration) {
			failure = new Failure(Failure.Kind.MIGRATION, message, migration.script(), migration.line(),
					migration.sqlState(), List.of());
		}
		else if (ex instanceof ValidationException validation) {
			failure = new Failure(Failure.Kind.INVALID, message, null, 0, null, validation.problems());
		}
		else if (ex instanceof DatabaseUnavailableException) {
			failure = new Failure(Failure.Kind.DATABASE, message, null, 0, sqlState(ex), List.of());
		}
		else if (ex instanceof LockTimeoutException) {
			failure = new Failure(Failure.Kind.LOCK, message, null, 0, null, List.of());
		}
		else {
			String state = sqlState(ex);
			boolean database = state != null && (state.startsWith("08") || state.startsWith("28")
					|| state.equals("3D000") || state.startsWith("57P"));
			failure = new Failure(database ? Failure.Kind.DATABASE : Failure.Kind.OTHER, message, null, 0, state,
					List.of());
		}
		return new Tenant(name, State.FAILED, initial, revision, head, applied, pending, failure, duration);
	}

	private static @Nullable String sqlState(Throwable ex) {
		int depth = 0;
		for (Throwable cause = ex; cause != null && depth++ < 10; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	private static <T> T await(Future<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HoistException("Interrupted while waiting for the tenants", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new HoistException("A tenant's work failed: " + cause, cause);
		}
	}

	/**
	 * The threads of one run and what they share: the tenants' outcomes, and the reason
	 * to stop starting tenants once one is set.
	 */
	private final class Pool {

		private final MigrationLoader.Loaded loaded;

		private final Survey survey;

		private final Tenant[] tenants;

		private final ExecutorService executor;

		private final CompletionService<Outcome> completion;

		private final AtomicReference<@Nullable String> stop = new AtomicReference<>();

		private final @Nullable DatabaseWaiter waiter;

		private final boolean defer;

		private final int total;

		private int done;

		Pool(MigrationLoader.Loaded loaded, Survey survey, Tenant[] tenants, int parallelism) {
			this.loaded = loaded;
			this.survey = survey;
			this.tenants = tenants;
			this.total = tenants.length;
			this.executor = pool(parallelism);
			this.completion = new ExecutorCompletionService<>(this.executor);
			// schemas share one database: one waiter, one "connected" line
			this.waiter = (TenantsCommand.this.configuration.getTenantKind() == TenantKind.SCHEMA)
					? new DatabaseWaiter(TenantsCommand.this.configuration, new Listeners(List.of())) : null;
			this.defer = TenantsCommand.this.configuration.getLockMode() == LockMode.SESSION;
			for (Tenant tenant : tenants) {
				if (tenant != null) {
					this.done++;
				}
			}
		}

		/**
		 * Migrate the tenants: the canary first, then the rest.
		 * @return why the run stopped early, or {@code null}
		 */
		@Nullable String run(List<Integer> work, int canary) {
			List<Integer> first = work.subList(0, canary);
			List<Integer> rest = work.subList(canary, work.size());
			if (!first.isEmpty()) {
				submitAll(first, false);
				List<String> failed = first.stream()
					.filter((index) -> this.tenants[index].state() == State.FAILED)
					.map((index) -> this.tenants[index].name())
					.toList();
				String stopped = this.stop.get();
				if (!failed.isEmpty()) {
					stopped = "the canary failed (" + names(failed) + "), so none of the other " + rest.size()
							+ " tenant" + ((rest.size() == 1) ? "" : "s") + " to migrate was touched; fix it and run"
							+ " again";
				}
				if (stopped != null) {
					rest.forEach(this::skip);
					return stopped;
				}
			}
			submitAll(rest, this.defer);
			return this.stop.get();
		}

		private void submitAll(List<Integer> indexes, boolean deferWhenLocked) {
			int outstanding = 0;
			for (int index : indexes) {
				submit(index, deferWhenLocked);
				outstanding++;
			}
			long nextProgress = System.nanoTime() + PROGRESS_NANOS;
			while (outstanding > 0) {
				Future<Outcome> next;
				try {
					next = this.completion.poll(Math.max(1, nextProgress - System.nanoTime()), TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					this.executor.shutdownNow();
					throw new HoistException("Interrupted while migrating tenants; " + this.done + " of " + this.total
							+ " were done, and the tenants under way finish or roll back on their own", ex);
				}
				if (next == null) {
					logger.info("Hoist: tenants: {} of {} done, {} under way", this.done, this.total, outstanding);
					nextProgress = System.nanoTime() + PROGRESS_NANOS;
					continue;
				}
				outstanding--;
				Outcome outcome = await(next);
				Tenant tenant = outcome.tenant();
				if (tenant == null) {
					// another instance holds its lock: back of the queue, waiting then
					submit(outcome.index(), false);
					outstanding++;
					continue;
				}
				this.tenants[outcome.index()] = tenant;
				this.done++;
				fire(tenant);
			}
		}

		private void fire(Tenant tenant) {
			TenantsCommand.this.listeners.fire((listener) -> listener.tenantMigrated(tenant));
		}

		private void submit(int index, boolean deferWhenLocked) {
			this.completion.submit(() -> new Outcome(index, migrate(index, deferWhenLocked)));
		}

		private void skip(int index) {
			this.tenants[index] = skipped(index);
			this.done++;
			fire(this.tenants[index]);
		}

		private Tenant skipped(int index) {
			String name = this.survey.list().names().get(index);
			Plan plan = this.survey.plans().get(name);
			return new Tenant(name, State.SKIPPED, (plan != null) ? plan.revision() : null,
					(plan != null) ? plan.revision() : null, this.survey.head(), 0,
					(plan != null) ? plan.toApply().size() : 0, null, Duration.ZERO);
		}

		/**
		 * Migrate one tenant on this thread.
		 * @return the outcome, or {@code null} when deferred
		 */
		private @Nullable Tenant migrate(int index, boolean deferWhenLocked) {
			String name = this.survey.list().names().get(index);
			if (this.stop.get() != null) {
				return skipped(index);
			}
			Thread thread = Thread.currentThread();
			String threadName = thread.getName();
			thread.setName(threadName + " " + name);
			MDC.put(MDC_KEY, name);
			long start = System.nanoTime();
			Plan plan = this.survey.plans().get(name);
			TenantListener listener = new TenantListener(TenantsCommand.this.listeners);
			try {
				HoistConfiguration tenant = TenantsCommand.this.tenantConfiguration.apply(name);
				Engine engine = TenantsCommand.this.engine.forTenant(tenant, this.loaded,
						new Listeners(List.of(listener)), this.waiter);
				MigrateResult result = new MigrateCommand(engine).run(deferWhenLocked);
				if (result == null) {
					logger.debug("Hoist: tenant {} is locked by another instance; coming back to it later", name);
					return null;
				}
				HoistStatus after = listener.status();
				State state = (after == null || after.state() == HoistStatus.State.CURRENT) ? State.CURRENT
						: (after.state() == HoistStatus.State.AHEAD) ? State.AHEAD : State.BEHIND;
				return new Tenant(name, state, result.initialRevision(), result.revision(), this.survey.head(),
						result.applied().size(), (after != null) ? after.pending().size() : 0, null,
						Engine.elapsed(start));
			}
			catch (RuntimeException ex) {
				if (TenantsCommand.this.configuration.getTenantFailurePolicy() == TenantFailurePolicy.STOP) {
					this.stop.compareAndSet(null,
							"tenant " + name + " failed and "
									+ SettingName.TENANTS_ON_FAILURE.in(TenantsCommand.this.configuration)
									+ " is 'stop', so no tenant was started after it");
				}
				logger.error("Hoist: tenant {} failed: {}", name, ex.getMessage());
				MigrationVersion initial = (plan != null) ? plan.revision() : null;
				int pending = (listener.pending() >= 0) ? listener.pending()
						: (plan != null) ? plan.toApply().size() : 0;
				return failed(name, ex, initial, listener.revision(initial), listener.applied(),
						Math.max(0, pending - listener.applied()), this.survey.head(), Engine.elapsed(start));
			}
			finally {
				MDC.remove(MDC_KEY);
				thread.setName(threadName);
			}
		}

		void shutdown() {
			this.executor.shutdownNow();
		}

	}

	/**
	 * Hears one tenant's run: passes what metrics and tracing count per migration and per
	 * lock on to the application's listeners, keeps what the run's outcome needs, and
	 * keeps the run-level events of single-schema runs (started, finished, status) to
	 * itself, since a tenant run reports through its own events.
	 */
	private static final class TenantListener implements HoistListener {

		private final Listeners delegate;

		private volatile @Nullable HoistStatus status;

		private volatile int pending = -1;

		private final AtomicInteger applied = new AtomicInteger();

		private final AtomicReference<@Nullable MigrationVersion> revision = new AtomicReference<>();

		TenantListener(Listeners delegate) {
			this.delegate = delegate;
		}

		@Override
		public void migrateStarted(int pending) {
			this.pending = pending;
		}

		@Override
		public void lockWaiting(HoistStatus.@Nullable LockHolder holder, Duration waited) {
			this.delegate.fire((listener) -> listener.lockWaiting(holder, waited));
		}

		@Override
		public void lockAcquired(Duration waited) {
			this.delegate.fire((listener) -> listener.lockAcquired(waited));
		}

		@Override
		public void migrationStarted(MigrationInfo migration) {
			this.delegate.fire((listener) -> listener.migrationStarted(migration));
		}

		@Override
		public void migrationApplied(MigrationInfo migration, Duration duration) {
			this.applied.incrementAndGet();
			if (migration.version() != null) {
				this.revision.accumulateAndGet(migration.version(), (a, b) -> (a == null || b.isNewerThan(a)) ? b : a);
			}
			this.delegate.fire((listener) -> listener.migrationApplied(migration, duration));
		}

		@Override
		public void migrationFailed(MigrationInfo migration, Duration duration, HoistException failure) {
			this.delegate.fire((listener) -> listener.migrationFailed(migration, duration, failure));
		}

		@Override
		public void statusRead(HoistStatus status) {
			this.status = status;
		}

		@Nullable HoistStatus status() {
			return this.status;
		}

		int pending() {
			return this.pending;
		}

		int applied() {
			return this.applied.get();
		}

		@Nullable MigrationVersion revision(@Nullable MigrationVersion initial) {
			MigrationVersion last = this.revision.get();
			return (last != null && (initial == null || last.isNewerThan(initial))) ? last : initial;
		}

	}

	/**
	 * One tenant's outcome.
	 *
	 * @param index its place in the list
	 * @param tenant its outcome, or {@code null} when it was deferred
	 */
	private record Outcome(int index, @Nullable Tenant tenant) {

	}

	/**
	 * The tenant list and what one statement told of each schema tenant.
	 *
	 * @param list the tenants
	 * @param plans each schema tenant laid against its history; empty for databases
	 * @param head the highest version of this build
	 */
	private record Survey(TenantList.Resolved list, Map<String, Plan> plans, @Nullable MigrationVersion head) {

	}

	/**
	 * The connection that reads the tenant list and the histories: autocommit, and with a
	 * read timeout for health checks; restored when closed.
	 */
	private static final class Control implements AutoCloseable {

		private final Connection connection;

		private final boolean autoCommit;

		private final @Nullable String statementTimeout;

		private final int networkTimeout;

		private Control(Connection connection, boolean autoCommit, @Nullable String statementTimeout,
				int networkTimeout) {
			this.connection = connection;
			this.autoCommit = autoCommit;
			this.statementTimeout = statementTimeout;
			this.networkTimeout = networkTimeout;
		}

		static Control open(Engine engine, @Nullable Duration readTimeout) throws SQLException {
			Connection connection = (readTimeout != null) ? engine.connectOnce() : engine.connect();
			try {
				int networkTimeout = -1;
				String statementTimeout = null;
				if (readTimeout != null) {
					long millis = Math.max(1, readTimeout.toMillis());
					networkTimeout = connection.getNetworkTimeout();
					connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, 2 * millis + 1000));
					try (PreparedStatement statement = connection.prepareStatement(
							"SELECT current_setting('statement_timeout'), set_config('statement_timeout', ?, false)")) {
						statement.setString(1, Long.toString(millis));
						try (ResultSet rs = statement.executeQuery()) {
							rs.next();
							statementTimeout = rs.getString(1);
						}
					}
				}
				boolean autoCommit = connection.getAutoCommit();
				if (!autoCommit) {
					connection.setAutoCommit(true);
				}
				return new Control(connection, autoCommit, statementTimeout, networkTimeout);
			}
			catch (SQLException | RuntimeException ex) {
				connection.close();
				throw ex;
			}
		}

		Connection connection() {
			return this.connection;
		}

		@Override
		public void close() {
			try {
				if (!this.connection.isClosed()) {
					if (this.statementTimeout != null) {
						try (PreparedStatement statement = this.connection
							.prepareStatement("SELECT set_config('statement_timeout', ?, false)")) {
							statement.setString(1, this.statementTimeout);
							statement.execute();
						}
					}
					this.connection.setAutoCommit(this.autoCommit);
					if (this.networkTimeout >= 0) {
						this.connection.setNetworkTimeout(Runnable::run, this.networkTimeout);
					}
				}
			}
			catch (SQLException ex) {
				logger.debug("Could not restore the connection's settings", ex);
			}
			finally {
				try {
					this.connection.close();
				}
				catch (SQLException ex) {
					logger.debug("Could not close the connection", ex);
				}
			}
		}

	}

}
