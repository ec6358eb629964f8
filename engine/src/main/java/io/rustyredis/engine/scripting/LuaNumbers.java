package io.rustyredis.engine.scripting;

import java.math.BigDecimal;
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
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return d == 0 && 1 / d < 0 ? "-0" : Long.toString((long) d);
    }
    String s = String.format(Locale.ROOT, "%.14g", d);
    // Java's %g never drops zeros and never switches for small exponents as C does: redo it.
    final int exponent = d == 0 ? 0 : new BigDecimal(d).round(new java.math.MathContext(14)).precision()
        - new BigDecimal(d).round(new java.math.MathContext(14)).scale() - 1;
    if (exponent < -4 || exponent >= 14) {
      s = String.format(Locale.ROOT, "%.13e", d);
      final int e = s.indexOf('e');
      String mantissa = stripZeros(s.substring(0, e));
      String exp = s.substring(e + 1);
      final char sign = exp.charAt(0);
      exp = exp.substring(1);
      while (exp.length() > 2 && exp.charAt(0) == '0') {
        exp = exp.substring(1);
      }
      return mantissa + "e" + sign + exp;
    }
    s = new BigDecimal(d).round(new java.math.MathContext(14)).toPlainString();
    return stripZeros(s);
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
