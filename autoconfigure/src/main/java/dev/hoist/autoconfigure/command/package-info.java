/**
 * The application's command mode: {@code --hoist.command=status} runs one operations
 * command with the application's own configuration and exits with its code.
 */
@NullMarked
package dev.hoist.autoconfigure.command;

import org.jspecify.annotations.NullMarked;
