package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Tries the pending migrations on a shadow database and reports what each statement
 * locks. Runs {@code hoist.command=plan} in the application.
 *
 * @see HoistCommand#PLAN
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "plan", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PlanMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public PlanMojo() {
		super(HoistCommand.PLAN);
	}

}
