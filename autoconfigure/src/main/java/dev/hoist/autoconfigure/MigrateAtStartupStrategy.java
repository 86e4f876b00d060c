package dev.hoist.autoconfigure;

import java.util.stream.Collectors;

import dev.hoist.core.Hoist;
import dev.hoist.core.tenants.TenantsResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The strategy of {@code hoist.mode=migrate}: migrate the schema, or every tenant. With
 * tenants, the application starts when every tenant is at the head, or when some failed
 * and {@code hoist.tenants.on-failure=continue} lets the others serve; a failed canary,
 * or a failure under {@code stop}, stops startup.
 */
final class MigrateAtStartupStrategy implements HoistMigrationStrategy {

	private static final Log logger = LogFactory.getLog(MigrateAtStartupStrategy.class);

	@Override
	public void migrate(Hoist hoist) {
		if (!hoist.configuration().hasTenants()) {
			hoist.migrate();
			return;
		}
		TenantsResult result = hoist.migrateTenants();
		if (result.stopped() != null) {
			throw new TenantsFailedException("Hoist did not migrate every tenant, so the application does not start.",
					result);
		}
		if (!result.failed().isEmpty()) {
			logger.warn("Hoist: starting with " + result.failed().size() + " of " + result.tenants().size()
					+ " tenants failed (hoist.tenants.on-failure=continue); the migrations health lists them: "
					+ result.failed()
						.stream()
						.limit(20)
						.map(TenantsResult.Tenant::name)
						.collect(Collectors.joining(", ")));
		}
	}

}
