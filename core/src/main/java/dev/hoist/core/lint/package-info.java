/**
 * What Hoist's static migration-safety rules report: a
 * {@link dev.hoist.core.lint.Finding} per rule a statement breaks, with its
 * {@link dev.hoist.core.lint.Severity}.
 */
@NullMarked
package dev.hoist.core.lint;

import org.jspecify.annotations.NullMarked;
