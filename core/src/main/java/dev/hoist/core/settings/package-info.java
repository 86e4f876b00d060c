/**
 * Where the database is: {@link dev.hoist.core.settings.DatabaseUrl} reads the URLs
 * platforms hand out, {@link dev.hoist.core.settings.Dotenv} reads {@code .env} files,
 * and {@link dev.hoist.core.settings.DatabaseSettingsResolver} turns one set of
 * environment variables into a JDBC URL, user and password, remembering which variable
 * each came from ({@link dev.hoist.core.settings.DatabaseSettings}). Shared by the Spring
 * Boot integration and the command line. No password ever appears in a message or a
 * {@code toString()} of these types.
 */
@NullMarked
package dev.hoist.core.settings;

import org.jspecify.annotations.NullMarked;
