/**
 * Actuator support for Hoist: the {@code migrations} health contributor, the
 * {@code /actuator/migrations} endpoint and the {@code hoist} entry of
 * {@code /actuator/info}.
 */
@NullMarked
package dev.hoist.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
