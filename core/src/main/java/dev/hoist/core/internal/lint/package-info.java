/**
 * Static migration-safety rules: a PostgreSQL tokenizer, a parser for the statements that
 * take locks, and the rules that judge them. No compatibility promise.
 */
@NullMarked
package dev.hoist.core.internal.lint;

import org.jspecify.annotations.NullMarked;
