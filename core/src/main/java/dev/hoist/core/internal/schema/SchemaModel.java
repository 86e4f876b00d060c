package dev.hoist.core.internal.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one or more schemas: every object by its key, and what depends on what.
 * Two models are equal when they hold the same objects with the same definitions; column
 * order and OIDs play no part. Immutable.
 */
public final class SchemaModel {

	private final int serverVersion;

	private final List<String> schemas;

	private final Map<ObjectKey, SchemaObject> objects;

	private final Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies;

	private final Map<ObjectKey, SchemaObject> inheritedCopies;

	private final Map<ObjectKey, String> partitionConstraints;

	private @Nullable Map<ObjectKey, Set<ObjectKey>> dependents;

	private @Nullable Map<ObjectKey, List<SchemaObject>> members;

	SchemaModel(int serverVersion, List<String> schemas, Map<ObjectKey, SchemaObject> objects,
			Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies) {
		this(serverVersion, schemas, objects, dependencies, Map.of());
	}

	SchemaModel(int serverVersion, List<String> schemas, Map<ObjectKey, SchemaObject> objects,
			Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies, Map<ObjectKey, SchemaObject> inheritedCopies) {
		this(serverVersion, schemas, objects, dependencies, inheritedCopies, Map.of());
	}

	SchemaModel(int serverVersion, List<String> schemas, Map<ObjectKey, SchemaObject> objects,
			Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies, Map<ObjectKey, SchemaObject> inheritedCopies,
			Map<ObjectKey, String> partitionConstraints) {
		this.serverVersion = serverVersion;
		this.schemas = List.copyOf(schemas);
		this.objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
		// the reader and the planner hand over maps they no longer touch
		this.dependencies = Collections.unmodifiableMap(dependencies);
		this.inheritedCopies = Collections.unmodifiableMap(new LinkedHashMap<>(inheritedCopies));
		this.partitionConstraints = Map.copyOf(partitionConstraints);
	}

	/**
	 * Return the server's version number, such as {@code 180001}.
	 * @return {@code server_version_num}
	 */
	public int serverVersion() {
		return this.serverVersion;
	}

	/**
	 * Return the server's major version, such as {@code 18}.
	 * @return the major version
	 */
	public int serverMajor() {
		return this.serverVersion / 10000;
	}

	/**
	 * Return the schemas this model covers.
	 * @return the schema names
	 */
	public List<String> schemas() {
		return this.schemas;
	}

	/**
	 * Return every object, tables before their members and columns in table order.
	 * @return the objects by key
	 */
	public Map<ObjectKey, SchemaObject> objects() {
		return this.objects;
	}

	/**
	 * Return one object.
	 * @param key the key
	 * @return the object, or {@code null} when the model has none
	 */
	public @Nullable SchemaObject get(ObjectKey key) {
		return this.objects.get(key);
	}

	/**
	 * Return one object of a known type.
	 * @param <T> the type
	 * @param key the key
	 * @param type the record type
	 * @return the object, or {@code null} when the model has none of that type
	 */
	public <T extends SchemaObject> @Nullable T get(ObjectKey key, Class<T> type) {
		SchemaObject object = this.objects.get(key);
		return type.isInstance(object) ? type.cast(object) : null;
	}

	/**
	 * Return what an object depends on, with how.
	 * @param key the object, or a default or not-null node
	 * @return the objects it needs
	 */
	public Map<ObjectKey, Dependency> dependenciesOf(ObjectKey key) {
		Map<ObjectKey, Dependency> on = this.dependencies.get(key);
		return (on != null) ? Collections.unmodifiableMap(on) : Map.of();
	}

	/**
	 * Return what depends on an object directly.
	 * @param key the object
	 * @return the objects that need it
	 */
	public Set<ObjectKey> dependentsOf(ObjectKey key) {
		Map<ObjectKey, Set<ObjectKey>> index = this.dependents;
		if (index == null) {
			index = new HashMap<>();
			for (Map.Entry<ObjectKey, Map<ObjectKey, Dependency>> entry : this.dependencies.entrySet()) {
				for (ObjectKey on : entry.getValue().keySet()) {
					index.computeIfAbsent(on, (k) -> new LinkedHashSet<>()).add(entry.getKey());
				}
			}
			this.dependents = index;
		}
		return index.getOrDefault(key, Set.of());
	}

	/**
	 * Return the members (columns, constraints, indexes, triggers, rules, policies) of a
	 * table, view or domain.
	 * @param owner the table's key
	 * @return its members in model order
	 */
	public List<SchemaObject> membersOf(ObjectKey owner) {
		Map<ObjectKey, List<SchemaObject>> index = this.members;
		if (index == null) {
			index = new HashMap<>();
			for (SchemaObject object : this.objects.values()) {
				ObjectKey key = object.key();
				ObjectKey table = key.isMember() ? key.table() : owner(object);
				if (table != null) {
					// keyed by schema and name: a member of a domain or a materialized
					// view too
					index
						.computeIfAbsent(ObjectKey.of(ObjectKind.TABLE, table.schema(), table.name()),
								(k) -> new ArrayList<>())
						.add(object);
				}
			}
			this.members = index;
		}
		List<SchemaObject> members = index.getOrDefault(ObjectKey.of(ObjectKind.TABLE, owner.schema(), owner.name()),
				List.of());
		List<SchemaObject> result = new ArrayList<>(members.size());
		for (SchemaObject member : members) {
			ObjectKey key = member.key();
			if (key.isMember() || owner.equals(owner(member))) {
				result.add(member);
			}
		}
		return result;
	}

