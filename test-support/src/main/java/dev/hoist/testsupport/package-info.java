/**
 * A real PostgreSQL for every test: embedded by default, an external server with
 * {@code HOIST_TEST_DATABASE_URL}, or Testcontainers with
 * {@code -Dhoist.test.postgres=testcontainers}.
 */
@NullMarked
package dev.hoist.testsupport;

import org.jspecify.annotations.NullMarked;
