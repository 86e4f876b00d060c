package dev.hoist.bench;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;

/**
 * Bytes allocated on the heap, from HotSpot's per-thread counters: what a start costs the
 * garbage collector. Copied into the Spring Boot services' jars with {@link BootApp}.
 */
final class Allocation {

	private Allocation() {
	}

	/**
	 * What the JVM's live threads have allocated so far, or 0 where unknown. A thread
	 * that ended in between is not counted: on a start at the head the tools start none
	 * that ends.
	 */
	static long allocatedBytes() {
		if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean threads
				&& threads.isThreadAllocatedMemorySupported()) {
			long total = 0;
			for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
				total += Math.max(bytes, 0);
			}
			return total;
		}
		return 0;
	}

}
