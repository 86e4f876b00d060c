package dev.hoist.sample.shop;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * What a shop's dashboard shows, read from the {@code shop_dashboard} view.
 *
 * @param shopId the shop
 * @param domain the shop's domain
 * @param orders how many orders it has
 * @param revenueCents the sum of their totals, in cents
 * @param events how many analytics events it recorded
 * @param lastOrderAt when the last order was placed, or {@code null}
 */
public record DashboardStats(long shopId, String domain, long orders, long revenueCents, long events,
		@Nullable OffsetDateTime lastOrderAt) {

}
