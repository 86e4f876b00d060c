package dev.hoist.core.internal.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.hoist.core.HoistException;
import dev.hoist.core.internal.schema.SchemaModel.Dependency;
import dev.hoist.core.internal.schema.SchemaObject.Column;
import dev.hoist.core.internal.schema.Step.Section;
import dev.hoist.core.schema.SchemaDiff;
import org.jspecify.annotations.Nullable;

/**
 * The migration that turns one model into another: its parts in the order they run (a
 * part in a transaction, and parts that must run outside one), each with the down section
 * that undoes exactly that part, and the summary of what changes.
 */
public final class MigrationPlan {

	private final List<Change> changes;

	private final List<Part> parts;

	private MigrationPlan(List<Change> changes, List<Part> parts) {
		this.changes = List.copyOf(changes);
		this.parts = List.copyOf(parts);
	}

	/**
	 * Plan the migration from one model to another.
	 * @param from the schema as it is
	 * @param to the schema as it should be
	 * @param online whether to use the forms that keep live tables available
	 * @return the plan
	 * @throws HoistException when the models come from different PostgreSQL major
	 * versions, or the changes cannot be ordered
	 */
	public static MigrationPlan between(SchemaModel from, SchemaModel to, boolean online) {
		if (from.serverMajor() != to.serverMajor()) {
			throw new HoistException("Cannot compare schemas read from PostgreSQL " + from.serverMajor() + " and "
					+ to.serverMajor() + ": the servers print definitions differently. Compare two databases of one"
					+ " major version (restore one schema into a server of the other's version first)");
		}
		SchemaDiffer.Diff diff = SchemaDiffer.diff(from, to, online);
		List<Step> ordered = StepOrder.order(diff.steps(), from, to);
		Map<Section, List<Step>> bySection = new LinkedHashMap<>();
		for (Step step : ordered) {
			bySection.computeIfAbsent(step.section(), (k) -> new ArrayList<>()).add(step);
		}
		List<List<Step>> ups = new ArrayList<>(bySection.values());
		List<Section> sections = new ArrayList<>(bySection.keySet());
		List<Part> parts = new ArrayList<>();
		if (ups.size() == 1) {
			List<Step> down = StepOrder.order(SchemaDiffer.diff(to, from, online).steps(), to, from);
			parts.add(new Part(sections.get(0), ups.get(0), down));
		}
		else {
			List<SchemaModel> states = new ArrayList<>();
			states.add(from);
			List<Step> applied = new ArrayList<>();
			for (int i = 0; i < ups.size() - 1; i++) {
				applied.addAll(ups.get(i));
				states.add(intermediate(SchemaDiffer.withDetachedCopies(from, to, applied), to, applied));
			}
			states.add(to);
			for (int i = 0; i < ups.size(); i++) {
				SchemaModel after = states.get(i + 1);
				SchemaModel before = states.get(i);
				List<Step> down = StepOrder.order(SchemaDiffer.diff(after, before, online).steps(), after, before);
				parts.add(new Part(sections.get(i), ups.get(i), down));
			}
		}
		return new MigrationPlan(diff.changes(), parts);
	}

	// The schema after some of the steps: each object as the last step that touched it
	// left it.
	static SchemaModel intermediate(SchemaModel from, SchemaModel to, List<Step> applied) {
		Map<ObjectKey, Boolean> state = new HashMap<>();
		for (Step step : applied) {
			step.removes().forEach((key) -> state.put(key, false));
			step.provides().forEach((key) -> state.put(key, true));
		}
		// ATTACH or DETACH PARTITION (and INHERIT, NO INHERIT) removes a table's old
		// lineage
		// and provides its new one: the table itself is then as the target has it
		for (Map.Entry<ObjectKey, Boolean> entry : new ArrayList<>(state.entrySet())) {
			ObjectKey key = entry.getKey();
			if (key.kind() == ObjectKind.TABLE && "inherits".equals(key.member()) && entry.getValue()) {
				state.put(ObjectKey.of(ObjectKind.TABLE, key.schema(), key.name()), true);
			}
		}
		Set<ObjectKey> keys = new LinkedHashSet<>(from.objects().keySet());
		keys.addAll(to.objects().keySet());
		Map<ObjectKey, SchemaObject> objects = new LinkedHashMap<>();
		Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies = new HashMap<>();
		Map<ObjectKey, String> partitionConstraints = new HashMap<>();
		for (ObjectKey key : keys) {
			Boolean present = state.get(key);
			SchemaModel source = from;
			if (present != null) {
				source = present ? to : null;
			}
			SchemaObject object = (source != null) ? source.get(key) : null;
			if (object == null) {
				continue;
			}
			if (object instanceof Column column) {
				object = column(column, from, to, state);
			}
			objects.put(key, object);
			dependencies.put(key, source.dependenciesOf(key));
			String partitionConstraint = source.partitionConstraint(key);
			if (partitionConstraint != null) {
				partitionConstraints.put(key, partitionConstraint);
			}
			for (ObjectKind pseudo : List.of(ObjectKind.DEFAULT, ObjectKind.NOT_NULL)) {
				ObjectKey node = new ObjectKey(pseudo, key.schema(), key.name(), key.member());
				Boolean nodePresent = state.get(node);
				SchemaModel nodeSource = source;
				if (nodePresent != null) {
					nodeSource = nodePresent ? to : from;
				}
				if (!nodeSource.dependenciesOf(node).isEmpty()) {
					dependencies.put(node, nodeSource.dependenciesOf(node));
				}
			}
		}
		return new SchemaModel(to.serverVersion(), to.schemas(), objects, dependencies, Map.of(), partitionConstraints);
	}

