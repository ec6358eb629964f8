package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lettuce against the shared in-process server. Lettuce opens every connection with HELLO 3, so
 * everything here travels as RESP3.
 */
@ExtendWith(ServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LettuceEndToEndTest {
  private final TestServer server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;

  LettuceEndToEndTest(final TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void connect() {
    client = RedisClient.create(RedisURI.builder()
        .withHost("127.0.0.1").withPort(server.port()).withTimeout(Duration.ofSeconds(10)).build());
    // Pinned rather than left to the default, which quietly falls back to RESP2 when HELLO fails.
    client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterAll
  void disconnect() {
    connection.close();
    client.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Test
  void resp3MapsAndDoublesArriveTyped() {
    redis.select(10);
    redis.flushdb();
    redis.hset("lettuce:hash", java.util.Map.of("f", "v", "g", "w"));
    assertEquals(java.util.Map.of("f", "v", "g", "w"), redis.hgetall("lettuce:hash"));
    assertEquals(java.util.Map.of("maxmemory-policy", "noeviction"), redis.configGet("maxmemory-policy"));
    redis.zadd("lettuce:zset", 1.5, "m");
    assertEquals(1.5, redis.zscore("lettuce:zset", "m"));
    assertEquals(2.5, redis.zincrby("lettuce:zset", 1.0, "m"));
    redis.flushdb();
    redis.select(0);
  }

  @Test
  void resp3HandshakeSucceedsAndPingAnswers() {
    assertEquals("PONG", redis.ping());
  }

  @Test
  void setThenGetReturnsTheValue() {
    assertEquals("OK", redis.set("lettuce:greeting", "hello"));
    assertEquals("hello", redis.get("lettuce:greeting"));
    assertNull(redis.get("lettuce:missing"));
  }

  @Test
  void delAndExistsCountKeys() {
    redis.set("lettuce:a", "1");
    redis.set("lettuce:b", "2");
    assertEquals(2L, redis.exists("lettuce:a", "lettuce:b", "lettuce:c"));
    assertEquals(2L, redis.del("lettuce:a", "lettuce:b"));
    assertEquals(0L, redis.exists("lettuce:a"));
  }

  @Test
  void echoReturnsItsArgument() {
    assertEquals("a b c", redis.echo("a b c"));
  }

  @Test
  void asyncCommandsAnswerInOrder() throws Exception {
    final RedisAsyncCommands<String, String> async = connection.async();
    final List<RedisFuture<String>> replies = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      async.set("lettuce:async:" + i, Integer.toString(i));
      replies.add(async.get("lettuce:async:" + i));
    }
    for (int i = 0; i < replies.size(); i++) {
      assertEquals(Integer.toString(i), replies.get(i).get(10, TimeUnit.SECONDS));
    }
  }
}
