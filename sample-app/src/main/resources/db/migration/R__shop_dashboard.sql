-- What the dashboard shows per shop. Repeatable: edit this file and the view is
-- replaced on the next start, after the versioned migrations.
CREATE OR REPLACE VIEW shop_dashboard AS
SELECT
	s.id AS shop_id,
	s.domain,
	coalesce(o.orders, 0) AS orders,
	coalesce(o.revenue_cents, 0) AS revenue_cents,
	coalesce(e.events, 0) AS events,
	o.last_order_at
FROM shops s
LEFT JOIN (
	SELECT shop_id, count(*) AS orders, sum(total_cents) AS revenue_cents, max(created_at) AS last_order_at
	FROM orders
	GROUP BY shop_id
) o ON o.shop_id = s.id
LEFT JOIN (
	SELECT shop_id, count(*) AS events
	FROM analytics_events
	GROUP BY shop_id
) e ON e.shop_id = s.id;