	private static Column column(Column column, SchemaModel from, SchemaModel to, Map<ObjectKey, Boolean> state) {
		ObjectKey key = column.key();
		Boolean notNull = state.get(new ObjectKey(ObjectKind.NOT_NULL, key.schema(), key.name(), key.member()));
		Boolean defaultValue = state.get(new ObjectKey(ObjectKind.DEFAULT, key.schema(), key.name(), key.member()));
		Column before = from.get(key, Column.class);
		Column after = to.get(key, Column.class);
		Column result = column;
		if (notNull != null) {
			boolean value = notNull ? (after != null && after.notNull()) : false;
			result = result.withNotNull(value);
		}
		else if (before != null) {
			result = result.withNotNull(before.notNull());
		}
		if (defaultValue != null && result.generated().isEmpty() && result.identity().isEmpty()) {
			String value = defaultValue ? ((after != null) ? after.defaultValue() : null) : null;
			result = new Column(result.schema(), result.table(), result.name(), result.type(), result.typeCategory(),
					result.collation(), result.notNull(), value, result.identity(), result.identitySequence(),
					result.generated(), result.local(), result.storage(), result.compression(), result.statistics(),
					result.options(), result.comment());
		}
		return result;
	}

	/**
	 * Return every difference, one per object.
	 * @return the changes
	 */
	public List<Change> changes() {
		return this.changes;
	}

	/**
	 * Return every difference as the public API describes it.
	 * @return the changes
	 */
	public List<SchemaDiff.Change> describedChanges() {
		return this.changes.stream()
			.map((change) -> new SchemaDiff.Change(SchemaDiff.Change.Action.valueOf(change.action().name()),
					change.key().kind().label(), shortName(change.key()), change.detail(), change.dataLoss()))
			.toList();
	}

	/**
	 * Return why the plan cannot be written as SQL, or {@code null} when it can.
	 * @return the message naming each difference that cannot be written
	 */
	public @Nullable String unsupportedMessage() {
		List<Change> unsupported = unsupported();
		if (unsupported.isEmpty()) {
			return null;
		}
		StringBuilder message = new StringBuilder("The schemas differ in ").append(unsupported.size())
			.append(" way(s) the schema diff cannot write as SQL:");
		for (Change change : unsupported) {
			message.append("\n  ").append(change.key().describe()).append(": ").append(change.detail());
		}
		return message
			.append("\nWrite these by hand, then allow the rest with allowUnsupported(true)" + " (--allow-unsupported)")
			.toString();
	}

	static String shortName(ObjectKey key) {
		String described = key.describe();
		String label = key.kind().label();
		return described.startsWith(label + " ") ? described.substring(label.length() + 1) : described;
	}

	/**
	 * Return the statements about one object, in the order they run: those whose subject
	 * is the object, or its default or {@code NOT NULL} for a column. Objects that are
	 * dropped and recreated only because they depend on it are not included: the whole
	 * script ({@link #upSql()}) has them.
	 * @param key the object
	 * @return the statements, each ending in a semicolon
	 */
	public List<String> statementsFor(ObjectKey key) {
		List<String> statements = new ArrayList<>();
		for (Part part : this.parts) {
			for (Step step : part.up()) {
				ObjectKey subject = step.subject();
				boolean columnNode = subject.kind() == ObjectKind.DEFAULT || subject.kind() == ObjectKind.NOT_NULL;
				if (subject.equals(key) || (columnNode && subject.column().equals(key))) {
					step.statements().forEach((sql) -> statements.add(sql.strip() + ";"));
				}
			}
		}
		return statements;
	}

	/**
	 * Return the parts in the order they run.
	 * @return the parts, empty when the schemas are equal
	 */
	public List<Part> parts() {
		return this.parts;
	}

