package dev.hoist.maven;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Lists the applied migrations. Runs {@code hoist.command=history} in the application.
 *
 * @see HoistCommand#HISTORY
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "history", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class HistoryMojo extends AbstractHoistMojo {

	/**
	 * Create the goal.
	 */
	public HistoryMojo() {
		super(HoistCommand.HISTORY);
	}

}
