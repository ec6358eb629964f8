package io.rustyredis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void doublesPrintAsRedis70PrintsScores() {
    // Each expected text was read from redis-server 7.0.15 (ZADD then ZSCORE, RESP3).
    assertEquals("1.1000000000000001", Numbers.formatDouble(1.1));
    assertEquals("3", Numbers.formatDouble(3));
    assertEquals("1e+20", Numbers.formatDouble(1e20));
    assertEquals("0.0001", Numbers.formatDouble(0.0001));
    assertEquals("1.0000000000000001e-05", Numbers.formatDouble(0.00001));
    assertEquals("1.2345678901234568e+17", Numbers.formatDouble(123456789012345678.0));
    assertEquals("inf", Numbers.formatDouble(Double.POSITIVE_INFINITY));
    assertEquals("-inf", Numbers.formatDouble(Double.NEGATIVE_INFINITY));
    assertEquals("-2.5", Numbers.formatDouble(-2.5));
    assertEquals("100", Numbers.formatDouble(100));
  }

  @Test
  void integersParseWithRedisStrictness() {
    final long[] out = new long[1];
    assertTrue(parse("-9223372036854775808", out));
    assertEquals(Long.MIN_VALUE, out[0]);
    assertTrue(parse("9223372036854775807", out));
    assertEquals(Long.MAX_VALUE, out[0]);
    assertFalse(parse("9223372036854775808", out));
    assertFalse(parse("+1", out));
    assertFalse(parse("01", out));
    assertFalse(parse(" 1", out));
    assertFalse(parse("-0", out));
    assertFalse(parse("", out));
    assertTrue(parse("0", out));
  }

  private static boolean parse(final String text, final long[] out) {
    final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    return Numbers.parseLong(bytes, 0, bytes.length, out);
  }
}
