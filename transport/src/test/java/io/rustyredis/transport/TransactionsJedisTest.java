package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/** MULTI/EXEC/DISCARD/WATCH through Jedis's {@link Transaction}, in a database of their own. */
@ExtendWith(ServerExtension.class)
class TransactionsJedisTest {
  private static final int DB = 12;
  private final TestServer server;
  private Jedis jedis;
  private Jedis other;

  TransactionsJedisTest(final TestServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    jedis = JedisEndToEndTest.connect(server.port());
    jedis.select(DB);
    jedis.flushDB();
    other = JedisEndToEndTest.connect(server.port());
    other.select(DB);
  }

  @AfterEach
  void disconnect() {
    jedis.flushDB();
    jedis.close();
    other.close();
  }

  @Test
  void execRunsTheQueueAndEachResponseIsFilled() {
    final Transaction t = jedis.multi();
    final Response<String> set = t.set("k", "v");
    final Response<Long> incr = t.incr("n");
    final Response<String> get = t.get("k");
    final List<Object> results = t.exec();
    assertEquals(3, results.size());
    assertEquals("OK", set.get());
    assertEquals(1L, incr.get());
    assertEquals("v", get.get());
  }

  @Test
  void anotherClientsWriteBeforeExecIsSeenWhole() {
    final Transaction t = jedis.multi();
    t.set("k", "mine");
    final Response<String> get = t.get("k");
    assertEquals("OK", other.set("k", "theirs"));
    t.exec();
    assertEquals("mine", get.get());
    assertEquals("mine", other.get("k"));
  }

  @Test
  void noOtherClientsCommandInterleavesWithExec() throws Exception {
    final Thread writer = new Thread(() -> {
      try (Jedis w = JedisEndToEndTest.connect(server.port())) {
        w.select(DB);
        for (int i = 0; i < 2000; i++) {
          w.incr("counter");
        }
      }
    });
    writer.start();
    for (int round = 0; round < 20; round++) {
      final Transaction t = jedis.multi();
      for (int i = 0; i < 50; i++) {
        t.incr("counter");
      }
      final List<Object> results = t.exec();
      for (int i = 1; i < results.size(); i++) {
        assertEquals((Long) results.get(i - 1) + 1, (Long) results.get(i));
      }
    }
    writer.join();
    assertEquals("3000", jedis.get("counter"));
  }

  @Test
  void runtimeErrorsStayInTheirSlotWithoutRollback() {
    jedis.set("s", "text");
    final Transaction t = jedis.multi();
    final Response<Long> bad = t.incr("s");
    final Response<Long> good = t.incr("n");
    t.exec();
    assertThrows(JedisDataException.class, bad::get);
    assertEquals(1L, good.get());
    assertEquals("1", jedis.get("n"));
  }

  @Test
  void aCommandThatFailsToQueueAbortsExec() {
    final Transaction t = jedis.multi();
    t.set("a", "1");
    t.sendCommand(() -> "NOSUCH".getBytes(StandardCharsets.US_ASCII), "x");
    final JedisDataException e = assertThrows(JedisDataException.class, t::exec);
    assertEquals("EXECABORT Transaction discarded because of previous errors.", e.getMessage());
    assertNull(jedis.get("a"));
  }

  @Test
  void discardDropsTheQueue() {
    final Transaction t = jedis.multi();
    t.set("a", "1");
    assertEquals("OK", t.discard());
    assertNull(jedis.get("a"));
    assertEquals("PONG", jedis.ping());
  }

  @Test
  void watchedKeyChangedByAnotherClientMakesExecReturnNull() {
    jedis.set("balance", "10");
    jedis.watch("balance");
    other.del("balance");
    other.set("balance", "20");
    final Transaction t = jedis.multi();
    t.set("balance", "11");
    assertNull(t.exec());
    assertEquals("20", jedis.get("balance"));
  }

  @Test
  void watchedKeyLeftAloneLetsExecRun() {
    jedis.set("balance", "10");
    jedis.watch("balance", "other");
    other.set("unrelated", "x");
    final Transaction t = jedis.multi();
    t.incrBy("balance", 5);
    assertEquals(List.of(15L), t.exec());
  }

  @Test
  void flushdbTouchesAWatchedKeyThatExisted() {
    jedis.set("k", "v");
    jedis.watch("k");
    other.flushDB();
    final Transaction t = jedis.multi();
    t.exists("k");
    assertNull(t.exec());
  }

  @Test
  void unwatchForgetsTheWatchedKeys() {
    jedis.set("k", "v");
    jedis.watch("k");
    other.flushDB();
    assertEquals("OK", jedis.unwatch());
    final Transaction t = jedis.multi();
    t.exists("k");
    assertEquals(List.of(false), t.exec());
  }

  @Test
  void blockingPopInsideATransactionRepliesNilAtOnce() {
    final Transaction t = jedis.multi();
    final Response<List<String>> popped = t.blpop(0, "empty");
    final Response<String> moved = t.brpoplpush("empty", "dst", 0);
    assertEquals(Arrays.asList(null, null), t.exec());
    assertNull(popped.get());
    assertNull(moved.get());
  }

  @Test
  void nestedMultiAndWatchInsideMultiAreErrors() {
    jedis.sendCommand(() -> "MULTI".getBytes(StandardCharsets.US_ASCII));
    final JedisDataException nested = assertThrows(JedisDataException.class,
        () -> jedis.sendCommand(() -> "MULTI".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("ERR MULTI calls can not be nested", nested.getMessage());
    final JedisDataException watch = assertThrows(JedisDataException.class,
        () -> jedis.sendCommand(() -> "WATCH".getBytes(StandardCharsets.US_ASCII), "k"));
    assertEquals("ERR WATCH inside MULTI is not allowed", watch.getMessage());
    assertEquals(List.of(), jedis.sendCommand(() -> "EXEC".getBytes(StandardCharsets.US_ASCII)));
  }
}
