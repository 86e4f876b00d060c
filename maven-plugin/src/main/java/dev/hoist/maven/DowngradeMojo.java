package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Reverts the newest migrations ({@code -Dhoist.steps=1} or {@code -Dhoist.target=...}).
 * Runs {@code hoist.command=downgrade} in the application.
 *
 * @see HoistCommand#DOWNGRADE
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "downgrade", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DowngradeMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public DowngradeMojo() {
		super(HoistCommand.DOWNGRADE);
	}

}
