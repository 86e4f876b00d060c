/**
 * Verified down sections: does each down section undo its migration exactly?
 * {@link dev.hoist.core.verify.Verification} is what {@code Hoist.verify()} finds.
 */
@NullMarked
package dev.hoist.core.verify;

import org.jspecify.annotations.NullMarked;
