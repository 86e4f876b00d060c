package dev.hoist.core.internal;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.hoist.core.AheadPolicy;
import dev.hoist.core.HoistListener;
import dev.hoist.core.JavaMigration;
import dev.hoist.core.LockMode;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of a {@link dev.hoist.core.HoistConfiguration}.
 */
public record Settings(DataSource dataSource, List<String> locations, @Nullable String schema, String table,
		@Nullable MigrationVersion target, boolean outOfOrder, AheadPolicy aheadPolicy, LockMode lockMode,
		Duration lockTimeout, @Nullable Duration ddlLockTimeout, int ddlLockRetries, @Nullable String installedBy,
		String applicationName, List<HoistListener> listeners, List<JavaMigration> javaMigrations,
		ClassLoader classLoader, boolean cleanEnabled) {

	public Settings {
		locations = List.copyOf(locations);
		listeners = List.copyOf(listeners);
		javaMigrations = List.copyOf(javaMigrations);
	}

}
