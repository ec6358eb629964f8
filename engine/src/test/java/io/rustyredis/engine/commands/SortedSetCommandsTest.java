package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** Sorted set commands, each reply checked against Redis 7.0.15. */
class SortedSetCommandsTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void zaddCountsAddedMembersAndChWithChanges() {
    assertEquals(":3\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "1", "a", "5", "b", "4", "d"));
    assertEquals(":2\r\n", h.run("ZADD", "z", "CH", "1", "a", "6", "b", "7", "e"));
    assertEquals(":5\r\n", h.run("ZCARD", "z"));
    assertEquals("*10\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nb\r\n$1\r\n6\r\n$1\r\ne\r\n$1\r\n7\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals("+zset\r\n", h.run("TYPE", "z"));
  }

  @Test
  void zaddOptionsNxXxGtLt() {
    assertEquals(":1\r\n", h.run("ZADD", "z", "5", "a"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "NX", "1", "a", "2", "b"));
    assertEquals(":0\r\n", h.run("ZADD", "z", "XX", "9", "c", "6", "b"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "GT", "CH", "4", "a", "7", "b"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "LT", "CH", "4", "a", "9", "b"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "XX", "GT", "CH", "10", "a", "1", "zz"));
    assertEquals("*4\r\n$1\r\nb\r\n$1\r\n7\r\n$1\r\na\r\n$2\r\n10\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals(":0\r\n", h.run("ZADD", "missing", "XX", "1", "a"));
    assertEquals(":0\r\n", h.run("EXISTS", "missing"));
    assertEquals("$-1\r\n", h.run("ZADD", "missing", "XX", "INCR", "1", "a"));
  }

  @Test
  void zaddRejectsIncompatibleOptionsAndBadScores() {
    assertEquals("-ERR XX and NX options at the same time are not compatible\r\n", h.run("ZADD", "z", "XX", "NX", "1", "a"));
    assertEquals("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n", h.run("ZADD", "z", "GT", "LT", "1", "a"));
    assertEquals("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n", h.run("ZADD", "z", "GT", "NX", "1", "a"));
    assertEquals("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n", h.run("ZADD", "z", "LT", "NX", "1", "a"));
    assertEquals("-ERR INCR option supports a single increment-element pair\r\n", h.run("ZADD", "z", "INCR", "1", "a", "2", "b"));
    assertEquals("-ERR syntax error\r\n", h.run("ZADD", "z", "1", "a", "2"));
    assertEquals("-ERR wrong number of arguments for 'zadd' command\r\n", h.run("ZADD", "z", "NX"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", "x", "1"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", "nan", "a"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", "1", "a", "foo", "b"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", " 1", "a"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", "1 ", "a"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", "1e400", "a"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", "1e-400", "a"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", "1.5.2", "a"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "z", "1e", "a"));
    assertEquals(":1\r\n", h.run("ZADD", "z", ".5", "a"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "5.", "b"));
    assertEquals(":5\r\n", h.run("ZADD", "z", "+inf", "c", "-INF", "d", "0x10", "e", "1e3", "f", "-0.25", "g"));
    assertEquals("*14\r\n$1\r\nd\r\n$4\r\n-inf\r\n$1\r\ng\r\n$5\r\n-0.25\r\n$1\r\na\r\n$3\r\n0.5\r\n$1\r\nb\r\n$1\r\n5\r\n$1\r\ne\r\n$2\r\n16\r\n$1\r\nf\r\n$4\r\n1000\r\n$1\r\nc\r\n$3\r\ninf\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals(":0\r\n", h.run("EXISTS", "missing"));
  }

  @Test
  void zaddIncrAndZincrby() {
    assertEquals("$3\r\n1.5\r\n", h.run("ZADD", "z", "INCR", "1.5", "a"));
    assertEquals("$3\r\n2.5\r\n", h.run("ZADD", "z", "INCR", "1", "a"));
    assertEquals("$3\r\n4.5\r\n", h.run("ZINCRBY", "z", "2", "a"));
    assertEquals("$1\r\n3\r\n", h.run("ZINCRBY", "z", "3", "new"));
    assertEquals("$-1\r\n", h.run("ZADD", "z", "NX", "INCR", "1", "a"));
    assertEquals("$-1\r\n", h.run("ZADD", "z", "XX", "INCR", "1", "b"));
    assertEquals("$-1\r\n", h.run("ZADD", "z", "GT", "INCR", "-1", "a"));
    assertEquals("$3\r\n3.5\r\n", h.run("ZADD", "z", "LT", "INCR", "-1", "a"));
    assertEquals("$3\r\n3.5\r\n", h.run("ZADD", "z", "INCR", "0", "a"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZINCRBY", "z", "x", "a"));
    assertEquals("$3\r\ninf\r\n", h.run("ZINCRBY", "z", "inf", "a"));
    assertEquals("-ERR resulting score is not a number (NaN)\r\n", h.run("ZINCRBY", "z", "-inf", "a"));
    assertEquals("$3\r\ninf\r\n", h.run("ZSCORE", "z", "a"));
    assertEquals("$19\r\n0.10000000000000001\r\n", h.run("ZINCRBY", "z", "0.1", "f"));
    assertEquals("$19\r\n0.30000000000000004\r\n", h.run("ZINCRBY", "z", "0.2", "f"));
  }

  @Test
  void zaddOnOtherTypeIsWrongtypeAfterScoreChecks() {
    assertEquals("+OK\r\n", h.run("SET", "s", "v"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZADD", "s", "1", "a"));
    assertEquals("-ERR value is not a valid float\r\n", h.run("ZADD", "s", "x", "a"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZINCRBY", "s", "1", "a"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZREM", "s", "a"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZCARD", "s"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZSCORE", "s", "a"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZMSCORE", "s", "a"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZRANK", "s", "a"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZRANGE", "s", "0", "-1"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZRANGEBYSCORE", "s", "0", "1"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZCOUNT", "s", "0", "1"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZLEXCOUNT", "s", "-", "+"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZPOPMIN", "s"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZRANDMEMBER", "s"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZSCAN", "s", "0"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZREMRANGEBYRANK", "s", "0", "1"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZRANGESTORE", "d", "s", "0", "-1"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZMPOP", "1", "s", "MIN"));
  }

  @Test
  void zremDeletesTheKeyWhenEmpty() {
    assertEquals(":3\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c"));
    assertEquals(":1\r\n", h.run("ZREM", "z", "a", "x"));
    assertEquals(":2\r\n", h.run("ZREM", "z", "b", "c", "a"));
    assertEquals(":0\r\n", h.run("EXISTS", "z"));
    assertEquals(":0\r\n", h.run("ZREM", "z", "a"));
    assertEquals(":0\r\n", h.run("ZCARD", "z"));
  }

  @Test
  void scoresRanksAndMissingKeys() {
    assertEquals(":4\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "2", "bb"));
    assertEquals("$1\r\n2\r\n", h.run("ZSCORE", "z", "b"));
    assertEquals("$-1\r\n", h.run("ZSCORE", "z", "x"));
    assertEquals("$-1\r\n", h.run("ZSCORE", "missing", "a"));
    assertEquals("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n3\r\n", h.run("ZMSCORE", "z", "a", "x", "c"));
    assertEquals("*2\r\n$-1\r\n$-1\r\n", h.run("ZMSCORE", "missing", "a", "b"));
    assertEquals(":2\r\n", h.run("ZRANK", "z", "bb"));
    assertEquals(":1\r\n", h.run("ZREVRANK", "z", "bb"));
    assertEquals("$-1\r\n", h.run("ZRANK", "z", "x"));
    assertEquals("$-1\r\n", h.run("ZRANK", "missing", "a"));
    assertEquals(":3\r\n", h.run("ZREVRANK", "z", "a"));
  }

  @Test
  void scoresInResp3AreDoubles() {
    h.run("HELLO", "3");
    assertEquals(":2\r\n", h.run("ZADD", "z", "1.5", "a", "2", "b"));
    assertEquals(",1.5\r\n", h.run("ZSCORE", "z", "a"));
    assertEquals("*2\r\n,1.5\r\n_\r\n", h.run("ZMSCORE", "z", "a", "x"));
    assertEquals(",3\r\n", h.run("ZINCRBY", "z", "1", "b"));
    assertEquals("*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,3\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", h.run("ZRANGE", "z", "0", "-1"));
    assertEquals("*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,3\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES"));
    assertEquals("*2\r\n*2\r\n$1\r\nb\r\n,3\r\n*2\r\n$1\r\na\r\n,1.5\r\n", h.run("ZREVRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("_\r\n", h.run("ZSCORE", "z", "x"));
    assertEquals("_\r\n", h.run("ZADD", "z", "XX", "INCR", "1", "x"));
    assertEquals("*2\r\n$1\r\na\r\n,1.5\r\n", h.run("ZPOPMIN", "z"));
    assertEquals("*1\r\n*2\r\n$1\r\nb\r\n,3\r\n", h.run("ZPOPMIN", "z", "1"));
    assertEquals(":2\r\n", h.run("ZADD", "z", "1", "a", "2", "b"));
    assertEquals("*2\r\n*2\r\n$1\r\nb\r\n,2\r\n*2\r\n$1\r\na\r\n,1\r\n", h.run("ZPOPMAX", "z", "5"));
    assertEquals(":2\r\n", h.run("ZADD", "z", "1", "a", "2", "b"));
    assertEquals("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nb\r\n,2\r\n", h.run("ZMPOP", "1", "z", "MAX", "COUNT", "1"));
    assertEquals("_\r\n", h.run("ZMPOP", "1", "missing", "MIN"));
    assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", h.run("ZSCAN", "z", "0"));
    assertEquals("*1\r\n*2\r\n$1\r\na\r\n,1\r\n", h.run("ZRANDMEMBER", "z", "5", "WITHSCORES"));
    assertEquals("_\r\n", h.run("ZRANDMEMBER", "missing"));
  }

  @Test
  void zcountAndZlexcount() {
    assertEquals(":5\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e"));
    assertEquals(":3\r\n", h.run("ZCOUNT", "z", "2", "4"));
    assertEquals(":2\r\n", h.run("ZCOUNT", "z", "(2", "4"));
    assertEquals(":1\r\n", h.run("ZCOUNT", "z", "(2", "(4"));
    assertEquals(":5\r\n", h.run("ZCOUNT", "z", "-inf", "+inf"));
    assertEquals(":0\r\n", h.run("ZCOUNT", "z", "4", "2"));
    assertEquals(":0\r\n", h.run("ZCOUNT", "z", "(3", "(3"));
    assertEquals(":1\r\n", h.run("ZCOUNT", "z", "3", "3"));
    assertEquals("-ERR min or max is not a float\r\n", h.run("ZCOUNT", "z", "x", "1"));
    assertEquals("-ERR min or max is not a float\r\n", h.run("ZCOUNT", "z", "1", "nan"));
    assertEquals(":3\r\n", h.run("ZCOUNT", "z", "", "3"));
    assertEquals(":3\r\n", h.run("ZCOUNT", "z", "(", "3"));
    assertEquals(":0\r\n", h.run("ZCOUNT", "missing", "0", "1"));
    assertEquals(":1\r\n", h.run("DEL", "z"));
    assertEquals(":5\r\n", h.run("ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e"));
    assertEquals(":5\r\n", h.run("ZLEXCOUNT", "z", "-", "+"));
    assertEquals(":3\r\n", h.run("ZLEXCOUNT", "z", "[b", "[d"));
    assertEquals(":1\r\n", h.run("ZLEXCOUNT", "z", "(b", "(d"));
    assertEquals(":3\r\n", h.run("ZLEXCOUNT", "z", "(b", "+"));
    assertEquals(":2\r\n", h.run("ZLEXCOUNT", "z", "-", "(c"));
    assertEquals(":0\r\n", h.run("ZLEXCOUNT", "z", "+", "-"));
    assertEquals(":0\r\n", h.run("ZLEXCOUNT", "z", "[d", "[b"));
    assertEquals("-ERR min or max not valid string range item\r\n", h.run("ZLEXCOUNT", "z", "a", "b"));
    assertEquals("-ERR min or max not valid string range item\r\n", h.run("ZLEXCOUNT", "z", "[a", "++"));
    assertEquals("-ERR min or max not valid string range item\r\n", h.run("ZLEXCOUNT", "z", "", "+"));
    assertEquals(":0\r\n", h.run("ZLEXCOUNT", "missing", "-", "+"));
  }

  @Test
  void zrangeByRankClampsIndexes() {
    assertEquals(":5\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e"));
    assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", h.run("ZRANGE", "z", "0", "-1"));
    assertEquals("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", h.run("ZRANGE", "z", "1", "3"));
    assertEquals("*2\r\n$1\r\nd\r\n$1\r\ne\r\n", h.run("ZRANGE", "z", "-2", "-1"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", h.run("ZRANGE", "z", "-100", "1"));
    assertEquals("*2\r\n$1\r\nd\r\n$1\r\ne\r\n", h.run("ZRANGE", "z", "3", "100"));
    assertEquals("*0\r\n", h.run("ZRANGE", "z", "4", "2"));
    assertEquals("*0\r\n", h.run("ZRANGE", "z", "5", "10"));
    assertEquals("*5\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n", h.run("ZRANGE", "z", "0", "-1", "REV"));
    assertEquals("*4\r\n$1\r\ne\r\n$1\r\n5\r\n$1\r\nd\r\n$1\r\n4\r\n", h.run("ZRANGE", "z", "0", "1", "REV", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\ne\r\n$1\r\nd\r\n", h.run("ZREVRANGE", "z", "0", "1"));
    assertEquals("*8\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n", h.run("ZREVRANGE", "z", "1", "-1", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", h.run("ZRANGE", "z", "0", "1", "LIMIT", "0", "-1"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("ZRANGE", "z", "0", "x"));
    assertEquals("*0\r\n", h.run("ZRANGE", "missing", "0", "-1"));
  }

  @Test
  void zrangeOptionErrors() {
    assertEquals(":1\r\n", h.run("ZADD", "z", "1", "a"));
    assertEquals("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n", h.run("ZRANGE", "z", "0", "1", "LIMIT", "0", "1"));
    assertEquals("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n", h.run("ZREVRANGE", "z", "0", "1", "LIMIT", "0", "1"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANGE", "z", "0", "1", "REV", "REV"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANGE", "z", "0", "1", "BYSCORE", "BYLEX"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANGEBYSCORE", "z", "0", "1", "REV"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANGEBYSCORE", "z", "0", "1", "BYSCORE"));
    assertEquals("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n", h.run("ZRANGEBYLEX", "z", "-", "+", "WITHSCORES"));
    assertEquals("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n", h.run("ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"));
    assertEquals("-ERR min or max not valid string range item\r\n", h.run("ZRANGE", "z", "a", "b", "BYLEX"));
    assertEquals("-ERR min or max is not a float\r\n", h.run("ZRANGE", "z", "x", "1", "BYSCORE"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANGE", "z", "0", "1", "BYSCORE", "LIMIT", "0"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("ZRANGE", "z", "0", "1", "BYSCORE", "LIMIT", "x", "1"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANGE", "z", "0", "1", "FOO"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\n1\r\n", h.run("ZRANGEBYSCORE", "z", "0", "1", "LIMIT", "0", "1", "WITHSCORES"));
  }

  @Test
  void zrangeByScoreWithLimitAndReverse() {
    assertEquals(":6\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "2", "c", "3", "d", "4", "e", "5", "f"));
    assertEquals("*4\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", h.run("ZRANGEBYSCORE", "z", "2", "4"));
    assertEquals("*4\r\n$1\r\nd\r\n$1\r\n3\r\n$1\r\ne\r\n$1\r\n4\r\n", h.run("ZRANGEBYSCORE", "z", "(2", "4", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\nb\r\n$1\r\nc\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "2"));
    assertEquals("*2\r\n$1\r\ne\r\n$1\r\nf\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "4", "10"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "6", "10"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "2"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "2", "0"));
    assertEquals("*4\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "2", "-5"));
    assertEquals("*4\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n", h.run("ZREVRANGEBYSCORE", "z", "4", "2"));
    assertEquals("*6\r\n$1\r\ne\r\n$1\r\n4\r\n$1\r\nd\r\n$1\r\n3\r\n$1\r\nc\r\n$1\r\n2\r\n", h.run("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "LIMIT", "1", "3", "WITHSCORES"));
    assertEquals("*0\r\n", h.run("ZREVRANGEBYSCORE", "z", "2", "4"));
    assertEquals("*2\r\n$1\r\ne\r\n$1\r\nd\r\n", h.run("ZRANGE", "z", "4", "(2", "BYSCORE", "REV"));
    assertEquals("*1\r\n$1\r\ne\r\n", h.run("ZRANGE", "z", "(2", "4", "BYSCORE", "LIMIT", "1", "1"));
    assertEquals("*1\r\n$1\r\nd\r\n", h.run("ZRANGEBYSCORE", "z", "3", "3"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "(3", "3"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "missing", "0", "1"));
  }

  @Test
  void zrangeByLex() {
    assertEquals(":6\r\n", h.run("ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "ff"));
    assertEquals("*6\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$2\r\nff\r\n", h.run("ZRANGEBYLEX", "z", "-", "+"));
    assertEquals("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", h.run("ZRANGEBYLEX", "z", "[b", "[d"));
    assertEquals("*1\r\n$1\r\nc\r\n", h.run("ZRANGEBYLEX", "z", "(b", "(d"));
    assertEquals("*4\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$2\r\nff\r\n", h.run("ZRANGEBYLEX", "z", "[c", "+"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", h.run("ZRANGEBYLEX", "z", "-", "(c"));
    assertEquals("*3\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", h.run("ZRANGEBYLEX", "z", "-", "+", "LIMIT", "2", "3"));
    assertEquals("*1\r\n$2\r\nff\r\n", h.run("ZRANGEBYLEX", "z", "[f", "+"));
    assertEquals("*6\r\n$2\r\nff\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n", h.run("ZREVRANGEBYLEX", "z", "+", "-"));
    assertEquals("*2\r\n$1\r\nc\r\n$1\r\nb\r\n", h.run("ZREVRANGEBYLEX", "z", "[d", "(a", "LIMIT", "1", "2"));
    assertEquals("*3\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n", h.run("ZRANGE", "z", "[d", "[b", "BYLEX", "REV"));
    assertEquals("*0\r\n", h.run("ZRANGE", "z", "+", "-", "BYLEX"));
    assertEquals("-ERR min or max not valid string range item\r\n", h.run("ZRANGEBYLEX", "z", "b", "d"));
    assertEquals("-ERR min or max not valid string range item\r\n", h.run("ZRANGEBYLEX", "z", "[b", "--"));
  }

  @Test
  void zrangestoreStoresAndDeletesOnEmpty() {
    assertEquals(":4\r\n", h.run("ZADD", "src", "1", "a", "2", "b", "3", "c", "4", "d"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "dst", "src", "1", "2"));
    assertEquals("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n", h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "dst"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "dst", "src", "2", "1", "BYSCORE", "REV"));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n", h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "dst", "src", "(a", "[c", "BYLEX"));
    assertEquals("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n", h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
    assertEquals(":0\r\n", h.run("ZRANGESTORE", "dst", "src", "10", "20"));
    assertEquals(":0\r\n", h.run("EXISTS", "dst"));
    assertEquals("+OK\r\n", h.run("SET", "dst2", "x"));
    assertEquals(":1\r\n", h.run("ZRANGESTORE", "dst2", "src", "0", "0"));
    assertEquals("+zset\r\n", h.run("TYPE", "dst2"));
    assertEquals(":0\r\n", h.run("ZRANGESTORE", "dst3", "missing", "0", "-1"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANGESTORE", "dst", "src", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "src", "src", "0", "1"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", h.run("ZRANGE", "src", "0", "-1"));
  }

  @Test
  void zremrangeByRankScoreAndLex() {
    assertEquals(":5\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e"));
    assertEquals(":2\r\n", h.run("ZREMRANGEBYRANK", "z", "0", "1"));
    assertEquals("*3\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", h.run("ZRANGE", "z", "0", "-1"));
    assertEquals(":1\r\n", h.run("ZREMRANGEBYRANK", "z", "-1", "-1"));
    assertEquals(":0\r\n", h.run("ZREMRANGEBYRANK", "z", "5", "10"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("ZREMRANGEBYRANK", "z", "x", "1"));
    assertEquals(":1\r\n", h.run("ZREMRANGEBYSCORE", "z", "(3", "4"));
    assertEquals("*1\r\n$1\r\nc\r\n", h.run("ZRANGE", "z", "0", "-1"));
    assertEquals("-ERR min or max is not a float\r\n", h.run("ZREMRANGEBYSCORE", "z", "x", "4"));
    assertEquals(":1\r\n", h.run("ZREMRANGEBYSCORE", "z", "-inf", "+inf"));
    assertEquals(":0\r\n", h.run("EXISTS", "z"));
    assertEquals(":3\r\n", h.run("ZADD", "l", "0", "a", "0", "b", "0", "c"));
    assertEquals(":2\r\n", h.run("ZREMRANGEBYLEX", "l", "[b", "+"));
    assertEquals("-ERR min or max not valid string range item\r\n", h.run("ZREMRANGEBYLEX", "l", "x", "+"));
    assertEquals("*1\r\n$1\r\na\r\n", h.run("ZRANGE", "l", "0", "-1"));
    assertEquals(":1\r\n", h.run("ZREMRANGEBYLEX", "l", "-", "+"));
    assertEquals(":0\r\n", h.run("EXISTS", "l"));
    assertEquals(":0\r\n", h.run("ZREMRANGEBYRANK", "missing", "0", "-1"));
    assertEquals(":0\r\n", h.run("ZREMRANGEBYSCORE", "missing", "0", "1"));
    assertEquals(":0\r\n", h.run("ZREMRANGEBYLEX", "missing", "-", "+"));
  }

  @Test
  void popsFromBothEnds() {
    assertEquals(":4\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\n1\r\n", h.run("ZPOPMIN", "z"));
    assertEquals("*2\r\n$1\r\nd\r\n$1\r\n4\r\n", h.run("ZPOPMAX", "z"));
    assertEquals("*0\r\n", h.run("ZPOPMIN", "z", "0"));
    assertEquals("-ERR value is out of range, must be positive\r\n", h.run("ZPOPMIN", "z", "-1"));
    assertEquals("-ERR value is out of range, must be positive\r\n", h.run("ZPOPMIN", "z", "x"));
    assertEquals("-ERR syntax error\r\n", h.run("ZPOPMIN", "z", "1", "2"));
    assertEquals("*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n", h.run("ZPOPMAX", "z", "10"));
    assertEquals(":0\r\n", h.run("EXISTS", "z"));
    assertEquals("*0\r\n", h.run("ZPOPMIN", "missing"));
    assertEquals("*0\r\n", h.run("ZPOPMIN", "missing", "3"));
  }

  @Test
  void zmpopPopsFromTheFirstNonEmptyKey() {
    assertEquals(":3\r\n", h.run("ZADD", "z2", "1", "a", "2", "b", "3", "c"));
    assertEquals("*2\r\n$2\r\nz2\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", h.run("ZMPOP", "2", "z1", "z2", "MIN"));
    assertEquals("*2\r\n$2\r\nz2\r\n*2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n", h.run("ZMPOP", "2", "z1", "z2", "MAX", "COUNT", "5"));
    assertEquals(":0\r\n", h.run("EXISTS", "z2"));
    assertEquals("*-1\r\n", h.run("ZMPOP", "2", "z1", "z2", "MIN"));
    assertEquals("-ERR numkeys should be greater than 0\r\n", h.run("ZMPOP", "0", "z", "MIN"));
    assertEquals("-ERR numkeys should be greater than 0\r\n", h.run("ZMPOP", "x", "z", "MIN"));
    assertEquals("-ERR syntax error\r\n", h.run("ZMPOP", "2", "z", "MIN"));
    assertEquals("-ERR syntax error\r\n", h.run("ZMPOP", "1", "z", "FOO"));
    assertEquals("-ERR count should be greater than 0\r\n", h.run("ZMPOP", "1", "z", "MIN", "COUNT", "0"));
    assertEquals("-ERR count should be greater than 0\r\n", h.run("ZMPOP", "1", "z", "MIN", "COUNT", "-1"));
    assertEquals("-ERR count should be greater than 0\r\n", h.run("ZMPOP", "1", "z", "MIN", "COUNT", "x"));
    assertEquals("-ERR syntax error\r\n", h.run("ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "2"));
    assertEquals("-ERR syntax error\r\n", h.run("ZMPOP", "1", "z", "MIN", "FOO"));
    assertEquals("-ERR syntax error\r\n", h.run("ZMPOP", "1", "z", "MIN", "COUNT"));
  }

  @Test
  void zrandmemberArgumentsAndWholeSetReplies() {
    assertEquals(":3\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c"));
    assertEquals("*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n", h.run("ZRANDMEMBER", "z", "3"));
    assertEquals("*6\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n", h.run("ZRANDMEMBER", "z", "10", "WITHSCORES"));
    assertEquals("*0\r\n", h.run("ZRANDMEMBER", "z", "0"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("ZRANDMEMBER", "z", "x"));
    assertEquals("-ERR value is out of range\r\n", h.run("ZRANDMEMBER", "z", "-9223372036854775807", "WITHSCORES"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANDMEMBER", "z", "1", "withscores", "foo"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANDMEMBER", "z", "1", "foo"));
    assertEquals("$-1\r\n", h.run("ZRANDMEMBER", "missing"));
    assertEquals("*0\r\n", h.run("ZRANDMEMBER", "missing", "5"));
  }

  @Test
  void zscanOfAMissingKeyIsEmptyWhateverItsOptions() {
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", h.run("ZSCAN", "nokey", "0", "COUNT", "abc"));
    assertEquals("-ERR invalid cursor\r\n", h.run("ZSCAN", "nokey", "abc"));
  }

  @Test
  void zscanReturnsSmallSetsWhole() {
    assertEquals(":4\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "1.5", "ab"));
    assertEquals("*2\r\n$1\r\n0\r\n*8\r\n$1\r\na\r\n$1\r\n1\r\n$2\r\nab\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n", h.run("ZSCAN", "z", "0"));
    assertEquals("*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$2\r\nab\r\n$3\r\n1.5\r\n", h.run("ZSCAN", "z", "0", "MATCH", "a*"));
    assertEquals("*2\r\n$1\r\n0\r\n*8\r\n$1\r\na\r\n$1\r\n1\r\n$2\r\nab\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n", h.run("ZSCAN", "z", "0", "COUNT", "1"));
    assertEquals("-ERR invalid cursor\r\n", h.run("ZSCAN", "z", "x"));
    assertEquals("-ERR syntax error\r\n", h.run("ZSCAN", "z", "0", "COUNT", "0"));
    assertEquals("-ERR syntax error\r\n", h.run("ZSCAN", "z", "0", "FOO"));
    assertEquals("-ERR syntax error\r\n", h.run("ZSCAN", "z", "0", "MATCH"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", h.run("ZSCAN", "missing", "0"));
  }

  @Test
  void listpackBecomesSkiplistPastTheEntryLimit() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "4");
    assertEquals(":4\r\n", h.run("ZADD", "z", "4", "d", "2", "b", "3", "c", "1", "a"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "5", "e"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals("*10\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZRANK", "z", "c"));
    assertEquals(":2\r\n", h.run("ZREVRANK", "z", "c"));
    assertEquals(":4\r\n", h.run("ZREM", "z", "a", "b", "c", "d"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals("*2\r\n$1\r\ne\r\n$1\r\n5\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\ne\r\n$1\r\n5\r\n", h.run("ZPOPMIN", "z"));
    assertEquals(":0\r\n", h.run("EXISTS", "z"));
  }

  @Test
  void listpackBecomesSkiplistForALongMember() {
    assertEquals(":2\r\n", h.run("ZADD", "z", "1", "a", "2", "b"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "3", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "4", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals("*8\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$64\r\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n$1\r\n3\r\n$65\r\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\r\n$1\r\n4\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZADD", "y", "1", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "2", "a"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "y"));
    assertEquals(":2\r\n", h.run("ZADD", "x", "1", "a", "2", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "x"));
    assertEquals(":0\r\n", h.run("ZADD", "w", "XX", "1", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
    assertEquals(":1\r\n", h.run("ZADD", "w", "1", "a"));
    assertEquals(":0\r\n", h.run("ZADD", "w", "XX", "1", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "w"));
  }

  @Test
  void zrangestoreKeepsSmallResultsCompact() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "3");
    assertEquals(":4\r\n", h.run("ZADD", "src", "1", "a", "2", "b", "3", "c", "4", "d"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "src"));
    assertEquals(":3\r\n", h.run("ZRANGESTORE", "dst", "src", "0", "2"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "dst"));
    assertEquals(":4\r\n", h.run("ZRANGESTORE", "dst", "src", "0", "3"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "dst"));
    assertEquals("*8\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n", h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
  }

  @Test
  void tiesAreOrderedByMemberBytes() {
    assertEquals(":7\r\n", h.run("ZADD", "z", "1", "b", "1", "a", "1", "B", "1", "", "1", "ab", "1", "~", "0", "zz"));
    assertEquals("*7\r\n$2\r\nzz\r\n$0\r\n\r\n$1\r\nB\r\n$1\r\na\r\n$2\r\nab\r\n$1\r\nb\r\n$1\r\n~\r\n", h.run("ZRANGE", "z", "0", "-1"));
    assertEquals(":4\r\n", h.run("ZRANK", "z", "ab"));
    assertEquals("*7\r\n$2\r\nzz\r\n$0\r\n\r\n$1\r\nB\r\n$1\r\na\r\n$2\r\nab\r\n$1\r\nb\r\n$1\r\n~\r\n", h.run("ZRANGEBYLEX", "z", "-", "+"));
  }

  @Test
  void zunionZinterZdiffWithWeightsAndAggregates() {
    assertEquals(":3\r\n", h.run("ZADD", "a", "1", "x", "2", "y", "3", "z"));
    assertEquals(":3\r\n", h.run("ZADD", "b", "10", "y", "20", "z", "30", "w"));
    assertEquals("*4\r\n$1\r\nx\r\n$1\r\ny\r\n$1\r\nz\r\n$1\r\nw\r\n", h.run("ZUNION", "2", "a", "b"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n", h.run("ZUNION", "2", "a", "b", "WITHSCORES"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$1\r\n9\r\n$1\r\nw\r\n$2\r\n15\r\n$1\r\nz\r\n$2\r\n16\r\n", h.run("ZUNION", "2", "a", "b", "WEIGHTS", "2", "0.5", "WITHSCORES"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n$1\r\nw\r\n$2\r\n30\r\n", h.run("ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n10\r\n$1\r\nz\r\n$2\r\n20\r\n$1\r\nw\r\n$2\r\n30\r\n", h.run("ZUNION", "2", "a", "b", "AGGREGATE", "max", "WITHSCORES"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n", h.run("ZUNION", "3", "a", "missing", "b", "WITHSCORES"));
    assertEquals("*4\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n", h.run("ZINTER", "2", "a", "b", "WITHSCORES"));
    assertEquals("*4\r\n$1\r\nz\r\n$3\r\n-17\r\n$1\r\ny\r\n$2\r\n-8\r\n", h.run("ZINTER", "2", "a", "b", "WEIGHTS", "1", "-1", "AGGREGATE", "SUM", "WITHSCORES"));
    assertEquals("*4\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n", h.run("ZINTER", "2", "b", "a", "AGGREGATE", "MIN", "WITHSCORES"));
    assertEquals("*0\r\n", h.run("ZINTER", "2", "a", "missing"));
    assertEquals("*2\r\n$1\r\nx\r\n$1\r\n1\r\n", h.run("ZDIFF", "2", "a", "b", "WITHSCORES"));
    assertEquals("*1\r\n$1\r\nw\r\n", h.run("ZDIFF", "2", "b", "a"));
    assertEquals("*0\r\n", h.run("ZDIFF", "2", "missing", "a"));
    assertEquals("*6\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n", h.run("ZDIFF", "1", "a", "WITHSCORES"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\nw\r\n$3\r\ninf\r\n$1\r\ny\r\n$3\r\ninf\r\n$1\r\nz\r\n$3\r\ninf\r\n", h.run("ZUNION", "2", "a", "b", "WEIGHTS", "2", "inf", "WITHSCORES"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n0\r\n$1\r\nw\r\n$3\r\ninf\r\n$1\r\ny\r\n$3\r\ninf\r\n$1\r\nz\r\n$3\r\ninf\r\n", h.run("ZUNION", "2", "a", "b", "WEIGHTS", "0", "inf", "AGGREGATE", "MAX", "WITHSCORES"));
    assertEquals("*8\r\n$1\r\nw\r\n$4\r\n-inf\r\n$1\r\ny\r\n$4\r\n-inf\r\n$1\r\nz\r\n$4\r\n-inf\r\n$1\r\nx\r\n$1\r\n1\r\n", h.run("ZUNION", "2", "a", "b", "WEIGHTS", "1", "-inf", "WITHSCORES"));
  }

  @Test
  void setOperationErrors() {
    assertEquals(":1\r\n", h.run("ZADD", "a", "1", "x"));
    assertEquals("+OK\r\n", h.run("SET", "str", "v"));
    assertEquals("-ERR at least 1 input key is needed for 'zunion' command\r\n", h.run("ZUNION", "0", "a"));
    assertEquals("-ERR at least 1 input key is needed for 'zunion' command\r\n", h.run("ZUNION", "-1", "a"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("ZUNION", "x", "a"));
    assertEquals("-ERR syntax error\r\n", h.run("ZUNION", "3", "a", "b"));
    assertEquals("-ERR at least 1 input key is needed for 'zunionstore' command\r\n", h.run("ZUNIONSTORE", "d", "0", "a"));
    assertEquals("-ERR at least 1 input key is needed for 'zinterstore' command\r\n", h.run("ZINTERSTORE", "d", "0", "a"));
    assertEquals("-ERR at least 1 input key is needed for 'zdiffstore' command\r\n", h.run("ZDIFFSTORE", "d", "0", "a"));
    assertEquals("-ERR at least 1 input key is needed for 'zdiff' command\r\n", h.run("ZDIFF", "0", "a"));
    assertEquals("-ERR at least 1 input key is needed for 'zinter' command\r\n", h.run("ZINTER", "0", "a"));
    assertEquals("-ERR syntax error\r\n", h.run("ZUNION", "2", "a", "b", "WEIGHTS", "1"));
    assertEquals("-ERR weight value is not a float\r\n", h.run("ZUNION", "2", "a", "b", "WEIGHTS", "1", "x"));
    assertEquals("-ERR weight value is not a float\r\n", h.run("ZUNION", "2", "a", "b", "WEIGHTS", "1", "nan"));
    assertEquals("-ERR syntax error\r\n", h.run("ZUNION", "2", "a", "b", "AGGREGATE", "foo"));
    assertEquals("-ERR syntax error\r\n", h.run("ZUNION", "2", "a", "b", "AGGREGATE"));
    assertEquals("-ERR syntax error\r\n", h.run("ZUNION", "2", "a", "b", "WITHSCORES", "foo"));
    assertEquals("-ERR syntax error\r\n", h.run("ZDIFF", "2", "a", "b", "WEIGHTS", "1", "2"));
    assertEquals("-ERR syntax error\r\n", h.run("ZDIFF", "2", "a", "b", "AGGREGATE", "sum"));
    assertEquals("-ERR syntax error\r\n", h.run("ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZUNION", "2", "a", "str"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZUNION", "2", "str", "a", "foo"));
    assertEquals("-ERR at least 1 input key is needed for 'zintercard' command\r\n", h.run("ZINTERCARD", "0", "a"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("ZINTERCARD", "x", "a"));
    assertEquals("-ERR syntax error\r\n", h.run("ZINTERCARD", "3", "a", "b"));
    assertEquals("-ERR LIMIT can't be negative\r\n", h.run("ZINTERCARD", "1", "a", "LIMIT", "-1"));
    assertEquals("-ERR LIMIT can't be negative\r\n", h.run("ZINTERCARD", "1", "a", "LIMIT", "x"));
    assertEquals("-ERR syntax error\r\n", h.run("ZINTERCARD", "1", "a", "FOO"));
    assertEquals("-ERR syntax error\r\n", h.run("ZINTERCARD", "1", "a", "WITHSCORES"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZINTERCARD", "2", "a", "str"));
  }

  @Test
  void storeVariantsReplaceTheDestination() {
    assertEquals(":3\r\n", h.run("ZADD", "a", "1", "x", "2", "y", "3", "z"));
    assertEquals(":3\r\n", h.run("ZADD", "b", "10", "y", "20", "z", "30", "w"));
    assertEquals("+OK\r\n", h.run("SET", "d", "v"));
    assertEquals(":4\r\n", h.run("ZUNIONSTORE", "d", "2", "a", "b"));
    assertEquals("+zset\r\n", h.run("TYPE", "d"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "d"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n", h.run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZINTERSTORE", "d", "2", "a", "b", "WEIGHTS", "2", "3", "AGGREGATE", "MAX"));
    assertEquals("*4\r\n$1\r\ny\r\n$2\r\n30\r\n$1\r\nz\r\n$2\r\n60\r\n", h.run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
    assertEquals(":1\r\n", h.run("ZDIFFSTORE", "d", "2", "a", "b"));
    assertEquals("*2\r\n$1\r\nx\r\n$1\r\n1\r\n", h.run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
    assertEquals(":0\r\n", h.run("ZINTERSTORE", "d", "2", "a", "missing"));
    assertEquals(":0\r\n", h.run("EXISTS", "d"));
    assertEquals(":4\r\n", h.run("ZUNIONSTORE", "a", "2", "a", "b"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n", h.run("ZRANGE", "a", "0", "-1", "WITHSCORES"));
    assertEquals(":0\r\n", h.run("ZDIFFSTORE", "e", "1", "missing"));
    assertEquals(":0\r\n", h.run("EXISTS", "e"));
  }

  @Test
  void zintercardCountsUpToTheLimit() {
    assertEquals(":3\r\n", h.run("ZADD", "a", "1", "x", "2", "y", "3", "z"));
    assertEquals(":3\r\n", h.run("ZADD", "b", "10", "y", "20", "z", "30", "w"));
    assertEquals(":2\r\n", h.run("ZINTERCARD", "2", "a", "b"));
    assertEquals(":1\r\n", h.run("ZINTERCARD", "2", "a", "b", "LIMIT", "1"));
    assertEquals(":2\r\n", h.run("ZINTERCARD", "2", "a", "b", "LIMIT", "0"));
    assertEquals(":0\r\n", h.run("ZINTERCARD", "2", "a", "missing"));
    assertEquals(":3\r\n", h.run("ZINTERCARD", "1", "a"));
  }

  @Test
  void storedSetOperationResultsConvertAsRedisDoes() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "3");
    assertEquals(":2\r\n", h.run("ZADD", "a", "1", "x", "2", "y"));
    assertEquals(":2\r\n", h.run("ZADD", "b", "3", "z", "4", "w"));
    assertEquals(":4\r\n", h.run("ZUNIONSTORE", "d", "2", "a", "b"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "d"));
    assertEquals(":2\r\n", h.run("ZINTERSTORE", "d", "2", "a", "a"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "d"));
    assertEquals(":1\r\n", h.run("ZADD", "c", "1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "c"));
    assertEquals(":3\r\n", h.run("ZUNIONSTORE", "d", "2", "c", "a"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "d"));
    assertEquals(":2\r\n", h.run("ZDIFFSTORE", "d", "2", "d", "c"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "d"));
    assertEquals("*4\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n", h.run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
  }

  @Test
  void setOperationsInResp3() {
    h.run("HELLO", "3");
    assertEquals(":2\r\n", h.run("ZADD", "a", "1", "x", "2", "y"));
    assertEquals("*2\r\n*2\r\n$1\r\nx\r\n,1\r\n*2\r\n$1\r\ny\r\n,2\r\n", h.run("ZUNION", "1", "a", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\nx\r\n$1\r\ny\r\n", h.run("ZINTER", "1", "a"));
    assertEquals("*2\r\n*2\r\n$1\r\nx\r\n,1\r\n*2\r\n$1\r\ny\r\n,2\r\n", h.run("ZDIFF", "1", "a", "WITHSCORES"));
  }

  @Test
  void duplicateMembersInOneZaddKeepTheLastScore() {
    assertEquals(":2\r\n", h.run("ZADD", "z", "1", "a", "2", "a", "3", "b"));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nb\r\n$1\r\n3\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZADD", "z", "CH", "5", "b", "5", "b", "6", "b"));
    assertEquals("$1\r\n6\r\n", h.run("ZSCORE", "z", "b"));
    assertEquals("$1\r\n1\r\n", h.run("ZADD", "z", "INCR", "GT", "1", "newbie"));
    assertEquals("$-1\r\n", h.run("ZADD", "z", "INCR", "LT", "5", "newbie"));
  }

  @Test
  void scoresPrintAsRedisDoes() {
    assertEquals(":8\r\n", h.run("ZADD", "z", "-0", "a", "1e20", "b", "0.1", "c", "3.0", "d", "1.5e-7", "e", "123456789012345678", "f", "-inf", "g", "inf", "h"));
    assertEquals("*16\r\n$1\r\ng\r\n$4\r\n-inf\r\n$1\r\na\r\n$1\r\n0\r\n$1\r\ne\r\n$22\r\n1.4999999999999999e-07\r\n$1\r\nc\r\n$19\r\n0.10000000000000001\r\n$1\r\nd\r\n$1\r\n3\r\n$1\r\nf\r\n$22\r\n1.2345678901234568e+17\r\n$1\r\nb\r\n$5\r\n1e+20\r\n$1\r\nh\r\n$3\r\ninf\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("$19\r\n0.30000000000000004\r\n", h.run("ZINCRBY", "z", "0.2", "c"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "(inf", "+inf", "WITHSCORES"));
    assertEquals("*1\r\n$1\r\nh\r\n", h.run("ZRANGEBYSCORE", "z", "inf", "inf"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "(-inf"));
    assertEquals("*1\r\n$1\r\ng\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "-inf"));
    assertEquals(":4\r\n", h.run("ZCOUNT", "z", "(0", "(1e20"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "(-0", "0"));
  }

  @Test
  void lexRangesWithEmptyAndPrefixBounds() {
    assertEquals(":5\r\n", h.run("ZADD", "z", "0", "", "0", "a", "0", "aa", "0", "ab", "0", "b"));
    assertEquals("*5\r\n$0\r\n\r\n$1\r\na\r\n$2\r\naa\r\n$2\r\nab\r\n$1\r\nb\r\n", h.run("ZRANGEBYLEX", "z", "[", "+"));
    assertEquals("*4\r\n$1\r\na\r\n$2\r\naa\r\n$2\r\nab\r\n$1\r\nb\r\n", h.run("ZRANGEBYLEX", "z", "(", "+"));
    assertEquals("*3\r\n$1\r\na\r\n$2\r\naa\r\n$2\r\nab\r\n", h.run("ZRANGEBYLEX", "z", "[a", "(b"));
    assertEquals("*2\r\n$2\r\naa\r\n$2\r\nab\r\n", h.run("ZRANGEBYLEX", "z", "(a", "[ab"));
    assertEquals("*2\r\n$2\r\nab\r\n$2\r\naa\r\n", h.run("ZREVRANGEBYLEX", "z", "(b", "[a", "LIMIT", "0", "2"));
    assertEquals(":1\r\n", h.run("ZLEXCOUNT", "z", "[", "["));
    assertEquals(":2\r\n", h.run("ZREMRANGEBYLEX", "z", "[", "[a"));
    assertEquals("*3\r\n$2\r\naa\r\n$2\r\nab\r\n$1\r\nb\r\n", h.run("ZRANGE", "z", "0", "-1"));
  }

  @Test
  void wrongArityIsReportedByDispatch() {
    assertEquals("-ERR wrong number of arguments for 'zadd' command\r\n", h.run("ZADD", "z"));
    assertEquals("-ERR wrong number of arguments for 'zincrby' command\r\n", h.run("ZINCRBY", "z", "1"));
    assertEquals("-ERR wrong number of arguments for 'zrange' command\r\n", h.run("ZRANGE", "z", "0"));
    assertEquals("-ERR wrong number of arguments for 'zrangestore' command\r\n", h.run("ZRANGESTORE", "d", "z", "0"));
    assertEquals("-ERR wrong number of arguments for 'zpopmin' command\r\n", h.run("ZPOPMIN"));
    assertEquals("-ERR wrong number of arguments for 'zmpop' command\r\n", h.run("ZMPOP", "1", "z"));
    assertEquals("-ERR wrong number of arguments for 'zintercard' command\r\n", h.run("ZINTERCARD", "1"));
    assertEquals("-ERR wrong number of arguments for 'zrank' command\r\n", h.run("ZRANK", "z"));
    assertEquals("-ERR wrong number of arguments for 'zrank' command\r\n", h.run("ZRANK", "z", "a", "b"));
  }

  @Test
  void negativeZeroIsKeptOnlyByTheSkiplist() {
    assertEquals(":1\r\n", h.run("ZADD", "z", "-0", "a"));
    assertEquals("$1\r\n0\r\n", h.run("ZSCORE", "z", "a"));
    assertEquals("$2\r\n-0\r\n", h.run("ZADD", "z", "INCR", "-0", "b"));
    assertEquals("$1\r\n0\r\n", h.run("ZINCRBY", "z", "-0", "a"));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n0\r\n$1\r\nb\r\n$1\r\n0\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    assertEquals(":1\r\n", h.run("ZADD", "y", "-0", "a"));
    assertEquals("$2\r\n-0\r\n", h.run("ZSCORE", "y", "a"));
    assertEquals("$2\r\n-0\r\n", h.run("ZINCRBY", "y", "-0", "a"));
    assertEquals("*2\r\n$1\r\na\r\n$2\r\n-0\r\n", h.run("ZRANGE", "y", "0", "-1", "WITHSCORES"));
  }

  @Test
  void lexRangesOverMixedScoresFollowRedisListpackWalk() {
    assertEquals(":7\r\n", h.run("ZADD", "z", "0", "m0", "0", "m4", "1", "m2", "2", "m11", "3", "b", "4", "a", "5", "zz"));
    assertEquals("*0\r\n", h.run("ZRANGE", "z", "(m9", "(m11", "BYLEX", "REV"));
    assertEquals("*6\r\n$2\r\nm0\r\n$2\r\nm4\r\n$2\r\nm2\r\n$3\r\nm11\r\n$1\r\nb\r\n$1\r\na\r\n", h.run("ZRANGE", "z", "[m0", "[m4", "BYLEX"));
    assertEquals("*7\r\n$2\r\nm0\r\n$2\r\nm4\r\n$2\r\nm2\r\n$3\r\nm11\r\n$1\r\nb\r\n$1\r\na\r\n$2\r\nzz\r\n", h.run("ZRANGE", "z", "[m0", "+", "BYLEX"));
    assertEquals("*0\r\n", h.run("ZRANGE", "z", "-", "[m2", "BYLEX", "REV"));
    assertEquals("*5\r\n$2\r\nm4\r\n$2\r\nm2\r\n$3\r\nm11\r\n$1\r\nb\r\n$1\r\na\r\n", h.run("ZRANGE", "z", "[m1", "[m5", "BYLEX"));
    assertEquals("*0\r\n", h.run("ZRANGE", "z", "[m1", "[m5", "BYLEX", "REV"));
    assertEquals("*7\r\n$2\r\nm0\r\n$2\r\nm4\r\n$2\r\nm2\r\n$3\r\nm11\r\n$1\r\nb\r\n$1\r\na\r\n$2\r\nzz\r\n", h.run("ZRANGE", "z", "[b", "+", "BYLEX"));
    assertEquals("*0\r\n", h.run("ZRANGE", "z", "[b", "+", "BYLEX", "REV", "LIMIT", "1", "5"));
    assertEquals(":5\r\n", h.run("ZLEXCOUNT", "z", "[m1", "[m5"));
    assertEquals(":1\r\n", h.run("ZLEXCOUNT", "z", "-", "[m2"));
    assertEquals(":0\r\n", h.run("ZLEXCOUNT", "z", "[m5", "[m1"));
    assertEquals(":5\r\n", h.run("ZREMRANGEBYLEX", "z", "[m1", "[m5"));
    assertEquals("*2\r\n$2\r\nm0\r\n$2\r\nzz\r\n", h.run("ZRANGE", "z", "0", "-1"));
  }

  @Test
  void defaultThresholdsConvertAt129EntriesAndAt65ByteMembers() {
    for (int i = 1; i <= 128; i++) {
      h.run("ZADD", "z", Integer.toString(i % 10), "m" + i);
    }
    assertEquals(":128\r\n", h.run("ZCARD", "z"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "5", "m129"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals("*10\r\n$3\r\nm10\r\n$1\r\n0\r\n$4\r\nm100\r\n$1\r\n0\r\n$4\r\nm110\r\n$1\r\n0\r\n$4\r\nm120\r\n$1\r\n0\r\n$3\r\nm20\r\n$1\r\n0\r\n", h.run("ZRANGE", "z", "0", "4", "WITHSCORES"));
    assertEquals(":67\r\n", h.run("ZRANK", "z", "m129"));
    assertEquals("*6\r\n$3\r\nm75\r\n$1\r\n5\r\n$3\r\nm65\r\n$1\r\n5\r\n$3\r\nm55\r\n$1\r\n5\r\n", h.run("ZREVRANGEBYSCORE", "z", "5", "(4", "LIMIT", "2", "3", "WITHSCORES"));
    assertEquals(":40\r\n", h.run("ZCOUNT", "z", "3", "5"));
    assertEquals(":1\r\n", h.run("ZADD", "y", "1", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "y"));
    assertEquals(":1\r\n", h.run("ZADD", "y", "2", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "y"));
    assertEquals("*4\r\n$64\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n$1\r\n1\r\n$65\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n$1\r\n2\r\n", h.run("ZRANGE", "y", "0", "-1", "WITHSCORES"));
  }

  @Test
  void zaddCountsAddedMembersAndChWithChangesOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    assertEquals(":3\r\n", h.run("ZADD", "z", "1", "a", "2", "b", "3", "c"));
    assertEquals(":1\r\n", h.run("ZADD", "z", "1", "a", "5", "b", "4", "d"));
    assertEquals(":2\r\n", h.run("ZADD", "z", "CH", "1", "a", "6", "b", "7", "e"));
    assertEquals(":5\r\n", h.run("ZCARD", "z"));
    assertEquals("*10\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nb\r\n$1\r\n6\r\n$1\r\ne\r\n$1\r\n7\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "z"));
    assertEquals("+zset\r\n", h.run("TYPE", "z"));
  }

  @Test
  void zaddOptionsNxXxGtLtOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zaddOptionsNxXxGtLt();
  }

  @Test
  void zaddRejectsIncompatibleOptionsAndBadScoresOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zaddRejectsIncompatibleOptionsAndBadScores();
  }

  @Test
  void zaddIncrAndZincrbyOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zaddIncrAndZincrby();
  }

  @Test
  void zaddOnOtherTypeIsWrongtypeAfterScoreChecksOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zaddOnOtherTypeIsWrongtypeAfterScoreChecks();
  }

  @Test
  void zremDeletesTheKeyWhenEmptyOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zremDeletesTheKeyWhenEmpty();
  }

  @Test
  void scoresRanksAndMissingKeysOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    scoresRanksAndMissingKeys();
  }

  @Test
  void scoresInResp3AreDoublesOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    scoresInResp3AreDoubles();
  }

  @Test
  void zcountAndZlexcountOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zcountAndZlexcount();
  }

  @Test
  void zrangeByRankClampsIndexesOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zrangeByRankClampsIndexes();
  }

  @Test
  void zrangeOptionErrorsOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zrangeOptionErrors();
  }

  @Test
  void zrangeByScoreWithLimitAndReverseOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zrangeByScoreWithLimitAndReverse();
  }

  @Test
  void zrangeByLexOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zrangeByLex();
  }

  @Test
  void zrangestoreStoresAndDeletesOnEmptyOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    assertEquals(":4\r\n", h.run("ZADD", "src", "1", "a", "2", "b", "3", "c", "4", "d"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "dst", "src", "1", "2"));
    assertEquals("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n", h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "dst"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "dst", "src", "2", "1", "BYSCORE", "REV"));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n", h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "dst", "src", "(a", "[c", "BYLEX"));
    assertEquals("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n", h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
    assertEquals(":0\r\n", h.run("ZRANGESTORE", "dst", "src", "10", "20"));
    assertEquals(":0\r\n", h.run("EXISTS", "dst"));
    assertEquals("+OK\r\n", h.run("SET", "dst2", "x"));
    assertEquals(":1\r\n", h.run("ZRANGESTORE", "dst2", "src", "0", "0"));
    assertEquals("+zset\r\n", h.run("TYPE", "dst2"));
    assertEquals(":0\r\n", h.run("ZRANGESTORE", "dst3", "missing", "0", "-1"));
    assertEquals("-ERR syntax error\r\n", h.run("ZRANGESTORE", "dst", "src", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "src", "src", "0", "1"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", h.run("ZRANGE", "src", "0", "-1"));
  }

  @Test
  void zremrangeByRankScoreAndLexOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zremrangeByRankScoreAndLex();
  }

  @Test
  void popsFromBothEndsOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    popsFromBothEnds();
  }

  @Test
  void zmpopPopsFromTheFirstNonEmptyKeyOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zmpopPopsFromTheFirstNonEmptyKey();
  }

  @Test
  void zrandmemberArgumentsAndWholeSetRepliesOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zrandmemberArgumentsAndWholeSetReplies();
  }

  @Test
  void zunionZinterZdiffWithWeightsAndAggregatesOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zunionZinterZdiffWithWeightsAndAggregates();
  }

  @Test
  void setOperationErrorsOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    setOperationErrors();
  }

  @Test
  void storeVariantsReplaceTheDestinationOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    assertEquals(":3\r\n", h.run("ZADD", "a", "1", "x", "2", "y", "3", "z"));
    assertEquals(":3\r\n", h.run("ZADD", "b", "10", "y", "20", "z", "30", "w"));
    assertEquals("+OK\r\n", h.run("SET", "d", "v"));
    assertEquals(":4\r\n", h.run("ZUNIONSTORE", "d", "2", "a", "b"));
    assertEquals("+zset\r\n", h.run("TYPE", "d"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "d"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n", h.run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZINTERSTORE", "d", "2", "a", "b", "WEIGHTS", "2", "3", "AGGREGATE", "MAX"));
    assertEquals("*4\r\n$1\r\ny\r\n$2\r\n30\r\n$1\r\nz\r\n$2\r\n60\r\n", h.run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
    assertEquals(":1\r\n", h.run("ZDIFFSTORE", "d", "2", "a", "b"));
    assertEquals("*2\r\n$1\r\nx\r\n$1\r\n1\r\n", h.run("ZRANGE", "d", "0", "-1", "WITHSCORES"));
    assertEquals(":0\r\n", h.run("ZINTERSTORE", "d", "2", "a", "missing"));
    assertEquals(":0\r\n", h.run("EXISTS", "d"));
    assertEquals(":4\r\n", h.run("ZUNIONSTORE", "a", "2", "a", "b"));
    assertEquals("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n", h.run("ZRANGE", "a", "0", "-1", "WITHSCORES"));
    assertEquals(":0\r\n", h.run("ZDIFFSTORE", "e", "1", "missing"));
    assertEquals(":0\r\n", h.run("EXISTS", "e"));
  }

  @Test
  void zintercardCountsUpToTheLimitOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    zintercardCountsUpToTheLimit();
  }

  @Test
  void setOperationsInResp3OnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    setOperationsInResp3();
  }

  @Test
  void duplicateMembersInOneZaddKeepTheLastScoreOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    duplicateMembersInOneZaddKeepTheLastScore();
  }

  @Test
  void scoresPrintAsRedisDoesOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    assertEquals(":8\r\n", h.run("ZADD", "z", "-0", "a", "1e20", "b", "0.1", "c", "3.0", "d", "1.5e-7", "e", "123456789012345678", "f", "-inf", "g", "inf", "h"));
    assertEquals("*16\r\n$1\r\ng\r\n$4\r\n-inf\r\n$1\r\na\r\n$2\r\n-0\r\n$1\r\ne\r\n$22\r\n1.4999999999999999e-07\r\n$1\r\nc\r\n$19\r\n0.10000000000000001\r\n$1\r\nd\r\n$1\r\n3\r\n$1\r\nf\r\n$22\r\n1.2345678901234568e+17\r\n$1\r\nb\r\n$5\r\n1e+20\r\n$1\r\nh\r\n$3\r\ninf\r\n", h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("$19\r\n0.30000000000000004\r\n", h.run("ZINCRBY", "z", "0.2", "c"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "(inf", "+inf", "WITHSCORES"));
    assertEquals("*1\r\n$1\r\nh\r\n", h.run("ZRANGEBYSCORE", "z", "inf", "inf"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "(-inf"));
    assertEquals("*1\r\n$1\r\ng\r\n", h.run("ZRANGEBYSCORE", "z", "-inf", "-inf"));
    assertEquals(":4\r\n", h.run("ZCOUNT", "z", "(0", "(1e20"));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "(-0", "0"));
  }

  @Test
  void lexRangesWithEmptyAndPrefixBoundsOnSkiplist() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    lexRangesWithEmptyAndPrefixBounds();
  }

  @Test
  void zscanWalksASkiplistWithACursor() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    final java.util.Set<String> expected = new java.util.TreeSet<>();
    for (int i = 0; i < 25; i++) {
      h.run("ZADD", "z", Integer.toString(i), "m" + i);
      expected.add("m" + i + " " + i);
    }
    final java.util.Set<String> seen = new java.util.TreeSet<>();
    String cursor = "0";
    int calls = 0;
    do {
      final String[] lines = h.run("ZSCAN", "z", cursor, "COUNT", "10").split("\r\n");
      cursor = lines[2];
      final int items = Integer.parseInt(lines[3].substring(1));
      for (int i = 0; i < items; i += 2) {
        assertTrue(seen.add(lines[5 + 2 * i] + " " + lines[7 + 2 * i]), "returned once");
      }
      calls++;
    } while (!cursor.equals("0"));
    assertEquals(expected, seen);
    assertTrue(calls >= 3, "COUNT 10 over 25 members takes several calls: " + calls);
    final String matched = h.run("ZSCAN", "z", "0", "MATCH", "*7", "COUNT", "100");
    assertTrue(matched.startsWith("*2\r\n$1\r\n0\r\n*4\r\n"), matched);
    assertTrue(matched.contains("$2\r\nm7\r\n$1\r\n7\r\n") && matched.contains("$3\r\nm17\r\n$2\r\n17\r\n"), matched);
  }

  @Test
  void zrandmemberPicksDistinctMembersForAPositiveCountAndRepeatsForANegativeOne() {
    for (final String limit : new String[] {"128", "0"}) {
      h.run("CONFIG", "SET", "zset-max-listpack-entries", limit);
      h.run("DEL", "z");
      h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
      for (int round = 0; round < 20; round++) {
        final String[] distinct = h.run("ZRANDMEMBER", "z", "3").split("\r\n");
        assertEquals("*3", distinct[0]);
        final java.util.Set<String> members = new java.util.HashSet<>();
        for (int i = 2; i < distinct.length; i += 2) {
          members.add(distinct[i]);
        }
        assertEquals(3, members.size());
        assertTrue(java.util.Set.of("a", "b", "c", "d", "e").containsAll(members));
        final String[] repeated = h.run("ZRANDMEMBER", "z", "-8", "WITHSCORES").split("\r\n");
        assertEquals("*16", repeated[0]);
        for (int i = 1; i < repeated.length; i += 4) {
          final String member = repeated[i + 1];
          assertEquals(Integer.toString(member.charAt(0) - 'a' + 1), repeated[i + 3]);
        }
        assertTrue(h.run("ZRANDMEMBER", "z").matches("\\$1\r\n[a-e]\r\n"));
      }
    }
  }

  @Test
  void copyOfASkiplistIsIndependent() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "2");
    h.run("ZADD", "src", "1", "a", "2", "b", "3", "c");
    assertEquals(":1\r\n", h.run("COPY", "src", "dst"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "dst"));
    h.run("ZADD", "dst", "9", "a");
    h.run("ZREM", "src", "b");
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n3\r\n", h.run("ZRANGE", "src", "0", "-1", "WITHSCORES"));
    assertEquals("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n", h.run("ZRANGE", "dst", "0", "-1"));
  }

  @Test
  void zaddOnAListpackAllocatesNothingOnceWarm() {
    assertEquals(0, allocatedByZadds("myzset", 50));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "myzset"));
  }

  @Test
  void zaddUpdatingSkiplistScoresAllocatesNothingOnceWarm() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "16");
    assertEquals(0, allocatedByZadds("big", 200));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "big"));
  }

  /**
   * Bytes the engine thread allocates for a last round of ZADDs over {@code members} members, once
   * earlier rounds (with other scores, so members move) have warmed it.
   */
  private long allocatedByZadds(final String key, final int members) {
    final io.rustyredis.engine.CommandEvent event = new io.rustyredis.engine.CommandEvent();
    final byte[] zadd = "ZADD".getBytes();
    final byte[] keyBytes = key.getBytes();
    final byte[][] scores = new byte[7][];
    for (int s = 0; s < scores.length; s++) {
      scores[s] = Integer.toString(s).getBytes();
    }
    final byte[][] elements = new byte[members][];
    for (int i = 0; i < members; i++) {
      elements[i] = ("element:" + i).getBytes();
    }
    final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocated = 0;
    for (int round = 0; round < 200; round++) {
      final long start = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < members; i++) {
        event.reset(io.rustyredis.engine.EventType.COMMAND, h.client, null, h.time());
        event.args.add(zadd).add(keyBytes).add(scores[(i + round) % 7]).add(elements[i]);
        h.engine().onEvent(event, round, true);
      }
      allocated = threads.getCurrentThreadAllocatedBytes() - start;
    }
    return allocated;
  }

  @Test
  void skiplistHeapMemoryIsReleasedWhenTheKeyGoes() {
    final io.rustyredis.engine.keyspace.HeapValues heap = h.engine().keyspace().heapValues();
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "2");
    for (int i = 0; i < 100; i++) {
      h.run("ZADD", "big", Integer.toString(i), "member-" + i);
    }
    final long held = heap.bytes();
    assertTrue(held > 100 * 20, "a skiplist of 100 members accounts for them: " + held);
    h.run("ZREMRANGEBYRANK", "big", "0", "49");
    assertTrue(heap.bytes() < held);
    h.run("ZADD", "other", "1", "a", "2", "b", "3", "c");
    h.run("ZUNIONSTORE", "sum", "2", "big", "other");
    h.run("DEL", "big", "other", "sum");
    assertEquals(0, heap.bytes());
    h.run("ZADD", "popped", "1", "a", "2", "b", "3", "c");
    h.run("ZPOPMIN", "popped", "3");
    assertEquals(":0\r\n", h.run("EXISTS", "popped"));
    assertEquals(0, heap.bytes());
  }

  @Test
  void renameMoveAndExpiryKeepOrDropSortedSetsWhole() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "2");
    h.run("ZADD", "big", "1", "a", "2", "b", "3", "c");
    h.run("ZADD", "small", "1", "a");
    assertEquals("+OK\r\n", h.run("RENAME", "big", "big2"));
    assertEquals(":1\r\n", h.run("MOVE", "small", "1"));
    assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", h.run("ZRANGE", "big2", "0", "-1"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "big2"));
    h.run("SELECT", "1");
    assertEquals("$1\r\n1\r\n", h.run("ZSCORE", "small", "a"));
    h.run("SELECT", "0");
    h.run("PEXPIRE", "big2", "100");
    h.run("ZADD", "big2", "4", "d");
    assertEquals(":4\r\n", h.run("ZCARD", "big2"));
    h.advance(101);
    assertEquals(":0\r\n", h.run("ZCARD", "big2"));
    assertEquals(0, h.engine().keyspace().heapValues().bytes());
  }

  @Test
  void zpopWithZeroCountStillChecksTheKeyType() {
    h.run("SET", "s", "x");
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZPOPMAX", "s", "0"));
    assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", h.run("ZPOPMIN", "s", "0"));
    assertEquals("*0\r\n", h.run("ZPOPMAX", "missing", "0"));
  }

  @Test
  void zinterLeavesZeroTimesInfinityOfLaterSetsAsNan() {
    h.run("ZADD", "one", "1", "m");
    h.run("ZADD", "low", "-5", "m");
    h.run("ZADD", "inf", "inf", "m", "1", "q");
    assertEquals("*2\r\n$1\r\nm\r\n$1\r\n0\r\n", h.run("ZINTER", "2", "one", "inf", "WEIGHTS", "1", "0", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\nm\r\n$1\r\n1\r\n",
        h.run("ZINTER", "2", "one", "inf", "WEIGHTS", "1", "0", "AGGREGATE", "MIN", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\nm\r\n$2\r\n-5\r\n",
        h.run("ZINTER", "2", "low", "inf", "WEIGHTS", "1", "0", "AGGREGATE", "MAX", "WITHSCORES"));
  }

  @Test
  void zunionAddsScoresSmallestSetFirst() {
    h.run("ZADD", "a", "0.1", "m", "5", "x", "6", "y");
    h.run("ZADD", "b", "0.2", "m");
    h.run("ZADD", "c", "0.3", "m", "7", "z");
    assertEquals(":4\r\n", h.run("ZUNIONSTORE", "d", "3", "a", "b", "c"));
    assertEquals("$19\r\n0.59999999999999998\r\n", h.run("ZSCORE", "d", "m"));
    assertEquals("*8\r\n$1\r\nm\r\n$19\r\n0.59999999999999998\r\n$1\r\nx\r\n$1\r\n5\r\n"
        + "$1\r\ny\r\n$1\r\n6\r\n$1\r\nz\r\n$1\r\n7\r\n", h.run("ZUNION", "3", "a", "b", "c", "WITHSCORES"));
  }

  @Test
  void zrangestoreKeepsNegativeZeroOnlyPastTheListpackItFillsFirst() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "2");
    h.run("ZADD", "src", "0", "a", "0", "b", "0", "c", "0", "d", "1", "e");
    assertEquals(":5\r\n", h.run("ZUNIONSTORE", "neg", "1", "src", "WEIGHTS", "-1"));
    final String allNegative = "*10\r\n$1\r\ne\r\n$2\r\n-1\r\n$1\r\na\r\n$2\r\n-0\r\n$1\r\nb\r\n$2\r\n-0\r\n"
        + "$1\r\nc\r\n$2\r\n-0\r\n$1\r\nd\r\n$2\r\n-0\r\n";
    assertEquals(allNegative, h.run("ZRANGE", "neg", "0", "-1", "WITHSCORES"));
    assertEquals(":5\r\n", h.run("ZRANGESTORE", "byrank", "neg", "0", "-1"));
    assertEquals(allNegative, h.run("ZRANGE", "byrank", "0", "-1", "WITHSCORES"));
    assertEquals(":2\r\n", h.run("ZRANGESTORE", "short", "neg", "1", "2"));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n0\r\n$1\r\nb\r\n$1\r\n0\r\n", h.run("ZRANGE", "short", "0", "-1", "WITHSCORES"));
    assertEquals(":5\r\n", h.run("ZRANGESTORE", "byscore", "neg", "-inf", "+inf", "BYSCORE"));
    assertEquals("$8\r\nskiplist\r\n", h.run("OBJECT", "ENCODING", "byscore"));
    assertEquals("*10\r\n$1\r\ne\r\n$2\r\n-1\r\n$1\r\na\r\n$1\r\n0\r\n$1\r\nb\r\n$2\r\n-0\r\n"
        + "$1\r\nc\r\n$2\r\n-0\r\n$1\r\nd\r\n$2\r\n-0\r\n", h.run("ZRANGE", "byscore", "0", "-1", "WITHSCORES"));
    assertEquals(":3\r\n", h.run("ZRANGESTORE", "rev", "neg", "0", "0", "BYSCORE", "REV", "LIMIT", "0", "3"));
    assertEquals("*6\r\n$1\r\nb\r\n$2\r\n-0\r\n$1\r\nc\r\n$1\r\n0\r\n$1\r\nd\r\n$1\r\n0\r\n",
        h.run("ZRANGE", "rev", "0", "-1", "WITHSCORES"));
  }

  @Test
  void zunionSumOfNegativeAndPositiveZeroIsPositiveZero() {
    h.run("ZADD", "a", "0", "m");
    h.run("ZADD", "b", "0", "m");
    assertEquals("*2\r\n$1\r\nm\r\n$1\r\n0\r\n", h.run("ZUNION", "2", "a", "b", "WEIGHTS", "-1", "1", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\nm\r\n$2\r\n-0\r\n",
        h.run("ZUNION", "2", "a", "b", "WEIGHTS", "-1", "1", "AGGREGATE", "MIN", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\nm\r\n$1\r\n0\r\n",
        h.run("ZUNION", "2", "a", "b", "WEIGHTS", "1", "-1", "AGGREGATE", "MIN", "WITHSCORES"));
    assertEquals("*2\r\n$1\r\nm\r\n$2\r\n-0\r\n",
        h.run("ZUNION", "2", "a", "b", "WEIGHTS", "-1", "1", "AGGREGATE", "MAX", "WITHSCORES"));
  }

  @Test
  void scoreRangeBoundOfOnlyWhitespaceIsNotAFloatButEmptyIsZero() {
    h.run("ZADD", "z", "0", "a");
    assertEquals("*1\r\n$1\r\na\r\n", h.run("ZRANGEBYSCORE", "z", "", ""));
    assertEquals("*0\r\n", h.run("ZRANGEBYSCORE", "z", "(", "1"));
    assertEquals("*1\r\n$1\r\na\r\n", h.run("ZRANGEBYSCORE", "z", " 0", "1"));
    assertEquals("-ERR min or max is not a float\r\n", h.run("ZRANGEBYSCORE", "z", "  ", "1"));
    assertEquals("-ERR min or max is not a float\r\n", h.run("ZRANGEBYSCORE", "z", "( ", "1"));
    assertEquals("-ERR min or max is not a float\r\n", h.run("ZCOUNT", "z", "-1", " "));
  }
}
