package io.rustyredis.engine.rdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for the packed blobs Redis stores inside RDB strings: listpacks (7.0's small hashes,
 * sorted sets and list nodes), intsets (small integer sets) and, from files of Redis before 7.0,
 * ziplists. Each turns a blob into its elements; integer entries come back as their decimal text,
 * which is what the element was before Redis packed it. Every length is checked against the blob,
 * so a corrupt payload is a {@link RdbFormatException}, never an index out of bounds.
 */
public final class Packed {
  private Packed() {}

  /** The elements of a listpack blob, in order. */
  public static List<byte[]> listpack(final byte[] b, final int offset, final int length) {
    if (length < 7) {
      throw new RdbFormatException("listpack too short");
    }
    final long total = u32(b, offset);
    if (total != length || (b[offset + length - 1] & 0xff) != 0xFF) {
      throw new RdbFormatException("listpack header or terminator is wrong");
    }
    final int end = offset + length - 1;
    final List<byte[]> out = new ArrayList<>(u16(b, offset + 4));
    int p = offset + 6;
    while (p < end) {
      final int e = b[p] & 0xff;
      final int entryStart = p;
      if ((e & 0x80) == 0) {
        out.add(text(e));
        p += 1;
      } else if ((e & 0xC0) == 0x80) {
        p = string(b, p + 1, e & 0x3f, end, out);
      } else if ((e & 0xE0) == 0xC0) {
        check(p + 2, end);
        int v = ((e & 0x1f) << 8) | (b[p + 1] & 0xff);
        if (v >= 1 << 12) {
          v -= 1 << 13;
        }
        out.add(text(v));
        p += 2;
      } else if ((e & 0xF0) == 0xE0) {
        check(p + 2, end);
        p = string(b, p + 2, ((e & 0x0f) << 8) | (b[p + 1] & 0xff), end, out);
      } else if (e == 0xF0) {
        check(p + 5, end);
        p = string(b, p + 5, Math.toIntExact(u32(b, p + 1)), end, out);
      } else if (e == 0xF1) {
        check(p + 3, end);
        out.add(text((short) ((b[p + 1] & 0xff) | (b[p + 2] & 0xff) << 8)));
        p += 3;
      } else if (e == 0xF2) {
        check(p + 4, end);
        out.add(text(((b[p + 1] & 0xff) | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff) << 16) << 8 >> 8));
        p += 4;
      } else if (e == 0xF3) {
        check(p + 5, end);
        out.add(text((int) u32(b, p + 1)));
        p += 5;
      } else if (e == 0xF4) {
        check(p + 9, end);
        out.add(text(u32(b, p + 1) | u32(b, p + 5) << 32));
        p += 9;
      } else {
        throw new RdbFormatException("bad listpack entry encoding " + e);
      }
      p += backlenSize(p - entryStart);
      if (p > end) {
        throw new RdbFormatException("listpack entry runs past the end");
      }
    }
    return out;
  }

  /** The members of an intset blob (encoding u32, count u32, values little-endian), ascending. */
  public static long[] intset(final byte[] b, final int offset, final int length) {
    if (length < 8) {
      throw new RdbFormatException("intset too short");
    }
    final int width = (int) u32(b, offset);
    final long count = u32(b, offset + 4);
    if ((width != 2 && width != 4 && width != 8) || 8 + count * width != length) {
      throw new RdbFormatException("intset header is wrong");
    }
    final long[] out = new long[(int) count];
    int p = offset + 8;
    for (int i = 0; i < count; i++, p += width) {
      out[i] = width == 2 ? (short) ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8)
          : width == 4 ? (int) u32(b, p) : u32(b, p) | u32(b, p + 4) << 32;
    }
    return out;
  }

  /** The elements of a ziplist blob (Redis before 7.0), in order. */
  public static List<byte[]> ziplist(final byte[] b, final int offset, final int length) {
    if (length < 11 || u32(b, offset) != length || (b[offset + length - 1] & 0xff) != 0xFF) {
      throw new RdbFormatException("ziplist header or terminator is wrong");
    }
    final int end = offset + length - 1;
    final List<byte[]> out = new ArrayList<>();
    int p = offset + 10;
    while (p < end) {
      p += (b[p] & 0xff) < 254 ? 1 : 5;
      check(p + 1, end);
      final int e = b[p] & 0xff;
      switch (e >>> 6) {
        case 0:
          p = string(b, p + 1, e & 0x3f, end, out);
          continue;
        case 1:
          check(p + 2, end);
          p = string(b, p + 2, ((e & 0x3f) << 8) | (b[p + 1] & 0xff), end, out);
          continue;
        case 2:
          check(p + 5, end);
          p = string(b, p + 5, (b[p + 1] & 0xff) << 24 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 8 | (b[p + 4] & 0xff), end, out);
          continue;
        default:
          break;
      }
      if (e == 0xC0) {
        check(p + 3, end);
        out.add(text((short) ((b[p + 1] & 0xff) | (b[p + 2] & 0xff) << 8)));
        p += 3;
      } else if (e == 0xD0) {
        check(p + 5, end);
        out.add(text((int) u32(b, p + 1)));
        p += 5;
      } else if (e == 0xE0) {
        check(p + 9, end);
        out.add(text(u32(b, p + 1) | u32(b, p + 5) << 32));
        p += 9;
      } else if (e == 0xF0) {
        check(p + 4, end);
        out.add(text(((b[p + 1] & 0xff) | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff) << 16) << 8 >> 8));
        p += 4;
      } else if (e == 0xFE) {
        check(p + 2, end);
        out.add(text(b[p + 1]));
        p += 2;
      } else if (e >= 0xF1 && e <= 0xFD) {
        out.add(text((e & 0x0f) - 1));
        p += 1;
      } else {
        throw new RdbFormatException("bad ziplist entry encoding " + e);
      }
    }
    return out;
  }

  /** Bytes of the backlen that follows an entry of {@code l} bytes. */
  private static int backlenSize(final int l) {
    return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
  }

  private static int string(final byte[] b, final int from, final int length, final int end, final List<byte[]> out) {
    if (length < 0 || (long) from + length > end) {
      throw new RdbFormatException("packed string runs past the end");
    }
    final byte[] s = new byte[length];
    System.arraycopy(b, from, s, 0, length);
    out.add(s);
    return from + length;
  }

  private static void check(final int needed, final int end) {
    if (needed > end) {
      throw new RdbFormatException("packed entry runs past the end");
    }
  }

  private static byte[] text(final long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  static long u32(final byte[] b, final int p) {
    return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
  }

  private static int u16(final byte[] b, final int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
  }
}
