package dev.hoist.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.metrics.StartupStep;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The smallest service the Spring Boot startup scenario starts in a child JVM: a
 * DataSource, whatever migration tool is on its classpath, and one query once started (a
 * service uses its database, so every mode opens the pool). Prints how long
 * {@code SpringApplication.run} took and the JVM's uptime when it returned.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BootApp {

	@Bean
	ApplicationRunner firstQuery(JdbcTemplate jdbc) {
		return (args) -> jdbc.queryForObject("SELECT 1", Integer.class);
	}

	/**
	 * The longest instantiation of a migration tool's bean: its initializer's step holds
	 * the tool's own beans and the migrate call, so this is the time the tool added in
	 * the context.
	 */
	private static long toolNanos(BufferingApplicationStartup startup) {
		long longest = 0;
		for (StartupTimeline.TimelineEvent event : startup.getBufferedTimeline().getEvents()) {
			if (!event.getStartupStep().getName().equals("spring.beans.instantiate")) {
				continue;
			}
			for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
				String value = tag.getValue().toLowerCase(Locale.ROOT);
				if (tag.getKey().equals("beanName") && (value.contains("hoist") || value.contains("flyway"))) {
					longest = Math.max(longest, event.getDuration().toNanos());
				}
			}
		}
		return longest;
	}

	public static void main(String[] args) {
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		long allocatedBefore = Allocation.allocatedBytes();
		long start = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BootApp.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.applicationStartup(startup)
			.run(args);
		long run = System.nanoTime() - start;
		long allocated = Allocation.allocatedBytes() - allocatedBefore;
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		context.close();
		System.out.println("run_nanos=" + run + " uptime_ms=" + uptime + " tool_nanos=" + toolNanos(startup)
				+ " allocated=" + allocated);
		System.exit(0);
	}

}
