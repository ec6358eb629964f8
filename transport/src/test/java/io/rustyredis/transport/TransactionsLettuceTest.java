package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** MULTI/EXEC/DISCARD/WATCH through Lettuce over RESP3, in a database of their own. */
@ExtendWith(ServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsLettuceTest {
  private static final int DB = 13;
  private final TestServer server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private StatefulRedisConnection<String, String> otherConnection;
  private RedisCommands<String, String> redis;
  private RedisCommands<String, String> other;

  TransactionsLettuceTest(final TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void connect() {
    client = RedisClient.create(RedisURI.builder()
        .withHost("127.0.0.1").withPort(server.port()).withDatabase(DB).withTimeout(Duration.ofSeconds(10)).build());
    client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
    connection = client.connect();
    otherConnection = client.connect();
    redis = connection.sync();
    other = otherConnection.sync();
  }

  @BeforeEach
  @AfterEach
  void clean() {
    redis.flushdb();
  }

  @AfterAll
  void disconnect() {
    connection.close();
    otherConnection.close();
    client.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Test
  void execReturnsEachCommandsResultTyped() {
    assertEquals("OK", redis.multi());
    assertNull(redis.set("k", "v"));
    redis.incr("n");
    redis.hset("h", Map.of("f", "v"));
    redis.hgetall("h");
    final TransactionResult result = redis.exec();
    assertFalse(result.wasDiscarded());
    assertEquals(4, result.size());
    assertEquals("OK", result.get(0));
    assertEquals(1L, (Long) result.get(1));
    assertEquals(1L, (Long) result.get(2));
    assertEquals(Map.of("f", "v"), result.get(3));
  }

  @Test
  void runtimeErrorInsideExecIsReturnedInItsSlot() {
    redis.set("s", "text");
    redis.multi();
    redis.incr("s");
    redis.set("after", "1");
    final TransactionResult result = redis.exec();
    assertInstanceOf(RedisCommandExecutionException.class, result.get(0));
    assertEquals("OK", result.get(1));
    assertEquals("1", redis.get("after"));
  }

  @Test
  void watchedKeyTouchedByAnotherConnectionDiscardsTheTransaction() {
    redis.set("balance", "10");
    assertEquals("OK", redis.watch("balance"));
    other.incr("balance");
    redis.multi();
    redis.set("balance", "0");
    final TransactionResult result = redis.exec();
    assertTrue(result.wasDiscarded());
    assertEquals("11", redis.get("balance"));
  }

  @Test
  void swapdbTouchesAWatchedKeyThatExists() {
    redis.set("k", "v");
    redis.watch("k");
    other.swapdb(DB, 14);
    other.swapdb(DB, 14);
    redis.multi();
    redis.get("k");
    assertTrue(redis.exec().wasDiscarded());
  }

  @Test
  void discardDropsTheQueue() {
    redis.multi();
    redis.set("a", "1");
    assertEquals("OK", redis.discard());
    assertNull(redis.get("a"));
  }

  @Test
  void execWithoutMultiIsAnError() {
    final RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, redis::exec);
    assertEquals("ERR EXEC without MULTI", e.getMessage());
  }

  @Test
  void blockingPopInsideTheTransactionRepliesNullAtOnce() {
    redis.multi();
    redis.blpop(0, "empty");
    redis.bzpopmin(0, "emptyz");
    redis.blmove("empty", "dst", io.lettuce.core.LMoveArgs.Builder.leftLeft(), 0);
    final TransactionResult result = redis.exec();
    assertEquals(3, result.size());
    assertNull(result.get(0));
    assertNull(result.get(1));
    assertNull(result.get(2));
    assertEquals("PONG", redis.ping());
  }
}
