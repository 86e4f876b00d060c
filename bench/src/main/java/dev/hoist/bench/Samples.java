package dev.hoist.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Timings of one tool in one scenario, in milliseconds (or sizes, in megabytes), with the
 * checks of those runs.
 */
final class Samples {

	private final List<Double> millis = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private final List<Double> spreads = new ArrayList<>();

	private int failedProcesses;

	/** How long after the first of several concurrent starts the last one ended. */
	void spread(long nanos) {
		this.spreads.add(nanos / 1_000_000.0);
	}

	/** Median spread in ms, or -1 when none was recorded. */
	double medianSpread() {
		if (this.spreads.isEmpty()) {
			return -1;
		}
		List<Double> sorted = new ArrayList<>(this.spreads);
		sorted.sort(null);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	void add(long nanos) {
		this.millis.add(nanos / 1_000_000.0);
	}

	/** A sample of bytes, kept and shown in megabytes (10^6 bytes). */
	void addBytes(long bytes) {
		this.millis.add(bytes / 1_000_000.0);
	}

	void problem(String problem) {
		this.problems.add(problem);
	}

	void failedProcesses(int count) {
		this.failedProcesses += count;
	}

	boolean isEmpty() {
		return this.millis.isEmpty();
	}

	int size() {
		return this.millis.size();
	}

	double median() {
		List<Double> sorted = sorted();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	double min() {
		return sorted().get(0);
	}

	double max() {
		List<Double> sorted = sorted();
		return sorted.get(sorted.size() - 1);
	}

	List<String> problems() {
		return this.problems;
	}

	int failedProcesses() {
		return this.failedProcesses;
	}

	private List<Double> sorted() {
		List<Double> sorted = new ArrayList<>(this.millis);
		sorted.sort(null);
		return sorted;
	}

	/** "123 (110–140)", or "—" when nothing was measured. */
	String cell() {
		if (isEmpty()) {
			return "—";
		}
		return ms(median()) + " (" + ms(min()) + "–" + ms(max()) + ")";
	}

	static String ms(double millis) {
		return (millis < 100) ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%.0f", millis);
	}

}
