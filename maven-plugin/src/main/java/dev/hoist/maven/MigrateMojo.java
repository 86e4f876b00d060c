package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the pending migrations. Runs {@code hoist.command=migrate} in the application.
 *
 * @see HoistCommand#MIGRATE
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "migrate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class MigrateMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public MigrateMojo() {
		super(HoistCommand.MIGRATE);
	}

}
