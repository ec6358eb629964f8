package io.rustyredis.engine.keyspace;

import io.rustyredis.engine.memory.Bytes;
import org.agrona.UnsafeApi;

/**
 * The compact encoding of small all-integer sets, kept in the record's own value bytes off-heap, as
 * Redis keeps them in an {@code intset}: a sorted array of integers, searched by bisection.
 *
 * <pre>
 *   value:  int64 | int64 | ...      ascending, no duplicates; count = valueLength / 8
 * </pre>
 *
 * <p>Redis narrows the array to 16 or 32 bits while every member fits; we always spend 8 bytes a
 * member: one code path, no upgrade step, and the difference is accounted in the memory we report.
 * Insert and delete shift the tail, which is linear but a single memmove over at most {@code
 * set-max-intset-entries} (512) members, and allocation-free while the record has room.
 */
public final class Intset {
  /** Bytes per member. */
  public static final int ENTRY = 8;

  private Intset() {}

  /** A new key holding an empty intset with room for {@code capacity} members. */
  public static long create(
      final Database db, final Object keyBase, final long keyOffset, final int keyLength, final int capacity) {
    final long record = db.insert(keyBase, keyOffset, keyLength, Record.TYPE_SET, 0, (long) ENTRY * capacity);
    Record.encoding(record, Record.ENCODING_INTSET);
    return record;
  }

  public static int count(final long record) {
    return Record.valueLength(record) / ENTRY;
  }

  /** The member at {@code index} (0-based, ascending order). */
  public static long get(final long record, final int index) {
    return UnsafeApi.getLong(Record.valueAddress(record) + (long) ENTRY * index);
  }

  /**
   * The index of {@code value}, or {@code -(insertionPoint) - 1} when absent, as {@link
   * java.util.Arrays#binarySearch(long[], long)} answers.
   */
  public static int search(final long record, final long value) {
    final long base = Record.valueAddress(record);
    int low = 0;
    int high = count(record) - 1;
    while (low <= high) {
      final int mid = (low + high) >>> 1;
      final long probe = UnsafeApi.getLong(base + (long) ENTRY * mid);
      if (probe < value) {
        low = mid + 1;
      } else if (probe > value) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  public static boolean contains(final long record, final long value) {
    return search(record, value) >= 0;
  }

  /**
   * Inserts {@code value} at {@code index}, the insertion point {@link #search} reported. Returns
   * the record, which may have moved.
   */
  public static long insertAt(final Database db, final long record, final int index, final long value) {
    final int oldLength = Record.valueLength(record);
    final long newLength = (long) oldLength + ENTRY;
    final long capacity = Record.valueCapacity(record);
    final long moved = newLength <= capacity
        ? record
        : db.reserve(record, Math.max(newLength, capacity + (capacity >> 1)), oldLength);
    final long base = Record.valueAddress(moved);
    final long at = base + (long) ENTRY * index;
    Bytes.copy(null, at, null, at + ENTRY, oldLength - (long) ENTRY * index);
    UnsafeApi.putLong(at, value);
    Record.valueLength(moved, (int) newLength);
    return moved;
  }

  /** Removes the member at {@code index}. The record does not move. */
  public static void deleteAt(final long record, final int index) {
    final int oldLength = Record.valueLength(record);
    final long at = Record.valueAddress(record) + (long) ENTRY * index;
    Bytes.copy(null, at + ENTRY, null, at, oldLength - (long) ENTRY * (index + 1));
    Record.valueLength(record, oldLength - ENTRY);
  }
}
