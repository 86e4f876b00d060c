package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Adopts a database that predates Hoist ({@code -Dhoist.baseline-version=...}). Runs
 * {@code hoist.command=baseline} in the application.
 *
 * @see HoistCommand#BASELINE
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class BaselineMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public BaselineMojo() {
		super(HoistCommand.BASELINE);
	}

}
