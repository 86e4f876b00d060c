package dev.hoist.core.internal;

import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrateResult;

/**
 * Runs Hoist's commands against one database.
 */
public final class Engine {

	private final Settings settings;

	public Engine(Settings settings) {
		this.settings = settings;
	}

	public MigrateResult migrate() {
		throw new UnsupportedOperationException("engine under construction");
	}

	public HoistStatus status() {
		throw new UnsupportedOperationException("engine under construction");
	}

	public void validate() {
		throw new UnsupportedOperationException("engine under construction");
	}

}
