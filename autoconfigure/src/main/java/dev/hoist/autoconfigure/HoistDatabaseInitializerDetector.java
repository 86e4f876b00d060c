package dev.hoist.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link HoistMigrationInitializer}, so that
 * JPA, JdbcTemplate, JdbcClient, jOOQ and {@code @DependsOnDatabaseInitialization} beans
 * are created only after the migrations.
 *
 * @since 0.1.0
 */
public class HoistDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(HoistMigrationInitializer.class);
	}

	@Override
	public int getOrder() {
		return 1;
	}

}
