package io.rustyredis.engine.rdb;

import io.rustyredis.engine.memory.Bytes;
import java.util.Arrays;

/**
 * Builds a listpack blob exactly as Redis 7.0 lays one out ({@code listpack.c}), for the values of
 * HASH_LISTPACK, ZSET_LISTPACK and the nodes of LIST_QUICKLIST_2. Our own in-memory
 * {@link io.rustyredis.engine.keyspace.Listpack} is simpler (fixed 4-byte lengths), so the RDB
 * writer re-encodes rather than copying.
 *
 * <pre>
 *   total-bytes u32 LE | count u16 LE (65535: unknown) | entry ... | 0xFF
 *   entry: encoding+data | backlen (the entry's size as a reversed varint, 1 to 5 bytes)
 * </pre>
 *
 * <p>As in Redis, a string that is the canonical text of a 64-bit integer is stored as an integer
 * in the smallest of the 7-, 13-, 16-, 24-, 32- and 64-bit forms. One instance is reused for every
 * value of a snapshot: {@link #reset}, {@link #append}, then {@link #finish}.
 */
public final class ListpackWriter {
  private static final int HEADER = 6;
  private byte[] buffer = new byte[256];
  private int position;
  private int count;
  private final long[] number = new long[1];

  public ListpackWriter reset() {
    position = HEADER;
    count = 0;
    return this;
  }

  /** Entries appended since {@link #reset}. */
  public int count() {
    return count;
  }

  /** Bytes the blob would have if finished now. */
  public int size() {
    return position + 1;
  }

  public void append(final byte[] data) {
    append(data, Bytes.ARRAY_BASE, data.length);
  }

  /** Appends one entry from a (base, offset) pair as {@link Bytes} addresses them. */
  public void append(final Object base, final long offset, final int length) {
    if (length > 0 && length <= 20 && parseInteger(base, offset, length, number)) {
      appendInteger(number[0]);
      return;
    }
    ensure(length + 10);
    final int start = position;
    if (length < 64) {
      buffer[position++] = (byte) (0x80 | length);
    } else if (length < 4096) {
      buffer[position++] = (byte) (0xE0 | (length >>> 8));
      buffer[position++] = (byte) length;
    } else {
      buffer[position++] = (byte) 0xF0;
      putIntLE(length);
    }
    Bytes.copy(base, offset, buffer, Bytes.ARRAY_BASE + position, length);
    position += length;
    backlen(position - start);
    count++;
  }

  public void appendInteger(final long v) {
    ensure(16);
    final int start = position;
    if (v >= 0 && v <= 127) {
      buffer[position++] = (byte) v;
    } else if (v >= -4096 && v <= 4095) {
      final long u = v < 0 ? (1L << 13) + v : v;
      buffer[position++] = (byte) (0xC0 | (u >>> 8));
      buffer[position++] = (byte) u;
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      buffer[position++] = (byte) 0xF1;
      buffer[position++] = (byte) v;
      buffer[position++] = (byte) (v >>> 8);
    } else if (v >= -(1L << 23) && v < (1L << 23)) {
      buffer[position++] = (byte) 0xF2;
      buffer[position++] = (byte) v;
      buffer[position++] = (byte) (v >>> 8);
      buffer[position++] = (byte) (v >>> 16);
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      buffer[position++] = (byte) 0xF3;
      putIntLE((int) v);
    } else {
      buffer[position++] = (byte) 0xF4;
      putIntLE((int) v);
      putIntLE((int) (v >>> 32));
    }
    backlen(position - start);
    count++;
  }

  /** Writes the header and terminator; the blob is {@link #array()} up to {@link #length()}. */
  public ListpackWriter finish() {
    ensure(1);
    buffer[position++] = (byte) 0xFF;
    final int total = position;
    buffer[0] = (byte) total;
    buffer[1] = (byte) (total >>> 8);
    buffer[2] = (byte) (total >>> 16);
    buffer[3] = (byte) (total >>> 24);
    final int announced = Math.min(count, 65535);
    buffer[4] = (byte) announced;
    buffer[5] = (byte) (announced >>> 8);
    return this;
  }

  public byte[] array() {
    return buffer;
  }

  public int length() {
    return position;
  }

  /** Redis's {@code lpEncodeBacklen}: the entry size, most significant 7-bit group first. */
  private void backlen(final int l) {
    if (l <= 127) {
      buffer[position++] = (byte) l;
    } else if (l < 16383) {
      buffer[position++] = (byte) (l >>> 7);
      buffer[position++] = (byte) ((l & 127) | 128);
    } else if (l < 2097151) {
      buffer[position++] = (byte) (l >>> 14);
      buffer[position++] = (byte) (((l >>> 7) & 127) | 128);
      buffer[position++] = (byte) ((l & 127) | 128);
    } else if (l < 268435455) {
      buffer[position++] = (byte) (l >>> 21);
      buffer[position++] = (byte) (((l >>> 14) & 127) | 128);
      buffer[position++] = (byte) (((l >>> 7) & 127) | 128);
      buffer[position++] = (byte) ((l & 127) | 128);
    } else {
      buffer[position++] = (byte) (l >>> 28);
      buffer[position++] = (byte) (((l >>> 21) & 127) | 128);
      buffer[position++] = (byte) (((l >>> 14) & 127) | 128);
      buffer[position++] = (byte) (((l >>> 7) & 127) | 128);
      buffer[position++] = (byte) ((l & 127) | 128);
    }
  }

  private void putIntLE(final int v) {
    buffer[position++] = (byte) v;
    buffer[position++] = (byte) (v >>> 8);
    buffer[position++] = (byte) (v >>> 16);
    buffer[position++] = (byte) (v >>> 24);
  }

  private void ensure(final int more) {
    if (position + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(position + more, buffer.length * 2));
    }
  }

  /** Redis's {@code string2ll}: canonical decimal of a signed 64-bit value, nothing else. */
  static boolean parseInteger(final Object base, final long offset, final int length, final long[] out) {
    int i = 0;
    boolean negative = false;
    if (Bytes.get(base, offset) == '-') {
      if (length == 1) {
        return false;
      }
      negative = true;
      i = 1;
    }
    final byte first = Bytes.get(base, offset + i);
    if (first == '0') {
      if (length == 1) {
        out[0] = 0;
        return true;
      }
      return false;
    }
    long value = 0;
    for (; i < length; i++) {
      final int d = Bytes.get(base, offset + i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      // Accumulate negatively so Long.MIN_VALUE parses without overflow.
      if (value < (Long.MIN_VALUE + d) / 10) {
        return false;
      }
      value = value * 10 - d;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        return false;
      }
      value = -value;
    }
    out[0] = value;
    return true;
  }
}
