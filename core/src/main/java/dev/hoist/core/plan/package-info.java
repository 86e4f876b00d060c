/**
 * What {@code plan} observed: the pending migrations run on a shadow database that has
 * the live schema, with what each statement locks and rewrites, how big each relation is
 * and what that means ({@link dev.hoist.core.plan.ObservedPlan}).
 */
@NullMarked
package dev.hoist.core.plan;

import org.jspecify.annotations.NullMarked;
