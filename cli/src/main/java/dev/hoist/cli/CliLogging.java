package dev.hoist.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The CLI's logging, set up in code rather than from a {@code logback.xml}: parsing XML
 * and building logback's configuration model is a third of a short command's time in a
 * fresh JVM. Log lines go to stderr, message only, so that stdout carries only the result
 * (and stays valid JSON with {@code --json}); {@code dev.hoist} logs at
 * {@code hoist.log.level} (INFO, WARN with {@code --quiet}), everything else at WARN.
 * Found by logback through {@code META-INF/services}. A configuration file named with
 * {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {

	@Override
	public ExecutionStatus configure(LoggerContext context) {
		if (System.getProperty("logback.configurationFile") != null) {
			return ExecutionStatus.INVOKE_NEXT_IF_ANY;
		}
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%msg%n");
		encoder.start();
		ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
		stderr.setContext(context);
		stderr.setName("STDERR");
		stderr.setTarget("System.err");
		stderr.setEncoder(encoder);
		stderr.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(stderr);
		context.getLogger("dev.hoist").setLevel(Level.toLevel(System.getProperty("hoist.log.level"), Level.INFO));
		return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
	}

}
