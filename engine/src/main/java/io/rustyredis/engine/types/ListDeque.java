package io.rustyredis.engine.types;

import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.memory.Bytes;

/**
 * A big list on the Java heap: a ring buffer of {@code byte[]} elements, the value behind a list
 * key once it has outgrown its compact {@link io.rustyredis.engine.keyspace.Listpack} form.
 *
 * <p>Redis keeps big lists in a quicklist, a doubly linked list of small listpacks, which saves
 * memory per element but makes LINDEX walk nodes. A ring buffer (capacity a power of two, {@code
 * head} the slot of element 0) gives push and pop at both ends in amortized O(1), LINDEX and LSET
 * in O(1), and LRANGE as a straight walk of slots; inserting or removing in the middle shifts the
 * shorter side, at most n/2 references. The price is one object per element, which is what keeps
 * this structure for lists past the compact thresholds only.
 *
 * <p>The storage doubles when full and halves when three quarters empty, so memory follows the
 * list both ways. {@link #memoryUsage} is an estimate of the retained heap in the 64-bit JVM's
 * layout with compressed references (16-byte array headers, 4-byte references, 8-byte alignment);
 * callers report the change around each mutation to {@link HeapValues#resized}.
 */
public final class ListDeque implements HeapValues.Sized {
  /** This object: header plus fields, rounded. */
  static final long OBJECT_BYTES = 32;
  static final long ARRAY_HEADER = 16;
  static final long REFERENCE_BYTES = 4;
  private static final int MIN_CAPACITY = 16;

  private byte[][] slots;
  private int head;
  private int size;
  /** Bytes of the element arrays themselves (headers and contents, aligned). */
  private long elementBytes;

  public ListDeque(final int expectedSize) {
    slots = new byte[MIN_CAPACITY < expectedSize ? Integer.highestOneBit(expectedSize - 1) << 1 : MIN_CAPACITY][];
  }

  /** Heap bytes of one element of {@code length} bytes: array header plus contents, 8-aligned. */
  public static long elementBytes(final int length) {
    return (ARRAY_HEADER + length + 7) & ~7L;
  }

  public int size() {
    return size;
  }

  /** The element at {@code index} (0 ≤ index &lt; size); the array itself, not a copy. */
  public byte[] get(final int index) {
    return slots[slot(index)];
  }

  /** Replaces the element at {@code index}; the deque keeps {@code element}. */
  public void set(final int index, final byte[] element) {
    final int slot = slot(index);
    elementBytes += elementBytes(element.length) - elementBytes(slots[slot].length);
    slots[slot] = element;
  }

  public void addFirst(final byte[] element) {
    growIfFull();
    head = (head - 1) & (slots.length - 1);
    slots[head] = element;
    size++;
    elementBytes += elementBytes(element.length);
  }

  public void addLast(final byte[] element) {
    growIfFull();
    slots[(head + size) & (slots.length - 1)] = element;
    size++;
    elementBytes += elementBytes(element.length);
  }

  /** Removes and returns element 0; the deque must not be empty. */
  public byte[] removeFirst() {
    final byte[] element = slots[head];
    slots[head] = null;
    head = (head + 1) & (slots.length - 1);
    size--;
    elementBytes -= elementBytes(element.length);
    shrinkIfSparse();
    return element;
  }

  /** Removes and returns the last element; the deque must not be empty. */
  public byte[] removeLast() {
    final int slot = slot(size - 1);
    final byte[] element = slots[slot];
    slots[slot] = null;
    size--;
    elementBytes -= elementBytes(element.length);
    shrinkIfSparse();
    return element;
  }

