/**
 * How command results read for people (text tables) and scripts (JSON), shared by the CLI
 * and the application's command mode so both print the same. No compatibility promise.
 */
@NullMarked
package dev.hoist.core.internal.report;

import org.jspecify.annotations.NullMarked;
