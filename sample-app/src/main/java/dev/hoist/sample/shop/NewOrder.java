package dev.hoist.sample.shop;

/**
 * What a client sends to place an order.
 *
 * @param productId the product, which must belong to the shop
 * @param quantity how many, at least one
 */
public record NewOrder(long productId, int quantity) {

}
