package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** SORT and SORT_RO, each reply checked against Redis 7.0.15. */
class SortCommandsTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void numericByDefaultWithLimitAndDesc() {
    assertEquals(":4\r\n", h.run("rpush", "l", "3", "1", "2", "10"));
    assertEquals("*4\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n", h.run("sort", "l"));
    assertEquals("*2\r\n$1\r\n3\r\n$1\r\n2\r\n", h.run("sort", "l", "desc", "limit", "1", "2"));
    assertEquals("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", h.run("sort", "l", "limit", "-5", "2"));
    assertEquals("*0\r\n", h.run("sort", "l", "limit", "10", "2"));
    assertEquals("*2\r\n$1\r\n3\r\n$2\r\n10\r\n", h.run("sort", "l", "limit", "2", "-1"));
    assertEquals("*0\r\n", h.run("sort", "nokey"));
  }

  @Test
  void alphaSortsBytewise() {
    assertEquals(":4\r\n", h.run("rpush", "l", "3", "1", "2", "10"));
    assertEquals("*4\r\n$1\r\n1\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n3\r\n", h.run("sort", "l", "alpha"));
    assertEquals(":3\r\n", h.run("rpush", "m", "3", "a", "1"));
    assertEquals("-ERR One or more scores can't be converted into double\r\n", h.run("sort", "m"));
    assertEquals("*3\r\n$1\r\na\r\n$1\r\n3\r\n$1\r\n1\r\n", h.run("sort", "m", "alpha", "desc"));
  }

  @Test
  void scoresAreReadAsStrtodDoes() {
    assertEquals(":5\r\n", h.run("rpush", "f", " 1.5", "0x10", "", "-inf", "1e2"));
    assertEquals("*5\r\n$4\r\n-inf\r\n$0\r\n\r\n$4\r\n 1.5\r\n$4\r\n0x10\r\n$3\r\n1e2\r\n", h.run("sort", "f"));
    assertEquals(":2\r\n", h.run("rpush", "g", "1", "nan"));
    assertEquals("-ERR One or more scores can't be converted into double\r\n", h.run("sort", "g"));
    assertEquals("*2\r\n$1\r\n1\r\n$3\r\nnan\r\n", h.run("sort", "g", "by", "nosort"));
    assertEquals(":1\r\n", h.run("rpush", "o", "1e400"));
    assertEquals("-ERR One or more scores can't be converted into double\r\n", h.run("sort", "o"));
  }

  @Test
  void optionErrorsComeBeforeTheKey() {
    assertEquals("+OK\r\n", h.run("set", "s", "x"));
    assertEquals("-ERR syntax error\r\n", h.run("sort", "s", "limit", "1"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("sort", "s", "limit", "a", "1"));
    assertEquals("-ERR syntax error\r\n", h.run("sort", "s", "foo"));
    assertEquals("-ERR syntax error\r\n", h.run("sort_ro", "s", "store", "x"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("sort", "s"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("sort_ro", "s"));
  }

  @Test
  void byPatternAndGetPatternsReadOtherKeys() {
    assertEquals(":4\r\n", h.run("rpush", "l", "3", "1", "2", "10"));
    assertEquals("+OK\r\n", h.run("mset", "w_3", "30", "w_1", "10", "w_2", "20"));
    assertEquals(":1\r\n", h.run("hset", "h_3", "f", "c"));
    assertEquals(":1\r\n", h.run("hset", "h_1", "f", "a"));
    assertEquals("*4\r\n$2\r\n10\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", h.run("sort", "l", "by", "w_*"));
    assertEquals("*12\r\n$2\r\n10\r\n$-1\r\n$-1\r\n$1\r\n1\r\n$1\r\na\r\n$2\r\n10\r\n$1\r\n2\r\n$-1\r\n$2\r\n20\r\n$1\r\n3\r\n$1\r\nc\r\n$2\r\n30\r\n", h.run("sort", "l", "by", "w_*", "get", "#", "get", "h_*->f", "get", "w_*"));
    assertEquals("*4\r\n$1\r\n2\r\n$2\r\n10\r\n$1\r\n1\r\n$1\r\n3\r\n", h.run("sort", "l", "by", "h_*->f", "alpha"));
    assertEquals("-ERR One or more scores can't be converted into double\r\n", h.run("sort", "l", "by", "h_*->f"));
    assertEquals("*2\r\n$-1\r\n$-1\r\n", h.run("sort", "l", "by", "w_*", "limit", "0", "2", "get", "nothere"));
    assertEquals("+OK\r\n", h.run("set", "k->", "x"));
    assertEquals("*4\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n", h.run("sort", "l", "by", "nosort", "get", "k*->"));
  }

  @Test
  void byWithoutStarKeepsSourceOrder() {
    assertEquals(":4\r\n", h.run("rpush", "l", "3", "1", "2", "10"));
    assertEquals("*2\r\n$1\r\n2\r\n$1\r\n1\r\n", h.run("sort", "l", "by", "nosort", "desc", "limit", "1", "2"));
    assertEquals("*4\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n1\r\n$1\r\n3\r\n", h.run("sort_ro", "l", "get", "#", "by", "nosort", "desc"));
    assertEquals(":3\r\n", h.run("zadd", "z", "3", "a", "1", "b", "2", "c"));
    assertEquals("*3\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\nb\r\n", h.run("sort", "z", "by", "nosort", "desc"));
    assertEquals("*1\r\n$1\r\nc\r\n", h.run("sort", "z", "by", "nosort", "limit", "1", "1"));
  }

  @Test
  void sortsSortedSetsAndSets() {
    assertEquals(":3\r\n", h.run("zadd", "z", "3", "a", "1", "b", "2", "c"));
    assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", h.run("sort", "z", "alpha"));
    assertEquals("*2\r\n$1\r\nc\r\n$1\r\nb\r\n", h.run("sort", "z", "alpha", "desc", "limit", "0", "2"));
    assertEquals("-ERR One or more scores can't be converted into double\r\n", h.run("sort", "z"));
    assertEquals(":4\r\n", h.run("sadd", "st", "5", "2", "9", "10"));
    assertEquals("*4\r\n$1\r\n2\r\n$1\r\n5\r\n$1\r\n9\r\n$2\r\n10\r\n", h.run("sort", "st"));
    assertEquals("*4\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n5\r\n$1\r\n9\r\n", h.run("sort", "st", "alpha"));
    assertEquals(":3\r\n", h.run("sadd", "hs", "x", "3", "y"));
    assertEquals("*3\r\n$1\r\ny\r\n$1\r\nx\r\n$1\r\n3\r\n", h.run("sort", "hs", "alpha", "desc"));
  }

  @Test
  void storeWritesAListOrDeletesTheDestination() {
    assertEquals(":4\r\n", h.run("rpush", "l", "3", "1", "2", "10"));
    assertEquals("+OK\r\n", h.run("mset", "w_3", "30", "w_1", "10", "w_2", "20"));
    assertEquals(":4\r\n", h.run("sort", "l", "by", "w_*", "get", "#", "store", "dst"));
    assertEquals("*4\r\n$2\r\n10\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", h.run("lrange", "dst", "0", "-1"));
    assertEquals(":0\r\n", h.run("sort", "nokey", "store", "dst"));
    assertEquals(":0\r\n", h.run("exists", "dst"));
    assertEquals("+OK\r\n", h.run("set", "s", "x"));
    assertEquals(":4\r\n", h.run("sort", "l", "store", "s"));
    assertEquals("+list\r\n", h.run("type", "s"));
    assertEquals(":4\r\n", h.run("sadd", "st", "5", "2", "9", "10"));
    assertEquals(":4\r\n", h.run("sort", "st", "by", "nosort", "store", "d2"));
    assertEquals("*4\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n5\r\n$1\r\n9\r\n", h.run("lrange", "d2", "0", "-1"));
    assertEquals(":4\r\n", h.run("sort", "l", "get", "nothere", "store", "d3"));
    assertEquals("*4\r\n$0\r\n\r\n$0\r\n\r\n$0\r\n\r\n$0\r\n\r\n", h.run("lrange", "d3", "0", "-1"));
    assertEquals(":1\r\n", h.run("expire", "l", "100"));
    assertEquals(":4\r\n", h.run("sort", "l", "store", "l"));
    assertEquals("*4\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n", h.run("lrange", "l", "0", "-1"));
    assertEquals(":-1\r\n", h.run("ttl", "l"));
  }

  @Test
  void sortsHeapEncodedListsAndSortedSets() {
    for (int i = 0; i < 300; i++) {
      h.run("RPUSH", "big", Integer.toString(i));
      h.run("ZADD", "bigz", Integer.toString(i), "m" + i);
    }
    assertEquals("*3\r\n$3\r\n299\r\n$3\r\n298\r\n$3\r\n297\r\n", h.run("SORT", "big", "DESC", "LIMIT", "0", "3"));
    assertEquals("*2\r\n$2\r\n10\r\n$3\r\n100\r\n", h.run("SORT", "big", "ALPHA", "LIMIT", "2", "2"));
    assertEquals("*2\r\n$4\r\nm298\r\n$4\r\nm297\r\n", h.run("SORT", "bigz", "BY", "nosort", "DESC", "LIMIT", "1", "2"));
    assertEquals("*1\r\n$2\r\nm0\r\n", h.run("SORT", "bigz", "ALPHA", "LIMIT", "0", "1"));
  }

  @Test
  void missingGetValuesAreNullsInResp3() {
    h.run("HELLO", "3");
    h.run("RPUSH", "l", "a", "b");
    assertEquals("*2\r\n_\r\n_\r\n", h.run("SORT", "l", "BY", "nosort", "GET", "no_*"));
  }

  @Test
  void sortingASortedSetConvertsItToASkiplistAsRedisDoes() {
    h.run("ZADD", "z", "1", "a", "2", "b");
    h.run("ZADD", "z2", "1", "a");
    h.run("ZADD", "z3", "1", "a");
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", h.run("SORT_RO", "z", "BY", "nosort"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("-ERR One or more scores can't be converted into double\r\n", h.run("SORT", "z2"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "z2"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("SORT", "z3", "LIMIT", "x", "1"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "z3"));
  }

  @Test
  void strtodEdgeCasesMatchRedis() {
    final String error = "-ERR One or more scores can't be converted into double\r\n";
    for (final String bad : new String[] {"1e-400", "5 ", "4.9e-324", "-4.9e-324", "2.2250738585072011e-308", "0x", "1e",
        "1e400", "nan", "1,5"}) {
      h.run("DEL", "q");
      h.run("RPUSH", "q", bad);
      assertEquals(error, h.run("SORT", "q"), bad);
    }
    for (final String good : new String[] {"+5", ".5", "5.", "0x1p3", "infinity", "-INF", "1e308", "\t7", "",
        "0x1p-1074", "2.2250738585072014e-308"}) {
      h.run("DEL", "q");
      h.run("RPUSH", "q", good);
      assertEquals("*1\r\n$" + good.length() + "\r\n" + good + "\r\n", h.run("SORT", "q"), good);
    }
  }
}
