package dev.hoist.autoconfigure;

import dev.hoist.core.Hoist;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

/**
 * The one place where Hoist runs at startup: hands {@link Hoist} to the
 * {@link HoistMigrationStrategy}, which waits for the database as configured
 * ({@code hoist.wait.*}) before it migrates. Beans that use the database depend on it
 * through {@link HoistDatabaseInitializerDetector}. A shutdown of the JVM (SIGTERM) while
 * Hoist runs interrupts it: the running statement is cancelled, its migration rolled back
 * and the lock released, and startup fails saying so.
 *
 * @since 0.1.0
 */
public class HoistMigrationInitializer implements InitializingBean, Ordered {

	private final Hoist hoist;

	private final HoistMigrationStrategy strategy;

	private int order;

	/**
	 * Create an initializer.
	 * @param hoist the Hoist to run
	 * @param strategy what to do
	 */
	public HoistMigrationInitializer(Hoist hoist, HoistMigrationStrategy strategy) {
		this.hoist = hoist;
		this.strategy = strategy;
	}

	@Override
	public void afterPropertiesSet() {
		// a SIGTERM while Hoist runs stops it (statement cancelled, rolled back, lock
		// released) instead of waiting for the whole run
		try (ShutdownInterrupt shutdown = ShutdownInterrupt.ofCurrentThread()) {
			this.strategy.migrate(this.hoist);
		}
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Set the order relative to other initializers.
	 * @param order the order
	 */
	public void setOrder(int order) {
		this.order = order;
	}

}
