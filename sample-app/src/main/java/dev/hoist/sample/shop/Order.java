package dev.hoist.sample.shop;

import java.time.OffsetDateTime;

/**
 * An order of one product.
 *
 * @param id the id
 * @param shopId the shop it was placed in
 * @param productId the product
 * @param quantity how many
 * @param totalCents what it costs, in cents
 * @param status where it stands: pending, paid, shipped or refunded
 * @param createdAt when it was placed
 */
public record Order(long id, long shopId, long productId, int quantity, long totalCents, String status,
		OffsetDateTime createdAt) {

}
