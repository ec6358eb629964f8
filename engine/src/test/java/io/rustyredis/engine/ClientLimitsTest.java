package io.rustyredis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** maxclients and the idle timeout, as the engine applies them. */
class ClientLimitsTest {
  @Test
  void idleClientsAreClosedButBlockedOnesWait() {
    final EngineHarness h = new EngineHarness();
    assertEquals("+OK\r\n", h.run("CONFIG", "SET", "timeout", "2"));
    final long idle = h.connect();
    final long blocked = h.connect();
    h.run("BLPOP", "list", "0");
    final long busy = h.connect();
    h.advance(1500);
    h.run("PING");
    h.advance(1000);
    h.tick();
    assertTrue(h.lastEvent().killConnections.containsLong(idle));
    assertFalse(h.lastEvent().killConnections.containsLong(blocked));
    assertFalse(h.lastEvent().killConnections.containsLong(busy));
  }

  @Test
  void noTimeoutByDefault() {
    final EngineHarness h = new EngineHarness();
    h.connect();
    h.advance(10_000_000);
    h.tick();
    assertTrue(h.lastEvent().killConnections.isEmpty());
  }

  @Test
  void connectionsPastMaxclientsAreRefused() {
    final EngineHarness h = new EngineHarness();
    h.run("CONFIG", "SET", "maxclients", "2");
    final long first = h.client;
    h.connect();
    assertEquals(0, h.lastEvent().reply.length());
    h.connect();
    assertEquals("-ERR max number of clients reached\r\n",
        new String(h.lastEvent().reply.array(), 0, h.lastEvent().reply.length()));
    assertTrue(h.lastEvent().closeAfterReply);
    h.client = first;
    assertTrue(h.run("INFO", "stats").contains("rejected_connections:1\r\n"));
  }
}
