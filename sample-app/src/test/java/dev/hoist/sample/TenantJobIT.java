package dev.hoist.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of {@code deploy/k8s/tenants} on the packaged jar: each pod of the
 * Indexed Job runs with the environment the manifest gives it (its index in place of
 * {@code $(JOB_COMPLETION_INDEX)}), together the pods migrate every tenant exactly once,
 * and a replica with the Deployment's environment starts once they are done.
 */
@PostgresTest
class TenantJobIT {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final Path MANIFESTS = Path.of("..", "deploy", "k8s", "tenants");

	private static final int TENANTS = 8;

	@Test
	void theIndexedJobsPodsMigrateEveryTenantOnceAndTheReplicasThenStart(TestDatabase database, @TempDir Path directory)
			throws Exception {
		database.execute("CREATE TABLE public.tenants (schema_name text PRIMARY KEY, active boolean NOT NULL);"
				+ " INSERT INTO public.tenants SELECT 'shop_' || g, true FROM generate_series(1, " + TENANTS + ") g;"
				+ " INSERT INTO public.tenants VALUES ('churned', false)");
		Map<String, String> job = environment(MANIFESTS.resolve("migrate-job.yaml"));
		int pods = Integer.parseInt(field(MANIFESTS.resolve("migrate-job.yaml"), "completions"));
		assertThat(job).containsEntry("HOIST_TENANTS_SHARD", "$(JOB_COMPLETION_INDEX)/" + pods);
		List<String> migrated = new ArrayList<>();
		for (int index = 0; index < pods; index++) {
			Map<String, String> pod = new LinkedHashMap<>(job);
			String jobCompletionIndex = String.valueOf(index);
			// what Kubernetes does with $(VAR) in a value
			pod.replaceAll((name, value) -> value.replace("$(JOB_COMPLETION_INDEX)", jobCompletionIndex));
			pod.put("DATABASE_URL", PackagedJarIT.url(database));
			try (RunningJar running = RunningJar.start(Files.createDirectories(directory.resolve("pod" + index)),
					pod)) {
				assertThat(running.awaitExit(STARTUP)).as(running.output()).isZero();
				Matcher tenants = Pattern.compile("applied \\d+ migrations? to schema (shop_\\d+)")
					.matcher(running.output());
				while (tenants.find()) {
					migrated.add(tenants.group(1));
				}
			}
		}
		// disjoint shards that together are every active tenant
		assertThat(migrated).hasSize(TENANTS).doesNotHaveDuplicates().allMatch((tenant) -> tenant.startsWith("shop_"));
		for (int i = 1; i <= TENANTS; i++) {
			assertThat(database.queryForList("SELECT version FROM shop_" + i + ".hoist_schema_history"
					+ " WHERE success AND version IS NOT NULL GROUP BY version HAVING count(*) > 1"))
				.as("versions applied twice in shop_" + i)
				.isEmpty();
			assertThat(database.queryForString("SELECT max(version::int) FROM shop_" + i + ".hoist_schema_history"))
				.isEqualTo("7");
		}
		assertThat(database.queryForString("SELECT to_regclass('churned.hoist_schema_history')")).isNull();

		Map<String, String> replica = environment(MANIFESTS.resolve("deployment.yaml"));
		replica.put("DATABASE_URL", PackagedJarIT.url(database));
		try (RunningJar running = RunningJar.start(Files.createDirectories(directory.resolve("replica")), replica)
			.awaitReady(STARTUP)) {
			assertThat(running.output()).contains("all " + TENANTS + " tenants at this build's head")
				.doesNotContain("applying");
		}
	}

	// the literal env entries of a manifest: name, then value on the next line
	private static Map<String, String> environment(Path manifest) throws IOException {
		Map<String, String> environment = new LinkedHashMap<>();
		Matcher entries = Pattern.compile("- name: (\\w+)\\n\\s+value: \"?([^\"\\n]*)\"?")
			.matcher(Files.readString(manifest));
		while (entries.find()) {
			environment.put(entries.group(1), entries.group(2));
		}
		return environment;
	}

	private static String field(Path manifest, String name) throws IOException {
		Matcher field = Pattern.compile("\\n\\s*" + name + ": (\\S+)").matcher(Files.readString(manifest));
		assertThat(field.find()).as(name + " in " + manifest).isTrue();
		return field.group(1);
	}

}
