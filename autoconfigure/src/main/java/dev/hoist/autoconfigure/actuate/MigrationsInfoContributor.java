package dev.hoist.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.HoistStatus;
import dev.hoist.core.tenants.TenantsResult;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@link InfoContributor} that adds the schema's revision and this build's head under
 * {@code hoist}. Uses the last status read when the database does not answer: info is
 * about the build, not the database's health.
 *
 * @since 0.1.0
 */
public class MigrationsInfoContributor implements InfoContributor {

	private final MigrationStatusReader reader;

	private final MigrationActivity activity;

	/**
	 * Create a contributor.
	 * @param reader how to read the status
	 * @param activity what this instance last saw
	 */
	public MigrationsInfoContributor(MigrationStatusReader reader, MigrationActivity activity) {
		this.reader = reader;
		this.activity = activity;
	}

	@Override
	public void contribute(Info.Builder builder) {
		MigrationStatusReader.Read read = this.reader.read();
		TenantsResult tenants = (read.tenants() != null) ? read.tenants() : this.activity.snapshot().lastTenantStatus();
		if (tenants != null) {
			Map<String, Object> hoist = new LinkedHashMap<>();
			if (!tenants.tenants().isEmpty() && tenants.tenants().get(0).head() != null) {
				hoist.put("head", tenants.tenants().get(0).head().toString());
			}
			TenantsResult.Summary summary = tenants.summary();
			hoist.put("tenants", Map.of("total", summary.total(), "current", summary.current(), "behind",
					summary.behind(), "ahead", summary.ahead(), "failed", summary.failed()));
			builder.withDetail("hoist", hoist);
			return;
		}
		HoistStatus status = read.status();
		if (status == null) {
			status = this.activity.snapshot().lastStatus();
		}
		if (status == null) {
			return;
		}
		Map<String, Object> hoist = new LinkedHashMap<>();
		if (status.revision() != null) {
			hoist.put("revision", status.revision().toString());
		}
		if (status.head() != null) {
			hoist.put("head", status.head().toString());
		}
		builder.withDetail("hoist", hoist);
	}

}
