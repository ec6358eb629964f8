package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Servers of their own, started and stopped: close() must give the port back and end every thread
 * it started, so that a test run (or an embedding application) can start as many as it likes.
 */
class ServerLifecycleTest {
  @Test
  void closedServersLeaveNoThreadsAndFreeTheirPorts() throws Exception {
    final Set<Thread> before = Thread.getAllStackTraces().keySet();
    for (int i = 0; i < 20; i++) {
      final int port;
      try (TestServer server = TestServer.start()) {
        port = server.port();
        try (RawClient client = new RawClient(port)) {
          client.send("PING\r\n");
          assertEquals("+PONG\r\n", client.read(7));
        }
      }
      try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
        assertEquals(port, again.getLocalPort());
      }
    }
    awaitNoNewServerThreads(before);
  }

  @Test
  void startOnAPortInUseFailsAndLeavesNoThreads() throws Exception {
    final Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThrows(Exception.class, () -> TestServer.start("port", Integer.toString(taken.getLocalPort())));
    }
    awaitNoNewServerThreads(before);
  }

  @Test
  void aClientThatConnectsWhileTheServerStartsIsAnswered() throws Exception {
    for (int round = 0; round < 5; round++) {
      final int port;
      try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      final java.util.concurrent.CompletableFuture<String> reply = new java.util.concurrent.CompletableFuture<>();
      final Thread client = new Thread(() -> {
        final long giveUp = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < giveUp) {
          try (RawClient raw = new RawClient(port)) {
            raw.send("PING\r\n");
            reply.complete(raw.read(7));
            return;
          } catch (final java.io.IOException notYetListening) {
            Thread.onSpinWait();
          }
        }
        reply.complete("never connected");
      });
      client.start();
      try (TestServer server = TestServer.start("port", Integer.toString(port))) {
        assertEquals("+PONG\r\n", reply.get(10, java.util.concurrent.TimeUnit.SECONDS));
      }
      client.join();
    }
  }

  @Test
  void closeIsIdempotentAndReleasesWaiters() throws Exception {
    final TestServer server = TestServer.start();
    final Thread waiter = new Thread(() -> {
      try {
        server.server.awaitStop();
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiter.start();
    server.close();
    server.close();
    waiter.join(TimeUnit.SECONDS.toMillis(30));
    assertEquals(false, waiter.isAlive());
  }

  @Test
  void flushallAndDbsizeSeeTheWholeServer() {
    try (TestServer server = TestServer.start(); Jedis jedis = JedisEndToEndTest.connect(server.port())) {
      assertEquals(0, jedis.dbSize());
      for (int i = 0; i < 100; i++) {
        jedis.set("k" + i, "v");
      }
      assertEquals(100, jedis.dbSize());
      jedis.select(1);
      jedis.set("other", "db");
      assertEquals(1, jedis.dbSize());
      assertEquals("OK", jedis.flushAll());
      assertEquals(0, jedis.dbSize());
      jedis.select(0);
      assertEquals(0, jedis.dbSize());
    }
  }

  @Test
  void clientIdsCountFromOneInEachServer() throws Exception {
    for (int i = 0; i < 2; i++) {
      try (TestServer server = TestServer.start(); RawClient client = new RawClient(server.port())) {
        client.send("HELLO 2\r\nQUIT\r\n");
        final String reply = client.readUntilClosed();
        assertTrue(reply.contains("$2\r\nid\r\n:1\r\n"), reply);
      }
    }
  }

  @Test
  void disconnectedClientsAreForgotten() throws Exception {
    try (TestServer server = TestServer.start()) {
      for (int i = 0; i < 500; i++) {
        try (RawClient client = new RawClient(server.port())) {
          client.send(i % 2 == 0 ? "PING\r\n" : "*2\r\n$3\r\nGET\r\n");
        }
      }
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (server.server.connectionCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, server.server.connectionCount());
    }
  }

  /** Netty and the ring end their threads a moment after saying so; wait for them, then check. */
  private static void awaitNoNewServerThreads(final Set<Thread> before) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Set<String> left = newServerThreads(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = newServerThreads(before);
    }
    assertEquals(Set.of(), left);
  }

  private static Set<String> newServerThreads(final Set<Thread> before) {
    final Set<Thread> now = new HashSet<>(Thread.getAllStackTraces().keySet());
    now.removeAll(before);
    return now.stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith("rusty-") || name.contains("EventLoopGroup"))
        .collect(Collectors.toSet());
  }
}
