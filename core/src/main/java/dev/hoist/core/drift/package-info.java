/**
 * Drift: does the live database still have the schema its applied migrations produce?
 * {@link dev.hoist.core.drift.Drift} is what {@code Hoist.drift()} finds.
 */
@NullMarked
package dev.hoist.core.drift;

import org.jspecify.annotations.NullMarked;
