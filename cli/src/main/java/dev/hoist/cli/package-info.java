/**
 * The {@code hoist} command line: one executable jar running Hoist's commands against a
 * database named by flags, the environment or {@code .env} files.
 */
@NullMarked
package dev.hoist.cli;

import org.jspecify.annotations.NullMarked;
