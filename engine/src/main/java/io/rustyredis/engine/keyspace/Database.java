package io.rustyredis.engine.keyspace;

import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.memory.OffHeapAllocator;
import java.util.SplittableRandom;
import org.agrona.UnsafeApi;

/**
 * One of the numbered databases: a hash table of {@link Record}s in native memory, plus the list
 * of keys that carry a deadline.
 *
 * <p><b>The table</b> is Redis's dict made flat: a power-of-two array of bucket heads, each a chain
 * of records linked through their {@code next} field. Chaining (rather than open addressing) is
 * what makes Redis's SCAN guarantee cheap: with a power-of-two table, a cursor that walks bucket
 * indexes in reversed-bit order visits every key that stayed in the table from the first call to
 * the last, even if the table grows or shrinks in between (see {@link #scan}). The table doubles
 * when it holds as many keys as buckets and halves below one key in eight buckets; the rehash is
 * done at once rather than incrementally, a pause that grows with the table (an issue note tracks
 * making it incremental, as Redis does).
 *
 * <p><b>Keys with a deadline</b> are also kept in a dense array of record addresses, each record
 * remembering its slot, so that the active expiry cycle can sample them uniformly (as Redis samples
 * its {@code expires} dict) and removal is a swap with the last slot.
 *
 * <p>Expiry decisions belong to {@link Keyspace}; the clock is here only to stamp a new record's
 * access time (OBJECT IDLETIME counts from the write).
 */
public final class Database {
  private static final int MIN_BUCKETS = 16;

  private final OffHeapAllocator allocator;
  private final HeapValues heapValues;
  private final EventClock clock;
  private int index;
  private KeyListener listener;
  private long buckets;
  private int bucketCount;
  private long size;
  /** What new records are marked with: the running snapshot must skip keys born after it began. */
  private byte snapshotMark;
  /** A snapshot is walking the buckets in index order, which a halving would make it skip. */
  private boolean holdShrink;

  private long volatileKeys;
  private int volatileCapacity;
  private int volatileCount;

  Database(final OffHeapAllocator allocator, final HeapValues heapValues, final EventClock clock) {
    this.allocator = allocator;
    this.heapValues = heapValues;
    this.clock = clock;
    this.bucketCount = MIN_BUCKETS;
    this.buckets = allocateZeroed(MIN_BUCKETS);
  }

  /** Which number this database answers to now (SWAPDB changes it) and whom to tell of new keys. */
  void attach(final int index, final KeyListener listener) {
    this.index = index;
    this.listener = listener;
  }

  /** Marks records inserted from now on (see {@link Keyspace#beginSnapshot}). */
  void snapshotMark(final byte mark) {
    snapshotMark = mark;
  }

  /**
   * Keeps the table from halving while a snapshot walks it bucket by bucket: a halving folds
   * buckets not yet walked into ones already walked. Doubling is harmless to that walk (a bucket
   * not yet walked splits into two that are both still ahead) and stays allowed, so the chains
   * never grow long; what doubling moves ahead from behind the walk is already marked and skipped.
   */
  void holdShrink(final boolean hold) {
    holdShrink = hold;
  }

  /** Number of keys, expired or not. */
  public long size() {
    return size;
  }

  /** Number of keys that carry a deadline. */
  /** Bytes of the key table's bucket array: MEMORY STATS's overhead.hashtable.main. */
  public long tableBytes() {
    return 8L * bucketCount;
  }

  /** Bytes of the index of keys with a deadline: MEMORY STATS's overhead.hashtable.expires. */
  public long expiresBytes() {
    return 8L * volatileCapacity;
  }

  public int volatileCount() {
    return volatileCount;
  }

  /** The record for a key, or 0; expiry is not considered here. */
  public long find(final Object keyBase, final long keyOffset, final int keyLength) {
    final int hash = (int) Bytes.hash(keyBase, keyOffset, keyLength);
    long record = UnsafeApi.getLong(bucketAddress(hash));
    while (record != 0) {
      if (Record.hash(record) == hash
          && Record.keyLength(record) == keyLength
          && Bytes.equal(keyBase, keyOffset, null, Record.keyAddress(record), keyLength)) {
        return record;
      }
      record = Record.next(record);
    }
    return 0;
  }

