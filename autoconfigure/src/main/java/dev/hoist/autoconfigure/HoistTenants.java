package dev.hoist.autoconfigure;

import java.util.List;

import dev.hoist.core.HoistConfiguration.TenantKind;

/**
 * The tenants of a multi-tenant service, from code of one's own (a registry client, a
 * table of another database): declare a bean of this type instead of
 * {@code hoist.tenants.schemas}, {@code hoist.tenants.databases} or
 * {@code hoist.tenants.query}. Hoist asks it at the start of every tenant command.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HoistTenants {

	/**
	 * Return the tenant names, exactly as PostgreSQL stores them, each once.
	 * @return the names
	 */
	List<String> names();

	/**
	 * Return whether the names are schemas of the configured database (the default) or
	 * databases of its server.
	 * @return the kind
	 */
	default TenantKind kind() {
		return TenantKind.SCHEMA;
	}

}
