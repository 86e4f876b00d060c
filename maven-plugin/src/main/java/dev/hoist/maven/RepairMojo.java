package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Records changed checksums and removes the failed rows of migrations. Runs
 * {@code hoist.command=repair} in the application.
 *
 * @see HoistCommand#REPAIR
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "repair", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RepairMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public RepairMojo() {
		super(HoistCommand.REPAIR);
	}

}
