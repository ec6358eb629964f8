package io.rustyredis.engine.commands;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The arithmetic INCRBYFLOAT needs to give Redis's exact answers: Redis parses with {@code
 * strtold}, adds in the x87 80-bit {@code long double} (64-bit significand) and prints with {@code
 * %.17Lf} before trimming trailing zeros. A Java {@code double} has 11 bits less and would print
 * different digits (for example {@code 10.5 + 0.1}), so this class emulates the format exactly.
 *
 * <p>Every finite x87 value is a dyadic rational, so a {@link BigDecimal} holds it exactly: parsing
 * takes the exact decimal value of the text and rounds it to the nearest x87 value (ties to even,
 * as glibc does), a sum is the exact sum rounded the same way, and printing rounds the exact value
 * to 17 decimals (ties to even, as glibc's printf does). INCRBYFLOAT is not a hot path, so the
 * allocation this costs is acceptable.
 */
final class LongDouble {
  /** Longest text {@code string2ld} accepts, in bytes: its buffer is 5 KiB with the terminator. */
  private static final int MAX_CHARS = 5 * 1024;
  /** Exponent of the least significant bit of the smallest x87 subnormal. */
  private static final int MIN_EXPONENT = -16445;
  /** Largest exponent of the significand's last bit: one more reaches 2^16384, infinity. */
  private static final int MAX_EXPONENT = 16384 - 64;
  /** Decimal exponents past these are beyond the x87 range whatever the digits are. */
  private static final long DECIMAL_EXPONENT_LIMIT = 6000;

  static final LongDouble ZERO = new LongDouble(BigDecimal.ZERO, 0);
  static final LongDouble POSITIVE_INFINITY = new LongDouble(null, 1);
  static final LongDouble NEGATIVE_INFINITY = new LongDouble(null, -1);

  /** The exact value, or null for an infinity. */
  private final BigDecimal value;
  private final int infinitySign;

  private LongDouble(final BigDecimal value, final int infinitySign) {
    this.value = value;
    this.infinitySign = infinitySign;
  }

  boolean isFinite() {
    return value != null;
  }

  /**
   * Redis's {@code string2ld}: the value of the text, or null when it is not a valid float (empty,
   * leading space, trailing garbage, NaN, or out of range in either direction).
   */
  static LongDouble parse(final byte[] text, final int offset, final int length) {
    if (length == 0 || length >= MAX_CHARS) {
      return null;
    }
    // Redis also requires strtold to have consumed every byte, so an embedded NUL is refused too:
    // the grammar below never accepts one.
    final int end = offset + length;
    if (isSpace(text[offset])) {
      return null;
    }
    int i = offset;
    boolean negative = false;
    if (text[i] == '+' || text[i] == '-') {
      negative = text[i] == '-';
      i++;
    }
    final String rest = new String(text, i, end - i, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
      return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }
    final BigDecimal magnitude = rest.length() > 1 && rest.charAt(0) == '0' && (rest.charAt(1) | 0x20) == 'x'
        ? parseHex(rest)
        : parseDecimal(rest);
    if (magnitude == null) {
      return null;
    }
    final LongDouble rounded = round(negative ? magnitude.negate() : magnitude);
    if (rounded == null || !rounded.isFinite()) {
      return null;
    }
    return rounded;
  }

  /** The sum rounded to x87 precision; NaN (infinities of both signs) is reported as null. */
  LongDouble add(final LongDouble other) {
    if (!isFinite() || !other.isFinite()) {
      if (!isFinite() && !other.isFinite() && infinitySign != other.infinitySign) {
        return null;
      }
      return isFinite() ? other : this;
    }
    final LongDouble sum = round(value.add(other.value));
    return sum == null ? ZERO : sum;
  }

  /** Redis's {@code ld2string} in {@code LD_STR_HUMAN} mode, for a finite value. */
  String format() {
    String text = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
    int length = text.length();
    while (text.charAt(length - 1) == '0') {
      length--;
    }
    if (text.charAt(length - 1) == '.') {
      length--;
    }
    text = text.substring(0, length);
    return text.equals("-0") ? "0" : text;
  }

  /**
   * The x87 value nearest to {@code exact}: an infinity past the largest, or null when a nonzero
   * value underflows to zero (strtold's ERANGE, which Redis refuses).
   */
  private static LongDouble round(final BigDecimal exact) {
    final int sign = exact.signum();
    if (sign == 0) {
      return ZERO;
    }
    final BigDecimal magnitude = exact.abs();
    BigInteger numerator = magnitude.unscaledValue();
    BigInteger denominator = BigInteger.ONE;
    if (magnitude.scale() > 0) {
      denominator = BigInteger.TEN.pow(magnitude.scale());
    } else {
      numerator = numerator.multiply(BigInteger.TEN.pow(-magnitude.scale()));
    }
    int exponent = Math.max(MIN_EXPONENT, numerator.bitLength() - denominator.bitLength() - 64);
    BigInteger[] division = divide(numerator, denominator, exponent);
    while (division[0].bitLength() > 64) {
      exponent++;
      division = divide(numerator, denominator, exponent);
    }
    while (division[0].bitLength() < 64 && exponent > MIN_EXPONENT) {
      exponent--;
      division = divide(numerator, denominator, exponent);
    }
    BigInteger significand = division[0];
    final BigInteger divisor = exponent >= 0 ? denominator.shiftLeft(exponent) : denominator;
    final int half = division[1].shiftLeft(1).compareTo(divisor);
    if (half > 0 || (half == 0 && significand.testBit(0))) {
      significand = significand.add(BigInteger.ONE);
      if (significand.bitLength() > 64) {
        significand = significand.shiftRight(1);
        exponent++;
      }
    }
    if (significand.signum() == 0) {
      return null;
    }
    if (exponent > MAX_EXPONENT) {
      return sign > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
    }
    BigDecimal result = exponent >= 0
        ? new BigDecimal(significand.shiftLeft(exponent))
        : new BigDecimal(significand.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
    if (sign < 0) {
      result = result.negate();
    }
    return new LongDouble(result, 0);
  }

  /** Quotient and remainder of {@code numerator / (denominator * 2^exponent)}. */
  private static BigInteger[] divide(final BigInteger numerator, final BigInteger denominator, final int exponent) {
    return exponent >= 0
        ? numerator.divideAndRemainder(denominator.shiftLeft(exponent))
        : numerator.shiftLeft(-exponent).divideAndRemainder(denominator);
  }

  /** {@code digits [. digits] [e [+-] digits]} with at least one mantissa digit, else null. */
  private static BigDecimal parseDecimal(final String s) {
    final StringBuilder digits = new StringBuilder();
    int i = 0;
    final int n = s.length();
    long scale = 0;
    boolean any = false;
    while (i < n && isDigit(s.charAt(i))) {
      digits.append(s.charAt(i++));
      any = true;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        digits.append(s.charAt(i++));
        scale++;
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    long exponent = 0;
    if (i < n && (s.charAt(i) | 0x20) == 'e') {
      i++;
      final long[] parsed = new long[1];
      i = parseExponent(s, i, parsed);
      if (i < 0) {
        return null;
      }
      exponent = parsed[0];
    }
    if (i != n) {
      return null;
    }
    return scaled(new BigInteger(digits.toString()), exponent - scale, BigInteger.TEN);
  }

  /** C99 hexadecimal floating text after the sign: {@code 0x hex [. hex] [p [+-] digits]}. */
  private static BigDecimal parseHex(final String s) {
    final StringBuilder digits = new StringBuilder();
    int i = 2;
    final int n = s.length();
    long fraction = 0;
    boolean any = false;
    while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
      digits.append(s.charAt(i++));
      any = true;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
        digits.append(s.charAt(i++));
        fraction++;
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    long exponent = 0;
    if (i < n && (s.charAt(i) | 0x20) == 'p') {
      i++;
      final long[] parsed = new long[1];
      i = parseExponent(s, i, parsed);
      if (i < 0) {
        return null;
      }
      exponent = parsed[0];
    }
    if (i != n) {
      return null;
    }
    return scaled(new BigInteger(digits.toString(), 16), exponent - 4 * fraction, BigInteger.TWO);
  }

  /** Parses {@code [+-] digits} from {@code i}, saturating; returns the end, or -1 if absent. */
  private static int parseExponent(final String s, final int start, final long[] out) {
    int i = start;
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    if (i == s.length() || !isDigit(s.charAt(i))) {
      return -1;
    }
    long value = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      value = Math.min(value * 10 + (s.charAt(i++) - '0'), 1L << 40);
    }
    out[0] = negative ? -value : value;
    return i;
  }

  /**
   * {@code mantissa * base^exponent} exactly, with exponents far outside the x87 range cut short
   * (to a value that still overflows or underflows) so huge exponents cost nothing.
   */
  private static BigDecimal scaled(final BigInteger mantissa, final long exponent, final BigInteger base) {
    if (mantissa.signum() == 0) {
      return BigDecimal.ZERO;
    }
    final long limit = base.equals(BigInteger.TEN) ? DECIMAL_EXPONENT_LIMIT : 4 * DECIMAL_EXPONENT_LIMIT;
    final long digitsAbove = base.equals(BigInteger.TEN) ? mantissa.toString().length() : mantissa.bitLength();
    final long clamped = Math.max(-limit - digitsAbove, Math.min(limit, exponent));
    if (base.equals(BigInteger.TEN)) {
      return new BigDecimal(mantissa, (int) -clamped);
    }
    return clamped >= 0
        ? new BigDecimal(mantissa.shiftLeft((int) clamped))
        : new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow((int) -clamped)), (int) -clamped);
  }

  private static boolean isDigit(final char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(final byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }
}
