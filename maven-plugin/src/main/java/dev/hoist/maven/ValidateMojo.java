package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks this build's migrations against the database's history. Runs
 * {@code hoist.command=validate} in the application.
 *
 * @see HoistCommand#VALIDATE
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "validate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ValidateMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public ValidateMojo() {
		super(HoistCommand.VALIDATE);
	}

}
