package dev.hoist.cli;

import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.TenantFailurePolicy;
import dev.hoist.core.HoistConfiguration.TenantKind;
import dev.hoist.core.HoistConfiguration.TenantShard;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Which tenants a command works on, and how a run over them goes. Each flag beats its
 * environment variable, which has the same name in the application
 * ({@code HOIST_TENANTS_SCHEMAS}, {@code HOIST_TENANTS_DATABASES},
 * {@code HOIST_TENANTS_QUERY}, {@code HOIST_TENANTS_KIND},
 * {@code HOIST_TENANTS_PARALLELISM}, {@code HOIST_TENANTS_CANARY},
 * {@code HOIST_TENANTS_ON_FAILURE}, {@code HOIST_TENANTS_SHARD},
 * {@code HOIST_TENANTS_ENABLED}).
 */
final class TenantOptions {

	@Option(names = "--tenants", arity = "0..1", fallbackValue = "", paramLabel = "<names>",
			description = "Work on these tenants, comma-separated: schemas of the database, each with its own history"
					+ " table and lock (databases of its server with --tenants-kind=database). Bare: the tenants of"
					+ " HOIST_TENANTS_SCHEMAS, HOIST_TENANTS_DATABASES or HOIST_TENANTS_QUERY.")
	@Nullable String names;

	@Option(names = "--tenants-query", paramLabel = "<sql>",
			description = "Work on the tenants this query on the database lists in its first column (default:"
					+ " HOIST_TENANTS_QUERY).")
	@Nullable String query;

	@Option(names = "--tenants-kind", paramLabel = "<schema|database>",
			description = "Whether --tenants and --tenants-query name schemas (default) or databases (default:"
					+ " HOIST_TENANTS_KIND).")
	@Nullable String kind;

	@Option(names = "--tenants-enabled", paramLabel = "<true|false>",
			description = "false ignores HOIST_TENANTS_* in the environment, to work on one schema (default:"
					+ " HOIST_TENANTS_ENABLED, else true).")
	@Nullable String enabled;

	@Option(names = "--parallel", paramLabel = "<n>",
			description = "How many tenants migrate at once, each on a connection of its own (default:"
					+ " HOIST_TENANTS_PARALLELISM, else " + HoistConfiguration.DEFAULT_TENANT_PARALLELISM + ").")
	@Nullable String parallel;

	@Option(names = "--canary", paramLabel = "<n>",
			description = "Migrate the first n tenants with pending migrations before any other; if one fails, touch"
					+ " no other (default: HOIST_TENANTS_CANARY, else 0).")
	@Nullable String canary;

	@Option(names = "--on-failure", paramLabel = "<stop|continue>",
			description = "After a tenant fails: stop starting others, or continue with every other tenant; the exit"
					+ " code is 1 either way (default: HOIST_TENANTS_ON_FAILURE, else stop).")
	@Nullable String onFailure;

	@Option(names = "--shard", paramLabel = "<i/n>",
			description = "Work on shard i of n (0 <= i < n) of the tenants, by a stable hash of each name: one pod of"
					+ " an Indexed Job, --shard $(JOB_COMPLETION_INDEX)/n (default: HOIST_TENANTS_SHARD).")
	@Nullable String shard;

