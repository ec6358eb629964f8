package io.rustyredis.engine.types;

import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.memory.Bytes;
import java.util.SplittableRandom;

/**
 * A big hash (Redis's {@code OBJ_ENCODING_HT}) on the Java heap: field and value byte arrays in a
 * chained hash table, written by hand because HSCAN and HRANDFIELD need two things a {@code
 * java.util.HashMap} does not give: a cursor that survives resizes between calls, and a cheap
 * random entry.
 *
 * <p><b>The table</b> is a power-of-two array of buckets, each a chain of {@link Entry}s, exactly
 * Redis's dict with one table (the rehash is done at once instead of incrementally, since a hash
 * only gets here past {@code hash-max-listpack-entries} fields and grows by doubling). It doubles
 * when it holds more entries than buckets and halves below one entry in eight buckets.
 *
 * <p><b>The scan</b> is Redis's {@code dictScan}: the cursor names a bucket and is advanced by
 * incrementing its bits from the most significant end of the mask ("reverse binary"). With a
 * power-of-two table, the buckets a visited bucket splits into (on growth) or merges into (on
 * shrink) all map onto cursors already visited, so every entry present from the first call to the
 * last is returned at least once; an entry may come twice after a shrink, as in Redis.
 *
 * <p><b>Random entries</b> follow {@code dictGetRandomKey}: random buckets until a non-empty one,
 * then a random entry of its chain. The fill kept by the resize rules (at least one entry per eight
 * buckets) bounds the expected number of tries.
 *
 * <p><b>Memory</b> is estimated for a 64-bit JVM with compressed references: 16-byte array headers,
 * 4-byte references, objects rounded up to 8 bytes. The estimate is kept up to date on every change,
 * so {@link #memoryUsage()} is O(1); callers report the difference around a change to {@link
 * HeapValues#resized}.
 */
public final class HashTable implements HeapValues.Sized {
  /** This object's own fields: header, bucket array reference, size, byte count. */
  static final long SELF_BYTES = 32;
  /** An entry: header, field, value and next references, and the cached hash. */
  static final long ENTRY_BYTES = 32;
  private static final int MIN_BUCKETS = 4;

  private Entry[] buckets;
  private int size;
  private long bytes;

  public HashTable() {
    this(MIN_BUCKETS);
  }

  /** An empty table sized for about {@code expected} entries, so a conversion never resizes. */
  public HashTable(final int expected) {
    int capacity = MIN_BUCKETS;
    while (capacity < expected) {
      capacity <<= 1;
    }
    buckets = new Entry[capacity];
    bytes = SELF_BYTES + referenceArrayBytes(capacity);
  }

  /** One field and its value. The field never changes; the value is replaced by {@link #put}. */
  public static final class Entry {
    final byte[] field;
    byte[] value;
    final int hash;
    Entry next;

    Entry(final byte[] field, final byte[] value, final int hash) {
      this.field = field;
      this.value = value;
      this.hash = hash;
    }

    public byte[] field() {
      return field;
    }

    public byte[] value() {
      return value;
    }
  }

  /** Receives the entries of a {@link #scan} step or a {@link #forEach} walk. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(Entry entry);
  }

  public int size() {
    return size;
  }

  /** The entry for a field given as ({@code base}, {@code offset}) bytes, or null. */
  public Entry find(final Object base, final long offset, final int length) {
    final int hash = (int) Bytes.hash(base, offset, length);
    for (Entry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
      if (e.hash == hash && e.field.length == length && Bytes.equal(e.field, Bytes.ARRAY_BASE, base, offset, length)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Sets a field (copied from the given bytes when it is new) to {@code value}, which the table
   * keeps. Returns true when the field was not there before.
   */
  public boolean put(final Object base, final long offset, final int length, final byte[] value) {
    final Entry existing = find(base, offset, length);
    if (existing != null) {
      bytes += arrayBytes(value.length) - arrayBytes(existing.value.length);
      existing.value = value;
      return false;
    }
    final int hash = (int) Bytes.hash(base, offset, length);
    final Entry entry = new Entry(Bytes.toArray(base, offset, length), value, hash);
    link(buckets, entry);
    size++;
    bytes += ENTRY_BYTES + arrayBytes(length) + arrayBytes(value.length);
    if (size > buckets.length) {
      resize(buckets.length << 1);
    }
    return true;
  }

  /** Removes a field; returns false when it was not there. */
  public boolean remove(final Object base, final long offset, final int length) {
    final int hash = (int) Bytes.hash(base, offset, length);
    final int index = hash & (buckets.length - 1);
    Entry previous = null;
    for (Entry e = buckets[index]; e != null; previous = e, e = e.next) {
      if (e.hash == hash && e.field.length == length && Bytes.equal(e.field, Bytes.ARRAY_BASE, base, offset, length)) {
        if (previous == null) {
          buckets[index] = e.next;
        } else {
          previous.next = e.next;
        }
        size--;
        bytes -= ENTRY_BYTES + arrayBytes(e.field.length) + arrayBytes(e.value.length);
        if (buckets.length > MIN_BUCKETS && size < buckets.length / 8) {
          resize(buckets.length >> 1);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Visits every entry of the bucket the cursor names and returns the next cursor, 0 when the walk
   * is complete (see the class comment for the guarantee).
   */
  public long scan(final long cursor, final EntryVisitor visitor) {
    final long mask = buckets.length - 1;
    for (Entry e = buckets[(int) (cursor & mask)]; e != null; e = e.next) {
      visitor.visit(e);
    }
    long v = cursor | ~mask;
    v = Long.reverse(v);
    v++;
    v = Long.reverse(v);
    return v & 0xFFFFFFFFL;
  }

  /** Visits every entry once, in bucket order; the visitor must not change the table. */
  public void forEach(final EntryVisitor visitor) {
    for (final Entry head : buckets) {
      for (Entry e = head; e != null; e = e.next) {
        visitor.visit(e);
      }
    }
  }

  /** A random entry, or null when the table is empty. */
  public Entry random(final SplittableRandom random) {
    if (size == 0) {
      return null;
    }
    Entry head;
    do {
      head = buckets[random.nextInt(buckets.length)];
    } while (head == null);
    int chain = 0;
    for (Entry e = head; e != null; e = e.next) {
      chain++;
    }
    Entry e = head;
    for (int skip = random.nextInt(chain); skip > 0; skip--) {
      e = e.next;
    }
    return e;
  }

  @Override
  public long memoryUsage() {
    return bytes;
  }

  @Override
  public HashTable duplicate() {
    final HashTable copy = new HashTable(buckets.length);
    forEach(e -> copy.put(e.field, Bytes.ARRAY_BASE, e.field.length, e.value.clone()));
    return copy;
  }

  private void resize(final int capacity) {
    final Entry[] grown = new Entry[capacity];
    for (final Entry head : buckets) {
      Entry e = head;
      while (e != null) {
        final Entry next = e.next;
        link(grown, e);
        e = next;
      }
    }
    bytes += referenceArrayBytes(capacity) - referenceArrayBytes(buckets.length);
    buckets = grown;
  }

  private static void link(final Entry[] table, final Entry entry) {
    final int index = entry.hash & (table.length - 1);
    entry.next = table[index];
    table[index] = entry;
  }

  /** Heap bytes of a {@code byte[]} of the given length. */
  static long arrayBytes(final int length) {
    return (16 + (long) length + 7) & ~7L;
  }

  /** Heap bytes of an array of {@code length} compressed references. */
  static long referenceArrayBytes(final int length) {
    return (16 + 4L * length + 7) & ~7L;
  }
}