  /**
   * Adds a record for a key that is not in the table, with room for {@code valueCapacity} value
   * bytes; the value length starts at {@code valueLength} and its bytes are the caller's to write.
   */
  public long insert(
      final Object keyBase, final long keyOffset, final int keyLength,
      final byte type, final int valueLength, final long valueCapacity) {
    final long wanted = Record.HEADER + (long) keyLength + valueCapacity;
    final long allocated = OffHeapAllocator.blockSize(wanted);
    final long record = allocator.allocate(allocated);
    final int hash = (int) Bytes.hash(keyBase, keyOffset, keyLength);
    UnsafeApi.putLong(record + Record.EXPIRE_AT, Record.NO_EXPIRY);
    UnsafeApi.putInt(record + Record.HASH, hash);
    UnsafeApi.putInt(record + Record.KEY_LENGTH, keyLength);
    UnsafeApi.putInt(record + Record.VALUE_LENGTH, valueLength);
    UnsafeApi.putInt(record + Record.ALLOCATED, (int) Math.min(allocated, Integer.MAX_VALUE));
    UnsafeApi.putByte(record + Record.TYPE, type);
    UnsafeApi.putByte(record + Record.ENCODING, Record.ENCODING_RAW);
    UnsafeApi.putByte(record + Record.LFU, (byte) Keyspace.LFU_INIT_VAL);
    UnsafeApi.putByte(record + Record.SNAPSHOT_MARK, snapshotMark);
    UnsafeApi.putInt(record + Record.VOLATILE_SLOT, -1);
    UnsafeApi.putLong(record + Record.ACCESS_TIME, clock.now());
    Bytes.copy(keyBase, keyOffset, null, record + Record.HEADER, keyLength);
    link(record);
    size++;
    if (size > bucketCount) {
      rehash(bucketCount << 1);
    }
    if (listener != null) {
      listener.keyAdded(index, record);
    }
    return record;
  }

  /**
   * Makes room for {@code valueCapacity} value bytes, moving the record if it must; the key, the
   * deadline and the first {@code keep} value bytes survive. Returns the record's address, which
   * the caller must use from now on.
   */
  public long reserve(final long record, final long valueCapacity, final int keep) {
    if (Record.valueCapacity(record) >= valueCapacity) {
      return record;
    }
    final int keyLength = Record.keyLength(record);
    final long allocated = OffHeapAllocator.blockSize(Record.HEADER + keyLength + valueCapacity);
    final long moved = allocator.allocate(allocated);
    Bytes.copy(null, record, null, moved, Record.HEADER + keyLength + (long) keep);
    UnsafeApi.putInt(moved + Record.ALLOCATED, (int) Math.min(allocated, Integer.MAX_VALUE));
    replaceInChain(record, moved);
    final int slot = Record.volatileSlot(moved);
    if (slot >= 0) {
      UnsafeApi.putLong(volatileKeys + 8L * slot, moved);
    }
    allocator.free(record, Record.allocated(record));
    return moved;
  }

  /** Unlinks and frees a record and its value. */
  public void delete(final long record) {
    if (Record.onHeap(record)) {
      heapValues.remove(Record.handle(record));
    }
    forget(record);
  }

  /**
   * Unlinks and frees a record but not a heap value it points to: for RENAME and MOVE, where a new
   * record has taken the value over.
   */
  public void forget(final long record) {
    unlink(record);
    forgetDeadline(record);
    allocator.free(record, Record.allocated(record));
    size--;
    if (bucketCount > MIN_BUCKETS && size < bucketCount / 8 && !holdShrink) {
      rehash(bucketCount >> 1);
    }
  }

  /** Sets or clears ({@link Record#NO_EXPIRY}) the record's deadline. */
  public void expireAt(final long record, final long at) {
    Record.expireAtRaw(record, at);
    if (at == Record.NO_EXPIRY) {
      forgetDeadline(record);
    } else if (Record.volatileSlot(record) < 0) {
      rememberDeadline(record);
    }
  }

  /** A uniformly chosen key with a deadline, or 0 when there is none. */
  public long sampleVolatile(final SplittableRandom random) {
    return volatileCount == 0 ? 0 : UnsafeApi.getLong(volatileKeys + 8L * random.nextInt(volatileCount));
  }

  /**
   * A random key, or 0 when empty. As Redis does, pick random buckets until one is not empty, then
   * a random record of its chain: cheap, and close enough to uniform at our load factors.
   */
  public long randomKey(final SplittableRandom random) {
    if (size == 0) {
      return 0;
    }
    long head;
    do {
      head = UnsafeApi.getLong(buckets + 8L * random.nextInt(bucketCount));
    } while (head == 0);
    int length = 0;
    for (long r = head; r != 0; r = Record.next(r)) {
      length++;
    }
    long record = head;
    for (int skip = random.nextInt(length); skip > 0; skip--) {
      record = Record.next(record);
    }
    return record;
  }

