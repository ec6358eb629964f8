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

  /** True when {@code value + increment} leaves the signed 64-bit range (INCRBY, HINCRBY). */
  public static boolean sumOverflows(final long value, final long increment) {
    return (increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
        || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value);
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

  /**
   * A double as Redis 7.0 prints scores and RESP3 doubles: C's {@code "%.17g"} ({@code inf},
   * {@code -inf}, {@code nan} aside). Seventeen significant digits of the exact binary value,
   * trailing zeros dropped, exponent form below 1e-4 or from 1e17 on, e.g. {@code 1.1} prints as
   * {@code 1.1000000000000001} and {@code 1e20} as {@code 1e+20}. Java's own {@code %g} differs
   * (it keeps trailing zeros), hence this.
   */
  public static String formatDouble(final double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0" : "0";
    }
    final java.math.BigDecimal rounded =
        new java.math.BigDecimal(value).round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN));
    String digits = rounded.unscaledValue().abs().toString();
    final int exponent = digits.length() - 1 - rounded.scale();
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    final StringBuilder out = new StringBuilder(32);
    if (value < 0) {
      out.append('-');
    }
    if (exponent < -4 || exponent >= 17) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      final int magnitude = Math.abs(exponent);
      if (magnitude < 10) {
        out.append('0');
      }
      out.append(magnitude);
    } else if (exponent < 0) {
      out.append("0.");
      for (int i = -1; i > exponent; i--) {
        out.append('0');
      }
      out.append(digits);
    } else if (digits.length() <= exponent + 1) {
      out.append(digits);
      for (int i = digits.length(); i <= exponent; i++) {
        out.append('0');
      }
    } else {
      out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
    }
    return out.toString();
  }
}
