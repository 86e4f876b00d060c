/**
 * What Hoist reports of a multi-tenant service, a schema or a database per customer:
 * {@link dev.hoist.core.tenants.TenantsResult}, every tenant's state and a summary, from
 * {@link dev.hoist.core.Hoist#migrateTenants()} and
 * {@link dev.hoist.core.Hoist#tenantStatus()}.
 */
@NullMarked
package dev.hoist.core.tenants;

import org.jspecify.annotations.NullMarked;
