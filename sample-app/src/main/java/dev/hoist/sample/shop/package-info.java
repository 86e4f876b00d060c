/**
 * Shops, their orders and the dashboard, over HTTP.
 */
@NullMarked
package dev.hoist.sample.shop;

import org.jspecify.annotations.NullMarked;
