package dev.hoist.core.internal.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hoist.core.internal.schema.Change.Action;
import dev.hoist.core.internal.schema.SchemaModel.Dependency;
import dev.hoist.core.internal.schema.SchemaObject.Column;
import dev.hoist.core.internal.schema.SchemaObject.Constraint;
import dev.hoist.core.internal.schema.SchemaObject.Table;
import dev.hoist.core.internal.schema.Step.Section;
import org.jspecify.annotations.Nullable;

/**
 * Compares two models and writes the steps that turn the first into the second: what is
 * created, dropped, altered in place or dropped and created again, and everything that
 * must be dropped and recreated because it depends on an object that changes.
 */
public final class SchemaDiffer {

	private static final Pattern LENGTH = Pattern.compile("(character varying|bit varying)\\((\\d+)\\)");

	private static final Set<ObjectKind> BLOCKING_DEPENDENTS = Set.of(ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW,
			ObjectKind.RULE, ObjectKind.POLICY, ObjectKind.TRIGGER, ObjectKind.FUNCTION);

	private final SchemaModel from;

	private final SchemaModel to;

	private final boolean online;

	private final Set<ObjectKey> created = new TreeSet<>();

	private final Set<ObjectKey> dropped = new TreeSet<>();

	private final Set<ObjectKey> replaced = new TreeSet<>();

	private final Set<ObjectKey> altered = new TreeSet<>();

	private final Set<ObjectKey> swapped = new TreeSet<>();

	private final Set<ObjectKey> retyped = new TreeSet<>();

	private final Set<ObjectKey> castThroughText = new HashSet<>();

	private final Set<ObjectKey> forcedDefaults = new TreeSet<>();

	private final Map<ObjectKey, ObjectKey> implicitOwner = new HashMap<>();

	private final Map<ObjectKey, String> reasons = new HashMap<>();

	private final Set<ObjectKey> detachedCopies = new HashSet<>();

	private final Set<ObjectKey> attachedCopies = new HashSet<>();

	private final List<Step> steps = new ArrayList<>();

	private final List<Change> changes = new ArrayList<>();

	private SchemaDiffer(SchemaModel from, SchemaModel to, boolean online) {
		this.from = from;
		this.to = to;
		this.online = online;
	}

	/**
	 * Compare two models.
	 * @param from the model as it is
	 * @param to the model as it should be
	 * @param online whether to use the forms that keep a live table available
	 * ({@code CONCURRENTLY}, {@code NOT VALID} then {@code VALIDATE}); {@code false} for
	 * an empty database
	 * @return the steps, unordered, and the changes they make
	 */
	public static Diff diff(SchemaModel from, SchemaModel to, boolean online) {
		List<SchemaObject> detachedCopies = detachedCopies(from, to, (table) -> true);
		List<SchemaObject> attachedCopies = new ArrayList<>();
		for (SchemaObject object : to.objects().values()) {
			if (object instanceof Table after && after.partitionOf() != null
					&& from.get(after.key()) instanceof Table before
					&& (!after.partitionOf().equals(before.partitionOf())
							|| !Objects.equals(before.partitionBound(), after.partitionBound()))) {
				// ATTACH PARTITION takes a matching CHECK, key or index the table has as
				// the
				// copy of its parent's (and requires the CHECKs), and makes the others
				attachedCopies.addAll(to.inheritedCopiesOf(after.key()));
			}
		}
		SchemaDiffer differ = new SchemaDiffer(from.with(detachedCopies), to.with(attachedCopies), online);
		detachedCopies.forEach((copy) -> differ.detachedCopies.add(copy.key()));
		attachedCopies.forEach((copy) -> differ.attachedCopies.add(copy.key()));
		differ.classify();
		differ.propagate();
		differ.write();
		return new Diff(List.copyOf(differ.steps), List.copyOf(differ.changes));
	}

	/**
	 * Return the source model with what DETACH PARTITION leaves the partitions that some
	 * steps detached (a DETACH ... CONCURRENTLY runs in a later part than the
	 * transaction's).
	 * @param from the model as it is
	 * @param to the model as it should be
	 * @param applied the steps that ran
	 * @return the source model as the steps after these see it
	 */
	static SchemaModel withDetachedCopies(SchemaModel from, SchemaModel to, List<Step> applied) {
		Set<ObjectKey> provided = new HashSet<>();
		applied.forEach((step) -> provided.addAll(step.provides()));
		return from.with(detachedCopies(from, to, (table) -> provided.contains(lineage(table))));
	}

	private static List<SchemaObject> detachedCopies(SchemaModel from, SchemaModel to, Predicate<ObjectKey> detached) {
		List<SchemaObject> copies = new ArrayList<>();
		for (SchemaObject object : from.objects().values()) {
			if (object instanceof Table before && before.partitionOf() != null && detached.test(before.key())
					&& to.get(before.key()) instanceof Table after && (!before.partitionOf().equals(after.partitionOf())
							|| !Objects.equals(before.partitionBound(), after.partitionBound()))) {
				// DETACH PARTITION leaves the partition the copies of its parent's keys,
				// indexes and CHECKs as its own: they are there for what follows
				copies.addAll(from.inheritedCopiesOf(before.key()));
			}
		}
		return copies;
	}

	private void classify() {
		Set<ObjectKey> keys = new TreeSet<>(this.from.objects().keySet());
		keys.addAll(this.to.objects().keySet());
		for (ObjectKey key : keys) {
			SchemaObject before = this.from.get(key);
			SchemaObject after = this.to.get(key);
			if (before == null) {
				this.created.add(key);
			}
			else if (after == null) {
				this.dropped.add(key);
			}
			else if (!before.equals(after)) {
				if (before instanceof SchemaObject.Other || after instanceof SchemaObject.Other) {
					continue;
				}
				if (needsSwap(before, after)) {
					this.swapped.add(key);
				}
				else if (needsReplace(before, after)) {
					this.replaced.add(key);
				}
				else {
					this.altered.add(key);
					if (before instanceof Column b && after instanceof Column a
							&& (!b.type().equals(a.type()) || !Objects.equals(b.collation(), a.collation()))) {
						this.retyped.add(key);
					}
				}
			}
		}
	}

	private static boolean needsSwap(SchemaObject before, SchemaObject after) {
		if (before instanceof SchemaObject.Collation b && after instanceof SchemaObject.Collation a) {
			return !new SchemaObject.Collation(b.schema(), b.name(), b.provider(), b.locale(), b.lcCollate(),
					b.lcCtype(), b.deterministic(), b.rules(), b.anyEncoding(), a.comment())
				.equals(a);
		}
		if (before instanceof SchemaObject.EnumType b && after instanceof SchemaObject.EnumType a) {
			return !isSubsequence(b.labels(), a.labels());
		}
		if (before instanceof SchemaObject.Domain b && after instanceof SchemaObject.Domain a) {
			return !b.baseType().equals(a.baseType()) || !Objects.equals(b.collation(), a.collation());
		}
		return false;
	}

	private static SchemaObject withComment(SchemaObject.RangeType type, @Nullable String comment) {
		return new SchemaObject.RangeType(type.schema(), type.name(), type.subtype(), type.subtypeOpclass(),
				type.collation(), type.canonical(), type.subtypeDiff(), type.multirange(), comment);
	}

	private static boolean isSubsequence(List<String> part, List<String> whole) {
		int i = 0;
		for (String label : whole) {
			if (i < part.size() && part.get(i).equals(label)) {
				i++;
			}
		}
		return i == part.size();
	}

	private boolean needsReplace(SchemaObject before, SchemaObject after) {
		if (before.getClass() != after.getClass()) {
			return true;
		}
		if (before instanceof SchemaObject.Extension b && after instanceof SchemaObject.Extension a) {
			return !b.schema().equals(a.schema());
		}
		if (before instanceof SchemaObject.RangeType b && after instanceof SchemaObject.RangeType a) {
			// a range type cannot be altered, and its constructor functions keep their
			// names
			return !withComment(b, null).equals(withComment(a, null));
		}
		if (before instanceof SchemaObject.CompositeType b && after instanceof SchemaObject.CompositeType a) {
			return !compositeAlterable(b, a);
		}
		if (before instanceof Table b && after instanceof Table a) {
			return !Objects.equals(b.partitionKey(), a.partitionKey());
		}
		if (before instanceof Column b && after instanceof Column a) {
			if (!a.generated().isEmpty()) {
				return !b.generated().equals(a.generated()) || !Objects.equals(b.defaultValue(), a.defaultValue());
			}
			return false;
		}
		if (before instanceof Constraint b && after instanceof Constraint a) {
			return !b.definition().equals(a.definition()) || (b.valid() && !a.valid())
					|| !Objects.equals(b.indexDefinition(), a.indexDefinition());
		}
		if (before instanceof SchemaObject.Index b && after instanceof SchemaObject.Index a) {
			return !b.definition().equals(a.definition()) || b.valid() != a.valid();
		}
		if (before instanceof SchemaObject.View b && after instanceof SchemaObject.View a) {
			return !b.definition().equals(a.definition()) && !viewReplaceable(b.columns(), a.columns());
		}
		if (before instanceof SchemaObject.MaterializedView b && after instanceof SchemaObject.MaterializedView a) {
			return !b.definition().equals(a.definition()) || b.populated() != a.populated()
					|| !names(b.columns()).equals(names(a.columns()));
		}
		if (before instanceof SchemaObject.Function b && after instanceof SchemaObject.Function a) {
			if (b.definition().equals(a.definition())) {
				return false;
			}
			return "a".equals(a.kind()) || !b.kind().equals(a.kind()) || !Objects.equals(b.result(), a.result())
					|| !b.argumentNames().equals(a.argumentNames()) || a.defaults() < b.defaults();
		}
		if (before instanceof SchemaObject.Trigger b && after instanceof SchemaObject.Trigger a) {
			return !b.definition().equals(a.definition());
		}
		if (before instanceof SchemaObject.Policy b && after instanceof SchemaObject.Policy a) {
			return b.permissive() != a.permissive() || !b.command().equals(a.command())
					|| (b.using() != null && a.using() == null) || (b.withCheck() != null && a.withCheck() == null);
		}
		if (before instanceof SchemaObject.Statistics b && after instanceof SchemaObject.Statistics a) {
			return !b.definition().equals(a.definition());
		}
		return false;
	}

