package dev.hoist.autoconfigure;

import dev.hoist.core.HoistConfiguration;

/**
 * Callback to customize the {@link HoistConfiguration} that the auto-configured
 * {@link dev.hoist.core.Hoist} is built from, after the {@code hoist.*} properties were
 * applied. Declare one or more as beans; they are called in {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HoistConfigurationCustomizer {

	/**
	 * Customize the configuration.
	 * @param configuration the configuration to customize
	 */
	void customize(HoistConfiguration configuration);

}
