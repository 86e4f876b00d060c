package dev.hoist.core.internal;

import java.util.List;
import java.util.function.Consumer;

import dev.hoist.core.HoistListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener, logging and ignoring what they throw: a metrics bug must never
 * fail a migration.
 */
public final class Listeners {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final List<HoistListener> listeners;

	public Listeners(List<HoistListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	public void fire(Consumer<HoistListener> event) {
		for (HoistListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Hoist listener {} failed; ignoring it", listener.getClass().getName(), ex);
			}
		}
	}

}