	private static boolean compositeAlterable(SchemaObject.CompositeType before, SchemaObject.CompositeType after) {
		// kept attributes must stay in order, and new ones come last
		List<String> kept = new ArrayList<>();
		for (SchemaObject.Attribute attribute : before.attributes()) {
			if (after.attributes().stream().anyMatch((a) -> a.name().equals(attribute.name()))) {
				kept.add(attribute.name());
			}
		}
		List<String> afterNames = after.attributes().stream().map(SchemaObject.Attribute::name).toList();
		return afterNames.subList(0, Math.min(kept.size(), afterNames.size())).equals(kept);
	}

	private static boolean viewReplaceable(List<SchemaObject.ViewColumn> before, List<SchemaObject.ViewColumn> after) {
		if (after.size() < before.size()) {
			return false;
		}
		for (int i = 0; i < before.size(); i++) {
			if (!before.get(i).name().equals(after.get(i).name())
					|| !before.get(i).type().equals(after.get(i).type())) {
				return false;
			}
		}
		return true;
	}

	private static List<String> names(List<SchemaObject.ViewColumn> columns) {
		return columns.stream().map((c) -> c.name() + " " + c.type()).toList();
	}

	// Everything that must go because something it depends on goes or changes shape.
	private void propagate() {
		Deque<ObjectKey> work = new ArrayDeque<>();
		for (ObjectKey type : List.copyOf(this.swapped)) {
			swapDependents(type, work);
		}
		for (ObjectKey column : List.copyOf(this.retyped)) {
			retypeDependents(column, work);
		}
		work.addAll(this.dropped);
		work.addAll(this.replaced);
		Set<ObjectKey> seen = new HashSet<>();
		while (!work.isEmpty()) {
			ObjectKey key = work.pop();
			if (!seen.add(key)) {
				continue;
			}
			for (ObjectKey dependent : this.from.dependentsOf(key)) {
				Dependency how = this.from.dependenciesOf(dependent).get(key);
				if (dependent.kind() == ObjectKind.DEFAULT || dependent.kind() == ObjectKind.NOT_NULL) {
					ObjectKey column = dependent.column();
					if (dependent.kind() == ObjectKind.DEFAULT && !isRemoved(column)) {
						Column after = this.to.get(column, Column.class);
						if (after != null && !after.generated().isEmpty()) {
							force(column, key, work);
						}
						else {
							this.forcedDefaults.add(dependent);
						}
					}
					continue;
				}
				SchemaObject object = this.from.get(dependent);
				boolean member = object != null && key.equals(SchemaModel.owner(object));
				boolean ownedSequence = dependent.kind() == ObjectKind.SEQUENCE && how == Dependency.AUTOMATIC;
				boolean partition = dependent.kind() == ObjectKind.TABLE && key.kind() == ObjectKind.TABLE
						&& how == Dependency.AUTOMATIC;
				if ((member || ownedSequence || partition) && this.dropped.contains(dependent)
						&& !this.implicitOwner.containsKey(dependent) && !crossReference(dependent)) {
					this.implicitOwner.put(dependent, key);
					work.add(dependent);
					continue;
				}
				if (isRemoved(dependent)) {
					continue;
				}
				if ((member || ownedSequence || partition) && !crossReference(dependent)) {
					this.implicitOwner.put(dependent, key);
					if (this.to.get(dependent) != null) {
						this.replaced.add(dependent);
						this.altered.remove(dependent);
						this.reasons.putIfAbsent(dependent, "goes with " + key.describe());
					}
					work.add(dependent);
				}
				else if (dependent.kind() == ObjectKind.TABLE && key.kind() == ObjectKind.TABLE) {
					// an inheriting child lets go of its parent with NO INHERIT
					continue;
				}
				else {
					force(dependent, key, work);
				}
			}
		}
	}

	// A foreign key between two tables that both go is dropped first, on its own: each
	// table's drop would otherwise wait for the other's.
	private boolean crossReference(ObjectKey key) {
		Constraint constraint = this.from.get(key, Constraint.class);
		if (constraint == null || !"f".equals(constraint.type())) {
			return false;
		}
		for (ObjectKey needed : this.from.dependenciesOf(key).keySet()) {
			ObjectKey table = needed.isMember() ? needed.table() : needed;
			if (table.kind() == ObjectKind.TABLE && !table.equals(key.table()) && isRemoved(table)) {
				return true;
			}
		}
		return false;
	}

	private void force(ObjectKey dependent, ObjectKey cause, Deque<ObjectKey> work) {
		if (isRemoved(dependent)) {
			return;
		}
		if (dependent.kind() == ObjectKind.COLUMN && this.retyped.contains(dependent)
				&& (cause.kind() == ObjectKind.TYPE || cause.kind() == ObjectKind.DOMAIN
						|| cause.kind() == ObjectKind.COLLATION)) {
			// the column changes its type or collation away from what goes
			return;
		}
		if (this.to.get(dependent) != null) {
			this.replaced.add(dependent);
			this.altered.remove(dependent);
			this.reasons.putIfAbsent(dependent, "depends on " + cause.describe());
		}
		else {
			this.dropped.add(dependent);
		}
		work.add(dependent);
	}

	private boolean isRemoved(ObjectKey key) {
		return this.dropped.contains(key) || this.replaced.contains(key) || this.implicitOwner.containsKey(key);
	}

	private void swapDependents(ObjectKey type, Deque<ObjectKey> work) {
		for (ObjectKey dependent : this.from.dependentsOf(type)) {
			if (dependent.kind() == ObjectKind.COLUMN && this.to.get(dependent) != null) {
				this.retyped.add(dependent);
				this.castThroughText.add(dependent);
				if (!this.altered.contains(dependent) && !this.replaced.contains(dependent)) {
					this.altered.add(dependent);
				}
			}
			else if (dependent.kind() == ObjectKind.DEFAULT) {
				this.forcedDefaults.add(dependent);
			}
			else if ((dependent.kind() == ObjectKind.TYPE || dependent.kind() == ObjectKind.DOMAIN)
					&& type.kind() != ObjectKind.COLLATION && this.to.get(dependent) != null
					&& !this.swapped.contains(dependent)) {
				this.swapped.add(dependent);
				this.altered.remove(dependent);
				swapDependents(dependent, work);
			}
			else if (dependent.kind() != ObjectKind.SCHEMA && !isRemoved(dependent)) {
				force(dependent, type, work);
			}
		}
	}

	private void retypeDependents(ObjectKey column, Deque<ObjectKey> work) {
		for (ObjectKey dependent : this.from.dependentsOf(column)) {
			Dependency how = this.from.dependenciesOf(dependent).get(column);
			if (how != Dependency.NORMAL) {
				continue;
			}
			if (BLOCKING_DEPENDENTS.contains(dependent.kind())) {
				force(dependent, column, work);
			}
			else if (dependent.kind() == ObjectKind.DEFAULT && !dependent.column().equals(column)) {
				Column generated = this.to.get(dependent.column(), Column.class);
				if (generated != null && !generated.generated().isEmpty()) {
					force(dependent.column(), column, work);
				}
			}
		}
	}

	// ---- writing steps

