package dev.hoist.maven;

import java.util.List;

import dev.hoist.core.command.HoistCommand;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/**
 * Writes the next migration from the difference between the application's JPA entities
 * and the schema its migrations give on a shadow database:
 * {@code mvn hoist:generate -Dhoist.description="add loyalty points"}. Runs
 * {@code hoist.command=generate} in the application.
 *
 * @see HoistCommand#GENERATE
 */
@Execute(phase = LifecyclePhase.COMPILE)
@Mojo(name = "generate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class GenerateMojo extends AbstractHoistMojo {

	/**
	 * What the migration does, in words for its file name; passed on as
	 * {@code hoist.generate.description}.
	 */
	@Parameter(property = "hoist.description")
	private @Nullable String description;

	/**
	 * Create the goal.
	 */
	public GenerateMojo() {
		super(HoistCommand.GENERATE);
	}

	@Override
	protected List<String> commandArguments() {
		String given = this.description;
		return (given != null) ? List.of("--hoist.generate.description=" + given) : List.of();
	}

}
