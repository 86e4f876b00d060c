/**
 * What Hoist's static migration-safety rules report: a
 * {@link dev.hoist.core.lint.Finding} per rule a statement breaks, with its
 * {@link dev.hoist.core.lint.Finding.Severity}, and the live size of its relation
 * ({@link dev.hoist.core.lint.Finding.Size}).
 */
@NullMarked
package dev.hoist.core.lint;

import org.jspecify.annotations.NullMarked;
