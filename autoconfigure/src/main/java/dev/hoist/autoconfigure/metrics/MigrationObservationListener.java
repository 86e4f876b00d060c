package dev.hoist.autoconfigure.metrics;

import java.time.Duration;

import dev.hoist.core.HoistException;
import dev.hoist.core.HoistListener;
import dev.hoist.core.MigrateResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each migrate run that has work to do as one {@link Observation} named
 * {@code hoist.migrate}, from the moment it knows what is pending until it finishes or
 * fails, so that tracing shows the lock wait and every migration's statements inside one
 * span. Low-cardinality key {@code outcome} ({@code success}, {@code failure}). A run
 * that fails before it starts (invalid migrations) is observed as a failure too; a run
 * with nothing to do is not observed.
 *
 * @since 0.1.0
 */
public class MigrationObservationListener implements HoistListener {

	/** The name of the observation. */
	public static final String NAME = "hoist.migrate";

	private final ObservationRegistry registry;

	// listener callbacks of one run come on the thread that runs it
	private final ThreadLocal<@Nullable Running> running = new ThreadLocal<>();

	/**
	 * Create a listener.
	 * @param registry where to observe
	 */
	public MigrationObservationListener(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void migrateRunStarted() {
		end(null);
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("hoist migrate")
			.start();
		this.running.set(new Running(observation, observation.openScope()));
	}

	@Override
	public void migrateStarted(int pending) {
		Running current = this.running.get();
		if (current != null) {
			current.observation().highCardinalityKeyValue("hoist.pending", Integer.toString(pending));
		}
	}

	@Override
	public void migrateFinished(MigrateResult result) {
		Running current = this.running.get();
		if (current != null) {
			current.observation()
				.lowCardinalityKeyValue("outcome", "success")
				.highCardinalityKeyValue("hoist.applied", Integer.toString(result.migrationsExecuted()))
				.highCardinalityKeyValue("hoist.revision",
						(result.revision() != null) ? result.revision().toString() : "none");
			end(current);
		}
	}

	@Override
	public void migrateFailed(HoistException failure, Duration duration) {
		Running current = this.running.get();
		Observation observation = (current != null) ? current.observation()
				: Observation.createNotStarted(NAME, this.registry).contextualName("hoist migrate").start();
		observation.lowCardinalityKeyValue("outcome", "failure").error(failure);
		if (current != null) {
			end(current);
		}
		else {
			observation.stop();
		}
	}

	private void end(@Nullable Running current) {
		Running open = (current != null) ? current : this.running.get();
		this.running.remove();
		if (open != null) {
			open.scope().close();
			open.observation().stop();
		}
	}

	private record Running(Observation observation, Observation.Scope scope) {

	}

}