	private void write() {
		for (ObjectKey key : this.dropped) {
			if (key.kind() == ObjectKind.COLUMN && !this.implicitOwner.containsKey(key) && followsParent(key)) {
				this.implicitOwner.put(key,
						Objects.requireNonNull(parentColumn(this.from, this.from.get(key, Column.class))).key());
			}
		}
		for (ObjectKey key : this.replaced) {
			// the parent's DROP COLUMN takes its children's inherited copy, and its ADD
			// COLUMN
			// gives it back: the child's own drop would find nothing to drop
			if (key.kind() == ObjectKind.COLUMN && !this.implicitOwner.containsKey(key) && followsParent(key)) {
				ObjectKey parent = Objects.requireNonNull(parentColumn(this.from, this.from.get(key, Column.class)))
					.key();
				if (this.replaced.contains(parent) || this.dropped.contains(parent)) {
					this.implicitOwner.put(key, parent);
				}
			}
		}
		for (ObjectKey key : this.dropped) {
			if (!this.implicitOwner.containsKey(key) && (!isMemberOfRemovedTable(key) || crossReference(key))) {
				writeDrop(Objects.requireNonNull(this.from.get(key)), false);
			}
		}
		for (ObjectKey key : this.replaced) {
			if (!this.implicitOwner.containsKey(key) && (!isMemberOfRemovedTable(key) || crossReference(key))) {
				writeDrop(Objects.requireNonNull(this.from.get(key)), true);
			}
		}
		for (ObjectKey key : this.forcedDefaults) {
			Column before = this.from.get(key.column(), Column.class);
			if (before != null && before.defaultValue() != null && !isRemoved(key.column())) {
				add(List.of(alterColumn(before) + "DROP DEFAULT"), key, 0, Set.of(key), Set.of(), Set.of(key), Set.of(),
						Section.MAIN, null, null);
			}
		}
		for (ObjectKey type : this.swapped) {
			writeSwap(type);
		}
		for (ObjectKey key : this.altered) {
			writeAlter(Objects.requireNonNull(this.from.get(key)), Objects.requireNonNull(this.to.get(key)));
		}
		for (ObjectKey key : this.created) {
			writeCreate(Objects.requireNonNull(this.to.get(key)), false);
		}
		for (ObjectKey key : this.replaced) {
			writeCreate(Objects.requireNonNull(this.to.get(key)), true);
		}
		for (ObjectKey key : this.forcedDefaults) {
			Column after = this.to.get(key.column(), Column.class);
			if (after != null && after.defaultValue() != null && after.generated().isEmpty()
					&& after.identity().isEmpty() && !isRemoved(key.column()) && this.from.get(key.column()) != null) {
				add(List.of(alterColumn(after) + "SET DEFAULT " + after.defaultValue()), key, 2, Set.of(), Set.of(key),
						Set.of(), Set.of(), Section.MAIN, null, null);
			}
		}
		for (ObjectKey key : new TreeSet<>(unsupportedKeys())) {
			SchemaObject before = this.from.get(key);
			SchemaObject after = this.to.get(key);
			this.changes.add(new Change(Action.UNSUPPORTED, key, where(before, after) + ": the engine cannot write "
					+ ((before != null) ? describe(before) : describe(after)), null));
		}
	}

	private Set<ObjectKey> unsupportedKeys() {
		Set<ObjectKey> keys = new TreeSet<>();
		for (ObjectKey key : this.from.objects().keySet()) {
			if (key.kind() == ObjectKind.OTHER && !Objects.equals(this.from.get(key), this.to.get(key))) {
				keys.add(key);
			}
		}
		for (ObjectKey key : this.to.objects().keySet()) {
			if (key.kind() == ObjectKind.OTHER && this.from.get(key) == null) {
				keys.add(key);
			}
		}
		return keys;
	}

	private static String where(@Nullable SchemaObject before, @Nullable SchemaObject after) {
		if (before == null) {
			return "only in the target";
		}
		return (after != null) ? "differs" : "only in the source";
	}

	private static String describe(@Nullable SchemaObject object) {
		if (object instanceof SchemaObject.Other other) {
			return other.what() + " " + other.schema() + "." + other.name();
		}
		return String.valueOf(object);
	}

	private boolean isMemberOfRemovedTable(ObjectKey key) {
		SchemaObject object = this.from.get(key);
		ObjectKey owner = (object != null) ? SchemaModel.owner(object) : null;
		return owner != null && (this.dropped.contains(owner) || this.replaced.contains(owner)
				|| this.implicitOwner.containsKey(owner));
	}

	private boolean existingTable(ObjectKey table) {
		return this.from.get(table) != null && this.to.get(table) != null && !isRemoved(table);
	}

	private void writeDrop(SchemaObject object, boolean replacing) {
		ObjectKey key = object.key();
		if (object instanceof SchemaObject.Other) {
			return;
		}
		Set<ObjectKey> removes = new LinkedHashSet<>();
		removes.add(key);
		collectImplicit(key, removes);
		if (object instanceof Column) {
			removes.add(ObjectKey.member(ObjectKind.DEFAULT, key.schema(), key.name(), key.member()));
			removes.add(ObjectKey.member(ObjectKind.NOT_NULL, key.schema(), key.name(), key.member()));
		}
		String sql = Ddl.drop(object);
		Section section = Section.MAIN;
		String lock = null;
		String dataLoss = null;
		ObjectKey owner = SchemaModel.owner(object);
		if (object instanceof SchemaObject.Index index) {
			if (this.online && existingTable(Objects.requireNonNull(owner)) && !isPartitioned(this.from, owner)) {
				sql = sql.replace("DROP INDEX ", "DROP INDEX CONCURRENTLY ");
				section = Section.ONLINE;
			}
		}
		else if (object instanceof Table table) {
			dataLoss = "drops table " + table.sqlName() + " and its rows";
		}
		else if (object instanceof Column column) {
			lock = "ACCESS EXCLUSIVE on " + column.tableSql() + " (brief)";
			dataLoss = column.generated().isEmpty()
					? "drops column " + column.tableSql() + "." + column.name() + " and its values" : null;
		}
		else if (object instanceof SchemaObject.Sequence sequence) {
			dataLoss = "drops sequence " + sequence.schema() + "." + sequence.name() + " and its current value";
		}
		else if (object instanceof Constraint constraint && !constraint.onDomain() && owner != null
				&& existingTable(owner)) {
			lock = "ACCESS EXCLUSIVE on " + SqlText.qualified(constraint.schema(), constraint.table()) + " (brief)";
		}
		if (replacing && this.reasons.containsKey(key)) {
			sql = "-- " + key.describe() + " is recreated below: it " + this.reasons.get(key) + "\n" + sql;
		}
		// an inheriting child's column can go only once the child lets go of its parent
		// and a partition's copy of its parent's constraint or index only once it is
		// detached
		Set<ObjectKey> requires = Set.of();
		if (object instanceof Column) {
			requires = Set.of(lineage(key.table()));
		}
		else if (this.detachedCopies.contains(key) && owner != null) {
			requires = Set.of(lineage(owner));
		}
		add(List.of(sql), key, 0, removes, Set.of(), removes, requires, section, lock, dataLoss);
		if (!replacing) {
			this.changes.add(new Change(Action.DROP, key, "dropped", dataLoss));
		}
	}

	private void collectImplicit(ObjectKey owner, Set<ObjectKey> into) {
		for (Map.Entry<ObjectKey, ObjectKey> entry : this.implicitOwner.entrySet()) {
			if (entry.getValue().equals(owner) && into.add(entry.getKey())) {
				collectImplicit(entry.getKey(), into);
			}
		}
		SchemaObject object = this.from.get(owner);
		if (object instanceof Table || object instanceof SchemaObject.View
				|| object instanceof SchemaObject.MaterializedView || object instanceof SchemaObject.Domain) {
			for (SchemaObject member : this.from.membersOf(owner)) {
				ObjectKey key = member.key();
				if (crossReference(key)) {
					continue;
				}
				if (into.add(key)) {
					collectImplicit(key, into);
				}
				if (member instanceof Column) {
					into.add(ObjectKey.member(ObjectKind.DEFAULT, key.schema(), key.name(), key.member()));
					into.add(ObjectKey.member(ObjectKind.NOT_NULL, key.schema(), key.name(), key.member()));
				}
			}
		}
	}

	// The parent's column a child's inherited column follows: ADD COLUMN, DROP COLUMN,
	// ALTER COLUMN on a parent recurse to its partitions and inheriting children.
	private static @Nullable Column parentColumn(SchemaModel model, @Nullable Column column) {
		if (column == null || column.local()) {
			return null;
		}
		Table table = model.get(column.key().table(), Table.class);
		if (table == null) {
			return null;
		}
		List<String> parents = (table.partitionOf() != null) ? List.of(table.partitionOf()) : table.inherits();
		for (String parent : parents) {
			for (SchemaObject object : model.objects().values()) {
				if (object instanceof Table candidate && candidate.sqlName().equals(parent)) {
					Column inherited = model.get(
							ObjectKey.member(ObjectKind.COLUMN, candidate.schema(), candidate.name(), column.name()),
							Column.class);
					if (inherited != null) {
						return inherited;
					}
				}
			}
		}
		return null;
	}

	private boolean followsParent(ObjectKey column) {
		Column before = this.from.get(column, Column.class);
		Column after = this.to.get(column, Column.class);
		Column parentBefore = parentColumn(this.from, before);
		Column parentAfter = parentColumn(this.to, after);
		if (before != null && after == null) {
			return parentBefore != null && this.to.get(parentBefore.key()) == null;
		}
		if (before == null && after != null) {
			return parentAfter != null && this.from.get(parentAfter.key()) == null && existingTable(column.table());
		}
		return parentBefore != null && parentAfter != null && parentBefore.key().equals(parentAfter.key());
	}

	// The tables below a constraint's table whose inherited copy of it is validated in
	// the
	// target
	private List<ObjectKey> validatedCopies(Constraint constraint) {
		ObjectKey parent = ObjectKey.of(ObjectKind.TABLE, constraint.schema(), constraint.table());
		List<ObjectKey> children = new ArrayList<>();
		for (SchemaObject object : this.to.objects().values()) {
			if (object instanceof Table table && !table.key().equals(parent) && descendsFrom(table, parent, 0)) {
				for (SchemaObject copy : this.to.inheritedCopiesOf(table.key())) {
					if (copy instanceof Constraint inherited && inherited.name().equals(constraint.name())
							&& "c".equals(inherited.type()) && inherited.valid()) {
						children.add(table.key());
					}
				}
			}
		}
		return children;
	}

