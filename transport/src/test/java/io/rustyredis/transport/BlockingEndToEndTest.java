package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** Blocking list commands over real sockets: many waiters, arrival order, time-outs. */
@ExtendWith(ServerExtension.class)
class BlockingEndToEndTest {
  private static final int WAITERS = 1000;
  private final TestServer server;

  BlockingEndToEndTest(final TestServer server) {
    this.server = server;
  }

  @Test
  void aThousandWaitersAreEachServedOnceInArrivalOrder() throws Exception {
    final List<RawClient> waiters = new ArrayList<>();
    try (Jedis control = new Jedis("127.0.0.1", server.port())) {
      control.del("e2e:queue");
      final int before = blockedClients(control);
      for (int i = 0; i < WAITERS; i++) {
        final RawClient waiter = new RawClient(server.port());
        waiters.add(waiter);
        waiter.send("BLPOP e2e:queue 0\r\n");
        // Arrival order across connections is only defined once each has reached the engine.
        while (blockedClients(control) < before + i + 1) {
          Thread.onSpinWait();
        }
      }
      final String[] values = new String[WAITERS];
      for (int i = 0; i < WAITERS; i++) {
        values[i] = "v" + i;
      }
      assertEquals(WAITERS, control.rpush("e2e:queue", values));
      for (int i = 0; i < WAITERS; i++) {
        final String expected = "*2\r\n$9\r\ne2e:queue\r\n$" + values[i].length() + "\r\n" + values[i] + "\r\n";
        assertEquals(expected, waiters.get(i).read(expected.length()), "waiter " + i);
      }
      assertEquals(0, control.llen("e2e:queue"));
      assertEquals(before, blockedClients(control));
    } finally {
      for (final RawClient waiter : waiters) {
        waiter.close();
      }
    }
  }

  @Test
  void aTimedOutBlpopRepliesNilAfterItsTimeout() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      final long start = System.nanoTime();
      client.send("BLPOP e2e:never 0.1\r\n");
      assertEquals("*-1\r\n", client.read(5));
      final long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(elapsedMillis >= 100 && elapsedMillis < 2_000, "returned after " + elapsedMillis + " ms");
    }
  }

  private static int blockedClients(final Jedis control) {
    for (final String line : control.info("clients").split("\r\n")) {
      if (line.startsWith("blocked_clients:")) {
        return Integer.parseInt(line.substring("blocked_clients:".length()));
      }
    }
    throw new AssertionError("INFO clients has no blocked_clients");
  }
}
