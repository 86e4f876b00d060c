package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Shows the revision, the head and every migration with its state. Runs
 * {@code hoist.command=status} in the application.
 *
 * @see HoistCommand#STATUS
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "status", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class StatusMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public StatusMojo() {
		super(HoistCommand.STATUS);
	}

}
