package dev.hoist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hoist.core.Hoist;
import dev.hoist.core.internal.report.ExitCodes;
import dev.hoist.core.internal.report.Report;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new",
		description = "Write V<version>__<description>.sql into the first filesystem location, numbered after the"
				+ " files there (V3 after V2, 1.3 after 1.2, a UTC timestamp after timestamps or in an empty"
				+ " directory), with placeholder '-- migrate:up' and '-- migrate:down' sections to fill in."
				+ " Needs no database.")
final class NewCommand extends HoistCommand {

	@Parameters(arity = "1..*", paramLabel = "<description>",
			description = "What the migration does, such as \"add orders index\".")
	List<String> words = new ArrayList<>();

	@Option(names = "--locations", paramLabel = "<location>", split = ",",
			description = "Migration locations; the file goes into the first filesystem one (default: HOIST_LOCATIONS,"
					+ " else " + CliSettings.DEFAULT_LOCATION + ").")
	List<String> locations = new ArrayList<>();

	@Override
	int run() {
		String directory = settings().locations(this.locations)
			.stream()
			.filter((location) -> location.startsWith("filesystem:"))
			.map((location) -> location.substring("filesystem:".length()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"No filesystem location to write into: pass --locations with a directory"));
		Path file = Hoist.newMigration(Path.of(System.getProperty("user.dir")).resolve(directory),
				String.join(" ", this.words));
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("path", file.toString());
		json.put("file", file.getFileName().toString());
		return print(new Report(json, "Created " + file, ExitCodes.OK));
	}

}
