/**
 * Migrations written in Java, picked up by Hoist as beans.
 */
@NullMarked
package dev.hoist.sample.migration;

import org.jspecify.annotations.NullMarked;
