package io.rustyredis.engine.scripting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Lua 5.1's number text ({@code %.14g}), which Redis uses wherever a Lua number becomes a string. */
final class LuaNumbers {
  private LuaNumbers() {}

  static String format(final double d) {
    if (Double.isNaN(d)) {
      return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e14) {
      return d == 0 && 1 / d < 0 ? "-0" : Long.toString((long) d);
    }
    // C's %.14g: 14 significant digits, exponent form below 1e-4 or from 1e14, zeros dropped.
    final BigDecimal rounded = new BigDecimal(d).round(new MathContext(14));
    final int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 14) {
      final String e = String.format(Locale.ROOT, "%.13e", d);
      final int at = e.indexOf('e');
      String digits = e.substring(at + 2);
      while (digits.length() > 2 && digits.charAt(0) == '0') {
        digits = digits.substring(1);
      }
      return stripZeros(e.substring(0, at)) + "e" + e.charAt(at + 1) + digits;
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
