package dev.hoist.autoconfigure.env;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The entries of one {@code .env} file, read like environment variables:
 * {@code SPRING_DATASOURCE_URL} in the file sets {@code spring.datasource.url}. Each
 * value's origin is its file and line.
 */
public final class DotenvPropertySource extends SystemEnvironmentPropertySource implements OriginLookup<String> {

	// Boot binds relaxed environment-variable names only for sources named like this
	private static final String NAME_SUFFIX = "-systemEnvironment";

	private final String file;

	private final Path path;

	private final Map<String, DatabaseSettings.Setting> entries;

	DotenvPropertySource(Path path, Map<String, DatabaseSettings.Setting> entries) {
		super(nameFor(path.getFileName().toString()), values(entries));
		this.file = path.getFileName().toString();
		this.path = path;
		this.entries = entries;
	}

	static String nameFor(String file) {
		return "hoist.dotenv [" + file + "]" + NAME_SUFFIX;
	}

	private static Map<String, Object> values(Map<String, DatabaseSettings.Setting> entries) {
		Map<String, Object> values = new LinkedHashMap<>();
		entries.forEach((key, setting) -> values.put(key, setting.value()));
		return values;
	}

	/**
	 * Return the file name, e.g. {@code .env.local}, as reports show it.
	 * @return the file name
	 */
	public String getFile() {
		return this.file;
	}

	/**
	 * Return the file's path.
	 * @return the path
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Return the variable in the file that holds {@code name}, e.g.
	 * {@code SPRING_DATASOURCE_URL} for {@code spring.datasource.url}.
	 * @param name a property or variable name
	 * @return the variable, or {@code null}
	 */
	public @Nullable String getVariable(String name) {
		String variable = resolvePropertyName(name);
		return getSource().containsKey(variable) ? variable : null;
	}

	@Override
	public String toString() {
		// Spring's would list every value at debug level, passwords included
		return getClass().getSimpleName() + " {name='" + getName() + "', keys=" + this.entries.keySet() + "}";
	}

	@Override
	public @Nullable Origin getOrigin(String name) {
		String variable = getVariable(name);
		DatabaseSettings.Setting entry = (variable != null) ? this.entries.get(variable) : null;
		if (entry == null) {
			return null;
		}
		return new TextResourceOrigin(new FileSystemResource(this.path),
				new TextResourceOrigin.Location(entry.line() - 1, 0));
	}

}
