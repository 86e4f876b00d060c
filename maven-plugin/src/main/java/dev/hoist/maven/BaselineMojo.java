package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Adopts a database that predates Hoist ({@code -Dhoist.baseline-version=...}). Runs
 * {@code hoist.command=baseline} in the application.
 *
 * @see HoistCommand#BASELINE
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class BaselineMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public BaselineMojo() {
		super(HoistCommand.BASELINE);
	}

}
