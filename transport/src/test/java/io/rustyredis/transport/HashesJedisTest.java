package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Hash commands through Jedis's typed API, in a database of their own. */
@ExtendWith(ServerExtension.class)
class HashesJedisTest {
  private static final int DB = 11;
  private final TestServer server;
  private Jedis jedis;

  HashesJedisTest(final TestServer server) {
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
  void setGetAndOverwrite() {
    assertEquals(2, jedis.hset("h", Map.of("a", "1", "b", "2")));
    assertEquals(0, jedis.hset("h", "a", "10"));
    assertEquals(1, jedis.hset("h", "c", "3"));
    assertEquals("10", jedis.hget("h", "a"));
    assertNull(jedis.hget("h", "zz"));
    assertEquals(Map.of("a", "10", "b", "2", "c", "3"), jedis.hgetAll("h"));
    assertEquals(Arrays.asList("10", null, "3"), jedis.hmget("h", "a", "zz", "c"));
    assertEquals(3, jedis.hlen("h"));
    assertTrue(jedis.hexists("h", "b"));
    assertFalse(jedis.hexists("h", "zz"));
    assertEquals(Set.of("a", "b", "c"), new HashSet<>(jedis.hkeys("h")));
    assertEquals(Set.of("10", "2", "3"), new HashSet<>(jedis.hvals("h")));
    assertEquals(2, jedis.hstrlen("h", "a"));
    assertEquals(0, jedis.hstrlen("h", "zz"));
    assertEquals("OK", jedis.hmset("h", Map.of("d", "4")));
    assertEquals("4", jedis.hget("h", "d"));
  }

  @Test
  void setnxOnlySetsNewFields() {
    assertEquals(1, jedis.hsetnx("h", "a", "1"));
    assertEquals(0, jedis.hsetnx("h", "a", "2"));
    assertEquals("1", jedis.hget("h", "a"));
  }

  @Test
  void missingKeyBehavesAsEmptyHash() {
    assertNull(jedis.hget("nope", "a"));
    assertEquals(Map.of(), jedis.hgetAll("nope"));
    assertEquals(0, jedis.hlen("nope"));
    assertEquals(0, jedis.hdel("nope", "a"));
    assertFalse(jedis.hexists("nope", "a"));
    assertEquals(Arrays.asList(null, null), jedis.hmget("nope", "a", "b"));
    assertFalse(jedis.exists("nope"));
  }

  @Test
  void deletingLastFieldDeletesKey() {
    jedis.hset("h", Map.of("a", "1", "b", "2"));
    assertEquals(1, jedis.hdel("h", "a", "zz"));
    assertTrue(jedis.exists("h"));
    assertEquals(1, jedis.hdel("h", "b"));
    assertFalse(jedis.exists("h"));
  }

  @Test
  void incrementByInteger() {
    assertEquals(5, jedis.hincrBy("h", "n", 5));
    assertEquals(2, jedis.hincrBy("h", "n", -3));
    jedis.hset("h", "s", "abc");
    final JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.hincrBy("h", "s", 1));
    assertEquals("ERR hash value is not an integer", e.getMessage());
    jedis.hset("h", "max", String.valueOf(Long.MAX_VALUE));
    assertThrows(JedisDataException.class, () -> jedis.hincrBy("h", "max", 1));
    assertEquals(String.valueOf(Long.MAX_VALUE), jedis.hget("h", "max"));
  }

  @Test
  void incrementByFloat() {
    jedis.hset("h", "f", "10.5");
    assertEquals(10.6, jedis.hincrByFloat("h", "f", 0.1));
    assertEquals("10.6", jedis.hget("h", "f"));
    jedis.hset("h", "e", "5.0e3");
    assertEquals(5200.0, jedis.hincrByFloat("h", "e", 200));
    assertEquals("5200", jedis.hget("h", "e"));
    assertEquals(-1.5, jedis.hincrByFloat("h", "new", -1.5));
    assertEquals("-1.5", jedis.hget("h", "new"));
    jedis.hset("h", "s", "abc");
    final JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.hincrByFloat("h", "s", 1));
    assertEquals("ERR hash value is not a float", e.getMessage());
  }

  @Test
  void randomFieldsComeFromTheHash() {
    jedis.hset("h", Map.of("a", "1", "b", "2", "c", "3"));
    assertTrue(Set.of("a", "b", "c").contains(jedis.hrandfield("h")));
    assertEquals(Set.of("a", "b", "c"), new HashSet<>(jedis.hrandfield("h", 10)));
    assertEquals(5, jedis.hrandfield("h", -5).size());
    assertNull(jedis.hrandfield("nope"));
  }

  @Test
  void wrongTypeIsRejected() {
    jedis.rpush("l", "x");
    for (final Runnable call : List.<Runnable>of(
        () -> jedis.hset("l", "a", "1"),
        () -> jedis.hget("l", "a"),
        () -> jedis.hgetAll("l"),
        () -> jedis.hincrBy("l", "a", 1),
        () -> jedis.hincrByFloat("l", "a", 1),
        () -> jedis.hlen("l"))) {
      final JedisDataException e = assertThrows(JedisDataException.class, call::run);
      assertTrue(e.getMessage().startsWith("WRONGTYPE"), e.getMessage());
    }
  }
}
