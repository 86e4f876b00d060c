/**
 * Hoist's commands as operators and scripts use them: names, exit codes and reports, the
 * one contract that the command line, the in-app command mode and the Maven plugin share.
 */
@NullMarked
package dev.hoist.core.command;

import org.jspecify.annotations.NullMarked;
