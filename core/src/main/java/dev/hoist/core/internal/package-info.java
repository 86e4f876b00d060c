/**
 * Hoist's engine internals: no compatibility promise, may change in any release.
 */
@NullMarked
package dev.hoist.core.internal;

import org.jspecify.annotations.NullMarked;
