/**
 * Micrometer support for Hoist: meters and an {@code Observation} fed by core's
 * {@link dev.hoist.core.HoistListener}, so that core never imports Micrometer.
 */
@NullMarked
package dev.hoist.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