  /** Inserts {@code element} so that it becomes element {@code index} (0 ≤ index ≤ size). */
  public void insert(final int index, final byte[] element) {
    if (index == 0) {
      addFirst(element);
      return;
    }
    growIfFull();
    final int mask = slots.length - 1;
    if (index < size / 2) {
      head = (head - 1) & mask;
      for (int i = 0; i < index; i++) {
        slots[(head + i) & mask] = slots[(head + i + 1) & mask];
      }
    } else {
      for (int i = size; i > index; i--) {
        slots[(head + i) & mask] = slots[(head + i - 1) & mask];
      }
    }
    slots[(head + index) & mask] = element;
    size++;
    elementBytes += elementBytes(element.length);
  }

  /** Removes and returns element {@code index}. */
  public byte[] remove(final int index) {
    final int mask = slots.length - 1;
    final byte[] element = slots[(head + index) & mask];
    if (index < size / 2) {
      for (int i = index; i > 0; i--) {
        slots[(head + i) & mask] = slots[(head + i - 1) & mask];
      }
      slots[head] = null;
      head = (head + 1) & mask;
    } else {
      for (int i = index; i < size - 1; i++) {
        slots[(head + i) & mask] = slots[(head + i + 1) & mask];
      }
      slots[(head + size - 1) & mask] = null;
    }
    size--;
    elementBytes -= elementBytes(element.length);
    shrinkIfSparse();
    return element;
  }

  /** Keeps elements {@code from} to {@code to - 1} and drops the rest, as LTRIM does. */
  public void retain(final int from, final int to) {
    final int mask = slots.length - 1;
    for (int i = 0; i < size; i++) {
      if (i < from || i >= to) {
        final int slot = (head + i) & mask;
        elementBytes -= elementBytes(slots[slot].length);
        slots[slot] = null;
      }
    }
    head = (head + from) & mask;
    size = Math.max(0, to - from);
    shrinkIfSparse();
  }

  /**
   * Removes elements equal to the given bytes until {@code limit} have gone (all of them when
   * {@code limit} is 0, or never reached, as Redis's LREM treats a count of LONG_MIN), scanning
   * from the tail when {@code fromTail}, in one compacting pass. Returns how many.
   */
  public int removeEqual(final Object base, final long offset, final int length, final long limit, final boolean fromTail) {
    final int mask = slots.length - 1;
    final int step = fromTail ? -1 : 1;
    int read = fromTail ? size - 1 : 0;
    int write = read;
    int removed = 0;
    for (int n = 0; n < size; n++, read += step) {
      final byte[] element = slots[(head + read) & mask];
      if ((limit == 0 || removed != limit) && element.length == length
          && Bytes.equal(element, Bytes.ARRAY_BASE, base, offset, length)) {
        removed++;
        elementBytes -= elementBytes(length);
      } else {
        slots[(head + write) & mask] = element;
        write += step;
      }
    }
    if (fromTail) {
      for (int i = 0; i < removed; i++) {
        slots[(head + i) & mask] = null;
      }
      head = (head + removed) & mask;
    } else {
      for (int i = size - removed; i < size; i++) {
        slots[(head + i) & mask] = null;
      }
    }
    size -= removed;
    shrinkIfSparse();
    return removed;
  }

  @Override
  public long memoryUsage() {
    return OBJECT_BYTES + ((ARRAY_HEADER + REFERENCE_BYTES * slots.length + 7) & ~7L) + elementBytes;
  }

  @Override
  public ListDeque duplicate() {
    final ListDeque copy = new ListDeque(size);
    for (int i = 0; i < size; i++) {
      copy.addLast(get(i).clone());
    }
    return copy;
  }

  private int slot(final int index) {
    return (head + index) & (slots.length - 1);
  }

  private void growIfFull() {
    if (size == slots.length) {
      resize(slots.length << 1);
    }
  }

  private void shrinkIfSparse() {
    if (slots.length > MIN_CAPACITY && size < slots.length >> 2) {
      resize(slots.length >> 1);
    }
  }

  private void resize(final int capacity) {
    final byte[][] grown = new byte[capacity][];
    final int mask = slots.length - 1;
    for (int i = 0; i < size; i++) {
      grown[i] = slots[(head + i) & mask];
    }
    slots = grown;
    head = 0;
  }
}
