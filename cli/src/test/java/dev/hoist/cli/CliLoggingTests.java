package dev.hoist.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's logging, configured in code: what the {@code logback.xml} it replaces said.
 */
class CliLoggingTests {

	@AfterEach
	void clearProperties() {
		System.clearProperty("hoist.log.level");
		System.clearProperty("logback.configurationFile");
	}

	@Test
	void hoistLogsAtInfoAndEverythingElseAtWarnOnStderr() {
		LoggerContext context = new LoggerContext();

		ExecutionStatus status = new CliLogging().configure(context);

		assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
		assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
		assertThat(context.getLogger("dev.hoist.core.internal.MigrateCommand").getEffectiveLevel())
			.isEqualTo(Level.INFO);
		assertThat(context.getLogger("org.postgresql.Driver").getEffectiveLevel()).isEqualTo(Level.WARN);
		ConsoleAppender<?> appender = (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME)
			.getAppender("STDERR");
		assertThat(appender.getTarget()).isEqualTo("System.err");
		assertThat(appender.isStarted()).isTrue();
	}

	@Test
	void quietRaisesHoistsLevelToWarn() {
		System.setProperty("hoist.log.level", "WARN");
		LoggerContext context = new LoggerContext();

		new CliLogging().configure(context);

		assertThat(context.getLogger("dev.hoist").getEffectiveLevel()).isEqualTo(Level.WARN);
	}

	@Test
	void aConfigurationFileNamedOnTheCommandLineWins() {
		System.setProperty("logback.configurationFile", "my-logback.xml");
		LoggerContext context = new LoggerContext();

		ExecutionStatus status = new CliLogging().configure(context);

		assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
		assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
	}

}
