package dev.hoist.sample.shop;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes shops, orders and dashboard figures with {@link JdbcClient}. Hoist has
 * migrated the schema before this bean is created.
 */
@Repository
public class ShopRepository {

	private final JdbcClient jdbc;

	public ShopRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Shop> findAll() {
		return this.jdbc.sql("SELECT id, domain, name, created_at FROM shops ORDER BY id").query(Shop.class).list();
	}

	public boolean exists(long shopId) {
		return this.jdbc.sql("SELECT count(*) FROM shops WHERE id = ?").param(shopId).query(Long.class).single() > 0;
	}

	/**
	 * Place an order at the product's current price and record it as an analytics event.
	 * @param shopId the shop
	 * @param order what to order
	 * @return the order, or empty when the shop has no such product
	 */
	@Transactional
	public Optional<Order> placeOrder(long shopId, NewOrder order) {
		Optional<Integer> price = this.jdbc.sql("SELECT price_cents FROM products WHERE id = ? AND shop_id = ?")
			.params(order.productId(), shopId)
			.query(Integer.class)
			.optional();
		if (price.isEmpty()) {
			return Optional.empty();
		}
		Order placed = this.jdbc.sql("""
				INSERT INTO orders (shop_id, product_id, quantity, unit_price_cents, total_cents)
				VALUES (:shop, :product, :quantity, :price, :quantity * :price)
				RETURNING id, shop_id, product_id, quantity, total_cents, status::text AS status, created_at
				""")
			.param("shop", shopId)
			.param("product", order.productId())
			.param("quantity", order.quantity())
			.param("price", price.get())
			.query(Order.class)
			.single();
		this.jdbc.sql("""
				INSERT INTO analytics_events (shop_id, event_type, payload)
				VALUES (?, 'order_placed', jsonb_build_object('orderId', ?::bigint))
				""").params(shopId, placed.id()).update();
		return Optional.of(placed);
	}

	public Optional<DashboardStats> dashboard(long shopId) {
		return this.jdbc
			.sql("SELECT shop_id, domain, orders, revenue_cents, events, last_order_at FROM shop_dashboard"
					+ " WHERE shop_id = ?")
			.param(shopId)
			.query(DashboardStats.class)
			.optional();
	}

}
