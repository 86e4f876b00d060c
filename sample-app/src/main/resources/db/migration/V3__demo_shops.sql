-- Demo data so that the sample has something to show. A real service would not ship
-- its rows in a migration; it is here because the sample runs on an empty database.
-- migrate:up
INSERT INTO shops (domain, name) VALUES
	('acme-outdoor.example', 'Acme Outdoor'),
	('bright-bakery.example', 'Bright Bakery');

INSERT INTO products (shop_id, sku, title, price_cents)
SELECT id, 'TENT-2P', 'Two-person tent', 18900 FROM shops WHERE domain = 'acme-outdoor.example'
UNION ALL
SELECT id, 'LAMP-HEAD', 'Head lamp', 2900 FROM shops WHERE domain = 'acme-outdoor.example'
UNION ALL
SELECT id, 'SOURDOUGH', 'Sourdough loaf', 650 FROM shops WHERE domain = 'bright-bakery.example';

INSERT INTO orders (shop_id, product_id, quantity, unit_price_cents)
SELECT p.shop_id, p.id, 2, p.price_cents FROM products p WHERE p.sku = 'LAMP-HEAD'
UNION ALL
SELECT p.shop_id, p.id, 1, p.price_cents FROM products p WHERE p.sku = 'TENT-2P'
UNION ALL
SELECT p.shop_id, p.id, 3, p.price_cents FROM products p WHERE p.sku = 'SOURDOUGH';

INSERT INTO analytics_events (shop_id, event_type, payload)
SELECT id, 'page_view', '{"path": "/"}' FROM shops;

-- migrate:down
DELETE FROM shops WHERE domain IN ('acme-outdoor.example', 'bright-bakery.example');
