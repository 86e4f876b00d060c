/**
 * Hoist's Maven plugin: one goal per command ({@code mvn hoist:generate},
 * {@code hoist:check}, {@code hoist:status}, ...), each running the application's main
 * class in Hoist's command mode with the project's runtime classpath.
 */
@NullMarked
package dev.hoist.maven;

import org.jspecify.annotations.NullMarked;
