/**
 * The on-demand benchmark: Hoist, Flyway, Liquibase and a psql floor measured in one run.
 */
@NullMarked
package dev.hoist.bench;

import org.jspecify.annotations.NullMarked;
