package dev.hoist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.command.HoistCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command
final class NewCommand extends CliCommand {

	@Parameters(arity = "1..*", paramLabel = "<description>",
			description = "What the migration does, such as \"add orders index\".")
	List<String> words = new ArrayList<>();

	@Option(names = "--locations", paramLabel = "<location>", split = ",",
			description = "Migration locations; the file goes into the first filesystem one (default: HOIST_LOCATIONS,"
					+ " else " + CliSettings.DEFAULT_LOCATION + ").")
	List<String> locations = new ArrayList<>();

	@Override
	HoistCommand command() {
		return HoistCommand.NEW;
	}

	@Override
	HoistCommand.Options options() {
		String directory = settings().locations(this.locations)
			.stream()
			.map((location) -> location.startsWith(CliSettings.OPTIONAL)
					? location.substring(CliSettings.OPTIONAL.length()) : location)
			.filter((location) -> location.startsWith(CliSettings.FILESYSTEM))
			.map((location) -> location.substring(CliSettings.FILESYSTEM.length()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"No filesystem location to write into: pass --locations with a directory"));
		Path target = workingDirectory().resolve(directory);
		return new HoistCommand.Options(null, null, null, String.join(" ", this.words), target);
	}

}
