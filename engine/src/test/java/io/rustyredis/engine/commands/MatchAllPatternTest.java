package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/**
 * The pattern {@code *} alone matches everything in KEYS and the SCAN family, the empty key or
 * member included, because Redis short-cuts it; any other pattern goes through glob matching, where
 * {@code **} does not match an empty string. Checked against Redis 7.0.15.
 */
class MatchAllPatternTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void keysStarReturnsTheEmptyKey() {
    assertEquals("+OK\r\n", h.run("set", "", "x"));
    assertEquals("*1\r\n$0\r\n\r\n", h.run("keys", "*"));
    assertEquals("*0\r\n", h.run("keys", "**"));
  }

  @Test
  void scanMatchStarReturnsTheEmptyKey() {
    assertEquals("+OK\r\n", h.run("set", "", "x"));
    assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$0\r\n\r\n", h.run("scan", "0", "match", "*"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", h.run("scan", "0", "match", "**"));
    assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$0\r\n\r\n", h.run("scan", "0"));
  }

  @Test
  void hscanMatchStarReturnsTheEmptyField() {
    assertEquals(":1\r\n", h.run("hset", "h", "", "v"));
    assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$0\r\n\r\n$1\r\nv\r\n", h.run("hscan", "h", "0", "match", "*"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", h.run("hscan", "h", "0", "match", "**"));
  }

  @Test
  void sscanMatchStarReturnsTheEmptyMember() {
    assertEquals(":1\r\n", h.run("sadd", "s", ""));
    assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$0\r\n\r\n", h.run("sscan", "s", "0", "match", "*"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", h.run("sscan", "s", "0", "match", "**"));
    assertEquals(":2\r\n", h.run("sadd", "s2", "", "ab"));
    assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$2\r\nab\r\n", h.run("sscan", "s2", "0", "match", "**", "count", "10"));
  }

  @Test
  void zscanMatchStarReturnsTheEmptyMember() {
    assertEquals(":1\r\n", h.run("zadd", "z", "1", ""));
    assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$0\r\n\r\n$1\r\n1\r\n", h.run("zscan", "z", "0", "match", "*"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", h.run("zscan", "z", "0", "match", "**"));
  }
}