	/**
	 * Return the columns of a table in column order.
	 * @param table the table's key
	 * @return the columns
	 */
	public List<SchemaObject.Column> columnsOf(ObjectKey table) {
		List<SchemaObject.Column> columns = new ArrayList<>();
		for (SchemaObject object : membersOf(table)) {
			if (object instanceof SchemaObject.Column column) {
				columns.add(column);
			}
		}
		return columns;
	}

	/**
	 * Return a model with only the objects a filter accepts, for comparing a part of a
	 * schema (the tables an entity model maps, say). A member is kept only with its
	 * table.
	 * @param filter which objects to keep
	 * @return the smaller model
	 */
	public SchemaModel filter(Predicate<ObjectKey> filter) {
		Map<ObjectKey, SchemaObject> kept = new LinkedHashMap<>();
		for (Map.Entry<ObjectKey, SchemaObject> entry : this.objects.entrySet()) {
			ObjectKey key = entry.getKey();
			SchemaObject object = entry.getValue();
			ObjectKey owner = owner(object);
			if (filter.test(key) && (owner == null || filter.test(owner))) {
				kept.put(key, object);
			}
		}
		Map<ObjectKey, Map<ObjectKey, Dependency>> keptDependencies = new HashMap<>();
		this.dependencies.forEach((key, on) -> {
			ObjectKey node = switch (key.kind()) {
				case DEFAULT, NOT_NULL -> key.column();
				default -> key;
			};
			if (kept.containsKey(node)) {
				keptDependencies.put(key, on);
			}
		});
		Map<ObjectKey, SchemaObject> keptCopies = new LinkedHashMap<>();
		this.inheritedCopies.forEach((key, copy) -> {
			ObjectKey owner = owner(copy);
			if (owner != null && kept.containsKey(owner)) {
				keptCopies.put(key, copy);
			}
		});
		Map<ObjectKey, String> keptConstraints = new HashMap<>(this.partitionConstraints);
		keptConstraints.keySet().retainAll(kept.keySet());
		return new SchemaModel(this.serverVersion, this.schemas, kept, keptDependencies, keptCopies, keptConstraints);
	}

	/**
	 * Return the table (or view, or domain) an object belongs to.
	 * @param object the object
	 * @return the owner's key, or {@code null} for an object of its own
	 */
	static @Nullable ObjectKey owner(SchemaObject object) {
		if (object instanceof SchemaObject.Index index) {
			return ObjectKey.of(index.onMaterializedView() ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.TABLE,
					index.schema(), index.table());
		}
		if (object instanceof SchemaObject.Constraint constraint && constraint.onDomain()) {
			return ObjectKey.of(ObjectKind.DOMAIN, constraint.schema(), constraint.table());
		}
		ObjectKey key = object.key();
		return key.isMember() ? key.table() : null;
	}

	Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies() {
		return this.dependencies;
	}

	/**
	 * Return the constraints and indexes a partition or inheriting child holds as copies
	 * of its parent's: PostgreSQL makes and drops them with the parent's, so they are not
	 * objects of the model, but DETACH PARTITION leaves them on the partition as its own,
	 * and an inherited CHECK can be validated on a child while the parent's is not.
	 * @param table the partition or child
	 * @return its copies, keyed as if they were its own
	 */
	List<SchemaObject> inheritedCopiesOf(ObjectKey table) {
		return this.inheritedCopies.values().stream().filter((copy) -> table.equals(owner(copy))).toList();
	}

	/**
	 * Return this model with more objects of its own.
	 * @param more the objects to add
	 * @return the larger model
	 */
	SchemaModel with(List<SchemaObject> more) {
		Map<ObjectKey, SchemaObject> all = new LinkedHashMap<>(this.objects);
		for (SchemaObject object : more) {
			all.putIfAbsent(object.key(), object);
		}
		return new SchemaModel(this.serverVersion, this.schemas, all, this.dependencies, this.inheritedCopies,
				this.partitionConstraints);
	}

	/**
	 * Return the partition constraint PostgreSQL derives from a partition's bound and its
	 * ancestors' ({@code pg_get_partition_constraintdef}): what ATTACH PARTITION proves
	 * by a scan unless a validated CHECK implies it. Not part of the model's equality (a
	 * hash bound names its parent's OID).
	 * @param table the partition
	 * @return the expression, or {@code null} when the table was no partition when read
	 */
	@Nullable String partitionConstraint(ObjectKey table) {
		return this.partitionConstraints.get(table);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SchemaModel model && this.objects.equals(model.objects);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.objects);
	}

	/**
	 * Describe every object and its definition, one per line in key order: a readable
	 * form for test failures and for people comparing two models.
	 * @return the lines
	 */
	public List<String> describe() {
		List<String> lines = new ArrayList<>();
		new TreeSet<>(this.objects.keySet()).forEach((key) -> lines.add(key + ": " + this.objects.get(key)));
		return lines;
	}

	@Override
	public String toString() {
		return "SchemaModel" + this.schemas + " of " + this.objects.size() + " objects";
	}

	/**
	 * How an object depends on another, after {@code pg_depend.deptype}.
	 */
	public enum Dependency {

		/** {@code n}: dropping the other needs this dropped first. */
		NORMAL,

		/**
		 * {@code a} and {@code i}, or membership: this goes when the other is dropped.
		 */
		AUTOMATIC

	}

}
