package dev.hoist.core.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Long migration histories in the style of real services that keep plain SQL histories
 * (dbmate, golang-migrate, Flyway, Supabase): a hand-written beginning that sets up the
 * domain, then a long tail generated the way such histories actually grow (a partition
 * per month, a column here, an index there, an enum value, a view or function rewritten,
 * a policy tightened). Written for Hoist's proof, in our own words.
 */
final class MigrationHistories {

	private MigrationHistories() {
	}

	/**
	 * A multi-tenant SaaS on Supabase-style conventions: RLS everywhere, helper
	 * functions.
	 */
	static List<String> saas() {
		List<String> history = new ArrayList<>(List.of("""
				CREATE EXTENSION IF NOT EXISTS citext SCHEMA public;
				CREATE TABLE public.organizations (
				    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
				    slug public.citext NOT NULL UNIQUE,
				    name text NOT NULL,
				    created_at timestamptz NOT NULL DEFAULT now()
				)""", """
				CREATE TYPE public.member_role AS ENUM ('owner', 'admin', 'member');
				CREATE TABLE public.memberships (
				    organization_id uuid NOT NULL REFERENCES public.organizations ON DELETE CASCADE,
				    user_id uuid NOT NULL,
				    role public.member_role NOT NULL DEFAULT 'member',
				    PRIMARY KEY (organization_id, user_id)
				)""", """
				CREATE FUNCTION public.current_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
				    SELECT nullif(current_setting('app.user_id', true), '')::uuid
				$$""", """
				CREATE FUNCTION public.is_member(org uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
				SET search_path = pg_catalog, public AS $$
				    SELECT EXISTS (SELECT 1 FROM public.memberships m WHERE m.organization_id = org
				        AND m.user_id = public.current_user_id())
				$$""",
				"""
						ALTER TABLE public.organizations ENABLE ROW LEVEL SECURITY;
						CREATE POLICY organizations_read ON public.organizations FOR SELECT USING (public.is_member(id));
						ALTER TABLE public.memberships ENABLE ROW LEVEL SECURITY;
						CREATE POLICY memberships_read ON public.memberships FOR SELECT USING (public.is_member(organization_id))""",
				"""
						CREATE TABLE public.projects (
						    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
						    organization_id uuid NOT NULL REFERENCES public.organizations ON DELETE CASCADE,
						    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
						    settings jsonb NOT NULL DEFAULT '{}',
						    archived boolean NOT NULL DEFAULT false,
						    updated_at timestamptz NOT NULL DEFAULT now(),
						    UNIQUE (organization_id, name)
						);
						ALTER TABLE public.projects ENABLE ROW LEVEL SECURITY;
						CREATE POLICY projects_all ON public.projects USING (public.is_member(organization_id))
						    WITH CHECK (public.is_member(organization_id))""", """
						CREATE FUNCTION public.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
						BEGIN
						    NEW.updated_at := now();
						    RETURN NEW;
						END;
						$$;
						CREATE TRIGGER projects_updated_at BEFORE UPDATE ON public.projects
						    FOR EACH ROW EXECUTE FUNCTION public.set_updated_at()""", """
						CREATE TYPE public.plan_tier AS ENUM ('free', 'pro');
						ALTER TABLE public.organizations ADD COLUMN plan public.plan_tier NOT NULL DEFAULT 'free'""",
				"""
						CREATE TABLE public.api_keys (
						    id bigserial PRIMARY KEY,
						    project_id bigint NOT NULL REFERENCES public.projects ON DELETE CASCADE,
						    prefix varchar(12) NOT NULL,
						    hashed bytea NOT NULL,
						    revoked_at timestamptz
						);
						CREATE UNIQUE INDEX api_keys_prefix_live ON public.api_keys (prefix) WHERE revoked_at IS NULL""",
				"""
						CREATE TABLE public.audit_log (
						    id bigint GENERATED ALWAYS AS IDENTITY,
						    organization_id uuid NOT NULL,
						    at timestamptz NOT NULL DEFAULT now(),
						    action text NOT NULL,
						    detail jsonb,
						    PRIMARY KEY (id, at)
						) PARTITION BY RANGE (at);
						CREATE INDEX audit_log_org ON public.audit_log (organization_id, at DESC)""", """
						CREATE VIEW public.active_projects WITH (security_invoker = true) AS
						    SELECT p.id, p.name, o.slug AS organization FROM public.projects p
						    JOIN public.organizations o ON o.id = p.organization_id WHERE NOT p.archived""", """
						COMMENT ON TABLE public.audit_log IS 'Append-only; one partition per month';
						COMMENT ON FUNCTION public.is_member(uuid) IS 'Used by every RLS policy'"""));
		for (int month = 0; month < 150; month++) {
			int year = 2022 + month / 12;
			int m = month % 12 + 1;
			String from = "%d-%02d-01".formatted(year, m);
			String to = (m == 12) ? "%d-01-01".formatted(year + 1) : "%d-%02d-01".formatted(year, m + 1);
			history.add(
					"CREATE TABLE public.audit_log_%d_%02d PARTITION OF public.audit_log FOR VALUES FROM ('%s') TO ('%s')"
						.formatted(year, m, from, to));
			switch (month % 10) {
				case 1 -> history.add("ALTER TABLE public.projects ADD COLUMN feature_%d boolean NOT NULL DEFAULT false"
					.formatted(month));
				case 3 ->
					history.add("CREATE INDEX projects_feature_%d ON public.projects (organization_id) WHERE feature_%d"
						.formatted(month - 2, month - 2));
				case 4 -> history.add("ALTER TYPE public.plan_tier ADD VALUE 'tier_%d'".formatted(month));
				case 5 -> history.add("""
						CREATE OR REPLACE VIEW public.active_projects WITH (security_invoker = true) AS
						    SELECT p.id, p.name, o.slug AS organization, p.feature_%d FROM public.projects p
						    JOIN public.organizations o ON o.id = p.organization_id WHERE NOT p.archived"""
					.formatted(month - 4));
				case 6 ->
					history.add("DROP VIEW public.active_projects; ALTER TABLE public.projects DROP COLUMN feature_%d;"
						.formatted(month - 5) + """
								CREATE VIEW public.active_projects WITH (security_invoker = true) AS
								    SELECT p.id, p.name, o.slug AS organization FROM public.projects p
								    JOIN public.organizations o ON o.id = p.organization_id WHERE NOT p.archived""");
				case 8 -> history.add("""
						CREATE OR REPLACE FUNCTION public.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
						BEGIN
						    -- revision %d
						    NEW.updated_at := clock_timestamp();
						    RETURN NEW;
						END;
						$$""".formatted(month));
				case 9 ->
					history.add("ALTER POLICY projects_all ON public.projects USING (public.is_member(organization_id)"
							+ " AND %d > 0)".formatted(month));
				default -> {
				}
			}
		}
		return history;
	}

