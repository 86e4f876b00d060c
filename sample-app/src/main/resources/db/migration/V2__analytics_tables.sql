-- Storefront analytics: visits (sessions) and what happened in them (events).
-- migrate:up
CREATE TABLE analytics_sessions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	shop_id bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
	started_at timestamptz NOT NULL DEFAULT now(),
	landing_page text,
	referrer text
);

CREATE TABLE analytics_events (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	shop_id bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
	session_id uuid REFERENCES analytics_sessions (id) ON DELETE SET NULL,
	event_type text NOT NULL,
	occurred_at timestamptz NOT NULL DEFAULT now(),
	payload jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX analytics_events_shop_id_occurred_at_idx ON analytics_events (shop_id, occurred_at);

-- migrate:down
DROP TABLE analytics_events;
DROP TABLE analytics_sessions;
