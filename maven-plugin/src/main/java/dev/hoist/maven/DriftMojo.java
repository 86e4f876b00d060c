package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails when the live schema differs from the one its applied migrations give. Runs
 * {@code hoist.command=drift} in the application.
 *
 * @see HoistCommand#DRIFT
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "drift", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DriftMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public DriftMojo() {
		super(HoistCommand.DRIFT);
	}

}
