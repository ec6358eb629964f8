package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Every data type through Jedis, in a database of its own on the shared server: strings with
 * their options, expiry (including keys nobody reads), SCAN over 100k keys, and a command of each
 * collection family.
 */
@ExtendWith(ServerExtension.class)
class DataTypesEndToEndTest {
  private static final int DB = 9;
  private final TestServer server;
  private Jedis jedis;

  DataTypesEndToEndTest(final TestServer server) {
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
  void stringsBehaveAsOnRedis() {
    assertEquals("OK", jedis.set("s", "10", SetParams.setParams().nx()));
    assertNull(jedis.set("s", "x", SetParams.setParams().nx()));
    assertEquals(15, jedis.incrBy("s", 5));
    assertEquals(15.5, jedis.incrByFloat("s", 0.5));
    assertEquals(6, jedis.append("s", "ab"));
    assertEquals("15.5ab", jedis.getDel("s"));
    assertEquals("OK", jedis.mset("a", "1", "b", "2"));
    assertEquals(java.util.Arrays.asList("1", "2", null), jedis.mget("a", "b", "c"));
    assertEquals(3, jedis.setrange("a", 2, "z"));
    assertEquals("1\u0000z", jedis.get("a"));
  }

  @Test
  void keysNobodyReadsExpireOnTheirOwn() throws InterruptedException {
    final Pipeline pipeline = jedis.pipelined();
    for (int i = 0; i < 200; i++) {
      pipeline.psetex("volatile:" + i, 50, "v");
    }
    pipeline.set("stays", "v");
    pipeline.sync();
    // DBSIZE counts keys whose deadline has passed until something removes them: only the
    // active expire cycle can bring it down, as nothing reads these keys.
    final long deadline = System.currentTimeMillis() + 5_000;
    while (jedis.dbSize() > 1 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, jedis.dbSize());
    assertEquals(-1, jedis.ttl("stays"));
  }

  @Test
  void expiryCommandsAnswerAsRedis() {
    jedis.set("k", "v");
    assertEquals(1, jedis.expire("k", 100));
    assertTrue(jedis.ttl("k") > 98);
    assertEquals(1, jedis.persist("k"));
    assertEquals(-1, jedis.ttl("k"));
    assertEquals(-2, jedis.ttl("missing"));
  }

  @Test
  void scanReturnsEachOfAHundredThousandKeys() {
    final int keys = 100_000;
    Pipeline pipeline = jedis.pipelined();
    for (int i = 0; i < keys; i++) {
      pipeline.set("key:" + i, "v");
    }
    pipeline.sync();
    final Set<String> seen = new HashSet<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      final ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(1000));
      seen.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    assertEquals(keys, seen.size());
  }

  @Test
  void eachCollectionFamilyAnswers() {
    assertEquals(3, jedis.rpush("list", "a", "b", "c"));
    assertEquals(List.of("b", "c"), jedis.lrange("list", 1, -1));
    assertEquals(2, jedis.hset("hash", Map.of("f1", "v1", "f2", "v2")));
    assertEquals(Map.of("f1", "v1", "f2", "v2"), jedis.hgetAll("hash"));
    assertEquals(3, jedis.sadd("set", "1", "2", "3"));
    assertEquals(Set.of("1", "2", "3"), jedis.smembers("set"));
    assertEquals(2, jedis.zadd("zset", Map.of("x", 1.5, "y", 2.0)));
    assertEquals(List.of("x", "y"), jedis.zrange("zset", 0, -1));
    assertEquals(1.5, jedis.zscore("zset", "x"));
    assertEquals("list", jedis.type("list"));
    assertEquals("zset", jedis.type("zset"));
  }
}