  /**
   * Visits every record of the bucket the cursor names and returns the next cursor, 0 when the
   * walk is done. This is Redis's {@code dictScan}: the cursor's bits are advanced from the most
   * significant end ("reverse binary increment"), so buckets that split or merge in a resize map
   * onto cursors not yet visited, and every key present throughout is returned at least once.
   */
  public long scan(final long cursor, final RecordVisitor visitor) {
    final long mask = bucketCount - 1;
    long record = UnsafeApi.getLong(buckets + 8L * (cursor & mask));
    while (record != 0) {
      final long next = Record.next(record);
      visitor.visit(record);
      record = next;
    }
    long v = cursor | ~mask;
    v = Long.reverse(v);
    v++;
    v = Long.reverse(v);
    return v & 0xFFFFFFFFL;
  }

  /** Frees every record; the table returns to its minimum size. */
  public void clear() {
    for (int i = 0; i < bucketCount; i++) {
      long record = UnsafeApi.getLong(buckets + 8L * i);
      while (record != 0) {
        final long next = Record.next(record);
        if (Record.onHeap(record)) {
          heapValues.remove(Record.handle(record));
        }
        allocator.free(record, Record.allocated(record));
        record = next;
      }
    }
    allocator.free(buckets, 8L * bucketCount);
    bucketCount = MIN_BUCKETS;
    buckets = allocateZeroed(MIN_BUCKETS);
    size = 0;
    volatileCount = 0;
  }

  private void link(final long record) {
    final long bucket = bucketAddress(Record.hash(record));
    Record.next(record, UnsafeApi.getLong(bucket));
    UnsafeApi.putLong(bucket, record);
  }

  private void unlink(final long record) {
    final long bucket = bucketAddress(Record.hash(record));
    long current = UnsafeApi.getLong(bucket);
    if (current == record) {
      UnsafeApi.putLong(bucket, Record.next(record));
      return;
    }
    while (Record.next(current) != record) {
      current = Record.next(current);
    }
    Record.next(current, Record.next(record));
  }

  private void replaceInChain(final long old, final long replacement) {
    final long bucket = bucketAddress(Record.hash(old));
    long current = UnsafeApi.getLong(bucket);
    if (current == old) {
      UnsafeApi.putLong(bucket, replacement);
      return;
    }
    while (Record.next(current) != old) {
      current = Record.next(current);
    }
    Record.next(current, replacement);
  }

  private void rehash(final int newCount) {
    final long oldBuckets = buckets;
    final int oldCount = bucketCount;
    buckets = allocateZeroed(newCount);
    bucketCount = newCount;
    for (int i = 0; i < oldCount; i++) {
      long record = UnsafeApi.getLong(oldBuckets + 8L * i);
      while (record != 0) {
        final long next = Record.next(record);
        link(record);
        record = next;
      }
    }
    allocator.free(oldBuckets, 8L * oldCount);
  }

  private long bucketAddress(final int hash) {
    return buckets + 8L * (hash & (bucketCount - 1));
  }

  private long allocateZeroed(final int count) {
    final long address = allocator.allocate(8L * count);
    UnsafeApi.setMemory(address, 8L * count, (byte) 0);
    return address;
  }

  private void rememberDeadline(final long record) {
    if (volatileCount == volatileCapacity) {
      final int capacity = Math.max(16, volatileCapacity << 1);
      final long grown = allocator.allocate(8L * capacity);
      if (volatileKeys != 0) {
        Bytes.copy(null, volatileKeys, null, grown, 8L * volatileCount);
        allocator.free(volatileKeys, 8L * volatileCapacity);
      }
      volatileKeys = grown;
      volatileCapacity = capacity;
    }
    UnsafeApi.putLong(volatileKeys + 8L * volatileCount, record);
    Record.volatileSlot(record, volatileCount);
    volatileCount++;
  }

  private void forgetDeadline(final long record) {
    final int slot = Record.volatileSlot(record);
    if (slot < 0) {
      return;
    }
    volatileCount--;
    final long last = UnsafeApi.getLong(volatileKeys + 8L * volatileCount);
    UnsafeApi.putLong(volatileKeys + 8L * slot, last);
    Record.volatileSlot(last, slot);
    Record.volatileSlot(record, -1);
  }

  /** Receives the records of a {@link #scan} step. */
  @FunctionalInterface
  public interface RecordVisitor {
    void visit(long record);
  }
}