	void apply(HoistConfiguration configuration, CliSettings settings) {
		String enabledValue = LockOptions.value(this.enabled, settings, "HOIST_TENANTS_ENABLED");
		boolean disabled = enabledValue != null && !Boolean.parseBoolean(enabledValue.strip());
		boolean flagged = this.names != null || this.query != null;
		if (disabled) {
			if (flagged) {
				throw new IllegalArgumentException("--tenants-enabled=false and --tenants or --tenants-query"
						+ " contradict each other: keep one");
			}
			return;
		}
		if (!source(configuration, settings)) {
			List<String> orphans = new ArrayList<>();
			addIf(orphans, this.parallel, "--parallel");
			addIf(orphans, this.canary, "--canary");
			addIf(orphans, this.onFailure, "--on-failure");
			addIf(orphans, this.shard, "--shard");
			addIf(orphans, this.kind, "--tenants-kind");
			if (!orphans.isEmpty()) {
				throw new IllegalArgumentException(String.join(", ", orphans) + " apply to tenants: add --tenants"
						+ " <names> or --tenants-query <sql>");
			}
			return;
		}
		String parallelism = LockOptions.value(this.parallel, settings, "HOIST_TENANTS_PARALLELISM");
		if (parallelism != null) {
			configuration.tenantParallelism(positive(parallelism, "--parallel, HOIST_TENANTS_PARALLELISM"));
		}
		String canaryValue = LockOptions.value(this.canary, settings, "HOIST_TENANTS_CANARY");
		if (canaryValue != null) {
			configuration.tenantCanary(number(canaryValue, "--canary, HOIST_TENANTS_CANARY"));
		}
		String policy = LockOptions.value(this.onFailure, settings, "HOIST_TENANTS_ON_FAILURE");
		if (policy != null) {
			configuration.tenantFailurePolicy(
					LockOptions.choice(TenantFailurePolicy.class, policy, "--on-failure, HOIST_TENANTS_ON_FAILURE"));
		}
		String shardValue = LockOptions.value(this.shard, settings, "HOIST_TENANTS_SHARD");
		if (shardValue != null) {
			try {
				configuration.tenantShard(TenantShard.parse(shardValue));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--shard, HOIST_TENANTS_SHARD: " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Set where the tenants come from: the flags, else the environment.
	 * @return whether there are tenants
	 */
	private boolean source(HoistConfiguration configuration, CliSettings settings) {
		String kindValue = LockOptions.value(this.kind, settings, "HOIST_TENANTS_KIND");
		TenantKind tenantKind = (kindValue != null)
				? LockOptions.choice(TenantKind.class, kindValue, "--tenants-kind, HOIST_TENANTS_KIND")
				: TenantKind.SCHEMA;
		boolean listed = this.names != null && !this.names.isBlank();
		if (listed && this.query != null) {
			throw new IllegalArgumentException("--tenants <names> and --tenants-query both name the tenants: keep one");
		}
		if (listed) {
			List<String> names = split(this.names);
			if (tenantKind == TenantKind.SCHEMA) {
				configuration.tenantSchemas(names);
			}
			else {
				configuration.tenantDatabases(names);
			}
			return true;
		}
		if (this.query != null) {
			configuration.tenantsQuery(this.query, tenantKind);
			return true;
		}
		String schemas = settings.variable("HOIST_TENANTS_SCHEMAS");
		String databases = settings.variable("HOIST_TENANTS_DATABASES");
		String query = settings.variable("HOIST_TENANTS_QUERY");
		int sources = ((schemas != null) ? 1 : 0) + ((databases != null) ? 1 : 0) + ((query != null) ? 1 : 0);
		if (sources > 1) {
			throw new IllegalArgumentException("The tenants come from one place, but more than one of"
					+ " HOIST_TENANTS_SCHEMAS, HOIST_TENANTS_DATABASES and HOIST_TENANTS_QUERY is set: keep one, or"
					+ " name the tenants with --tenants or --tenants-query");
		}
		if (schemas != null) {
			configuration.tenantSchemas(split(schemas));
		}
		else if (databases != null) {
			configuration.tenantDatabases(split(databases));
		}
		else if (query != null) {
			configuration.tenantsQuery(query, tenantKind);
		}
		else if (this.names != null) {
			throw new IllegalArgumentException("--tenants without names needs the tenants in the environment:"
					+ " HOIST_TENANTS_SCHEMAS, HOIST_TENANTS_DATABASES or HOIST_TENANTS_QUERY; or write --tenants"
					+ " <names> or --tenants-query <sql>");
		}
		return sources == 1;
	}

	private static List<String> split(String names) {
		List<String> split = new ArrayList<>();
		for (String name : names.split(",")) {
			String trimmed = name.strip();
			if (!trimmed.isEmpty()) {
				split.add(trimmed);
			}
		}
		return split;
	}

	private static void addIf(List<String> flags, @Nullable String value, String flag) {
		if (value != null) {
			flags.add(flag);
		}
	}

	private static int number(String text, String option) {
		try {
			int number = Integer.parseInt(text.strip());
			if (number < 0) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Cannot read '" + text + "' as a number of tenants for " + option);
		}
	}

	private static int positive(String text, String option) {
		int number = number(text, option);
		if (number == 0) {
			throw new IllegalArgumentException(option + " must be at least 1, not 0");
		}
		return number;
	}

}
