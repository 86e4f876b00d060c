package dev.hoist.cli;

import java.nio.file.Path;
import java.util.Map;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.TenantFailurePolicy;
import dev.hoist.core.HoistConfiguration.TenantKind;
import dev.hoist.core.HoistConfiguration.TenantShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TenantOptionsTests {

	@TempDir
	Path workingDirectory;

	@Test
	void flagsNameTheTenantsAndHowTheRunGoes() {
		TenantOptions options = new TenantOptions();
		options.names = "acme, globex,,initech";
		options.parallel = "8";
		options.canary = "10";
		options.onFailure = "continue";
		options.shard = "2/8";
		HoistConfiguration configuration = Hoist.configure();

		options.apply(configuration, settings(Map.of("HOIST_TENANTS_QUERY", "SELECT 'ignored'")));

		assertThat(configuration.getTenantNames()).containsExactly("acme", "globex", "initech");
		assertThat(configuration.getTenantKind()).isEqualTo(TenantKind.SCHEMA);
		assertThat(configuration.getTenantsQuery()).isNull();
		assertThat(configuration.getTenantParallelism()).isEqualTo(8);
		assertThat(configuration.getTenantCanary()).isEqualTo(10);
		assertThat(configuration.getTenantFailurePolicy()).isEqualTo(TenantFailurePolicy.CONTINUE);
		assertThat(configuration.getTenantShard()).isEqualTo(new TenantShard(2, 8));
	}

	@Test
	void theEnvironmentNamesTheTenantsOfAJobAndABareFlagUsesThem() {
		TenantOptions options = new TenantOptions();
		options.names = "";
		HoistConfiguration configuration = Hoist.configure();

		options.apply(configuration, settings(Map.of("HOIST_TENANTS_QUERY", "SELECT datname FROM tenants",
				"HOIST_TENANTS_KIND", "database", "HOIST_TENANTS_SHARD", "0/3", "HOIST_TENANTS_ON_FAILURE", "stop")));

		assertThat(configuration.getTenantsQuery()).isEqualTo("SELECT datname FROM tenants");
		assertThat(configuration.getTenantKind()).isEqualTo(TenantKind.DATABASE);
		assertThat(configuration.getTenantShard()).isEqualTo(new TenantShard(0, 3));
		HoistConfiguration databases = Hoist.configure();
		new TenantOptions().apply(databases, settings(Map.of("HOIST_TENANTS_DATABASES", "t1,t2")));
		assertThat(databases.getTenantNames()).containsExactly("t1", "t2");
		assertThat(databases.getTenantKind()).isEqualTo(TenantKind.DATABASE);
	}

	@Test
	void withoutTenantsNothingChangesAndTenantsEnabledFalseIgnoresTheEnvironment() {
		HoistConfiguration none = Hoist.configure();
		new TenantOptions().apply(none, settings(Map.of("HOIST_TENANTS_PARALLELISM", "8")));
		assertThat(none.hasTenants()).isFalse();

		TenantOptions disabled = new TenantOptions();
		disabled.enabled = "false";
		HoistConfiguration oneSchema = Hoist.configure();
		disabled.apply(oneSchema, settings(Map.of("HOIST_TENANTS_SCHEMAS", "acme")));
		assertThat(oneSchema.hasTenants()).isFalse();
	}

	@Test
	void contradictionsAndUnreadableValuesAreUsageErrorsThatSayWhatToWrite() {
		assertThatIllegalArgumentException().isThrownBy(() -> apply((options) -> options.parallel = "4"))
			.withMessage("--parallel apply to tenants: add --tenants <names> or --tenants-query <sql>");
		assertThatIllegalArgumentException().isThrownBy(() -> apply((options) -> {
			options.names = "a";
			options.query = "SELECT 'b'";
		})).withMessageContaining("both name the tenants: keep one");
		assertThatIllegalArgumentException().isThrownBy(() -> apply((options) -> options.names = ""))
			.withMessageContaining("--tenants without names needs the tenants in the environment");
		assertThatIllegalArgumentException().isThrownBy(() -> apply((options) -> {
			options.names = "a";
			options.shard = "8/8";
		})).withMessageContaining("--shard, HOIST_TENANTS_SHARD: A tenant shard is I/N with 0 <= I < N");
		assertThatIllegalArgumentException().isThrownBy(() -> apply((options) -> {
			options.names = "a";
			options.onFailure = "retry";
		})).withMessage("Unknown value 'retry' for --on-failure, HOIST_TENANTS_ON_FAILURE: use stop or continue");
		assertThatIllegalArgumentException().isThrownBy(() -> apply((options) -> {
			options.names = "a";
			options.parallel = "0";
		})).withMessage("--parallel, HOIST_TENANTS_PARALLELISM must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> apply((options) -> {
			options.names = "a";
			options.canary = "some";
		})).withMessage("Cannot read 'some' as a number of tenants for --canary, HOIST_TENANTS_CANARY");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TenantOptions().apply(Hoist.configure(),
					settings(Map.of("HOIST_TENANTS_SCHEMAS", "a", "HOIST_TENANTS_QUERY", "SELECT 'b'"))))
			.withMessageContaining("more than one of HOIST_TENANTS_SCHEMAS, HOIST_TENANTS_DATABASES and"
					+ " HOIST_TENANTS_QUERY is set");
	}

	private void apply(Customizer customizer) {
		TenantOptions options = new TenantOptions();
		customizer.customize(options);
		options.apply(Hoist.configure(), settings(Map.of()));
	}

	private CliSettings settings(Map<String, String> environment) {
		return CliSettings.of(environment, this.workingDirectory);
	}

	interface Customizer {

		void customize(TenantOptions options);

	}

}
