package io.rustyredis.engine.commands;

import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.metrics.CommandMetrics;

/**
 * One reading of the memory figures that INFO memory and MEMORY STATS both report, so the two
 * always agree.
 *
 * <p>{@code used} is what the data holds: the off-heap allocator's records and tables plus the heap
 * collections' own accounting. It is the figure maxmemory eviction compares, as Redis compares
 * used_memory (less its replication and AOF buffers), so {@code used_memory <= maxmemory} holds
 * here as it does there. The Java heap (the ring's pre-allocated slots, client state, garbage not
 * yet collected) does not grow with the data and is bounded by {@code -Xmx}: it is part of the
 * process's footprint, so it counts in the RSS figure, not in used_memory, and is shown on its own.
 */
public final class MemoryFigures {
  private final Keyspace keyspace;
  private final CommandMetrics metrics;
  long used;
  long heap;
  /** Bytes the off-heap allocator holds from the OS, in use or not. */
  long reserved;
  long rss;
  long peak;

  public MemoryFigures(final Keyspace keyspace, final CommandMetrics metrics) {
    this.keyspace = keyspace;
    this.metrics = metrics;
  }

  /** Reads every figure now; the peak is the highest {@code used} any reading saw. */
  MemoryFigures sample() {
    used = keyspace.usedMemory();
    heap = metrics.figures().heapUsedBytes();
    reserved = keyspace.allocator().reservedBytes();
    rss = reserved + heap;
    peak = Math.max(peak, used);
    return this;
  }
}
