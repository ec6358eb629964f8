package io.rustyredis.engine.types;

import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.memory.Bytes;
import java.util.Arrays;

/**
 * A set of byte strings on the heap: the {@code hashtable} encoding of Redis's sets.
 *
 * <p>Members live in a dense array ({@code members[0 .. size)}), so a uniformly random member is
 * one array read (SPOP, SRANDMEMBER) and iteration touches no empty slots. Lookup goes through a
 * chained hash table laid over the same indexes: {@code buckets[h & mask]} holds the first dense
 * index of a chain and {@code next[i]} the following one, all in primitive arrays (no node objects).
 * Removing a member moves the last one into its dense slot and repoints the one chain link that
 * named it. The dense arrays grow by half and shrink by half below a quarter full, so a set that
 * was big once does not keep its memory.
 *
 * <p>The bucket array is a power of two, doubled when members outnumber buckets and halved below
 * one member in eight buckets, so {@link #scan} can use Redis's reverse-binary cursor: every member
 * present from the first SSCAN call to the last is returned at least once, across any resizes.
 *
 * <p>{@link #memoryUsage} is an estimate of the JVM's footprint (array headers, references, the
 * member arrays rounded to 8 bytes) kept up to date as the table changes; callers report the
 * difference around each change to {@link HeapValues#resized}.
 */
public final class MemberTable implements HeapValues.Sized {
  private static final int MIN_BUCKETS = 4;
  /** Object header plus the fields of this class. */
  private static final long SELF = 64;
  /** Header of an array object. */
  private static final long ARRAY_HEADER = 16;

  private byte[][] members;
  private int[] hashes;
  private int[] next;
  private int[] buckets;
  private int size;
  private long memberBytes;

  public MemberTable() {
    this(MIN_BUCKETS);
  }

  /** An empty table sized for about {@code expected} members. */
  public MemberTable(final int expected) {
    final int capacity = Math.max(MIN_BUCKETS, expected);
    members = new byte[capacity][];
    hashes = new int[capacity];
    next = new int[capacity];
    buckets = newBuckets(Integer.highestOneBit(capacity - 1) << 1);
  }

  public int size() {
    return size;
  }

  /** The member at dense index {@code index}, 0 to {@link #size} - 1. Not to be modified. */
  public byte[] member(final int index) {
    return members[index];
  }

  public boolean contains(final Object base, final long offset, final int length) {
    return find(base, offset, length, (int) Bytes.hash(base, offset, length)) >= 0;
  }

  public boolean contains(final byte[] member) {
    return contains(member, Bytes.ARRAY_BASE, member.length);
  }

  /** Adds a copy of the bytes; false when already present. */
  public boolean add(final Object base, final long offset, final int length) {
    final int hash = (int) Bytes.hash(base, offset, length);
    if (find(base, offset, length, hash) >= 0) {
      return false;
    }
    insert(Bytes.toArray(base, offset, length), hash);
    return true;
  }

  /** Adds the array itself (the table keeps it); false when already present. */
  public boolean add(final byte[] member) {
    final int hash = (int) Bytes.hash(member, Bytes.ARRAY_BASE, member.length);
    if (find(member, Bytes.ARRAY_BASE, member.length, hash) >= 0) {
      return false;
    }
    insert(member, hash);
    return true;
  }

  public boolean remove(final Object base, final long offset, final int length) {
    final int index = find(base, offset, length, (int) Bytes.hash(base, offset, length));
    if (index < 0) {
      return false;
    }
    removeAt(index);
    return true;
  }

  /** Removes the member at dense index {@code index}; the last member takes its index. */
  public void removeAt(final int index) {
    unlink(index);
    memberBytes -= arrayBytes(members[index].length);
    final int last = size - 1;
    if (index != last) {
      repoint(last, index);
      members[index] = members[last];
      hashes[index] = hashes[last];
      next[index] = next[last];
    }
    members[last] = null;
    size = last;
    if (members.length > MIN_BUCKETS && size < members.length / 4) {
      resize(Math.max(MIN_BUCKETS, members.length / 2));
    }
    if (buckets.length > MIN_BUCKETS && size < buckets.length / 8) {
      rehash(buckets.length >> 1);
    }
  }

  /**
   * Visits the members of the bucket the cursor names and returns the next cursor, 0 when the walk
   * is done: Redis's {@code dictScan} over a single table (see the class comment).
   */
  public long scan(final long cursor, final MemberVisitor visitor) {
    final long mask = buckets.length - 1;
    for (int i = buckets[(int) (cursor & mask)]; i >= 0; i = next[i]) {
      visitor.visit(members[i]);
    }
    long v = cursor | ~mask;
    v = Long.reverse(v);
    v++;
    v = Long.reverse(v);
    return v;
  }

  @Override
  public long memoryUsage() {
    return SELF + memberBytes
        + ARRAY_HEADER + 8L * members.length
        + 2 * (ARRAY_HEADER + 4L * hashes.length)
        + ARRAY_HEADER + 4L * buckets.length;
  }

  @Override
  public MemberTable duplicate() {
    final MemberTable copy = new MemberTable(size);
    for (int i = 0; i < size; i++) {
      copy.insert(members[i].clone(), hashes[i]);
    }
    return copy;
  }

  private int find(final Object base, final long offset, final int length, final int hash) {
    for (int i = buckets[hash & (buckets.length - 1)]; i >= 0; i = next[i]) {
      final byte[] m = members[i];
      if (hashes[i] == hash && m.length == length && Bytes.equal(m, Bytes.ARRAY_BASE, base, offset, length)) {
        return i;
      }
    }
    return -1;
  }

  private void insert(final byte[] member, final int hash) {
    if (size == members.length) {
      resize(size + (size >> 1) + 1);
    }
    members[size] = member;
    hashes[size] = hash;
    link(size);
    size++;
    memberBytes += arrayBytes(member.length);
    if (size > buckets.length) {
      rehash(buckets.length << 1);
    }
  }

  private void link(final int index) {
    final int bucket = hashes[index] & (buckets.length - 1);
    next[index] = buckets[bucket];
    buckets[bucket] = index;
  }

  private void unlink(final int index) {
    final int bucket = hashes[index] & (buckets.length - 1);
    if (buckets[bucket] == index) {
      buckets[bucket] = next[index];
      return;
    }
    int i = buckets[bucket];
    while (next[i] != index) {
      i = next[i];
    }
    next[i] = next[index];
  }

  /** Makes whatever pointed at dense index {@code from} point at {@code to}. */
  private void repoint(final int from, final int to) {
    final int bucket = hashes[from] & (buckets.length - 1);
    if (buckets[bucket] == from) {
      buckets[bucket] = to;
      return;
    }
    int i = buckets[bucket];
    while (next[i] != from) {
      i = next[i];
    }
    next[i] = to;
  }

  private void resize(final int capacity) {
    members = Arrays.copyOf(members, capacity);
    hashes = Arrays.copyOf(hashes, capacity);
    next = Arrays.copyOf(next, capacity);
  }

  private void rehash(final int count) {
    buckets = newBuckets(count);
    for (int i = 0; i < size; i++) {
      link(i);
    }
  }

  private static int[] newBuckets(final int count) {
    final int[] b = new int[count];
    Arrays.fill(b, -1);
    return b;
  }

  private static long arrayBytes(final int length) {
    return (ARRAY_HEADER + length + 7) & ~7L;
  }

  /** Receives the members of a {@link #scan} step. */
  @FunctionalInterface
  public interface MemberVisitor {
    void visit(byte[] member);
  }
}
