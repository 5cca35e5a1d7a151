/**
 * Pools of native memory in size classes, with reuse, statistics, thread safety and a {@link java.lang.foreign.SegmentAllocator} face.
 *
 * <p>Depends on {@code java.base} only.
 */
package epsilon.foreign.memorypool;
