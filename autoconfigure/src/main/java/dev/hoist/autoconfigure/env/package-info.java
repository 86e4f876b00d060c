/**
 * Where the database settings come from: {@code .env} files as property sources
 * ({@link dev.hoist.autoconfigure.env.DotenvEnvironmentPostProcessor}),
 * {@code DATABASE_URL} and component variables mapped to {@code spring.datasource.*}
 * ({@link dev.hoist.autoconfigure.env.DatabaseUrlEnvironmentPostProcessor}), and the
 * report of what was chosen and why
 * ({@link dev.hoist.autoconfigure.env.DatabaseSettingsReport}).
 */
@NullMarked
package dev.hoist.autoconfigure.env;

import org.jspecify.annotations.NullMarked;
