package dev.hoist.sample.shop;

import java.time.OffsetDateTime;

/**
 * A merchant's shop.
 *
 * @param id the id
 * @param domain the shop's domain
 * @param name the display name
 * @param createdAt when it joined
 */
public record Shop(long id, String domain, String name, OffsetDateTime createdAt) {

}
