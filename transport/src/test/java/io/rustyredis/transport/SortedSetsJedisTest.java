package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.SortedSetOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ZParams;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.KeyValue;

/** Sorted-set commands through Jedis's typed API, in a database of their own. */
@ExtendWith(ServerExtension.class)
class SortedSetsJedisTest {
  private static final int DB = 11;
  private final TestServer server;
  private Jedis jedis;

  SortedSetsJedisTest(final TestServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    jedis = JedisEndToEndTest.connect(server.port());
    jedis.select(DB);
    jedis.flushDB();
  }

  @AfterEach
  void disconnect() {
    jedis.flushDB();
    jedis.close();
  }

  private void abcd() {
    assertEquals(4, jedis.zadd("z", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0)));
  }

  @Test
  void addScoreRankAndRange() {
    abcd();
    assertEquals(0, jedis.zadd("z", 1.5, "a"));
    assertEquals(1.5, jedis.zscore("z", "a"));
    assertNull(jedis.zscore("z", "zz"));
    assertEquals(Arrays.asList(1.5, null), jedis.zmscore("z", "a", "zz"));
    assertEquals(4, jedis.zcard("z"));
    assertEquals(List.of("a", "b", "c", "d"), jedis.zrange("z", 0, -1));
    assertEquals(List.of("c", "d"), jedis.zrange("z", -2, -1));
    assertEquals(List.of(), jedis.zrange("z", 1, 0));
    assertEquals(List.of("d", "c"), jedis.zrevrange("z", 0, 1));
    assertEquals(List.of(new Tuple("a", 1.5), new Tuple("b", 2.0)), jedis.zrangeWithScores("z", 0, 1));
    assertEquals(0L, jedis.zrank("z", "a"));
    assertEquals(0L, jedis.zrevrank("z", "d"));
    assertNull(jedis.zrank("z", "zz"));
    assertEquals(3.5, jedis.zincrby("z", 2.0, "a"));
    assertEquals(List.of("b", "c", "a", "d"), jedis.zrange("z", 0, -1));
    assertEquals(1.0, jedis.zincrby("z", 1.0, "new"));
  }

  @Test
  void equalScoresOrderLexicographically() {
    jedis.zadd("z", Map.of("c", 1.0, "a", 1.0, "b", 1.0));
    assertEquals(List.of("a", "b", "c"), jedis.zrange("z", 0, -1));
    assertEquals(List.of("c", "b", "a"), jedis.zrevrange("z", 0, -1));
  }

  @Test
  void rangeByScoreWithLimits() {
    abcd();
    assertEquals(List.of("c", "d"), jedis.zrangeByScore("z", "(1", "+inf", 1, 2));
    assertEquals(List.of("b", "c"), jedis.zrangeByScore("z", "2", "3"));
    assertEquals(List.of("b"), jedis.zrangeByScore("z", "(1", "(3"));
    assertEquals(List.of("d", "c"), jedis.zrevrangeByScore("z", "4", "(1", 0, 2));
    assertEquals(List.of("b", "c"), jedis.zrange("z", ZRangeParams.zrangeByScoreParams(1, 4).limit(1, 2)));
    assertEquals(3, jedis.zcount("z", "(1", "+inf"));
    assertEquals(0, jedis.zcount("z", "5", "+inf"));
    assertEquals(List.of(), jedis.zrangeByScore("z", "5", "+inf"));
  }

  @Test
  void rangeByLexWithLimits() {
    jedis.zadd("lx", Map.of("a", 0.0, "b", 0.0, "c", 0.0, "d", 0.0, "e", 0.0));
    assertEquals(List.of("c", "d"), jedis.zrangeByLex("lx", "[b", "+", 1, 2));
    assertEquals(List.of("c", "d"), jedis.zrangeByLex("lx", "(b", "[d"));
    assertEquals(List.of("a", "b", "c", "d", "e"), jedis.zrangeByLex("lx", "-", "+"));
    assertEquals(List.of("e", "d"), jedis.zrevrangeByLex("lx", "+", "-", 0, 2));
    assertEquals(List.of("c", "d"), jedis.zrange("lx", ZRangeParams.zrangeByLexParams("[b", "+").limit(1, 2)));
    assertEquals(3, jedis.zlexcount("lx", "[b", "[d"));
    assertThrows(JedisDataException.class, () -> jedis.zrangeByLex("lx", "b", "+"));
  }

  @Test
  void removalsAndEmptySetDeletesKey() {
    abcd();
    assertEquals(1, jedis.zremrangeByScore("z", "-inf", "(2"));
    assertEquals(List.of("b", "c", "d"), jedis.zrange("z", 0, -1));
    assertEquals(1, jedis.zremrangeByRank("z", -1, -1));
    assertEquals(List.of("b", "c"), jedis.zrange("z", 0, -1));
    assertEquals(1, jedis.zrem("z", "b", "zz"));
    assertEquals(1, jedis.zrem("z", "c"));
    assertFalse(jedis.exists("z"));
  }

  @Test
  void missingKeyBehavesAsEmptySortedSet() {
    assertEquals(0, jedis.zcard("nope"));
    assertEquals(List.of(), jedis.zrange("nope", 0, -1));
    assertNull(jedis.zscore("nope", "a"));
    assertNull(jedis.zrank("nope", "a"));
    assertEquals(0, jedis.zrem("nope", "a"));
    assertNull(jedis.zpopmin("nope"));
    assertFalse(jedis.exists("nope"));
  }

  @Test
  void popMinAndMax() {
    abcd();
    assertEquals(new Tuple("a", 1.0), jedis.zpopmin("z"));
    assertEquals(new Tuple("d", 4.0), jedis.zpopmax("z"));
    assertEquals(List.of(new Tuple("b", 2.0), new Tuple("c", 3.0)), jedis.zpopmin("z", 5));
    assertFalse(jedis.exists("z"));
  }

  @Test
  void zmpopTakesFromTheFirstNonEmptySet() {
    jedis.zadd("z", Map.of("a", 1.0, "b", 2.0, "c", 3.0));
    final KeyValue<String, List<Tuple>> min = jedis.zmpop(SortedSetOption.MIN, 2, "nope", "z");
    assertEquals("z", min.getKey());
    assertEquals(List.of(new Tuple("a", 1.0), new Tuple("b", 2.0)), min.getValue());
    final KeyValue<String, List<Tuple>> max = jedis.zmpop(SortedSetOption.MAX, "z");
    assertEquals("z", max.getKey());
    assertEquals(List.of(new Tuple("c", 3.0)), max.getValue());
    assertFalse(jedis.exists("z"));
    assertNull(jedis.zmpop(SortedSetOption.MIN, "nope", "z"));
  }

  @Test
  void unionAndInterStoreWithWeights() {
    jedis.zadd("z", Map.of("a", 1.0, "b", 2.0, "c", 3.0));
    jedis.zadd("y", Map.of("a", 1.0, "d", 5.0));
    assertEquals(4, jedis.zunionstore("out", new ZParams().weights(2, 3), "z", "y"));
    assertEquals(
        List.of(new Tuple("b", 4.0), new Tuple("a", 5.0), new Tuple("c", 6.0), new Tuple("d", 15.0)),
        jedis.zrangeWithScores("out", 0, -1));
    assertEquals(4, jedis.zunionstore("out2", new ZParams().weights(1, 2).aggregate(ZParams.Aggregate.MAX), "z", "y"));
    assertEquals(
        List.of(new Tuple("a", 2.0), new Tuple("b", 2.0), new Tuple("c", 3.0), new Tuple("d", 10.0)),
        jedis.zrangeWithScores("out2", 0, -1));
    assertEquals(1, jedis.zinterstore("out3", new ZParams().weights(2, 3), "z", "y"));
    assertEquals(List.of(new Tuple("a", 5.0)), jedis.zrangeWithScores("out3", 0, -1));
    assertEquals(3, jedis.zunionstore("out4", "z", "nope"));
    assertEquals(0, jedis.zinterstore("out4", "z", "nope"));
    assertFalse(jedis.exists("out4"));
  }

  @Test
  void wrongTypeIsRejected() {
    jedis.set("str", "x");
    for (final Runnable call : List.<Runnable>of(
        () -> jedis.zadd("str", 1.0, "a"),
        () -> jedis.zrange("str", 0, -1),
        () -> jedis.zscore("str", "a"),
        () -> jedis.zcard("str"),
        () -> jedis.zrangeByScore("str", "-inf", "+inf"),
        () -> jedis.zmpop(SortedSetOption.MIN, "str"))) {
      final JedisDataException e = assertThrows(JedisDataException.class, call::run);
      assertTrue(e.getMessage().startsWith("WRONGTYPE"), e.getMessage());
    }
  }
}