	/**
	 * Return whether the two schemas are equal.
	 * @return whether there is nothing to do
	 */
	public boolean isEmpty() {
		return this.changes.isEmpty() && this.parts.isEmpty();
	}

	/**
	 * Return the differences the engine cannot write.
	 * @return the unsupported changes
	 */
	public List<Change> unsupported() {
		return this.changes.stream().filter((change) -> change.action() == Change.Action.UNSUPPORTED).toList();
	}

	/**
	 * Return the up SQL of every part, in order, as one script for reading.
	 * @return the SQL
	 */
	public String upSql() {
		StringBuilder sql = new StringBuilder();
		for (Part part : this.parts) {
			if (this.parts.size() > 1) {
				sql.append("-- ").append(part.label()).append('\n');
			}
			sql.append(part.upSql());
		}
		return sql.toString();
	}

	/**
	 * Return the down SQL of every part, newest part first, as one script for reading.
	 * @return the SQL
	 */
	public String downSql() {
		StringBuilder sql = new StringBuilder();
		for (int i = this.parts.size() - 1; i >= 0; i--) {
			Part part = this.parts.get(i);
			if (this.parts.size() > 1) {
				sql.append("-- ").append(part.label()).append('\n');
			}
			sql.append(part.downSql());
		}
		return sql.toString();
	}

	/**
	 * Return what changes, what loses data and what takes strong locks, for people.
	 * @return the summary, one line per item
	 */
	public String summary() {
		StringBuilder text = new StringBuilder();
		if (isEmpty()) {
			return "The schemas are equal.\n";
		}
		text.append("Changes:\n");
		for (Change change : this.changes) {
			text.append("  ").append(symbol(change.action())).append(' ').append(change.key().describe());
			if (!change.detail().isEmpty() && change.action() != Change.Action.CREATE
					&& change.action() != Change.Action.DROP) {
				text.append(": ").append(change.detail());
			}
			text.append('\n');
		}
		Set<String> losses = new LinkedHashSet<>();
		Set<String> locks = new LinkedHashSet<>();
		for (Part part : this.parts) {
			for (Step step : part.up()) {
				if (step.dataLoss() != null) {
					losses.add(step.dataLoss());
				}
				if (step.lock() != null) {
					locks.add(step.lock());
				}
			}
		}
		for (Change change : this.changes) {
			if (change.dataLoss() != null) {
				losses.add(change.dataLoss());
			}
		}
		text.append("Data loss:\n");
		if (losses.isEmpty()) {
			text.append("  none\n");
		}
		losses.forEach((loss) -> text.append("  ! ").append(loss).append('\n'));
		text.append("Strong locks:\n");
		if (locks.isEmpty()) {
			text.append("  none on existing tables\n");
		}
		locks.forEach((lock) -> text.append("  ").append(lock).append('\n'));
		if (!unsupported().isEmpty()) {
			text.append("Cannot be written (").append(unsupported().size()).append("):\n");
			unsupported().forEach((change) -> text.append("  ? ")
				.append(change.key().describe())
				.append(": ")
				.append(change.detail())
				.append('\n'));
		}
		return text.toString();
	}

	private static String symbol(Change.Action action) {
		return switch (action) {
			case CREATE -> "+";
			case DROP -> "-";
			case ALTER -> "~";
			case REPLACE -> "±";
			case UNSUPPORTED -> "?";
		};
	}

	/**
	 * Write the migration as Hoist migration files: {@code V<version>__<description>.sql}
	 * for the first part and {@code V<version>.1__...}, {@code V<version>.2__...} for the
	 * parts that must run outside a transaction, each with its own down section.
	 * @param directory the directory, created when missing
	 * @param version the version of the first file, such as {@code 3}
	 * @param description words such as {@code add orders}
	 * @return the files written
	 * @throws HoistException when the schemas are equal, a file exists, or it cannot be
	 * written
	 */
	public List<Path> writeTo(Path directory, String version, String description) {
		return writeTo(directory, version, description, "hoist diff");
	}

