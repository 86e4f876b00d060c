/**
 * Hoist's public API: {@link dev.hoist.core.Hoist} and its
 * {@link dev.hoist.core.HoistConfiguration}, the result and status types, the SPI for
 * migrations in code ({@link dev.hoist.core.JavaMigration}) and for listeners
 * ({@link dev.hoist.core.HoistListener}), and the exceptions a caller acts on. Everything
 * under {@code dev.hoist.core.internal} may change without notice.
 */
@NullMarked
package dev.hoist.core;

import org.jspecify.annotations.NullMarked;
