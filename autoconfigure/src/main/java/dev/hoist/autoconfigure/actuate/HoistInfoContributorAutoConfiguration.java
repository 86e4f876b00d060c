package dev.hoist.autoconfigure.actuate;

import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.core.Hoist;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code hoist} entry of the
 * info endpoint.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoistAutoConfiguration.class)
@ConditionalOnClass({ Hoist.class, InfoContributor.class, ConditionalOnEnabledInfoContributor.class })
@ConditionalOnBean(Hoist.class)
@ConditionalOnEnabledInfoContributor("hoist")
@Import(MigrationStatusConfiguration.class)
public final class HoistInfoContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationsInfoContributor hoistInfoContributor(MigrationStatusReader reader, MigrationActivity activity) {
		return new MigrationsInfoContributor(reader, activity);
	}

}