	/**
	 * A shop's order service, golang-migrate style: enums, money domains, views over
	 * views, triggers.
	 */
	static List<String> shop() {
		List<String> history = new ArrayList<>(List.of("""
				CREATE DOMAIN public.cents AS bigint CHECK (VALUE >= 0);
				CREATE TYPE public.order_state AS ENUM ('cart', 'placed', 'paid', 'shipped')""", """
				CREATE TABLE public.customers (
				    id bigserial PRIMARY KEY,
				    email text NOT NULL,
				    name text,
				    created_at timestamp NOT NULL DEFAULT now()
				);
				CREATE UNIQUE INDEX customers_email ON public.customers (lower(email))""", """
				CREATE TABLE public.products (
				    id serial PRIMARY KEY,
				    sku varchar(32) NOT NULL UNIQUE,
				    title text NOT NULL,
				    price public.cents NOT NULL,
				    stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0)
				)""", """
				CREATE TABLE public.orders (
				    id bigserial PRIMARY KEY,
				    customer_id bigint NOT NULL REFERENCES public.customers,
				    state public.order_state NOT NULL DEFAULT 'cart',
				    total public.cents NOT NULL DEFAULT 0,
				    placed_at timestamp
				);
				CREATE INDEX orders_customer ON public.orders (customer_id)""", """
				CREATE TABLE public.order_lines (
				    order_id bigint NOT NULL REFERENCES public.orders ON DELETE CASCADE,
				    product_id integer NOT NULL REFERENCES public.products,
				    quantity integer NOT NULL CHECK (quantity > 0),
				    unit_price public.cents NOT NULL,
				    PRIMARY KEY (order_id, product_id)
				)""", """
				CREATE FUNCTION public.recompute_total() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    UPDATE public.orders SET total = (SELECT coalesce(sum(quantity * unit_price), 0)
				        FROM public.order_lines WHERE order_id = coalesce(NEW.order_id, OLD.order_id))
				    WHERE id = coalesce(NEW.order_id, OLD.order_id);
				    RETURN NULL;
				END;
				$$;
				CREATE TRIGGER order_lines_total AFTER INSERT OR UPDATE OR DELETE ON public.order_lines
				    FOR EACH ROW EXECUTE FUNCTION public.recompute_total()""",
				"""
						CREATE VIEW public.order_summaries AS
						    SELECT o.id, o.state, o.total, c.email FROM public.orders o JOIN public.customers c ON c.id = o.customer_id;
						CREATE VIEW public.paid_orders AS SELECT id, total, email FROM public.order_summaries WHERE state = 'paid'""",
				"""
						CREATE MATERIALIZED VIEW public.daily_revenue AS
						    SELECT date_trunc('day', placed_at) AS day, sum(total) AS revenue FROM public.orders
						    WHERE placed_at IS NOT NULL GROUP BY 1;
						CREATE UNIQUE INDEX daily_revenue_day ON public.daily_revenue (day)""", """
						CREATE SEQUENCE public.invoice_numbers START 1000;
						CREATE TABLE public.invoices (
						    number integer PRIMARY KEY DEFAULT nextval('public.invoice_numbers'),
						    order_id bigint NOT NULL UNIQUE REFERENCES public.orders DEFERRABLE INITIALLY DEFERRED,
						    issued_on date NOT NULL DEFAULT current_date
						);
						ALTER SEQUENCE public.invoice_numbers OWNED BY public.invoices.number""",
				"""
						CREATE AGGREGATE public.cents_sum(public.cents) (sfunc = int8pl, stype = bigint, initcond = '0');
						CREATE RULE no_delete_invoices AS ON DELETE TO public.invoices DO INSTEAD NOTHING;
						CREATE STATISTICS public.orders_state_customer (dependencies) ON state, customer_id FROM public.orders"""));
		for (int i = 0; i < 120; i++) {
			switch (i % 12) {
				case 0 ->
					history.add("ALTER TYPE public.order_state ADD VALUE 'state_%d' BEFORE 'shipped'".formatted(i));
				case 1 -> history.add("ALTER TABLE public.products ADD COLUMN attr_%d text".formatted(i));
				case 2 ->
					history.add("CREATE INDEX products_attr_%d ON public.products (attr_%d) WHERE attr_%d IS NOT NULL"
						.formatted(i - 1, i - 1, i - 1));
				case 3 ->
					history.add("COMMENT ON COLUMN public.products.attr_%d IS 'Imported from the catalogue, batch %d'"
						.formatted(i - 2, i));
				case 4 -> history
					.add("""
							DROP VIEW public.paid_orders;
							DROP VIEW public.order_summaries;
							ALTER TABLE public.customers ALTER COLUMN email TYPE varchar(%d);
							CREATE VIEW public.order_summaries AS
							    SELECT o.id, o.state, o.total, c.email FROM public.orders o JOIN public.customers c ON c.id = o.customer_id;
							CREATE VIEW public.paid_orders AS SELECT id, total, email FROM public.order_summaries WHERE state = 'paid'"""
						.formatted(200 + i));
				case 5 -> history.add(("ALTER TABLE public.orders ADD COLUMN note_%d text; ALTER TABLE public.orders"
						+ " ADD CONSTRAINT orders_note_%d_short CHECK (length(note_%d) < 500) NOT VALID")
					.formatted(i, i, i));
				case 6 ->
					history.add("ALTER TABLE public.orders VALIDATE CONSTRAINT orders_note_%d_short".formatted(i - 1));
				case 7 -> history
					.add("""
							CREATE OR REPLACE FUNCTION public.recompute_total() RETURNS trigger LANGUAGE plpgsql AS $$
							BEGIN
							    -- v%d: lines without a price count as zero
							    UPDATE public.orders SET total = (SELECT coalesce(sum(quantity * coalesce(unit_price, 0)), 0)
							        FROM public.order_lines WHERE order_id = coalesce(NEW.order_id, OLD.order_id))
							    WHERE id = coalesce(NEW.order_id, OLD.order_id);
							    RETURN NULL;
							END;
							$$"""
						.formatted(i));
				case 8 -> history.add("ALTER TABLE public.products DROP COLUMN attr_%d".formatted(i - 7));
				case 9 -> history
					.add("ALTER TABLE public.customers ADD COLUMN pref_%d jsonb NOT NULL DEFAULT '{}'".formatted(i));
				case 10 ->
					history.add("ALTER TABLE public.customers ALTER COLUMN pref_%d DROP DEFAULT".formatted(i - 1));
				default -> history.add("ALTER SEQUENCE public.invoice_numbers INCREMENT BY %d".formatted(1 + i % 5));
			}
		}
		return history;
	}

}
