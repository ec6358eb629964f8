package io.rustyredis.engine.scripting;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * C's {@code %.Ng} for Lua numbers: Lua 5.1 (and so cjson) writes {@code %.14g}; Redis 7.0 turns a
 * number argument of redis.call into text with {@code %.17g}, so that it reads back exactly.
 */
final class LuaNumbers {
  private LuaNumbers() {}

  static String format(final double d) {
    return format(d, 14);
  }

  /** The text of a number passed to redis.call. */
  static String argument(final double d) {
    return format(d, 17);
  }

  private static String format(final double d, final int precision) {
    if (Double.isNaN(d)) {
      return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < Math.pow(10, precision)) {
      return d == 0 && 1 / d < 0 ? "-0" : Long.toString((long) d);
    }
    // precision significant digits, exponent form below 1e-4 or from 10^precision, zeros dropped.
    final BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision));
    final int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= precision) {
      // From the exact binary value, as C does (Java's %e rounds the shortest decimal instead).
      final String digits = rounded.unscaledValue().abs().toString();
      final String mantissa = stripZeros(digits.charAt(0) + "." + digits.substring(1));
      final int magnitude = Math.abs(exponent);
      return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? '-' : '+') + (magnitude < 10 ? "0" : "") + magnitude;
    }
    return stripZeros(rounded.toPlainString());
  }

  private static String stripZeros(final String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
