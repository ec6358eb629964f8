package io.rustyredis.engine;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * The arguments of one command, held in the ring slot and reused for every command that passes
 * through it. All arguments share one growable byte array; an argument is an offset and a length
 * into it. The I/O thread fills it ({@link #append}), the engine reads it.
 *
 * <p>After a command with very large arguments the array is shrunk back ({@link #clear}), so one
 * 512 MB SET does not pin 512 MB in every slot it ever passed through.
 */
public final class Arguments {
  private static final int INITIAL_BYTES = 256;
  private static final int RETAINED_BYTES = 1 << 20;

  private byte[] data = new byte[INITIAL_BYTES];
  private int used;
  private int[] offsets = new int[8];
  private int[] lengths = new int[8];
  private int count;

  /** Forgets every argument, keeping the storage unless it grew past what a slot should retain. */
  public void clear() {
    used = 0;
    count = 0;
    if (data.length > RETAINED_BYTES) {
      data = new byte[INITIAL_BYTES];
    }
    if (offsets.length > 4096) {
      offsets = new int[8];
      lengths = new int[8];
    }
  }

  /**
   * Reserves room for a new argument of {@code length} bytes and returns where in {@link #array()}
   * to write them. The array may be replaced by this call: fetch it afterwards.
   */
  public int append(final int length) {
    if (count == offsets.length) {
      offsets = java.util.Arrays.copyOf(offsets, count * 2);
      lengths = java.util.Arrays.copyOf(lengths, count * 2);
    }
    final long needed = (long) used + length;
    if (needed > data.length) {
      data = java.util.Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, data.length * 2L)));
    }
    final int offset = used;
    offsets[count] = offset;
    lengths[count] = length;
    count++;
    used += length;
    return offset;
  }

  /** Convenience for tests and internal callers: appends a copy of {@code bytes}. */
  public Arguments add(final byte[] bytes) {
    final int offset = append(bytes.length);
    System.arraycopy(bytes, 0, data, offset, bytes.length);
    return this;
  }

  public Arguments add(final String text) {
    return add(text.getBytes(StandardCharsets.UTF_8));
  }

  public int count() {
    return count;
  }

  public byte[] array() {
    return data;
  }

  public int offset(final int index) {
    return offsets[index];
  }

  public int length(final int index) {
    return lengths[index];
  }

  /** {@code Unsafe}-style offset of the argument, for {@link Bytes} and the keyspace. */
  public long address(final int index) {
    return Bytes.ARRAY_BASE + offsets[index];
  }

  /** True when the argument equals {@code lowerCaseAscii}, ignoring ASCII case. */
  public boolean is(final int index, final String lowerCaseAscii) {
    final int length = lengths[index];
    if (length != lowerCaseAscii.length()) {
      return false;
    }
    final int offset = offsets[index];
    for (int i = 0; i < length; i++) {
      int c = data[offset + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerCaseAscii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses the argument as Redis's {@code string2ll} does: optional minus, no plus, no leading
   * zeros, no spaces, within a signed 64-bit range. Returns {@code false} when it is not one.
   */
  public boolean parseLong(final int index, final long[] out) {
    return Numbers.parseLong(data, offsets[index], lengths[index], out);
  }

  /** A copy as a Java string (UTF-8): for cold paths only. */
  public String string(final int index) {
    return new String(data, offsets[index], lengths[index], StandardCharsets.UTF_8);
  }

  /** A copy of the argument's bytes: for cold paths only. */
  public byte[] bytes(final int index) {
    return java.util.Arrays.copyOfRange(data, offsets[index], offsets[index] + lengths[index]);
  }
}
