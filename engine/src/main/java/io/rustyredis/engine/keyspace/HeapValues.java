package io.rustyredis.engine.keyspace;

/**
 * The Java objects behind collections too big for a compact off-heap encoding (a big hash, set,
 * sorted set or list). A record whose value lives here holds an 8-byte handle instead of bytes.
 *
 * <p>Why some values live on the heap at all: a skiplist or a hash table of a million members is
 * pointer-chasing code that the JVM runs well and that would take an allocator and a garbage
 * story of its own off-heap. Small collections, which are most keys in most workloads, stay
 * off-heap in compact encodings; only the few big ones become objects here, so the heap grows with
 * the number of big collections, not with the number of keys. (See the engine README.)
 *
 * <p>Handles are slot indexes into one array with a free list, so a value is found in O(1) and no
 * map entry is allocated per value. Each value reports its size ({@link Sized}) so that {@code
 * used_memory} and {@code MEMORY USAGE} stay truthful.
 */
public final class HeapValues {
  /**
   * A heap value that knows roughly how many bytes it holds, for memory accounting. Its answer must
   * always equal its size when added plus the deltas it has reported through {@link #resized}.
   */
  public interface Sized {
    long memoryUsage();

    /** An independent deep copy, for COPY. */
    Sized duplicate();
  }

  private Object[] values = new Object[64];
  private int[] freeSlots = new int[64];
  private int freeCount;
  private int used;
  private long bytes;

  /** Stores a value and returns its handle. */
  public long add(final Sized value) {
    final int slot;
    if (freeCount > 0) {
      slot = freeSlots[--freeCount];
    } else {
      if (used == values.length) {
        values = java.util.Arrays.copyOf(values, used * 2);
      }
      slot = used++;
    }
    values[slot] = value;
    bytes += value.memoryUsage();
    return slot;
  }

  /** The value behind a handle. */
  public Object get(final long handle) {
    return values[(int) handle];
  }

  /** Drops a value: its key was deleted or its collection shrank back to a compact encoding. */
  public void remove(final long handle) {
    final Sized value = (Sized) values[(int) handle];
    bytes -= value.memoryUsage();
    values[(int) handle] = null;
    if (freeCount == freeSlots.length) {
      freeSlots = java.util.Arrays.copyOf(freeSlots, freeCount * 2);
    }
    freeSlots[freeCount++] = (int) handle;
  }

  /** Records that a value grew or shrank by {@code delta} bytes. Values call this as they change. */
  public void resized(final long delta) {
    bytes += delta;
  }

  /** Bytes held by all heap values, by their own estimates. */
  public long bytes() {
    return bytes;
  }
}
