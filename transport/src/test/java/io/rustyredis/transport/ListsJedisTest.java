package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.LPosParams;
import redis.clients.jedis.util.KeyValue;

/** List commands through Jedis's typed API, in a database of their own. */
@ExtendWith(ServerExtension.class)
class ListsJedisTest {
  private static final int DB = 11;
  private final TestServer server;
  private Jedis jedis;

  ListsJedisTest(final TestServer server) {
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

  @Test
  void pushAndRangeWithNegativeIndexes() {
    assertEquals(3, jedis.rpush("l", "b", "c", "d"));
    assertEquals(4, jedis.lpush("l", "a"));
    assertEquals(List.of("a", "b", "c", "d"), jedis.lrange("l", 0, -1));
    assertEquals(List.of("c", "d"), jedis.lrange("l", -2, -1));
    assertEquals(List.of("a", "b", "c", "d"), jedis.lrange("l", -100, 100));
    assertEquals(List.of(), jedis.lrange("l", 3, 1));
    assertEquals("d", jedis.lindex("l", -1));
    assertEquals("a", jedis.lindex("l", -4));
    assertNull(jedis.lindex("l", 4));
    assertNull(jedis.lindex("l", -5));
    assertEquals(4, jedis.llen("l"));
  }

  @Test
  void missingKeyBehavesAsEmptyList() {
    assertEquals(0, jedis.llen("nope"));
    assertEquals(List.of(), jedis.lrange("nope", 0, -1));
    assertNull(jedis.lpop("nope"));
    assertNull(jedis.rpop("nope"));
    assertNull(jedis.lindex("nope", 0));
    assertEquals(0, jedis.lpushx("nope", "x"));
    assertFalse(jedis.exists("nope"));
    assertThrows(JedisDataException.class, () -> jedis.lset("nope", 0, "x"));
  }

  @Test
  void popWithCountAndEmptyListDeletesKey() {
    jedis.rpush("l", "a", "b", "c", "d", "e");
    assertEquals(List.of("a", "b"), jedis.lpop("l", 2));
    assertEquals(List.of("e", "d"), jedis.rpop("l", 2));
    assertEquals("c", jedis.lpop("l"));
    assertFalse(jedis.exists("l"));
    assertEquals("none", jedis.type("l"));
  }

  @Test
  void setInsertRemoveAndTrim() {
    jedis.rpush("l", "a", "b", "a", "c", "a");
    assertEquals("OK", jedis.lset("l", -1, "z"));
    assertEquals(List.of("a", "b", "a", "c", "z"), jedis.lrange("l", 0, -1));
    assertThrows(JedisDataException.class, () -> jedis.lset("l", 10, "x"));
    assertEquals(6, jedis.linsert("l", ListPosition.BEFORE, "b", "x"));
    assertEquals(7, jedis.linsert("l", ListPosition.AFTER, "c", "y"));
    assertEquals(-1, jedis.linsert("l", ListPosition.AFTER, "missing", "y"));
    assertEquals(0, jedis.linsert("nope", ListPosition.AFTER, "a", "y"));
    assertEquals(List.of("a", "x", "b", "a", "c", "y", "z"), jedis.lrange("l", 0, -1));
    assertEquals(1, jedis.lrem("l", -1, "a"));
    assertEquals(List.of("a", "x", "b", "c", "y", "z"), jedis.lrange("l", 0, -1));
    assertEquals("OK", jedis.ltrim("l", 1, -2));
    assertEquals(List.of("x", "b", "c", "y"), jedis.lrange("l", 0, -1));
    assertEquals("OK", jedis.ltrim("l", 5, 10));
    assertFalse(jedis.exists("l"));
  }

  @Test
  void lposOptions() {
    jedis.rpush("l", "a", "b", "c", "a", "b", "c", "a");
    assertEquals(0L, jedis.lpos("l", "a"));
    assertEquals(2L, jedis.lpos("l", "c"));
    assertNull(jedis.lpos("l", "zz"));
    assertNull(jedis.lpos("nope", "a"));
    assertEquals(3L, jedis.lpos("l", "a", LPosParams.lPosParams().rank(2)));
    assertEquals(6L, jedis.lpos("l", "a", LPosParams.lPosParams().rank(-1)));
    assertEquals(3L, jedis.lpos("l", "a", LPosParams.lPosParams().rank(-2)));
    assertEquals(List.of(0L, 3L, 6L), jedis.lpos("l", "a", LPosParams.lPosParams(), 0));
    assertEquals(List.of(0L, 3L), jedis.lpos("l", "a", LPosParams.lPosParams(), 2));
    assertEquals(List.of(6L, 3L), jedis.lpos("l", "a", LPosParams.lPosParams().rank(-1), 2));
    assertEquals(List.of(0L, 3L), jedis.lpos("l", "a", LPosParams.lPosParams().maxlen(4), 0));
    assertEquals(List.of(), jedis.lpos("l", "zz", LPosParams.lPosParams(), 0));
    assertThrows(JedisDataException.class, () -> jedis.lpos("l", "a", LPosParams.lPosParams().rank(0)));
  }

  @Test
  void lmpopTakesFromTheFirstNonEmptyList() {
    jedis.rpush("l2", "a", "b", "c");
    final KeyValue<String, List<String>> left = jedis.lmpop(ListDirection.LEFT, "l1", "l2");
    assertEquals("l2", left.getKey());
    assertEquals(List.of("a"), left.getValue());
    final KeyValue<String, List<String>> right = jedis.lmpop(ListDirection.RIGHT, 5, "l1", "l2");
    assertEquals("l2", right.getKey());
    assertEquals(List.of("c", "b"), right.getValue());
    assertFalse(jedis.exists("l2"));
    assertNull(jedis.lmpop(ListDirection.LEFT, "l1", "l2"));
  }

  @Test
  void lmoveBetweenLists() {
    jedis.rpush("src", "a", "b", "c");
    assertEquals("c", jedis.lmove("src", "dst", ListDirection.RIGHT, ListDirection.LEFT));
    assertEquals("a", jedis.lmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT));
    assertEquals(List.of("c", "a"), jedis.lrange("dst", 0, -1));
    assertEquals("b", jedis.rpoplpush("src", "src2"));
    assertFalse(jedis.exists("src"));
    assertNull(jedis.lmove("src", "dst", ListDirection.LEFT, ListDirection.LEFT));
  }

  @Test
  void wrongTypeIsRejected() {
    jedis.set("s", "x");
    for (final Runnable call : List.<Runnable>of(
        () -> jedis.lpush("s", "a"),
        () -> jedis.lrange("s", 0, -1),
        () -> jedis.llen("s"),
        () -> jedis.lpop("s"),
        () -> jedis.lpos("s", "a"))) {
      final JedisDataException e = assertThrows(JedisDataException.class, call::run);
      assertTrue(e.getMessage().startsWith("WRONGTYPE"), e.getMessage());
    }
    assertEquals("x", jedis.get("s"));
  }
}
