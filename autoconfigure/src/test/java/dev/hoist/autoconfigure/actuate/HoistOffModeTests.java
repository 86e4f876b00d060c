package dev.hoist.autoconfigure.actuate;

import java.util.Map;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hoist.mode=off}, which Hoist itself recommends when another tool migrates, with
 * the readiness group set up as the docs say: the service starts, says once that Hoist is
 * off, and health reports the migrations as off.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class HoistOffModeTests {

	@Test
	void theDocumentedReadinessGroupWorksAndReportsMigrationsOff(TestDatabase database, CapturedOutput output) {
		try (RunningService service = RunningService.start(database, "hoist.mode=off",
				"hoist.locations=classpath:hoist/shop", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,migrations")) {
			Http.Response readiness = service.http().get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(readiness.<String>read("$.status")).isEqualTo("UP");
			assertThat(readiness.<String>read("$.components.migrations.status")).isEqualTo("UP");
			assertThat(readiness.<Map<String, Object>>read("$.components.migrations.details"))
				.containsEntry("state", "off")
				.containsEntry("mode", "off (hoist.mode from command line)");
		}
		assertThat(output.getOut()).containsOnlyOnce("Hoist is off (hoist.mode=off, hoist.mode from command line)");
		assertThat(database.queryForString("SELECT to_regclass('hoist_schema_history')::text")).isNull();
	}

}
