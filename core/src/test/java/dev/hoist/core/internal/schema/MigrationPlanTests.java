package dev.hoist.core.internal.schema;

import java.util.List;
import java.util.Map;

import dev.hoist.core.HoistException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the planner refuses before comparing anything.
 */
class MigrationPlanTests {

	@Test
	void refusesModelsReadFromDifferentMajorVersions() {
		SchemaModel sixteen = new SchemaModel(160004, List.of("public"), Map.of(), Map.of());
		SchemaModel eighteen = new SchemaModel(180001, List.of("public"), Map.of(), Map.of());
		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> MigrationPlan.between(sixteen, eighteen, true))
			.withMessageContaining("PostgreSQL 16 and 18")
			.withMessageContaining("one major version");
	}

}
