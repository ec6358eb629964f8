package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * What no well-behaved client sends, over a plain socket to the shared server: each answer (text
 * and whether the connection is closed after it) is what redis-server 7.0.15 does with the same
 * bytes, and the other clients never notice.
 */
@ExtendWith(ServerExtension.class)
class RawProtocolEndToEndTest {
  private final TestServer server;

  RawProtocolEndToEndTest(final TestServer server) {
    this.server = server;
  }

  @Test
  void inlineAndMultibulkMixInOneWrite() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nECHO 'it\\'s'\r\n");
      assertEquals("+PONG\r\n$2\r\nhi\r\n$4\r\nit's\r\n", client.read(25));
    }
  }

  @Test
  void emptyBulkCommandNameIsAnUnknownCommand() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("*1\r\n$0\r\n\r\nPING\r\n");
      final String expected = "-ERR unknown command '', with args beginning with: \r\n+PONG\r\n";
      assertEquals(expected, client.read(expected.length()));
    }
  }

  @Test
  void malformedInputGetsRedisErrorThenClose() throws IOException {
    assertErrorAndClose("*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
    assertErrorAndClose("*3000000000\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
    assertErrorAndClose("*1\r\n$-5\r\n", "-ERR Protocol error: invalid bulk length\r\n");
    assertErrorAndClose("*1\r\n$abc\r\n", "-ERR Protocol error: invalid bulk length\r\n");
    assertErrorAndClose("*1\r\nx\r\n", "-ERR Protocol error: expected '$', got 'x'\r\n");
    assertErrorAndClose("*1\r\n\r\n", "-ERR Protocol error: expected '$', got ' '\r\n");
    assertErrorAndClose("set a \"b c\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n");
    assertErrorAndClose("a".repeat(70_000), "-ERR Protocol error: too big inline request\r\n");
    assertErrorAndClose("PING " + "a".repeat(100_000) + "\r\n", "-ERR Protocol error: too big inline request\r\n");
    assertErrorAndClose("*" + "1".repeat(70_000), "-ERR Protocol error: too big mbulk count string\r\n");
    assertErrorAndClose("*1\r\n$" + "1".repeat(70_000), "-ERR Protocol error: too big bulk count string\r\n");
  }

  @Test
  void repliesBeforeAProtocolErrorAreDeliveredFirst() throws IOException {
    assertErrorAndClose("PING\r\nECHO x\r\n*1\r\nx\r\n",
        "+PONG\r\n$1\r\nx\r\n-ERR Protocol error: expected '$', got 'x'\r\n");
  }

  @Test
  void gigabyteDeclaredBulkIsRefusedAtOnce() throws IOException {
    assertErrorAndClose("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1073741824\r\n", "-ERR Protocol error: invalid bulk length\r\n");
  }

  @Test
  void emptyAndNullMultibulkAreSkipped() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("*0\r\n*-1\r\nPING\r\n");
      assertEquals("+PONG\r\n", client.read(7));
    }
  }

  @Test
  void clientLeavingMidFrameDoesNotDisturbOthers() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (RawClient client = new RawClient(server.port())) {
        client.send("*3\r\n$3\r\nSET\r\n$8\r\nraw:half\r\n$100\r\nonly-part-of-it");
      }
    }
    try (Jedis jedis = JedisEndToEndTest.connect(server.port())) {
      assertEquals("PONG", jedis.ping());
      assertEquals(false, jedis.exists("raw:half"));
    }
  }

  @Test
  void quitRepliesOkAndCloses() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("QUIT\r\nPING\r\n");
      assertEquals("+OK\r\n", client.readUntilClosed());
    }
  }

  @Test
  void tenThousandConnectionsComeAndGoWhileAnotherClientIsServed() throws Exception {
    final AtomicBoolean done = new AtomicBoolean();
    final AtomicInteger pongs = new AtomicInteger();
    final ExecutorService pool = Executors.newFixedThreadPool(5);
    try (Jedis steady = JedisEndToEndTest.connect(server.port())) {
      final Future<?> pinger = pool.submit(() -> {
        while (!done.get()) {
          assertEquals("PONG", steady.ping());
          pongs.incrementAndGet();
        }
        return null;
      });
      final List<Future<?>> batches = new ArrayList<>();
      for (int batch = 0; batch < 4; batch++) {
        batches.add(pool.submit(() -> {
          for (int i = 0; i < 2_500; i++) {
            try (RawClient client = new RawClient(server.port())) {
              if (i % 10 == 0) {
                client.send("PING\r\n");
                assertEquals("+PONG\r\n", client.read(7));
              }
            }
          }
          return null;
        }));
      }
      for (final Future<?> batch : batches) {
        batch.get(5, TimeUnit.MINUTES);
      }
      done.set(true);
      pinger.get(1, TimeUnit.MINUTES);
      assertEquals("PONG", steady.ping());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(true, pongs.get() > 0, "the steady client was served during the churn");
  }

  private void assertErrorAndClose(final String input, final String expected) throws IOException {
    try (RawClient other = new RawClient(server.port()); RawClient client = new RawClient(server.port())) {
      client.send(input);
      assertEquals(expected, client.readUntilClosed(), input.length() > 40 ? input.substring(0, 40) : input);
      other.send("PING\r\n");
      assertEquals("+PONG\r\n", other.read(7));
    }
  }
}
