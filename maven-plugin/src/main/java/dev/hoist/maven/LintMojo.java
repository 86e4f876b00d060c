package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks the pending migrations against the safety rules. Runs {@code hoist.command=lint}
 * in the application.
 *
 * @see HoistCommand#LINT
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "lint", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class LintMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public LintMojo() {
		super(HoistCommand.LINT);
	}

}
