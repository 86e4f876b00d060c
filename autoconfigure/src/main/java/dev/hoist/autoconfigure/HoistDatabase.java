package dev.hoist.autoconfigure;

import javax.sql.DataSource;

import dev.hoist.core.DatabaseAddress;

/**
 * The database Hoist migrates: the data source it migrates through, an unpooled one that
 * it waits on (a pool's own retries and timeouts would blur what went wrong), and where
 * it points, for logs, errors and health.
 *
 * @param dataSource the data source migrations run through
 * @param probe the data source connection attempts go to while waiting
 * @param address where the database is and where that setting came from
 * @since 0.1.0
 */
public record HoistDatabase(DataSource dataSource, DataSource probe, DatabaseAddress address) {

}
