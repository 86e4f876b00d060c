/**
 * Spring Boot auto-configuration for Hoist.
 */
@NullMarked
package dev.hoist.autoconfigure;

import org.jspecify.annotations.NullMarked;
