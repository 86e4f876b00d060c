package dev.hoist.sample.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import dev.hoist.core.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Adds {@code orders.total_cents} and fills it for existing orders in batches, so that
 * each statement touches a bounded number of rows; then makes it mandatory. A Spring
 * bean, so Hoist orders it with the SQL files by the version in its name.
 */
@Component
public class V7__Backfill_order_totals implements JavaMigration {

	private static final int BATCH_SIZE = 1000;

	@Override
	public void up(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE orders ADD COLUMN total_cents bigint");
		}
		try (PreparedStatement batch = connection.prepareStatement("""
				UPDATE orders SET total_cents = quantity::bigint * unit_price_cents
				WHERE id IN (SELECT id FROM orders WHERE total_cents IS NULL ORDER BY id LIMIT ?)
				""")) {
			batch.setInt(1, BATCH_SIZE);
			while (batch.executeUpdate() > 0) {
				// next batch
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE orders ALTER COLUMN total_cents SET NOT NULL");
		}
	}

	@Override
	public boolean hasDown() {
		return true;
	}

	@Override
	public void down(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement()) {
			// the repeatable dashboard view reads the column
			statement.execute("DROP VIEW IF EXISTS shop_dashboard");
			statement.execute("ALTER TABLE orders DROP COLUMN total_cents");
		}
	}

}
