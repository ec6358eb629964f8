package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Set commands through Jedis's typed API, in a database of their own. */
@ExtendWith(ServerExtension.class)
class SetsJedisTest {
  private static final int DB = 11;
  private final TestServer server;
  private Jedis jedis;

  SetsJedisTest(final TestServer server) {
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
  void addRemoveAndMembership() {
    assertEquals(3, jedis.sadd("s", "a", "b", "c"));
    assertEquals(1, jedis.sadd("s", "a", "d"));
    assertEquals(Set.of("a", "b", "c", "d"), jedis.smembers("s"));
    assertEquals(4, jedis.scard("s"));
    assertTrue(jedis.sismember("s", "a"));
    assertFalse(jedis.sismember("s", "z"));
    assertEquals(List.of(true, false, true), jedis.smismember("s", "a", "z", "d"));
    assertEquals(2, jedis.srem("s", "a", "b", "z"));
    assertEquals(Set.of("c", "d"), jedis.smembers("s"));
  }

  @Test
  void missingKeyBehavesAsEmptySet() {
    assertEquals(Set.of(), jedis.smembers("nope"));
    assertEquals(0, jedis.scard("nope"));
    assertFalse(jedis.sismember("nope", "a"));
    assertEquals(List.of(false, false), jedis.smismember("nope", "a", "b"));
    assertEquals(0, jedis.srem("nope", "a"));
    assertNull(jedis.spop("nope"));
    assertNull(jedis.srandmember("nope"));
    assertFalse(jedis.exists("nope"));
  }

  @Test
  void removingLastMemberDeletesKey() {
    jedis.sadd("s", "a", "b");
    assertEquals(2, jedis.srem("s", "a", "b"));
    assertFalse(jedis.exists("s"));
    jedis.sadd("p", "x", "y");
    assertEquals(Set.of("x", "y"), jedis.spop("p", 5));
    assertFalse(jedis.exists("p"));
  }

  @Test
  void popAndRandomMembers() {
    jedis.sadd("s", "a", "b", "c");
    final String popped = jedis.spop("s");
    assertTrue(Set.of("a", "b", "c").contains(popped));
    assertFalse(jedis.sismember("s", popped));
    assertEquals(2, jedis.scard("s"));
    assertEquals(jedis.smembers("s"), new HashSet<>(jedis.srandmember("s", 10)));
    assertEquals(7, jedis.srandmember("s", -7).size());
    assertEquals(2, jedis.scard("s"));
  }

  @Test
  void algebra() {
    jedis.sadd("a", "1", "2", "3", "4");
    jedis.sadd("b", "3", "4", "5");
    jedis.sadd("c", "4", "5", "6");
    assertEquals(Set.of("4"), jedis.sinter("a", "b", "c"));
    assertEquals(Set.of(), jedis.sinter("a", "nope"));
    assertEquals(Set.of("1", "2", "3", "4", "5", "6"), jedis.sunion("a", "b", "c", "nope"));
    assertEquals(Set.of("1", "2"), jedis.sdiff("a", "b"));
    assertEquals(Set.of(), jedis.sdiff("nope", "a"));
    assertEquals(2, jedis.sinterstore("dst", "a", "b"));
    assertEquals(Set.of("3", "4"), jedis.smembers("dst"));
    assertEquals(6, jedis.sunionstore("dst", "a", "b", "c"));
    assertEquals(2, jedis.sdiffstore("dst", "a", "b", "c"));
    assertEquals(Set.of("1", "2"), jedis.smembers("dst"));
    assertEquals(0, jedis.sinterstore("dst", "a", "nope"));
    assertFalse(jedis.exists("dst"));
  }

  @Test
  void sintercard() {
    jedis.sadd("a", "1", "2", "3", "4");
    jedis.sadd("b", "3", "4", "5");
    jedis.sadd("c", "4", "5", "6");
    assertEquals(2, jedis.sintercard("a", "b"));
    assertEquals(1, jedis.sintercard(1, "a", "b"));
    assertEquals(2, jedis.sintercard(0, "a", "b"));
    assertEquals(1, jedis.sintercard("a", "b", "c"));
    assertEquals(0, jedis.sintercard("a", "nope"));
    assertThrows(JedisDataException.class, () -> jedis.sintercard(-1, "a", "b"));
  }

  @Test
  void smoveBetweenSets() {
    jedis.sadd("src", "a", "b");
    jedis.sadd("dst", "b");
    assertEquals(1, jedis.smove("src", "dst", "a"));
    assertEquals(0, jedis.smove("src", "dst", "z"));
    assertEquals(1, jedis.smove("src", "dst", "b"));
    assertFalse(jedis.exists("src"));
    assertEquals(Set.of("a", "b"), jedis.smembers("dst"));
  }

  @Test
  void wrongTypeIsRejected() {
    jedis.set("str", "x");
    jedis.sadd("s", "a");
    for (final Runnable call : List.<Runnable>of(
        () -> jedis.sadd("str", "a"),
        () -> jedis.smembers("str"),
        () -> jedis.sismember("str", "a"),
        () -> jedis.scard("str"),
        () -> jedis.sinter("s", "str"),
        () -> jedis.sintercard("s", "str"),
        () -> jedis.smove("s", "str", "a"))) {
      final JedisDataException e = assertThrows(JedisDataException.class, call::run);
      assertTrue(e.getMessage().startsWith("WRONGTYPE"), e.getMessage());
    }
    assertTrue(jedis.sismember("s", "a"));
  }
}
