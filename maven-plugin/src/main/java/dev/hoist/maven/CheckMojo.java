package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The CI gate: fails when migrations are pending or, with JPA entities, when the entities
 * and the migrations differ. Runs {@code hoist.command=check} in the application.
 *
 * @see HoistCommand#CHECK
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "check", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class CheckMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public CheckMojo() {
		super(HoistCommand.CHECK);
	}

}
