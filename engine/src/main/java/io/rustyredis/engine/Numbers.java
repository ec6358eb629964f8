package io.rustyredis.engine;

/**
 * Number parsing and formatting with Redis's exact rules, allocation-free where the hot path needs
 * it. Redis is strict ({@code "+1"}, {@code " 1"} and {@code "01"} are not integers) and clients
 * depend on that strictness through the errors they see.
 */
public final class Numbers {
  private Numbers() {}

  /** Redis's {@code string2ll}: writes the value into {@code out[0]} and says whether it parsed. */
  public static boolean parseLong(final byte[] data, final int offset, final int length, final long[] out) {
    if (length == 0 || length > 20) {
      return false;
    }
    if (length == 1 && data[offset] == '0') {
      out[0] = 0;
      return true;
    }
    int i = offset;
    final int end = offset + length;
    final boolean negative = data[i] == '-';
    if (negative) {
      i++;
      if (i == end) {
        return false;
      }
    }
    if (data[i] < '1' || data[i] > '9') {
      return false;
    }
    long value = 0;
    for (; i < end; i++) {
      final int digit = data[i] - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      if (value < (Long.MIN_VALUE + digit) / 10) {
        return false;
      }
      value = value * 10 - digit;
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

  /** Number of ASCII digits (and sign) needed to print {@code value}. */
  public static int digits(final long value) {
    if (value == Long.MIN_VALUE) {
      return 20;
    }
    long v = value < 0 ? -value : value;
    int n = value < 0 ? 2 : 1;
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  /** Writes {@code value} in ASCII at {@code offset}; returns the offset after the last digit. */
  public static int putLong(final byte[] data, final int offset, final long value) {
    if (value == Long.MIN_VALUE) {
      final byte[] min = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      System.arraycopy(min, 0, data, offset, min.length);
      return offset + min.length;
    }
    final int n = digits(value);
    long v = value < 0 ? -value : value;
    int i = offset + n - 1;
    do {
      data[i--] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    if (value < 0) {
      data[offset] = '-';
    }
    return offset + n;
  }
}
