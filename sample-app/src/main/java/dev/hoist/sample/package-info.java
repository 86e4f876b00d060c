/**
 * The sample service: shops, orders and analytics on {@code JdbcClient}, migrated by
 * Hoist.
 */
@NullMarked
package dev.hoist.sample;

import org.jspecify.annotations.NullMarked;
