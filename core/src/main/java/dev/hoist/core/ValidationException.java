package dev.hoist.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Validation found problems; nothing was changed.
 */
public class ValidationException extends HoistException {

	private final List<HoistStatus.Problem> problems;

	/**
	 * Create an exception listing every problem found.
	 * @param problems the problems, at least one
	 */
	public ValidationException(List<HoistStatus.Problem> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	private static String message(List<HoistStatus.Problem> problems) {
		String heading = (problems.size() == 1) ? "Hoist validation failed: "
				: "Hoist validation failed with " + problems.size() + " problems:\n";
		return heading + problems.stream()
			.map((problem) -> ((problems.size() == 1) ? "" : "  - ") + problem.message())
			.collect(Collectors.joining("\n"));
	}

	/**
	 * Return every problem found.
	 * @return the problems
	 */
	public List<HoistStatus.Problem> problems() {
		return this.problems;
	}

}
