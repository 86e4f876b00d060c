/**
 * How the plugin forks the application; no compatibility promise.
 */
@NullMarked
package dev.hoist.maven.internal;

import org.jspecify.annotations.NullMarked;