	private boolean descendsFrom(Table table, ObjectKey ancestor, int depth) {
		List<String> parents = (table.partitionOf() != null) ? List.of(table.partitionOf()) : table.inherits();
		for (SchemaObject object : this.to.objects().values()) {
			if (object instanceof Table candidate && parents.contains(candidate.sqlName())
					&& (candidate.key().equals(ancestor)
							|| (depth < 100 && descendsFrom(candidate, ancestor, depth + 1)))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isPartition(SchemaModel model, ObjectKey table) {
		Table object = model.get(table, Table.class);
		return object != null && object.partitionOf() != null;
	}

	private static boolean isPartitioned(SchemaModel model, ObjectKey table) {
		Table object = model.get(table, Table.class);
		return object != null && object.partitionKey() != null;
	}

	private void writeCreate(SchemaObject object, boolean replacing) {
		ObjectKey key = object.key();
		if (object instanceof SchemaObject.Other) {
			return;
		}
		ObjectKey owner = SchemaModel.owner(object);
		if (owner != null && owner.kind() == ObjectKind.TABLE
				&& (this.created.contains(owner) || this.replaced.contains(owner))
				&& (object instanceof Column || isInline(object))) {
			// written with its table
			return;
		}
		if (object instanceof Table table) {
			writeCreateTable(table, replacing);
			return;
		}
		if (this.attachedCopies.contains(key)) {
			// ATTACH PARTITION makes it
			return;
		}
		Set<ObjectKey> provides = new LinkedHashSet<>();
		provides.add(key);
		Set<ObjectKey> requires = new LinkedHashSet<>();
		String dataLoss = null;
		String lock = null;
		Section section = Section.MAIN;
		List<String> statements;
		boolean existing = owner != null && existingTable(owner);
		if (object instanceof Column column && followsParent(key)) {
			// the parent's ADD COLUMN gave it the parent's attributes; set what differs
			Column parent = Objects.requireNonNull(parentColumn(this.to, column));
			List<String> reconcile = columnAttributes(parent.inheritedBy(column.table()), column);
			addComment(reconcile, column, null);
			add(reconcile, key, 2, Set.of(), Set.of(key), Set.of(), Set.of(parent.key()), Section.MAIN, null, null);
			return;
		}
		if (object instanceof Column column) {
			provides.add(ObjectKey.member(ObjectKind.DEFAULT, key.schema(), key.name(), key.member()));
			provides.add(ObjectKey.member(ObjectKind.NOT_NULL, key.schema(), key.name(), key.member()));
			for (ObjectKey child : inheritors(column)) {
				provides.add(child);
				provides.add(ObjectKey.member(ObjectKind.DEFAULT, child.schema(), child.name(), child.member()));
				provides.add(ObjectKey.member(ObjectKind.NOT_NULL, child.schema(), child.name(), child.member()));
			}
			statements = new ArrayList<>(Ddl.create(column));
			statements.addAll(Ddl.columnStorage(column.withNotNull(column.notNull()), column));
			statements.removeIf((s) -> false);
			lock = "ACCESS EXCLUSIVE on " + column.tableSql() + (column.generated().equals("s")
					? "; rewrites the table (stored generated column)"
					: (column.defaultValue() != null) ? "; rewrites the table if the default is volatile" : " (brief)");
			if (column.notNull() && column.defaultValue() == null && column.identity().isEmpty()) {
				dataLoss = null;
				lock = lock + "; fails if the table has rows (NOT NULL without a default)";
			}
			statements = withoutStorageNoise(statements, column);
		}
		else if (object instanceof SchemaObject.Index index && this.online && existing
				&& !isPartitioned(this.to, Objects.requireNonNull(owner))) {
			statements = new ArrayList<>(Ddl.createIndex(index, true));
			addComment(statements, index, null);
			section = Section.ONLINE;
		}
		else if (object instanceof SchemaObject.Index index && existing) {
			statements = new ArrayList<>(Ddl.create(index));
			lock = "SHARE on " + SqlText.qualified(index.schema(), index.table()) + ": blocks writes while it builds";
		}
		else if (object instanceof Constraint constraint && !constraint.onDomain() && existing) {
			statements = new ArrayList<>();
			String table = SqlText.qualified(constraint.schema(), constraint.table());
			if (this.online && constraint.valid() && ("f".equals(constraint.type()) || "c".equals(constraint.type()))) {
				statements.add(Ddl.addConstraint(constraint, true));
				statements.add("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + SqlText.ident(constraint.name()));
				section = Section.ONLINE;
			}
			else if (this.online && ("u".equals(constraint.type()) || "p".equals(constraint.type()))
					&& constraint.indexDefinition() != null && !isPartitioned(this.to, Objects.requireNonNull(owner))) {
				String index = constraint.indexDefinition()
					.replaceFirst("^CREATE UNIQUE INDEX \\S+ ON ",
							"CREATE UNIQUE INDEX CONCURRENTLY " + SqlText.ident(constraint.name()) + " ON ");
				statements.add(index);
				String attributes = constraint.definition().contains(" DEFERRABLE")
						? constraint.definition().substring(constraint.definition().indexOf(" DEFERRABLE")) : "";
				statements.add("ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.ident(constraint.name())
						+ ("p".equals(constraint.type()) ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX "
						+ SqlText.ident(constraint.name()) + attributes);
				section = Section.ONLINE;
				lock = "ACCESS EXCLUSIVE on " + table + " (brief, after the index is built concurrently)";
			}
			else {
				statements.add(Ddl.addConstraint(constraint, false));
				lock = ("f".equals(constraint.type()) ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE") + " on " + table
						+ (constraint.valid() ? " while it checks every row" : " (brief)");
				if ("c".equals(constraint.type()) && !constraint.valid()) {
					// ADD CONSTRAINT ... NOT VALID leaves every child's copy not valid
					// too; a
					// child whose copy was validated (or made when it was created) is
					// told so
					for (ObjectKey child : validatedCopies(constraint)) {
						statements.add("ALTER TABLE " + SqlText.qualified(child.schema(), child.name())
								+ " VALIDATE CONSTRAINT " + SqlText.ident(constraint.name()));
						requires.add(child);
					}
				}
			}
			addComment(statements, constraint, null);
		}
		else {
			statements = Ddl.create(object);
			if (object instanceof Constraint constraint && constraint.onDomain() && this.online
					&& this.from.get(ObjectKey.of(ObjectKind.DOMAIN, constraint.schema(), constraint.table())) != null
					&& constraint.valid() && "c".equals(constraint.type())) {
				statements = new ArrayList<>();
				statements.add(Ddl.addConstraint(constraint, true));
				statements.add("ALTER DOMAIN " + SqlText.qualified(constraint.schema(), constraint.table())
						+ " VALIDATE CONSTRAINT " + SqlText.ident(constraint.name()));
				addComment(statements, constraint, null);
				section = Section.ONLINE;
			}
		}
		if (object instanceof SchemaObject.Sequence sequence && sequence.ownedBy() != null) {
			// OWNED BY needs the column, and the column's default needs the sequence
			List<String> create = new ArrayList<>(statements);
			String owned = "ALTER SEQUENCE " + SqlText.qualified(sequence.schema(), sequence.name()) + " OWNED BY "
					+ sequence.ownedBy();
			add(create, key, 2, Set.of(), provides, Set.of(), Set.of(), section, null, null);
			ObjectKey column = ownerColumn(key);
			add(List.of(owned), key, 2, Set.of(), Set.of(), Set.of(), (column != null) ? Set.of(column) : Set.of(),
					section, null, null);
		}
		else {
			add(statements, key, 2, Set.of(), provides, Set.of(), requires, section, lock, dataLoss);
		}
		if (!replacing) {
			this.changes.add(new Change(Action.CREATE, key, "created", null));
		}
		else {
			String reason = this.reasons.get(key);
			this.changes.add(new Change(Action.REPLACE, key,
					(reason != null) ? "dropped and recreated: it " + reason : "dropped and recreated",
					replacedDataLoss(object)));
		}
	}

	// the children's columns that a parent's ADD COLUMN creates
	private List<ObjectKey> inheritors(Column parent) {
		List<ObjectKey> children = new ArrayList<>();
		for (ObjectKey key : this.created) {
			if (key.kind() == ObjectKind.COLUMN && !key.equals(parent.key()) && followsParent(key)) {
				Column inherited = parentColumn(this.to, this.to.get(key, Column.class));
				if (inherited != null && inherited.key().equals(parent.key())) {
					children.add(key);
				}
			}
		}
		return children;
	}

	private @Nullable ObjectKey ownerColumn(ObjectKey sequence) {
		for (Map.Entry<ObjectKey, Dependency> entry : this.to.dependenciesOf(sequence).entrySet()) {
			if (entry.getKey().kind() == ObjectKind.COLUMN) {
				return entry.getKey();
			}
		}
		return null;
	}

	private static List<String> withoutStorageNoise(List<String> statements, Column column) {
		List<String> result = new ArrayList<>();
		result.add(statements.get(0));
		String comment = Ddl.comment(column, null);
		Column plain = new Column(column.schema(), column.table(), column.name(), column.type(), column.typeCategory(),
				column.collation(), column.notNull(), column.defaultValue(), column.identity(),
				column.identitySequence(), column.generated(), column.local(), null, null, -1, List.of(), null);
		result.addAll(Ddl.columnStorage(plain, column));
		if (comment != null) {
			result.add(comment);
		}
		return result;
	}

	private @Nullable String replacedDataLoss(SchemaObject object) {
		if (object instanceof Table table) {
			return "recreates table " + table.sqlName() + " empty: its rows are lost";
		}
		if (object instanceof Column column && column.generated().isEmpty()) {
			return "recreates column " + column.tableSql() + "." + column.name() + " empty: its values are lost";
		}
		if (object instanceof SchemaObject.Sequence sequence) {
			return "recreates sequence " + sequence.schema() + "." + sequence.name() + ": its current value is lost";
		}
		return null;
	}

	private static boolean isInline(SchemaObject object) {
		return object instanceof Constraint constraint && !constraint.onDomain() && !"f".equals(constraint.type());
	}

	private void writeCreateTable(Table table, boolean replacing) {
		ObjectKey key = table.key();
		Set<ObjectKey> provides = new LinkedHashSet<>();
		provides.add(key);
		List<String> statements = new ArrayList<>();
		List<String> parts = new ArrayList<>();
		List<Column> columns = this.to.columnsOf(key);
		List<String> after = new ArrayList<>();
		Table parent = (table.partitionOf() != null) ? parentTable(table.partitionOf()) : null;
		for (Column column : columns) {
			ObjectKey columnKey = column.key();
			provides.add(columnKey);
			provides.add(ObjectKey.member(ObjectKind.DEFAULT, key.schema(), key.name(), column.name()));
			provides.add(ObjectKey.member(ObjectKind.NOT_NULL, key.schema(), key.name(), column.name()));
			if (column.local() && parent == null) {
				parts.add(Ddl.columnDefinition(column, true));
				after.addAll(withoutStorageNoise(List.of(""), column).subList(1,
						withoutStorageNoise(List.of(""), column).size()));
			}
			else {
				Column implied = impliedColumn(table, column);
				if (implied == null) {
					parts.add(Ddl.columnDefinition(column, true));
				}
				else {
					after.addAll(columnAttributes(implied, column));
				}
				String comment = Ddl.comment(column, null);
				if (comment != null) {
					after.add(comment);
				}
			}
		}
		for (SchemaObject member : this.to.membersOf(key)) {
			if (member instanceof Constraint constraint && isInline(constraint)) {
				provides.add(constraint.key());
				if (parent == null) {
					parts.add("CONSTRAINT " + SqlText.ident(constraint.name()) + " " + constraint.definition()
							+ (constraint.valid() ? "" : " NOT VALID"));
				}
				else {
					after.add(Ddl.addConstraint(constraint, false));
				}
				addComment(after, constraint, null);
			}
		}
		StringBuilder sql = new StringBuilder("CREATE ").append(table.unlogged() ? "UNLOGGED " : "")
			.append("TABLE ")
			.append(table.sqlName());
		if (parent != null) {
			sql.append(" PARTITION OF ").append(table.partitionOf());
			if (!parts.isEmpty()) {
				sql.append(" (\n\t").append(String.join(",\n\t", parts)).append("\n)");
			}
			sql.append(' ').append(table.partitionBound());
		}
		else {
			sql.append(" (");
			if (!parts.isEmpty()) {
				sql.append("\n\t").append(String.join(",\n\t", parts)).append('\n');
			}
			sql.append(')');
			if (!table.inherits().isEmpty()) {
				sql.append(" INHERITS (").append(String.join(", ", table.inherits())).append(')');
			}
		}
		if (table.partitionKey() != null) {
			sql.append(" PARTITION BY ").append(table.partitionKey());
		}
		if (table.accessMethod() != null) {
			sql.append(" USING ").append(SqlText.ident(table.accessMethod()));
		}
		if (!table.options().isEmpty()) {
			sql.append(" WITH (").append(String.join(", ", table.options())).append(')');
		}
		statements.add(sql.toString());
		statements.addAll(tableAttributes(emptyLike(table), table));
		statements.addAll(after);
		add(statements, key, 2, Set.of(), provides, Set.of(), Set.of(), Section.MAIN, null, null);
		if (!replacing) {
			this.changes.add(new Change(Action.CREATE, key, "created", null));
		}
		else {
			this.changes.add(new Change(Action.REPLACE, key,
					"dropped and recreated ("
							+ Objects.requireNonNullElse(this.reasons.get(key), "its partitioning changed") + ")",
					replacedDataLoss(table)));
		}
	}

	private @Nullable Table parentTable(String qualified) {
		for (SchemaObject object : this.to.objects().values()) {
			if (object instanceof Table table && table.sqlName().equals(qualified)) {
				return table;
			}
		}
		return null;
	}

	// What PostgreSQL gives a child's inherited column: the parent's type, default and
	// NOT NULL
	private @Nullable Column impliedColumn(Table child, Column column) {
		List<String> parents = (child.partitionOf() != null) ? List.of(child.partitionOf()) : child.inherits();
		for (String qualified : parents) {
			Table parent = parentTable(qualified);
			if (parent != null) {
				Column inherited = this.to.get(
						ObjectKey.member(ObjectKind.COLUMN, parent.schema(), parent.name(), column.name()),
						Column.class);
				if (inherited != null) {
					return inherited.inheritedBy(child.name());
				}
			}
		}
		return null;
	}

	private static Table emptyLike(Table table) {
		return new Table(table.schema(), table.name(), table.unlogged(), table.partitionKey(), table.partitionOf(),
				table.partitionBound(), table.inherits(), table.options(), false, false, "d", table.accessMethod(),
				null);
	}

	private List<String> tableAttributes(Table before, Table after) {
		List<String> statements = new ArrayList<>();
		String prefix = "ALTER TABLE " + after.sqlName() + " ";
		if (before.rowSecurity() != after.rowSecurity()) {
			statements.add(prefix + (after.rowSecurity() ? "ENABLE" : "DISABLE") + " ROW LEVEL SECURITY");
		}
		if (before.forceRowSecurity() != after.forceRowSecurity()) {
			statements.add(prefix + (after.forceRowSecurity() ? "FORCE" : "NO FORCE") + " ROW LEVEL SECURITY");
		}
		if (!before.replicaIdentity().equals(after.replicaIdentity()) && !"i".equals(after.replicaIdentity())) {
			statements.add(prefix + "REPLICA IDENTITY " + switch (after.replicaIdentity()) {
				case "n" -> "NOTHING";
				case "f" -> "FULL";
				default -> "DEFAULT";
			});
		}
		addComment(statements, after, before.comment());
		return statements;
	}

	private void writeAlter(SchemaObject before, SchemaObject after) {
		ObjectKey key = after.key();
		List<String> statements = new ArrayList<>();
		String lock = null;
		Section section = Section.MAIN;
		String detail = "altered";
		if (before instanceof Column b && after instanceof Column a) {
			writeAlterColumn(b, a);
			return;
		}
		if (before instanceof Table b && after instanceof Table a) {
			writeAlterTable(b, a);
			return;
		}
		if (before instanceof SchemaObject.EnumType b && after instanceof SchemaObject.EnumType a) {
			writeAddEnumValues(b, a);
			addComment(statements, a, b.comment());
			List<String> added = new ArrayList<>(a.labels());
			added.removeAll(b.labels());
			detail = added.isEmpty() ? "comment"
					: "adds " + String.join(", ", added.stream().map(SqlText::literal).toList());
		}
		else if (before instanceof SchemaObject.CompositeType b && after instanceof SchemaObject.CompositeType a) {
			String type = "ALTER TYPE " + SqlText.qualified(a.schema(), a.name()) + " ";
			for (SchemaObject.Attribute attribute : b.attributes()) {
				SchemaObject.Attribute next = attribute(a, attribute.name());
				if (next == null) {
					statements.add(type + "DROP ATTRIBUTE " + SqlText.ident(attribute.name()));
				}
				else if (!next.equals(attribute)) {
					statements.add(type + "ALTER ATTRIBUTE " + SqlText.ident(attribute.name()) + " TYPE " + next.type()
							+ ((next.collation() != null) ? " COLLATE " + next.collation() : ""));
				}
			}
			for (SchemaObject.Attribute attribute : a.attributes()) {
				if (attribute(b, attribute.name()) == null) {
					statements.add(type + "ADD ATTRIBUTE " + SqlText.ident(attribute.name()) + " " + attribute.type()
							+ ((attribute.collation() != null) ? " COLLATE " + attribute.collation() : ""));
				}
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Domain b && after instanceof SchemaObject.Domain a) {
			String domain = "ALTER DOMAIN " + SqlText.qualified(a.schema(), a.name()) + " ";
			if (!Objects.equals(b.defaultValue(), a.defaultValue())) {
				statements
					.add(domain + ((a.defaultValue() != null) ? "SET DEFAULT " + a.defaultValue() : "DROP DEFAULT"));
			}
			if (b.notNull() != a.notNull()) {
				statements.add(domain + (a.notNull() ? "SET NOT NULL" : "DROP NOT NULL"));
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Sequence b && after instanceof SchemaObject.Sequence a) {
			String sequence = "ALTER SEQUENCE " + SqlText.qualified(a.schema(), a.name());
			if (!Ddl.sequenceOptions(b).equals(Ddl.sequenceOptions(a))) {
				statements.add(sequence + " " + Ddl.sequenceOptions(a));
			}
			if (b.unlogged() != a.unlogged()) {
				statements.add(sequence + (a.unlogged() ? " SET UNLOGGED" : " SET LOGGED"));
			}
			if (!Objects.equals(b.ownedBy(), a.ownedBy())) {
				statements.add(sequence + " OWNED BY " + ((a.ownedBy() != null) ? a.ownedBy() : "NONE"));
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof Constraint b && after instanceof Constraint a) {
			if (!b.valid() && a.valid()) {
				statements.add((a.onDomain() ? "ALTER DOMAIN " : "ALTER TABLE ")
						+ SqlText.qualified(a.schema(), a.table()) + " VALIDATE CONSTRAINT " + SqlText.ident(a.name()));
				section = this.online ? Section.ONLINE : Section.MAIN;
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Index b && after instanceof SchemaObject.Index a) {
			String table = "ALTER TABLE " + SqlText.qualified(a.schema(), a.table());
			if (b.clustered() != a.clustered()) {
				statements
					.add(table + (a.clustered() ? " CLUSTER ON " + SqlText.ident(a.name()) : " SET WITHOUT CLUSTER"));
			}
			if (b.replicaIdentity() != a.replicaIdentity()) {
				statements.add(table + (a.replicaIdentity() ? " REPLICA IDENTITY USING INDEX " + SqlText.ident(a.name())
						: " REPLICA IDENTITY DEFAULT"));
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.View b && after instanceof SchemaObject.View a) {
			String name = SqlText.qualified(a.schema(), a.name());
			if (!b.definition().equals(a.definition()) || !names(b.columns()).equals(names(a.columns()))) {
				// CREATE OR REPLACE VIEW replaces the options with those it names
				statements.add("CREATE OR REPLACE VIEW " + name
						+ (a.options().isEmpty() ? "" : " WITH (" + String.join(", ", a.options()) + ")") + " AS\n"
						+ a.definition());
			}
			else {
				statements.addAll(options("ALTER VIEW " + name, b.options(), a.options()));
			}
			statements.addAll(Ddl.viewColumnComments(a.schema(), a.name(), b.columns(), a.columns()));
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.MaterializedView b
				&& after instanceof SchemaObject.MaterializedView a) {
			String name = SqlText.qualified(a.schema(), a.name());
			statements.addAll(options("ALTER MATERIALIZED VIEW " + name, b.options(), a.options()));
			statements.addAll(Ddl.viewColumnComments(a.schema(), a.name(), b.columns(), a.columns()));
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Function b && after instanceof SchemaObject.Function a) {
			if (!b.definition().equals(a.definition())) {
				statements.add(a.definition().strip());
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Trigger b && after instanceof SchemaObject.Trigger a) {
			String enable = Ddl.enableState("TRIGGER", a.name(), b.enabled(), a.enabled());
			if (enable != null) {
				statements.add("ALTER TABLE " + SqlText.qualified(a.schema(), a.table()) + " " + enable);
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Rule b && after instanceof SchemaObject.Rule a) {
			if (!b.definition().equals(a.definition())) {
				statements.add(a.definition().replaceFirst("^CREATE RULE ", "CREATE OR REPLACE RULE "));
			}
			String enable = Ddl.enableState("RULE", a.name(), b.enabled(), a.enabled());
			if (enable != null) {
				statements.add("ALTER TABLE " + SqlText.qualified(a.schema(), a.table()) + " " + enable);
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Policy b && after instanceof SchemaObject.Policy a) {
			String policy = "ALTER POLICY " + SqlText.ident(a.name()) + " ON "
					+ SqlText.qualified(a.schema(), a.table());
			if (!b.roles().equals(a.roles())) {
				statements.add(policy + " TO " + String.join(", ", a.roles()));
			}
			if (!Objects.equals(b.using(), a.using())) {
				statements.add(policy + " USING (" + a.using() + ")");
			}
			if (!Objects.equals(b.withCheck(), a.withCheck())) {
				statements.add(policy + " WITH CHECK (" + a.withCheck() + ")");
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Statistics b && after instanceof SchemaObject.Statistics a) {
			if (b.target() != a.target()) {
				statements.add("ALTER STATISTICS " + SqlText.qualified(a.schema(), a.name()) + " SET STATISTICS "
						+ a.target());
			}
			addComment(statements, a, b.comment());
		}
		else if (before instanceof SchemaObject.Extension b && after instanceof SchemaObject.Extension a) {
			if (!b.version().equals(a.version())) {
				statements
					.add("ALTER EXTENSION " + SqlText.ident(a.name()) + " UPDATE TO " + SqlText.literal(a.version()));
			}
			addComment(statements, a, b.comment());
		}
		else {
			addComment(statements, after, before.comment());
		}
		if (!statements.isEmpty()) {
			add(statements, key, 1, Set.of(key), Set.of(key), Set.of(), Set.of(), section, lock, null);
		}
		this.changes.add(new Change(Action.ALTER, key, detail, null));
	}

	private static SchemaObject.@Nullable Attribute attribute(SchemaObject.CompositeType type, String name) {
		for (SchemaObject.Attribute attribute : type.attributes()) {
			if (attribute.name().equals(name)) {
				return attribute;
			}
		}
		return null;
	}

	private static List<String> options(String prefix, List<String> before, List<String> after) {
		List<String> statements = new ArrayList<>();
		if (before.equals(after)) {
			return statements;
		}
		List<String> reset = new ArrayList<>();
		for (String option : before) {
			String name = option.substring(0, option.indexOf('='));
			if (after.stream().noneMatch((o) -> o.startsWith(name + "="))) {
				reset.add(name);
			}
		}
		if (!reset.isEmpty()) {
			statements.add(prefix + " RESET (" + String.join(", ", reset) + ")");
		}
		if (!after.isEmpty()) {
			statements.add(prefix + " SET (" + String.join(", ", after) + ")");
		}
		return statements;
	}

	private void writeAddEnumValues(SchemaObject.EnumType before, SchemaObject.EnumType after) {
		String type = "ALTER TYPE " + SqlText.qualified(after.schema(), after.name());
		List<String> labels = after.labels();
		List<String> statements = new ArrayList<>();
		boolean usedHere = false;
		for (int i = 0; i < labels.size(); i++) {
			String label = labels.get(i);
			if (before.labels().contains(label)) {
				continue;
			}
			String position = (i > 0) ? " AFTER " + SqlText.literal(labels.get(i - 1))
					: " BEFORE " + SqlText.literal(labels.get(1));
			statements.add(type + " ADD VALUE " + SqlText.literal(label) + position);
			usedHere = usedHere || usesLabel(label);
		}
		// one step: the values of a type are added together, in one section
		add(statements, after.key(), 1, Set.of(), Set.of(after.key()), Set.of(), Set.of(),
				usedHere ? Section.BEFORE : Section.MAIN, null, null);
	}

	// A value added in a transaction cannot be used before that transaction commits.
	private boolean usesLabel(String label) {
		String literal = SqlText.literal(label) + "::";
		for (ObjectKey key : this.created) {
			if (String.valueOf(this.to.get(key)).contains(literal)) {
				return true;
			}
		}
		for (ObjectKey key : this.altered) {
			if (String.valueOf(this.to.get(key)).contains(literal)) {
				return true;
			}
		}
		for (ObjectKey key : this.replaced) {
			if (String.valueOf(this.to.get(key)).contains(literal)) {
				return true;
			}
		}
		return false;
	}

	private void writeSwap(ObjectKey key) {
		SchemaObject before = Objects.requireNonNull(this.from.get(key));
		SchemaObject after = Objects.requireNonNull(this.to.get(key));
		String kind = switch (key.kind()) {
			case DOMAIN -> "DOMAIN";
			case COLLATION -> "COLLATION";
			default -> "TYPE";
		};
		String oldName = SqlText.derivedName(key.name(), "hoist_old");
		List<String> statements = new ArrayList<>();
		statements.add("ALTER " + kind + " " + SqlText.qualified(key.schema(), key.name()) + " RENAME TO "
				+ SqlText.ident(oldName));
		if (before instanceof SchemaObject.RangeType range && range.multirange() != null) {
			// the multirange type keeps its name when its range is renamed
			statements.add("ALTER TYPE " + SqlText.qualified(key.schema(), range.multirange()) + " RENAME TO "
					+ SqlText.ident(SqlText.derivedName(range.multirange(), "hoist_old")));
		}
		statements.addAll(Ddl.create(after));
		// the old type stays under its new name until every column has moved off it
		add(statements, key, 1, Set.of(key), Set.of(key), Set.of(), Set.of(), Section.MAIN, null, null);
		Set<ObjectKey> columns = new LinkedHashSet<>();
		for (ObjectKey dependent : this.from.dependentsOf(key)) {
			if (dependent.kind() == ObjectKind.COLUMN || dependent.kind() == ObjectKind.TYPE
					|| dependent.kind() == ObjectKind.DOMAIN) {
				columns.add(dependent);
			}
		}
		add(List.of("DROP " + kind + " " + SqlText.qualified(key.schema(), oldName)), key, 1, Set.of(), Set.of(),
				Set.of(key), columns, Section.MAIN, null, null);
		String detail = (before instanceof SchemaObject.EnumType b && after instanceof SchemaObject.EnumType a)
				? "labels " + b.labels() + " -> " + a.labels() + ": recreated, its columns converted through text"
				: "recreated, its columns converted through text";
		this.changes.add(new Change(Action.REPLACE, key, detail,
				(before instanceof SchemaObject.EnumType) ? "fails if a row holds a removed label" : null));
	}

	private void writeAlterTable(Table before, Table after) {
		ObjectKey key = after.key();
		List<String> statements = new ArrayList<>(tableAttributes(before, after));
		String prefix = "ALTER TABLE " + after.sqlName();
		String lock = null;
		if (before.unlogged() != after.unlogged()) {
			statements.add(prefix + (after.unlogged() ? " SET UNLOGGED" : " SET LOGGED"));
			lock = "ACCESS EXCLUSIVE on " + after.sqlName() + "; rewrites the table";
		}
		if (!Objects.equals(before.accessMethod(), after.accessMethod())) {
			statements.add(prefix + " SET ACCESS METHOD "
					+ ((after.accessMethod() != null) ? SqlText.ident(after.accessMethod()) : "heap"));
			lock = "ACCESS EXCLUSIVE on " + after.sqlName() + "; rewrites the table";
		}
		statements.addAll(options(prefix, before.options(), after.options()));
		if (!statements.isEmpty()) {
			add(statements, key, 1, Set.of(), Set.of(key), Set.of(), Set.of(), Section.MAIN, lock, null);
		}
		List<String> lineage = new ArrayList<>();
		Section lineageSection = Section.MAIN;
		String lineageLock = "ACCESS EXCLUSIVE on " + after.sqlName() + " and its parent";
		if (!Objects.equals(before.partitionOf(), after.partitionOf())
				|| !Objects.equals(before.partitionBound(), after.partitionBound())) {
			if (before.partitionOf() != null) {
				String detach = "ALTER TABLE " + before.partitionOf() + " DETACH PARTITION " + after.sqlName();
				String refusal = this.online ? detachConcurrentlyRefusal(before) : null;
				if (!this.online) {
					lineage.add(detach);
				}
				else if (refusal != null) {
					lineage.add(allow("hoist:detach-partition-not-concurrent", refusal) + detach);
				}
				else {
					// a validated CHECK of the bound keeps DETACH ... CONCURRENTLY from
					// adding one of its own under a name of its choosing
					lineage.addAll(withBoundCheck(before, Objects.requireNonNull(boundCheck(this.from, before)),
							detach + " CONCURRENTLY"));
					lineageSection = Section.ONLINE;
					lineageLock = "SHARE UPDATE EXCLUSIVE on " + before.partitionOf() + " and " + after.sqlName()
							+ " (DETACH ... CONCURRENTLY)";
				}
			}
			if (after.partitionOf() != null) {
				String attach = "ALTER TABLE " + after.partitionOf() + " ATTACH PARTITION " + after.sqlName() + " "
						+ after.partitionBound();
				String check = this.online ? boundCheck(this.to, after) : null;
				if (!this.online) {
					lineage.add(attach);
				}
				else if (check == null) {
					lineage.add(allow("hoist:attach-partition-scan", boundCheckRefusal(this.to, after)) + attach);
				}
				else {
					// a validated CHECK that implies the bound spares ATTACH its scan
					lineage.addAll(withBoundCheck(after, check, attach));
					lineageSection = Section.ONLINE;
					lineageLock = "ACCESS EXCLUSIVE on " + after.sqlName() + " and SHARE UPDATE EXCLUSIVE on "
							+ after.partitionOf() + " (brief: the validated check spares the scan)";
				}
			}
		}
		for (String parent : before.inherits()) {
			if (!after.inherits().contains(parent)) {
				lineage.add(prefix + " NO INHERIT " + parent);
			}
		}
		for (String parent : after.inherits()) {
			if (!before.inherits().contains(parent)) {
				lineage.add(prefix + " INHERIT " + parent);
			}
		}
		if (!lineage.isEmpty()) {
			// a new parent's columns must be there first; an old parent waits for it to
			// let go
			Set<ObjectKey> columns = new LinkedHashSet<>();
			this.to.columnsOf(key).forEach((column) -> columns.add(column.key()));
			add(lineage, key, 1, Set.of(key), Set.of(lineage(key)), Set.of(), columns, lineageSection, lineageLock,
					null);
		}
		this.changes.add(new Change(Action.ALTER, key, "altered", null));
	}

	// The CHECK that PostgreSQL's own partition constraint of a partition is, in the
	// model that has it as a partition: null where no portable CHECK can stand for it.
	private static @Nullable String boundCheck(SchemaModel model, Table partition) {
		return (boundCheckRefusal(model, partition) != null) ? null : model.partitionConstraint(partition.key());
	}

	private static @Nullable String boundCheckRefusal(SchemaModel model, Table partition) {
		String constraint = model.partitionConstraint(partition.key());
		if (partition.partitionKey() != null) {
			return partition.sqlName() + " is partitioned itself, and the diff proves a bound with a CHECK on a"
					+ " leaf partition only";
		}
		if (constraint == null) {
			return "the partition constraint of " + partition.sqlName() + " was not read";
		}
		if (constraint.contains("satisfies_hash_partition(")) {
			return "a hash bound names its parent's OID, which differs between databases: no CHECK written here"
					+ " can prove it";
		}
		return null;
	}

	// Why DETACH PARTITION cannot be CONCURRENTLY, or null when it can.
	private @Nullable String detachConcurrentlyRefusal(Table partition) {
		String parent = Objects.requireNonNull(partition.partitionOf());
		for (SchemaModel model : List.of(this.from, this.to)) {
			for (SchemaObject object : model.objects().values()) {
				if (object instanceof Table sibling && parent.equals(sibling.partitionOf())
						&& "DEFAULT".equals(sibling.partitionBound())) {
					return "PostgreSQL refuses DETACH PARTITION ... CONCURRENTLY while " + parent
							+ " has a default partition";
				}
			}
		}
		String refusal = boundCheckRefusal(this.from, partition);
		if (refusal != null) {
			return "DETACH PARTITION ... CONCURRENTLY would leave a CHECK of its bound on the table, which the target"
					+ " does not have, and " + refusal;
		}
		return null;
	}

	// ADD the bound as a CHECK NOT VALID, VALIDATE it (a scan that lets writes through),
	// run the statement, DROP the CHECK: each on its own, outside a transaction.
	private static List<String> withBoundCheck(Table partition, String constraint, String statement) {
		String table = "ALTER TABLE " + partition.sqlName();
		String name = SqlText.ident(SqlText.derivedName(partition.name(), "bound_check"));
		return List.of(table + " ADD CONSTRAINT " + name + " CHECK (" + constraint + ") NOT VALID",
				table + " VALIDATE CONSTRAINT " + name, statement, table + " DROP CONSTRAINT " + name);
	}

	// A reviewed exception, visible in review: the rule lint would report and why the
	// safe form is impossible.
	private static String allow(String rule, @Nullable String reason) {
		return "-- hoist:allow " + rule + " " + Objects.requireNonNullElse(reason, "no safe form") + "\n";
	}

	private void writeAlterColumn(Column before, Column after) {
		ObjectKey key = after.key();
		if (followsParent(key)) {
			Column parentBefore = Objects.requireNonNull(parentColumn(this.from, before));
			Column parentAfter = Objects.requireNonNull(parentColumn(this.to, after));
			Column implied = followed(before, parentBefore, parentAfter);
			List<String> reconcile = columnAttributes(implied, after);
			addComment(reconcile, after, before.comment());
			ObjectKey parent = parentAfter.key();
			add(reconcile, key, 1, Set.of(), Set.of(key), Set.of(),
					Set.of(parent,
							ObjectKey.member(ObjectKind.DEFAULT, parent.schema(), parent.name(), parent.member()),
							ObjectKey.member(ObjectKind.NOT_NULL, parent.schema(), parent.name(), parent.member())),
					Section.MAIN, null, null);
			if (!implied.type().equals(after.type()) || !Objects.equals(implied.collation(), after.collation())) {
				this.changes.add(new Change(Action.UNSUPPORTED, key, "type " + after.type()
						+ " differs from its parent's: the engine cannot change an inherited column's type alone",
						null));
			}
			this.changes.add(new Change(Action.ALTER, key, "follows its parent", null));
			return;
		}
		ObjectKey defaultKey = ObjectKey.member(ObjectKind.DEFAULT, key.schema(), key.name(), key.member());
		ObjectKey notNullKey = ObjectKey.member(ObjectKind.NOT_NULL, key.schema(), key.name(), key.member());
		String prefix = alterColumn(after);
		List<String> details = new ArrayList<>();
		boolean retype = this.retyped.contains(key);
		boolean defaultHandled = this.forcedDefaults.contains(defaultKey);
		String dataLoss = null;
		if (!before.generated().isEmpty() && after.generated().isEmpty()) {
			add(List.of(prefix + "DROP EXPRESSION"), key, 1, Set.of(key, defaultKey), Set.of(key, defaultKey), Set.of(),
					Set.of(), Section.MAIN, null, null);
			details.add("no longer generated");
		}
		if (retype) {
			if (before.defaultValue() != null && before.generated().isEmpty() && before.identity().isEmpty()
					&& !defaultHandled) {
				add(List.of(prefix + "DROP DEFAULT"), defaultKey, 0, Set.of(defaultKey), Set.of(), Set.of(defaultKey),
						Set.of(), Section.MAIN, null, null);
				defaultHandled = true;
				if (after.defaultValue() != null && after.generated().isEmpty() && after.identity().isEmpty()) {
					add(List.of(prefix + "SET DEFAULT " + after.defaultValue()), defaultKey, 2, Set.of(),
							Set.of(defaultKey), Set.of(), Set.of(), Section.MAIN, null, null);
				}
			}
			String using = using(before, after);
			add(List.of(prefix + "TYPE " + after.type()
					+ ((after.collation() != null) ? " COLLATE " + after.collation() : "") + using), key, 1,
					Set.of(key), Set.of(key), Set.of(key), Set.of(), Section.MAIN, "ACCESS EXCLUSIVE on "
							+ after.tableSql() + "; rewrites the table unless the new type is binary-compatible",
					null);
			boolean sameType = before.type().equals(after.type());
			details.add(sameType
					? "collation " + Objects.requireNonNullElse(before.collation(), "default") + " -> "
							+ Objects.requireNonNullElse(after.collation(), "default")
					: "type " + before.type() + " -> " + after.type());
			dataLoss = (sameType || this.castThroughText.contains(key) || widens(before.type(), after.type())) ? null
					: "converts " + after.tableSql() + "." + after.name() + " from " + before.type() + " to "
							+ after.type() + ": fails if a value does not fit";
		}
		if (!defaultHandled && !Objects.equals(before.defaultValue(), after.defaultValue())
				&& after.generated().isEmpty() && before.generated().isEmpty()) {
			if (after.defaultValue() != null && after.identity().isEmpty()) {
				add(List.of(prefix + "SET DEFAULT " + after.defaultValue()), defaultKey, 1, Set.of(defaultKey),
						Set.of(defaultKey), Set.of(), Set.of(), Section.MAIN, null, null);
			}
			else if (before.defaultValue() != null && before.identity().isEmpty()) {
				add(List.of(prefix + "DROP DEFAULT"), defaultKey, 1, Set.of(defaultKey), Set.of(defaultKey), Set.of(),
						Set.of(), Section.MAIN, null, null);
			}
			details.add("default " + before.defaultValue() + " -> " + after.defaultValue());
		}
		if (!before.identity().equals(after.identity())
				|| !Objects.equals(before.identitySequence(), after.identitySequence())) {
			List<String> statements = new ArrayList<>();
			if (after.identity().isEmpty()) {
				statements.add(prefix + "DROP IDENTITY");
			}
			else if (before.identity().isEmpty()) {
				statements.add(prefix + "ADD" + Ddl.identity(after));
			}
			else {
				if (!before.identity().equals(after.identity())) {
					statements
						.add(prefix + "SET GENERATED " + ("a".equals(after.identity()) ? "ALWAYS" : "BY DEFAULT"));
				}
				SchemaObject.Sequence b = Objects.requireNonNull(before.identitySequence());
				SchemaObject.Sequence a = Objects.requireNonNull(after.identitySequence());
				if (!Ddl.sequenceOptions(b).equals(Ddl.sequenceOptions(a))) {
					statements.add(
							"ALTER SEQUENCE " + SqlText.qualified(b.schema(), b.name()) + " " + Ddl.sequenceOptions(a));
				}
				if (!b.name().equals(a.name()) || !b.schema().equals(a.schema())) {
					statements.add("ALTER SEQUENCE " + SqlText.qualified(b.schema(), b.name()) + " RENAME TO "
							+ SqlText.ident(a.name()));
				}
			}
			add(statements, key, 1, Set.of(key), Set.of(key), Set.of(), Set.of(notNullKey), Section.MAIN, null, null);
			details.add("identity");
		}
		if (before.notNull() != after.notNull()) {
			String table = after.tableSql();
			if (!after.notNull()) {
				add(List.of(prefix + "DROP NOT NULL"), notNullKey, 1, Set.of(notNullKey), Set.of(notNullKey), Set.of(),
						Set.of(), Section.MAIN, null, null);
			}
			else if (this.online && !isPartitioned(this.to, key.table())) {
				String check = SqlText.ident(SqlText.derivedName(after.table() + "_" + after.name(), "not_null_check"));
				add(List.of(
						"ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + SqlText.ident(after.name())
								+ " IS NOT NULL) NOT VALID",
						"ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check, prefix + "SET NOT NULL",
						"ALTER TABLE " + table + " DROP CONSTRAINT " + check), notNullKey, 1, Set.of(notNullKey),
						Set.of(notNullKey), Set.of(), Set.of(key), Section.ONLINE,
						"ACCESS EXCLUSIVE on " + table + " (brief: the validated check spares the scan)", null);
			}
			else {
				add(List.of(prefix + "SET NOT NULL"), notNullKey, 1, Set.of(notNullKey), Set.of(notNullKey), Set.of(),
						Set.of(key), Section.MAIN, "ACCESS EXCLUSIVE on " + table + " while it checks every row", null);
			}
			details.add(after.notNull() ? "NOT NULL" : "nullable");
		}
		List<String> rest = Ddl.columnStorage(before, after);
		String comment = Ddl.comment(after, before.comment());
		if (comment != null) {
			rest.add(comment);
		}
		if (!rest.isEmpty()) {
			add(rest, key, 1, Set.of(), Set.of(key), Set.of(), Set.of(), Section.MAIN, null, null);
			details.add("storage or comment");
		}
		if (before.local() != after.local() && !isPartition(this.from, key.table())
				&& !isPartition(this.to, key.table())) {
			this.changes.add(new Change(Action.UNSUPPORTED, key,
					"declared " + (after.local() ? "locally" : "only by its parent")
							+ " in the target: the engine cannot change whether an inherited column is also local",
					null));
		}
		this.changes.add(new Change(Action.ALTER, key, String.join(", ", details), dataLoss));
	}

	// A child's inherited column after its parent's column changed: the statements that
	// changed the parent recursed to it.
	private static Column followed(Column child, Column parentBefore, Column parentAfter) {
		boolean retyped = !parentBefore.type().equals(parentAfter.type())
				|| !Objects.equals(parentBefore.collation(), parentAfter.collation());
		String defaultValue = (retyped || !Objects.equals(parentBefore.defaultValue(), parentAfter.defaultValue()))
				? parentAfter.defaultValue() : child.defaultValue();
		boolean notNull = (parentBefore.notNull() != parentAfter.notNull()) ? parentAfter.notNull() : child.notNull();
		return new Column(child.schema(), child.table(), child.name(), retyped ? parentAfter.type() : child.type(),
				retyped ? parentAfter.typeCategory() : child.typeCategory(),
				retyped ? parentAfter.collation() : child.collation(), notNull, defaultValue, child.identity(),
				child.identitySequence(), child.generated(), child.local(), child.storage(), child.compression(),
				child.statistics(), child.options(), child.comment());
	}

	// What a partition or inheriting child must be told after CREATE TABLE ... PARTITION
	// OF gave it its parent's columns.
	private static List<String> columnAttributes(Column implied, Column column) {
		List<String> statements = new ArrayList<>();
		String prefix = "ALTER TABLE ONLY " + column.tableSql() + " ALTER COLUMN " + SqlText.ident(column.name()) + " ";
		if (!Objects.equals(implied.defaultValue(), column.defaultValue()) && column.generated().isEmpty()
				&& column.identity().isEmpty()) {
			statements.add(prefix
					+ ((column.defaultValue() != null) ? "SET DEFAULT " + column.defaultValue() : "DROP DEFAULT"));
		}
		if (implied.notNull() != column.notNull()) {
			statements.add(prefix + (column.notNull() ? "SET NOT NULL" : "DROP NOT NULL"));
		}
		statements.addAll(Ddl.columnStorage(implied, column));
		return statements;
	}

	// Conversions that keep every value: wider integers, unconstrained numeric, longer or
	// unbounded text.
	static boolean widens(String from, String to) {
		List<String> integers = List.of("smallint", "integer", "bigint", "numeric");
		if (integers.contains(from) && integers.contains(to)) {
			return integers.indexOf(to) >= integers.indexOf(from);
		}
		if ("text".equals(to) && (from.startsWith("character varying") || from.startsWith("character("))) {
			return true;
		}
		Matcher a = LENGTH.matcher(from);
		Matcher b = LENGTH.matcher(to);
		return a.matches() && b.matches() && a.group(1).equals(b.group(1))
				&& Integer.parseInt(b.group(2)) >= Integer.parseInt(a.group(2));
	}

	private String using(Column before, Column after) {
		String name = SqlText.ident(after.name());
		if (this.castThroughText.contains(after.key())) {
			return " USING " + name + "::text::" + after.type();
		}
		String source = before.typeCategory();
		String target = after.typeCategory();
		// an assignment cast exists within a category and into strings; elsewhere the
		// conversion must be spelled out
		if (source.equals(target) || "S".equals(target)) {
			return "";
		}
		return " USING " + name + "::" + after.type();
	}

	private static ObjectKey lineage(ObjectKey table) {
		return new ObjectKey(ObjectKind.TABLE, table.schema(), table.name(), "inherits");
	}

	private static String alterColumn(Column column) {
		return "ALTER TABLE " + column.tableSql() + " ALTER COLUMN " + SqlText.ident(column.name()) + " ";
	}

	private static void addComment(List<String> statements, SchemaObject object, @Nullable String before) {
		String comment = Ddl.comment(object, before);
		if (comment != null) {
			statements.add(comment);
		}
	}

	private void add(List<String> statements, ObjectKey subject, int phase, Set<ObjectKey> removes,
			Set<ObjectKey> provides, Set<ObjectKey> disturbs, Set<ObjectKey> requires, Section section,
			@Nullable String lock, @Nullable String dataLoss) {
		if (statements.isEmpty()) {
			return;
		}
		this.steps.add(new Step(List.copyOf(statements), subject, phase, Set.copyOf(removes), Set.copyOf(provides),
				Set.copyOf(disturbs), Set.copyOf(requires), section, lock, dataLoss));
	}

	/**
	 * The outcome of a comparison.
	 *
	 * @param steps the steps, not yet ordered
	 * @param changes the changes, one per object
	 */
	public record Diff(List<Step> steps, List<Change> changes) {

		/**
		 * Return whether the two models are equal.
		 * @return whether there is nothing to do
		 */
		public boolean isEmpty() {
			return this.steps.isEmpty() && this.changes.isEmpty();
		}

	}

}
