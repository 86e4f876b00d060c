/**
 * What a service gets from the starter in its tests: every Spring Boot test slice that
 * uses the database migrates it first.
 */
@NullMarked
package dev.hoist.starter;

import org.jspecify.annotations.NullMarked;
