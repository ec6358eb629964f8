package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Score parsing, with the values Redis 7.0.15 gave for each text (ZADD then ZSCORE). */
class ScoresTest {
  private final double[] out = new double[1];

  private boolean strict(final String text) {
    final byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return Scores.parse(b, 0, b.length, true, out);
  }

  private boolean lenient(final String text) {
    final byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return Scores.parse(b, 0, b.length, false, out);
  }

  private double strictValue(final String text) {
    assertTrue(strict(text), text);
    return out[0];
  }

  @Test
  void acceptsWhatStrtodAcceptsWithTheWholeTextConsumed() {
    assertEquals(12, strictValue("00012"));
    assertEquals(-1.5, strictValue("-1.5"));
    assertEquals(0.5, strictValue(".5"));
    assertEquals(5, strictValue("5."));
    assertEquals(100000, strictValue("1E5"));
    assertEquals(100000, strictValue("1e+5"));
    assertEquals(16, strictValue("0x10"));
    assertEquals(0.25, strictValue("0x1p-2"));
    assertEquals(9007199254740992.0, strictValue("9007199254740993"));
    assertEquals(4.9e-324, strictValue("4.9e-324"));
    assertEquals(Double.POSITIVE_INFINITY, strictValue("inf"));
    assertEquals(Double.POSITIVE_INFINITY, strictValue("+Infinity"));
    assertEquals(Double.NEGATIVE_INFINITY, strictValue("-INF"));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(strictValue("-0")));
  }

  @Test
  void strictParsingRejectsWhatStringToDoubleRejects() {
    for (final String bad : new String[] {"", " 1", "1 ", "nan", "-nan", "1d", "1f", "0x", "1e", "1.5.2", "x", "+",
        "1e400", "-1e400", "1e-400", "1\0", "infinit"}) {
      assertFalse(strict(bad), bad);
    }
  }

  @Test
  void rangeBoundsAllowLeadingSpaceEmptyTextAndSaturation() {
    assertTrue(lenient(""));
    assertEquals(0, out[0]);
    assertTrue(lenient(" 1"));
    assertEquals(1, out[0]);
    assertTrue(lenient("1e400"));
    assertEquals(Double.POSITIVE_INFINITY, out[0]);
    assertFalse(lenient("nan"));
    assertFalse(lenient("1 "));
  }

  @Test
  void plainDecimalsParseToTheSameDoubleAsAFullParser() {
    final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      final long digits = random.nextLong(1L << 53);
      final String text = Long.toString(digits);
      final int point = random.nextInt(Math.min(text.length(), 22) + 1);
      final String decimal = (random.nextBoolean() ? "-" : "")
          + text.substring(0, text.length() - point) + "." + text.substring(text.length() - point);
      assertEquals(Double.parseDouble(decimal), strictValue(decimal), decimal);
    }
    assertEquals(0.1, strictValue("0.1"));
    assertEquals(-123.456, strictValue("-123.456"));
  }
}
