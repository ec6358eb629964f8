package io.rustyredis.engine.memory;

import org.agrona.UnsafeApi;

/**
 * Byte-range operations over either heap arrays or native memory, addressed the way {@code
 * Unsafe} addresses them: a base object ({@code byte[]}, or {@code null} for native memory) and an
 * offset (array base offset plus index, or the raw address). Arguments arrive on the heap and
 * values live off it; addressing both the same way lets one comparison, hash or copy serve every
 * pairing without wrapping anything per call.
 */
public final class Bytes {
  /** Offset of element 0 of a {@code byte[]}, for turning an array index into an offset. */
  public static final long ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

  private Bytes() {}

  /** A well-mixed 64-bit hash, eight bytes per step, finished with MurmurHash3's fmix64. */
  public static long hash(final Object base, final long offset, final int length) {
    long h = 0x2545F4914F6CDD1DL ^ length;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      h = Long.rotateLeft(h ^ (UnsafeApi.getLong(base, offset + i) * 0x9E3779B97F4A7C15L), 29)
          * 0xBF58476D1CE4E5B9L;
    }
    long tail = 0;
    for (int shift = 0; i < length; i++, shift += 8) {
      tail |= (UnsafeApi.getByte(base, offset + i) & 0xFFL) << shift;
    }
    h = Long.rotateLeft(h ^ (tail * 0x9E3779B97F4A7C15L), 29) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }

  /** True when both ranges hold the same bytes. */
  public static boolean equal(
      final Object aBase, final long aOffset, final Object bBase, final long bOffset, final int length) {
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      if (UnsafeApi.getLong(aBase, aOffset + i) != UnsafeApi.getLong(bBase, bOffset + i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (UnsafeApi.getByte(aBase, aOffset + i) != UnsafeApi.getByte(bBase, bOffset + i)) {
        return false;
      }
    }
    return true;
  }

  /** Lexicographic comparison of unsigned bytes, as Redis's {@code memcmp}-based ordering. */
  public static int compare(
      final Object aBase, final long aOffset, final int aLength,
      final Object bBase, final long bOffset, final int bLength) {
    final int common = Math.min(aLength, bLength);
    for (int i = 0; i < common; i++) {
      final int a = UnsafeApi.getByte(aBase, aOffset + i) & 0xFF;
      final int b = UnsafeApi.getByte(bBase, bOffset + i) & 0xFF;
      if (a != b) {
        return a - b;
      }
    }
    return Integer.compare(aLength, bLength);
  }

  public static void copy(
      final Object srcBase, final long srcOffset, final Object dstBase, final long dstOffset, final long length) {
    UnsafeApi.copyMemory(srcBase, srcOffset, dstBase, dstOffset, length);
  }

  public static byte get(final Object base, final long offset) {
    return UnsafeApi.getByte(base, offset);
  }

  public static void put(final Object base, final long offset, final byte value) {
    UnsafeApi.putByte(base, offset, value);
  }

  /** Copies a range into a new array: for the cold paths that need a Java value. */
  public static byte[] toArray(final Object base, final long offset, final int length) {
    final byte[] out = new byte[length];
    copy(base, offset, out, ARRAY_BASE, length);
    return out;
  }
}
