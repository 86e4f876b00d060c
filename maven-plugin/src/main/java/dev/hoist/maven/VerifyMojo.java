package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Proves on a shadow database that every down section restores the schema. Runs
 * {@code hoist.command=verify} in the application.
 *
 * @see HoistCommand#VERIFY
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "verify", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class VerifyMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public VerifyMojo() {
		super(HoistCommand.VERIFY);
	}

}
