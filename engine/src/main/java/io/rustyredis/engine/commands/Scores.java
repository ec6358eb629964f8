package io.rustyredis.engine.commands;

/**
 * Score parsing with the rules of C's {@code strtod} as Redis applies them, without allocating in
 * the common case. Strict parsing is Redis's {@code string2d} (ZADD, ZINCRBY, WEIGHTS): no leading
 * space, the whole argument consumed, no NaN, and no overflow to infinity or underflow to zero from
 * a finite literal. Lenient parsing is {@code zslParseRange}'s: leading whitespace allowed, an
 * empty bound reads as 0 (but one of only whitespace is not a number), and out-of-range literals
 * saturate.
 *
 * <p>Plain decimals with at most 15 or so significant digits (every score redis-benchmark sends,
 * and most scores people write) take an exact fast path; other texts that strtod accepts go through
 * {@link Double#parseDouble} once validated here, since Java's grammar differs from C's ("inf", hex
 * without an exponent, trailing "d" or "f").
 */
final class Scores {
  private static final long EXACT = 1L << 53;
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
  };

  private Scores() {}

  static boolean parse(
      final byte[] data, final int offset, final int length, final boolean strict, final double[] out) {
    int i = offset;
    final int end = offset + length;
    if (strict) {
      if (length == 0 || isSpace(data[i])) {
        return false;
      }
    } else {
      while (i < end && isSpace(data[i])) {
        i++;
      }
      if (i == end) {
        // strtod converts nothing and leaves its end pointer at the start: only the empty text
        // ends there, so "" is 0 but "  " is not a number.
        out[0] = 0;
        return length == 0;
      }
    }
    final int start = i;
    long mantissa = 0;
    int digits = 0;
    int fraction = 0;
    boolean negative = false;
    int j = i;
    if (data[j] == '-' || data[j] == '+') {
      negative = data[j] == '-';
      j++;
    }
    while (j < end && data[j] >= '0' && data[j] <= '9' && mantissa < EXACT) {
      mantissa = mantissa * 10 + (data[j++] - '0');
      digits++;
    }
    if (j < end && data[j] == '.') {
      j++;
      while (j < end && data[j] >= '0' && data[j] <= '9' && mantissa < EXACT) {
        mantissa = mantissa * 10 + (data[j++] - '0');
        digits++;
        fraction++;
      }
    }
    // Plain decimals whose digits fit in 53 bits: the digits and the power of ten are exact doubles
    // and IEEE division rounds correctly, so this is the double strtod gives, with no allocation.
    if (j == end && digits > 0 && mantissa < EXACT && fraction < POWERS_OF_TEN.length) {
      final double value = mantissa / POWERS_OF_TEN[fraction];
      out[0] = negative ? -value : value;
      return true;
    }
    return parseSlow(data, start, end, strict, out);
  }

  private static boolean parseSlow(
      final byte[] data, final int start, final int end, final boolean strict, final double[] out) {
    int i = start;
    boolean negative = false;
    if (data[i] == '-' || data[i] == '+') {
      negative = data[i] == '-';
      i++;
    }
    final String rest = new String(data, i, end - i, java.nio.charset.StandardCharsets.ISO_8859_1);
    final String lower = rest.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      out[0] = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return true;
    }
    final String literal;
    boolean nonZero = false;
    if (lower.startsWith("0x")) {
      int k = 2;
      int digits = 0;
      while (k < lower.length() && Character.digit(lower.charAt(k), 16) >= 0) {
        nonZero |= lower.charAt(k) != '0';
        k++;
        digits++;
      }
      if (k < lower.length() && lower.charAt(k) == '.') {
        k++;
        while (k < lower.length() && Character.digit(lower.charAt(k), 16) >= 0) {
          nonZero |= lower.charAt(k) != '0';
          k++;
          digits++;
        }
      }
      if (digits == 0) {
        return false;
      }
      String exponent = "p0";
      if (k < lower.length() && lower.charAt(k) == 'p') {
        final int e = exponentEnd(lower, k + 1);
        if (e < 0) {
          return false;
        }
        exponent = lower.substring(k, e);
        k = e;
      }
      if (k != lower.length()) {
        return false;
      }
      final int p = lower.indexOf('p');
      literal = (p < 0 ? lower : lower.substring(0, p)) + exponent;
    } else {
      int k = 0;
      int digits = 0;
      while (k < lower.length() && Character.isDigit(lower.charAt(k)) && lower.charAt(k) < 128) {
        nonZero |= lower.charAt(k) != '0';
        k++;
        digits++;
      }
      if (k < lower.length() && lower.charAt(k) == '.') {
        k++;
        while (k < lower.length() && lower.charAt(k) >= '0' && lower.charAt(k) <= '9') {
          nonZero |= lower.charAt(k) != '0';
          k++;
          digits++;
        }
      }
      if (digits == 0) {
        return false;
      }
      if (k < lower.length() && lower.charAt(k) == 'e') {
        final int e = exponentEnd(lower, k + 1);
        if (e < 0) {
          return false;
        }
        k = e;
      }
      if (k != lower.length()) {
        return false;
      }
      literal = lower;
    }
    final double value = Double.parseDouble(literal);
    if (strict && (Double.isInfinite(value) || (value == 0 && nonZero))) {
      return false;
    }
    out[0] = negative ? -value : value;
    return true;
  }

  /** End of an exponent's optional sign and digits starting at {@code from}, or -1 if none. */
  private static int exponentEnd(final String text, final int from) {
    int k = from;
    if (k < text.length() && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
      k++;
    }
    final int digits = k;
    while (k < text.length() && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
      k++;
    }
    return k == digits ? -1 : k;
  }

  private static boolean isSpace(final byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }
}
