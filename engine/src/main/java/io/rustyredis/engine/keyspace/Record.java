package io.rustyredis.engine.keyspace;

import org.agrona.UnsafeApi;

/**
 * The layout of one key in native memory; every key of every type is one such record.
 *
 * <pre>
 *   0  long  next         next record in the same hash bucket (0 ends the chain)
 *   8  long  expireAt     absolute deadline in unix milliseconds, or NO_EXPIRY
 *  16  int   hash         low bits of the key's hash, kept so a rehash never rehashes
 *  20  int   keyLength
 *  24  int   valueLength  bytes of the value that follows the key (strings), or of the handle
 *  28  int   allocated    bytes allocated for the whole record, so values can grow in place
 *  32  byte  type         one of the TYPE_ constants
 *  33  byte  encoding     what OBJECT ENCODING reports, one of the ENCODING_ constants
 *  34  byte  lfu          Redis's 8-bit logarithmic access counter (LFU policies); its decay is
 *                         counted from accessTime, which is Redis's "last decrement time" too
 *  35  byte  snapshotMark equal to the database's mark once a running snapshot has this key
 *  36  int   volatileSlot index in the database's list of keys with a deadline, or -1
 *  40  long  accessTime   unix milliseconds of the last access, for OBJECT IDLETIME and LRU
 *  48  key bytes, then value bytes
 * </pre>
 *
 * <p>A flat header instead of a Java object per key is the point: ten million keys are ten million
 * records off-heap and no objects for the garbage collector to trace.
 */
public final class Record {
  public static final long NO_EXPIRY = -1;

  // Types, numbered as Redis numbers them (OBJ_STRING ... OBJ_HASH), which is also RDB's order.
  public static final byte TYPE_STRING = 0;
  public static final byte TYPE_LIST = 1;
  public static final byte TYPE_SET = 2;
  public static final byte TYPE_ZSET = 3;
  public static final byte TYPE_HASH = 4;

  // Encodings of values held in the record's own bytes (off-heap).
  public static final byte ENCODING_RAW = 0;
  public static final byte ENCODING_INT = 1;
  public static final byte ENCODING_EMBSTR = 2;
  /** A compact {@link io.rustyredis.engine.keyspace.Listpack}: small hashes and sorted sets. */
  public static final byte ENCODING_LISTPACK = 3;
  /** A sorted array of 64-bit integers: small sets of integers. */
  public static final byte ENCODING_INTSET = 4;
  /** A small list in a Listpack; Redis 7.0 calls every list "quicklist", so OBJECT ENCODING does too. */
  public static final byte ENCODING_QUICKLIST_PACKED = 5;

  // Encodings of values held on the Java heap: the record's value is a HeapValues handle.
  public static final byte ENCODING_HASHTABLE = 16;
  public static final byte ENCODING_SKIPLIST = 17;
  public static final byte ENCODING_QUICKLIST = 18;

  static final int NEXT = 0;
  static final int EXPIRE_AT = 8;
  static final int HASH = 16;
  static final int KEY_LENGTH = 20;
  static final int VALUE_LENGTH = 24;
  static final int ALLOCATED = 28;
  static final int TYPE = 32;
  static final int ENCODING = 33;
  static final int LFU = 34;
  static final int SNAPSHOT_MARK = 35;
  static final int VOLATILE_SLOT = 36;
  static final int ACCESS_TIME = 40;
  static final int HEADER = 48;

  private Record() {}

  /** True when the value is a handle into {@link HeapValues} rather than bytes in the record. */
  public static boolean onHeap(final long record) {
    return encoding(record) >= ENCODING_HASHTABLE;
  }

  /** The {@link HeapValues} handle of a value that is {@link #onHeap}. */
  public static long handle(final long record) {
    return UnsafeApi.getLong(valueAddress(record));
  }

  /** Points a record (whose value has room for 8 bytes) at a {@link HeapValues} handle. */
  public static void handle(final long record, final long handle) {
    UnsafeApi.putLong(valueAddress(record), handle);
    valueLength(record, 8);
  }

  public static long expireAt(final long record) {
    return UnsafeApi.getLong(record + EXPIRE_AT);
  }

  public static int keyLength(final long record) {
    return UnsafeApi.getInt(record + KEY_LENGTH);
  }

  /** Native address of the first key byte. */
  public static long keyAddress(final long record) {
    return record + HEADER;
  }

  public static int valueLength(final long record) {
    return UnsafeApi.getInt(record + VALUE_LENGTH);
  }

  /** Native address of the first value byte. */
  public static long valueAddress(final long record) {
    return record + HEADER + UnsafeApi.getInt(record + KEY_LENGTH);
  }

  /** How many value bytes fit without moving the record. */
  public static long valueCapacity(final long record) {
    return UnsafeApi.getInt(record + ALLOCATED) - HEADER - (long) keyLength(record);
  }

  /** Changes the value's length in place; the caller stays within {@link #valueCapacity}. */
  public static void valueLength(final long record, final int length) {
    UnsafeApi.putInt(record + VALUE_LENGTH, length);
  }

  public static byte type(final long record) {
    return UnsafeApi.getByte(record + TYPE);
  }

  public static byte encoding(final long record) {
    return UnsafeApi.getByte(record + ENCODING);
  }

  public static void encoding(final long record, final byte encoding) {
    UnsafeApi.putByte(record + ENCODING, encoding);
  }

  /** The LFU counter as stored, 0..255, before any decay for idle time. */
  public static int lfu(final long record) {
    return UnsafeApi.getByte(record + LFU) & 0xFF;
  }

  public static void lfu(final long record, final int counter) {
    UnsafeApi.putByte(record + LFU, (byte) counter);
  }

  /**
   * The background snapshot's mark: a record whose mark equals the keyspace's current one was
   * written by the running snapshot or born after it began (see {@link Keyspace#beginSnapshot}).
   */
  public static byte snapshotMark(final long record) {
    return UnsafeApi.getByte(record + SNAPSHOT_MARK);
  }

  public static void snapshotMark(final long record, final byte mark) {
    UnsafeApi.putByte(record + SNAPSHOT_MARK, mark);
  }

  public static long accessTime(final long record) {
    return UnsafeApi.getLong(record + ACCESS_TIME);
  }

  public static void accessTime(final long record, final long millis) {
    UnsafeApi.putLong(record + ACCESS_TIME, millis);
  }

  static long next(final long record) {
    return UnsafeApi.getLong(record + NEXT);
  }

  static void next(final long record, final long next) {
    UnsafeApi.putLong(record + NEXT, next);
  }

  static int hash(final long record) {
    return UnsafeApi.getInt(record + HASH);
  }

  /** Bytes allocated for the whole record (header, key and value capacity), for MEMORY USAGE. */
  public static int allocated(final long record) {
    return UnsafeApi.getInt(record + ALLOCATED);
  }

  static int volatileSlot(final long record) {
    return UnsafeApi.getInt(record + VOLATILE_SLOT);
  }

  static void volatileSlot(final long record, final int slot) {
    UnsafeApi.putInt(record + VOLATILE_SLOT, slot);
  }

  static void expireAtRaw(final long record, final long at) {
    UnsafeApi.putLong(record + EXPIRE_AT, at);
  }
}
