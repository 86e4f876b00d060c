/**
 * The schema-diff engine: a model of PostgreSQL schemas read from the catalogs, the
 * comparison of two models, and the ordered DDL that turns one into the other. No
 * compatibility promise.
 */
@NullMarked
package dev.hoist.core.internal.schema;

import org.jspecify.annotations.NullMarked;
