package dev.hoist.autoconfigure.command;

import java.nio.file.Path;

import dev.hoist.autoconfigure.HoistAutoConfiguration;
import dev.hoist.autoconfigure.HoistConfigurationCustomizer;
import dev.hoist.autoconfigure.HoistProperties;
import dev.hoist.core.Hoist;
import dev.hoist.core.command.HoistCommand;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the command mode:
 * {@code --hoist.command=status} (or any other {@link HoistCommand}) runs that command
 * and exits.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HoistAutoConfiguration.class)
@ConditionalOnProperty("hoist.command")
@ConditionalOnBean(Hoist.class)
public final class HoistCommandAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HoistCommandExit hoistCommandExit() {
		return System::exit;
	}

	@Bean
	@ConditionalOnMissingBean
	HoistCommandRunner hoistCommandRunner(Hoist hoist, HoistProperties properties, Environment environment,
			ConfigurableApplicationContext context, ObjectProvider<HoistCommandExit> exit) {
		return new HoistCommandRunner(hoist, properties, environment, context, exit.getObject());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.persistence.EntityManagerFactory")
	static final class EntitySchemaConfiguration {

		@Bean
		HoistConfigurationCustomizer hoistEntitySchemaCustomizer(ListableBeanFactory beanFactory,
				Environment environment) {
			return (configuration) -> {
				String script = environment.getProperty(HoistCommandEnvironmentPostProcessor.SCRIPT_TARGET);
				if (script != null && EntitySchemaScript.hasEntityManagerFactory(beanFactory)) {
					configuration.entitySchema(new EntitySchemaScript(beanFactory, Path.of(script)));
				}
			};
		}

	}

}
