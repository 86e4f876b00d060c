package dev.hoist.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Another instance held the migration lock for longer than the lock timeout.
 */
public class LockTimeoutException extends HoistException {

	private final HoistStatus.@Nullable LockHolder holder;

	private final Duration waited;

	/**
	 * Create an exception.
	 * @param message the message naming the holder and the setting
	 * @param holder the holder when last seen
	 * @param waited how long this instance waited
	 */
	public LockTimeoutException(String message, HoistStatus.@Nullable LockHolder holder, Duration waited) {
		super(message);
		this.holder = holder;
		this.waited = waited;
	}

	/**
	 * Return the holder when last seen, if it could be read.
	 * @return the holder
	 */
	public HoistStatus.@Nullable LockHolder holder() {
		return this.holder;
	}

	/**
	 * Return how long this instance waited.
	 * @return the wait
	 */
	public Duration waited() {
		return this.waited;
	}

}
