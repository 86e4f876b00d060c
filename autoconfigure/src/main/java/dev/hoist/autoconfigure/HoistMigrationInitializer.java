package dev.hoist.autoconfigure;

import dev.hoist.core.DatabaseWaiter;
import dev.hoist.core.Hoist;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

/**
 * The one place where Hoist runs at startup: waits until the database answers, then hands
 * {@link Hoist} to the {@link HoistMigrationStrategy}. Beans that use the database depend
 * on it through {@link HoistDatabaseInitializerDetector}.
 *
 * @since 0.1.0
 */
public class HoistMigrationInitializer implements InitializingBean, Ordered {

	private final Hoist hoist;

	private final HoistMigrationStrategy strategy;

	private final @Nullable HoistDatabase database;

	private final @Nullable DatabaseWaiter waiter;

	private int order;

	/**
	 * Create an initializer that runs the strategy without waiting for the database.
	 * @param hoist the Hoist to run
	 * @param strategy what to do
	 */
	public HoistMigrationInitializer(Hoist hoist, HoistMigrationStrategy strategy) {
		this(hoist, strategy, null, null);
	}

	/**
	 * Create an initializer that first waits for the database.
	 * @param hoist the Hoist to run
	 * @param strategy what to do
	 * @param database the database to wait for, or {@code null} not to wait
	 * @param waiter how to wait, or {@code null} not to wait
	 */
	public HoistMigrationInitializer(Hoist hoist, HoistMigrationStrategy strategy, @Nullable HoistDatabase database,
			@Nullable DatabaseWaiter waiter) {
		this.hoist = hoist;
		this.strategy = strategy;
		this.database = database;
		this.waiter = waiter;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.waiter != null && this.database != null) {
			this.waiter.await(this.database.probe(), this.database.address());
		}
		this.strategy.migrate(this.hoist);
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