	/**
	 * Write the migration as {@link #writeTo(Path, String, String)} does, naming the
	 * command that generated it in each file's header.
	 * @param directory the directory, created when missing
	 * @param version the version of the first file
	 * @param description words such as {@code add orders}
	 * @param generatedBy the command, such as {@code hoist generate}
	 * @return the files written
	 */
	public List<Path> writeTo(Path directory, String version, String description, String generatedBy) {
		if (this.parts.isEmpty()) {
			throw new HoistException("The schemas are equal: there is no migration to write");
		}
		String name = description.strip()
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", "_")
			.replaceAll("^_+|_+$", "");
		if (name.isEmpty()) {
			throw new IllegalArgumentException("'" + description
					+ "' has no letters or digits to name a migration; describe it, such as 'add orders'");
		}
		if (!version.matches("\\d+([._]\\d+)*")) {
			throw new IllegalArgumentException("'" + version + "' is not a migration version: use numbers separated"
					+ " by dots or underscores, such as 3, 1.2 or 20261201093000");
		}
		List<Path> files = new ArrayList<>();
		try {
			Files.createDirectories(directory);
			List<String> names = new ArrayList<>();
			for (int i = 0; i < this.parts.size(); i++) {
				String partVersion = (i == 0) ? version : version + "." + i;
				String suffix = (i == 0) ? "" : "_" + this.parts.get(i).section().name().toLowerCase(Locale.ROOT);
				names.add("V" + partVersion + "__" + name + suffix + ".sql");
			}
			for (String file : names) {
				if (Files.exists(directory.resolve(file))) {
					throw new HoistException("Cannot write the migration: " + directory.resolve(file).toAbsolutePath()
							+ " already exists. Choose another version, or move the file away");
				}
			}
			for (int i = 0; i < this.parts.size(); i++) {
				Path file = directory.resolve(names.get(i));
				Files.writeString(file, fileText(i, names, generatedBy), StandardCharsets.UTF_8,
						StandardOpenOption.CREATE_NEW);
				files.add(file);
			}
			return files;
		}
		catch (FileAlreadyExistsException ex) {
			throw new HoistException("Cannot write the migration: " + ex.getFile() + " already exists", ex);
		}
		catch (IOException ex) {
			throw new HoistException("Cannot write the migration into " + directory.toAbsolutePath() + ": " + ex, ex);
		}
	}

	String fileText(int index, List<String> names) {
		return fileText(index, names, "hoist diff");
	}

	private String fileText(int index, List<String> names, String generatedBy) {
		Part part = this.parts.get(index);
		StringBuilder text = new StringBuilder();
		text.append("-- Generated by ").append(generatedBy).append('.');
		if (this.parts.size() > 1) {
			text.append(" Part ")
				.append(index + 1)
				.append(" of ")
				.append(this.parts.size())
				.append(": ")
				.append(String.join(", ", names))
				.append('.');
		}
		text.append('\n');
		for (String line : summary().split("\n")) {
			text.append("-- ").append(line).append('\n');
		}
		text.append('\n');
		text.append("-- migrate:up")
			.append(part.section().outsideTransaction() ? " transaction:false" : "")
			.append("\n");
		text.append(part.upSql()).append('\n');
		boolean downOutside = part.down().stream().anyMatch((step) -> step.section().outsideTransaction());
		text.append("-- migrate:down");
		if (downOutside != part.section().outsideTransaction()) {
			text.append(downOutside ? " transaction:false" : " transaction:true");
		}
		text.append('\n').append(part.downSql());
		return text.toString();
	}

	/**
	 * One part of a migration: statements that run together, in a transaction or not.
	 *
	 * @param section where its statements run
	 * @param up the steps, in order
	 * @param down the steps that undo them, in order
	 */
	public record Part(Section section, List<Step> up, List<Step> down) {

		/**
		 * Return the up statements as a script.
		 * @return the SQL, each statement ending in a semicolon
		 */
		public String upSql() {
			return sql(this.up, this.section);
		}

		/**
		 * Return the down statements as a script.
		 * @return the SQL, each statement ending in a semicolon
		 */
		public String downSql() {
			boolean outside = this.down.stream().anyMatch((step) -> step.section().outsideTransaction());
			return sql(this.down, outside ? Section.ONLINE : Section.MAIN);
		}

		/**
		 * Say how this part runs, for a script's comment line, such as {@code in one
		 * transaction}.
		 * @return the label
		 */
		public String label() {
			return switch (this.section) {
				case BEFORE -> "outside a transaction, first: enum values that later statements use";
				case MAIN -> "in one transaction";
				case ONLINE -> "outside a transaction: online forms (CONCURRENTLY, NOT VALID then VALIDATE)";
			};
		}

		private static String sql(List<Step> steps, Section section) {
			StringBuilder sql = new StringBuilder();
			boolean functions = steps.stream()
				.flatMap((step) -> step.statements().stream())
				.anyMatch((statement) -> statement.startsWith("CREATE OR REPLACE FUNCTION")
						|| statement.startsWith("CREATE OR REPLACE PROCEDURE"));
			if (functions && section == Section.MAIN) {
				// a function body may name a table created later in this part, and its
				// dependencies are not recorded: check bodies once everything exists, as
				// pg_dump does
				sql.append("SET LOCAL check_function_bodies = off;\n\n");
			}
			for (Step step : steps) {
				for (String statement : step.statements()) {
					sql.append(statement.strip()).append(";\n\n");
				}
			}
			return sql.toString();
		}

	}

}
