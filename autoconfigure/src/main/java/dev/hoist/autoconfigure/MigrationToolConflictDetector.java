package dev.hoist.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Refuses to start when Flyway or Liquibase would migrate too. Runs on bean definitions,
 * before any bean exists, so neither tool has touched the database yet.
 */
final class MigrationToolConflictDetector implements BeanFactoryPostProcessor {

	private static final Map<String, String> TOOLS = Map.of("org.flywaydb.core.Flyway", "Flyway",
			"liquibase.integration.spring.SpringLiquibase", "Liquibase");

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		List<String> found = new ArrayList<>();
		TOOLS.forEach((className, name) -> {
			if (ClassUtils.isPresent(className, classLoader)) {
				Class<?> type = ClassUtils.resolveClassName(className, classLoader);
				for (String beanName : beanFactory.getBeanNamesForType(type, true, false)) {
					found.add(name + " (bean '" + beanName + "')");
				}
			}
		});
		if (!found.isEmpty()) {
			found.sort(null);
			throw new MigrationToolConflictException(found);
		}
	}

}
