package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sets as inputs of ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD: a set member scores
 * 1 before WEIGHTS. Replies checked against Redis 7.0.15.
 */
class SortedSetSetInputsTest {
  private final EngineHarness h = new EngineHarness();

  @BeforeEach
  void fill() {
    h.run("SADD", "s1", "1", "2", "3");
    h.run("SADD", "s2", "a", "b", "2");
    h.run("ZADD", "z", "5", "2", "7", "a", "9", "x");
  }

  @Test
  void zunionScoresSetMembersOneBeforeWeights() {
    assertEquals("*12\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n1\r\n"
        + "$1\r\n2\r\n$1\r\n7\r\n$1\r\na\r\n$1\r\n8\r\n$1\r\nx\r\n$1\r\n9\r\n",
        h.run("ZUNION", "3", "s1", "s2", "z", "WITHSCORES"));
    assertEquals("*10\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n2\r\n$1\r\n2\r\n$2\r\n17\r\n"
        + "$1\r\na\r\n$2\r\n21\r\n$1\r\nx\r\n$2\r\n27\r\n",
        h.run("ZUNION", "2", "s1", "z", "WEIGHTS", "2", "3", "WITHSCORES"));
  }

  @Test
  void zinterMatchesIntsetAndHashtableMembers() {
    assertEquals("*2\r\n$1\r\n2\r\n$1\r\n6\r\n", h.run("ZINTER", "2", "s1", "z", "WITHSCORES"));
    assertEquals("*4\r\n$1\r\n2\r\n$1\r\n5\r\n$1\r\na\r\n$1\r\n7\r\n",
        h.run("ZINTER", "2", "z", "s2", "AGGREGATE", "MAX", "WITHSCORES"));
    assertEquals("*0\r\n", h.run("ZINTER", "2", "s1", "nokey"));
    assertEquals(":1\r\n", h.run("ZINTERCARD", "2", "s1", "s2"));
    assertEquals(":1\r\n", h.run("ZINTERCARD", "2", "s1", "z", "LIMIT", "1"));
  }

  @Test
  void zdiffFromASetOrAgainstASet() {
    assertEquals("*4\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n3\r\n$1\r\n1\r\n", h.run("ZDIFF", "2", "s1", "z", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\nx\r\n$1\r\n9\r\n", h.run("ZDIFF", "2", "z", "s2", "WITHSCORES"));
    assertEquals("*6\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n1\r\n$1\r\n3\r\n$1\r\n1\r\n",
        h.run("ZDIFF", "1", "s1", "WITHSCORES"));
  }

  @Test
  void storeFormsWriteSortedSetsFromSets() {
    assertEquals(":5\r\n", h.run("ZUNIONSTORE", "d", "2", "s1", "s2"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "d"));
    assertEquals("*10\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n1\r\n"
        + "$1\r\nb\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n2\r\n", h.run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
    assertEquals(":1\r\n", h.run("ZINTERSTORE", "d2", "2", "s1", "s2"));
    assertEquals(":2\r\n", h.run("ZDIFFSTORE", "d3", "2", "s2", "s1"));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n1\r\n", h.run("ZRANGE", "d3", "0", "-1", "WITHSCORES"));
  }

  @Test
  void otherTypesStayWrongType() {
    h.run("SET", "str", "x");
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        h.run("ZUNION", "2", "s1", "str"));
  }
}
