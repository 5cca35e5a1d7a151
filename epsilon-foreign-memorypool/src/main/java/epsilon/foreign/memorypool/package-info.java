/**
 * Pools of native memory in size classes, with reuse, statistics, thread safety and a {@link java.lang.foreign.SegmentAllocator} face.
 *
 * <p>Depends on {@code java.base} and the SLF4J API (statistics and leak reports are logged through it). Throws
 * its own unchecked exceptions: {@link epsilon.foreign.memorypool.PoolSizeException} for a size or alignment no
 * pool serves, {@link epsilon.foreign.memorypool.PoolMisuseException} for a lease or pool used wrongly; the
 * JDK's {@link java.lang.IllegalStateException} guards segments kept past their lease's end.
 */
package epsilon.foreign.memorypool;
