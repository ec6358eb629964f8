package io.rustyredis.engine.keyspace;

import io.rustyredis.engine.memory.Bytes;
import org.agrona.UnsafeApi;

/**
 * The compact encoding of small collections, kept in the record's own value bytes off-heap, as
 * Redis keeps small hashes, sorted sets and lists in a listpack: one contiguous run of entries
 * instead of a node per element.
 *
 * <pre>
 *   value:  int32 count | entry | entry | ...
 *   entry:  int32 length | length bytes
 * </pre>
 *
 * <p>Entries are addressed by their byte offset from the start of the value; offsets stay valid
 * when the record moves (growth goes through {@link Database#reserve}), but not across an insert
 * or delete before them. Every operation is linear, which is the point: below Redis's thresholds
 * ({@code hash-max-listpack-entries} and friends) a scan of a few hundred bytes beats a hash or a
 * tree on cache misses and on memory. Hashes store field, value, field, value; sorted sets member,
 * score, ordered by score then member; lists the elements in order.
 *
 * <p>Unlike Redis's listpack we spend 4 bytes on each length instead of a varint and do not encode
 * integers specially: simpler, a little bigger, and accounted for in the memory we report.
 */
public final class Listpack {
  /** Bytes before the first entry (the count). */
  public static final int HEADER = 4;
  /** Bytes of an entry besides its contents (the length). */
  public static final int ENTRY_OVERHEAD = 4;

  private Listpack() {}

  /** A new key holding an empty listpack with room for {@code capacity} bytes of entries. */
  public static long create(
      final Database db, final Object keyBase, final long keyOffset, final int keyLength,
      final byte type, final byte encoding, final int capacity) {
    final long record = db.insert(keyBase, keyOffset, keyLength, type, HEADER, HEADER + (long) capacity);
    Record.encoding(record, encoding);
    UnsafeApi.putInt(Record.valueAddress(record), 0);
    return record;
  }

  public static int count(final long record) {
    return UnsafeApi.getInt(Record.valueAddress(record));
  }

  /** Offset of the first entry; equal to {@link #end} when empty. */
  public static int first() {
    return HEADER;
  }

  /** Offset just past the last entry. */
  public static int end(final long record) {
    return Record.valueLength(record);
  }

  /** Offset of the entry after the one at {@code entry}. */
  public static int next(final long record, final int entry) {
    return entry + ENTRY_OVERHEAD + length(record, entry);
  }

  /** Length of the entry's contents. */
  public static int length(final long record, final int entry) {
    return UnsafeApi.getInt(Record.valueAddress(record) + entry);
  }

  /** Native address of the entry's contents. */
  public static long address(final long record, final int entry) {
    return Record.valueAddress(record) + entry + ENTRY_OVERHEAD;
  }

  /** Offset of the {@code index}-th entry (0-based), walking from the start. */
  public static int offsetOf(final long record, final int index) {
    int entry = HEADER;
    for (int i = 0; i < index; i++) {
      entry = next(record, entry);
    }
    return entry;
  }

  /** True when the entry holds exactly the given bytes. */
  public static boolean equals(final long record, final int entry, final Object base, final long offset, final int length) {
    return length(record, entry) == length && Bytes.equal(null, address(record, entry), base, offset, length);
  }

  /**
   * Offset of the first entry at or after {@code from}, looking only at every {@code stride}-th
   * entry (2 for the fields of a hash or the members of a sorted set), that holds the given bytes;
   * -1 when none does.
   */
  public static int find(
      final long record, final int from, final int stride, final Object base, final long offset, final int length) {
    final int end = end(record);
    int entry = from;
    while (entry < end) {
      if (equals(record, entry, base, offset, length)) {
        return entry;
      }
      for (int i = 0; i < stride && entry < end; i++) {
        entry = next(record, entry);
      }
    }
    return -1;
  }

  /**
   * Inserts an entry at offset {@code at} (an entry's offset, or {@link #end} to append). Returns
   * the record, which may have moved.
   */
  public static long insert(
      final Database db, final long record, final int at, final Object base, final long offset, final int length) {
    final int oldLength = Record.valueLength(record);
    final long newLength = (long) oldLength + ENTRY_OVERHEAD + length;
    final long moved = db.reserve(record, grow(Record.valueCapacity(record), newLength), oldLength);
    final long value = Record.valueAddress(moved);
    Bytes.copy(null, value + at, null, value + at + ENTRY_OVERHEAD + length, oldLength - at);
    UnsafeApi.putInt(value + at, length);
    Bytes.copy(base, offset, null, value + at + ENTRY_OVERHEAD, length);
    Record.valueLength(moved, (int) newLength);
    UnsafeApi.putInt(value, UnsafeApi.getInt(value) + 1);
    return moved;
  }

  /** Removes the entry at offset {@code at}. The record does not move. */
  public static void delete(final long record, final int at) {
    final long value = Record.valueAddress(record);
    final int oldLength = Record.valueLength(record);
    final int next = next(record, at);
    Bytes.copy(null, value + next, null, value + at, oldLength - next);
    Record.valueLength(record, oldLength - (next - at));
    UnsafeApi.putInt(value, UnsafeApi.getInt(value) - 1);
  }

  /** Replaces the contents of the entry at {@code at}. Returns the record, which may have moved. */
  public static long replace(
      final Database db, final long record, final int at, final Object base, final long offset, final int length) {
    final int oldEntry = length(record, at);
    if (oldEntry == length) {
      Bytes.copy(base, offset, null, address(record, at), length);
      return record;
    }
    delete(record, at);
    return insert(db, record, at, base, offset, length);
  }

  /** Geometric growth, so appending n entries one by one moves the record O(log n) times. */
  private static long grow(final long currentCapacity, final long needed) {
    return needed <= currentCapacity ? currentCapacity : Math.max(needed, currentCapacity + (currentCapacity >> 1));
  }
}
