package io.wsboot.testfixture;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures the heap a test's JVM uses, to bound what a scenario leaves behind or holds
 * at its peak. Measured after a full collection, so that only live objects count.
 */
public final class HeapUsage {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private HeapUsage() {
	}

	/**
	 * Collect garbage and return the heap in use, in bytes: the lesser of two
	 * measurements, since a collection may leave some garbage to the next.
	 * @return the bytes of heap in use
	 */
	public static long usedAfterGc() {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 2; i++) {
			System.gc();
			least = Math.min(least, MEMORY.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

}
