package dev.hoist.core.internal.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import dev.hoist.core.HoistException;
import dev.hoist.core.internal.schema.Step.Section;

/**
 * Orders steps by the dependencies of the objects they touch: a dependent is dropped
 * before what it depends on (in the source model), created after it (in the target
 * model), and nothing is created under a name whose old object is still there. Then moves
 * each step into the section it needs, keeping that order.
 */
final class StepOrder {

	private StepOrder() {
	}

	static List<Step> order(List<Step> steps, SchemaModel from, SchemaModel to) {
		int count = steps.size();
		List<Step> current = new ArrayList<>(steps);
		List<Set<Integer>> after = edges(current, from, to);
		fixSections(current, after);
		List<Integer> order = topological(current, after);
		List<Step> ordered = new ArrayList<>(count);
		for (Section section : Section.values()) {
			for (int index : order) {
				if (current.get(index).section() == section) {
					ordered.add(current.get(index));
				}
			}
		}
		return ordered;
	}

	// after.get(a) holds every b that must come after a
	private static List<Set<Integer>> edges(List<Step> steps, SchemaModel from, SchemaModel to) {
		Map<ObjectKey, List<Integer>> providers = new HashMap<>();
		Map<ObjectKey, List<Integer>> disturbers = new HashMap<>();
		for (int i = 0; i < steps.size(); i++) {
			for (ObjectKey key : steps.get(i).provides()) {
				providers.computeIfAbsent(key, (k) -> new ArrayList<>()).add(i);
			}
			for (ObjectKey key : steps.get(i).disturbs()) {
				disturbers.computeIfAbsent(key, (k) -> new ArrayList<>()).add(i);
			}
		}
		List<Set<Integer>> after = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			after.add(new LinkedHashSet<>());
		}
		for (int a = 0; a < steps.size(); a++) {
			Step step = steps.get(a);
			for (ObjectKey removed : step.removes()) {
				if (step.provides().contains(removed) && !step.disturbs().contains(removed)) {
					// changed in place, keeping what it depends on
					continue;
				}
				// what goes must go before what it depends on is disturbed
				for (ObjectKey needed : from.dependenciesOf(removed).keySet()) {
					if (ownedBy(removed, needed)) {
						continue;
					}
					for (int b : disturbers.getOrDefault(needed, List.of())) {
						if (b != a) {
							after.get(a).add(b);
						}
					}
				}
				for (int b : providers.getOrDefault(removed, List.of())) {
					if (b != a) {
						after.get(a).add(b);
					}
				}
			}
			Set<ObjectKey> needs = new HashSet<>(step.requires());
			for (ObjectKey provided : step.provides()) {
				for (ObjectKey needed : to.dependenciesOf(provided).keySet()) {
					if (!ownedBy(provided, needed)) {
						needs.add(needed);
					}
				}
			}
			for (ObjectKey needed : needs) {
				if (step.provides().contains(needed)) {
					continue;
				}
				for (int b : providers.getOrDefault(needed, List.of())) {
					if (b != a) {
						after.get(b).add(a);
					}
				}
			}
		}
		return after;
	}

	// A sequence's OWNED BY is written as a step of its own, after the column
	private static boolean ownedBy(ObjectKey object, ObjectKey needed) {
		return object.kind() == ObjectKind.SEQUENCE && needed.kind() == ObjectKind.COLUMN;
	}

	// A step that must come before another may not sit in a later section: an online drop
	// that other work waits for runs in the transaction instead; work that waits for an
	// online step moves out of the transaction after it.
	private static void fixSections(List<Step> steps, List<Set<Integer>> after) {
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int a = 0; a < steps.size(); a++) {
				for (int b : after.get(a)) {
					Step first = steps.get(a);
					Step second = steps.get(b);
					if (first.section().ordinal() <= second.section().ordinal()) {
						continue;
					}
					if (first.section() == Section.ONLINE && first.phase() == 0) {
						List<String> statements = first.statements()
							.stream()
							.map((sql) -> sql.replace(" CONCURRENTLY ", " "))
							.toList();
						steps.set(a,
								new Step(statements, first.subject(), first.phase(), first.removes(), first.provides(),
										first.disturbs(), first.requires(), Section.MAIN, first.lock(),
										first.dataLoss()));
					}
					else {
						steps.set(b, second.withSection(first.section()));
					}
					changed = true;
				}
			}
		}
	}

	private static List<Integer> topological(List<Step> steps, List<Set<Integer>> after) {
		int[] incoming = new int[steps.size()];
		for (Set<Integer> next : after) {
			for (int b : next) {
				incoming[b]++;
			}
		}
		Comparator<Integer> priority = Comparator.comparingInt((Integer i) -> steps.get(i).section().ordinal())
			.thenComparingInt((i) -> steps.get(i).phase())
			.thenComparingInt((i) -> kindOrder(steps.get(i)))
			.thenComparing((i) -> steps.get(i).subject())
			.thenComparingInt((i) -> i);
		PriorityQueue<Integer> ready = new PriorityQueue<>(priority);
		for (int i = 0; i < steps.size(); i++) {
			if (incoming[i] == 0) {
				ready.add(i);
			}
		}
		List<Integer> order = new ArrayList<>();
		while (!ready.isEmpty()) {
			int next = ready.poll();
			order.add(next);
			for (int b : after.get(next)) {
				if (--incoming[b] == 0) {
					ready.add(b);
				}
			}
		}
		if (order.size() < steps.size()) {
			List<String> stuck = new ArrayList<>();
			for (int i = 0; i < steps.size() && stuck.size() < 6; i++) {
				if (incoming[i] > 0) {
					stuck.add(steps.get(i).subject().describe() + ": " + steps.get(i).statements().get(0));
				}
			}
			throw new HoistException("Cannot order the schema changes: they depend on each other in a cycle. Steps"
					+ " involved: " + String.join("; ", stuck)
					+ ". Split the change into two migrations, or report this diff as a bug");
		}
		return order;
	}

	// drops of dependents first, creations of what others need first
	private static int kindOrder(Step step) {
		int ordinal = step.subject().kind().ordinal();
		return (step.phase() == 0) ? -ordinal : ordinal;
	}

}
