package io.rustyredis.engine.memory;

import org.agrona.UnsafeApi;

/**
 * The allocator behind the keyspace: hands out blocks of native memory by size class, so that
 * the data never lives on the Java heap and never costs the garbage collector anything.
 *
 * <p>Why our own and not {@code malloc} per record: a call into the C allocator per key is slow
 * and its memory use is invisible to us, while {@code INFO memory} and {@code maxmemory} must tell
 * the truth. This is a small segregated-fit allocator in the spirit of jemalloc's small bins:
 *
 * <ul>
 *   <li>Sizes up to 1 KiB round up to 16 bytes (64 classes); above that each power of two is split
 *       in four steps (1280, 1536, 1792, 2048, ...) up to 1 MiB, which bounds internal waste at 25%.
 *   <li>Each class has a free list threaded through the freed blocks themselves (the first eight
 *       bytes of a free block hold the next free block), so freeing and reusing cost no metadata.
 *   <li>New blocks are carved from 1 MiB chunks with a bump pointer; blocks over 1 MiB go straight
 *       to the operating system, as huge values are rare and should return their memory at once.
 * </ul>
 *
 * <p>Trade-off: memory freed into one class is reused only by that class and chunks are never
 * returned to the OS, as with most malloc arenas; {@link #usedBytes()} counts what is live, {@link
 * #reservedBytes()} what was taken from the OS. Single-threaded by design: only the engine thread
 * allocates.
 */
public final class OffHeapAllocator {
  private static final int SMALL_LIMIT = 1024;
  private static final int SMALL_CLASSES = SMALL_LIMIT / 16;
  private static final int LARGE_LIMIT = 1 << 20;
  private static final int CLASS_COUNT = SMALL_CLASSES + (20 - 10) * 4;
  private static final int CHUNK_SIZE = 1 << 20;

  private final long[] freeHeads = new long[CLASS_COUNT];
  private long chunkCursor;
  private long chunkEnd;
  private long usedBytes;
  private long reservedBytes;

  /** Returns the address of a block of at least {@code size} bytes; its contents are undefined. */
  public long allocate(final long size) {
    if (size > LARGE_LIMIT) {
      usedBytes += size;
      reservedBytes += size;
      return UnsafeApi.allocateMemory(size);
    }
    final int sizeClass = sizeClass((int) size);
    final int blockSize = classSize(sizeClass);
    usedBytes += blockSize;
    final long head = freeHeads[sizeClass];
    if (head != 0) {
      freeHeads[sizeClass] = UnsafeApi.getLong(head);
      return head;
    }
    if (chunkCursor + blockSize > chunkEnd) {
      chunkCursor = UnsafeApi.allocateMemory(CHUNK_SIZE);
      chunkEnd = chunkCursor + CHUNK_SIZE;
      reservedBytes += CHUNK_SIZE;
    }
    final long address = chunkCursor;
    chunkCursor += blockSize;
    return address;
  }

  /** Gives back a block; {@code size} must be the size it was allocated with. */
  public void free(final long address, final long size) {
    if (size > LARGE_LIMIT) {
      usedBytes -= size;
      reservedBytes -= size;
      UnsafeApi.freeMemory(address);
      return;
    }
    final int sizeClass = sizeClass((int) size);
    usedBytes -= classSize(sizeClass);
    UnsafeApi.putLong(address, freeHeads[sizeClass]);
    freeHeads[sizeClass] = address;
  }

  /** The number of bytes a request of {@code size} really occupies. */
  public static long blockSize(final long size) {
    return size > LARGE_LIMIT ? size : classSize(sizeClass((int) size));
  }

  /** Bytes in live blocks, rounded to their classes: what {@code used_memory} reports for data. */
  public long usedBytes() {
    return usedBytes;
  }

  /** Bytes taken from the operating system and not given back. */
  public long reservedBytes() {
    return reservedBytes;
  }

  static int sizeClass(final int size) {
    if (size <= SMALL_LIMIT) {
      return size <= 16 ? 0 : (size + 15) / 16 - 1;
    }
    final int log2 = 31 - Integer.numberOfLeadingZeros(size - 1);
    final int base = 1 << log2;
    final int step = base >> 2;
    final int steps = (size - base + step - 1) / step;
    return SMALL_CLASSES + (log2 - 10) * 4 + steps - 1;
  }

  static int classSize(final int sizeClass) {
    if (sizeClass < SMALL_CLASSES) {
      return (sizeClass + 1) * 16;
    }
    final int large = sizeClass - SMALL_CLASSES;
    final int base = 1 << (10 + large / 4);
    return base + (base >> 2) * (large % 4 + 1);
  }
}
