/**
 * Schema diff: compare the schemas of two PostgreSQL databases and write the migration
 * that turns one into the other. {@link dev.hoist.core.schema.SchemaDiff} is the entry
 * point.
 */
@NullMarked
package dev.hoist.core.schema;

import org.jspecify.annotations.NullMarked;
