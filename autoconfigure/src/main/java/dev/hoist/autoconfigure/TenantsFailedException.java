package dev.hoist.autoconfigure;

import java.util.stream.Collectors;

import dev.hoist.core.HoistException;
import dev.hoist.core.tenants.TenantsResult;

/**
 * Startup stopped because tenants failed to migrate (or, in validate mode, did not reach
 * this build's head in time), and {@code hoist.tenants.on-failure} or a failed canary
 * says not to start without them.
 *
 * @since 0.1.0
 */
public class TenantsFailedException extends HoistException {

	private static final int LISTED = 10;

	private final TenantsResult result;

	/**
	 * Create an exception.
	 * @param what what went wrong, as the first sentence
	 * @param result every tenant's outcome
	 */
	public TenantsFailedException(String what, TenantsResult result) {
		super(what + describe(result));
		this.result = result;
	}

	private static String describe(TenantsResult result) {
		String failed = result.failed()
			.stream()
			.limit(LISTED)
			.map((tenant) -> "\n  - " + tenant.name() + ": "
					+ ((tenant.failure() != null) ? tenant.failure().message().replace("\n", "\n    ") : ""))
			.collect(Collectors.joining());
		int more = result.failed().size() - LISTED;
		return ((result.stopped() != null) ? " Stopped: " + result.stopped() + "." : "") + failed
				+ ((more > 0) ? "\n  and " + more + " more failed tenants" : "");
	}

	/**
	 * Return every tenant's outcome.
	 * @return the result
	 */
	public TenantsResult result() {
		return this.result;
	}

}
