package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Where the ring's consumer and the I/O thread run, as the kernel reports it for each thread
 * ({@code Cpus_allowed_list} in /proc), not as the server believes it.
 */
class ThreadPlacementTest {

  @Test
  void byDefaultTheRingAndTheIoThreadShareOneCpu() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
    try (TestServer server = TestServer.start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      assertEquals("PONG", jedis.ping());
      final List<Integer> threads = awaitBound(server.server.placement(), 2);
      final BitSet cpus = server.server.placement().cpus();
      assertEquals(1, cpus.cardinality(), "one CPU: " + cpus);
      for (final int tid : threads) {
        assertEquals(String.valueOf(cpus.nextSetBit(0)), allowedCpus(tid), "thread " + tid);
      }
      assertEquals("PONG", jedis.ping(), "still serving once bound");
    }
  }

  @Test
  void serverCpulistBindsToThatSetAsInRedis() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
    // A CPU this process may use (a container may not allow CPU 0).
    final String cpu = String.valueOf(net.openhft.affinity.Affinity.getAffinity().nextSetBit(0));
    try (TestServer server = TestServer.start("server_cpulist", cpu);
        Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      assertEquals("PONG", jedis.ping());
      for (final int tid : awaitBound(server.server.placement(), 2)) {
        assertEquals(cpu, allowedCpus(tid));
      }
      assertEquals(cpu, jedis.configGet("server_cpulist").get("server_cpulist"));
    }
  }

  @Test
  void colocateThreadsNoBindsNothing() {
    try (TestServer server = TestServer.start("colocate-threads", "no");
        Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      assertEquals("PONG", jedis.ping());
      assertNull(server.server.placement().cpus());
      assertTrue(server.server.placement().boundThreads().isEmpty());
    }
  }

  @Test
  void moreThanOneIoThreadIsLeftToTheScheduler() {
    try (TestServer server = TestServer.start("io-threads", "2")) {
      assertNull(server.server.placement().cpus());
    }
  }

  @Test
  void cpuListsParseAsRedisWritesThem() {
    assertEquals(bits(0), ThreadPlacement.parseCpuList("0"));
    assertEquals(bits(0, 1, 2, 3), ThreadPlacement.parseCpuList("0-3"));
    assertEquals(bits(0, 2, 5), ThreadPlacement.parseCpuList("0-3:2,5"));
    assertEquals(bits(1, 4, 7), ThreadPlacement.parseCpuList("1-8:3"));
    for (final String bad : new String[] {"", "a", "3-1", "1-", "-1", "0-3:0", "0,,1", "0-3:x"}) {
      assertNull(ThreadPlacement.parseCpuList(bad), bad);
    }
  }

  /** The ring's thread binds itself when it starts, the I/O loop when it runs its first task. */
  private static List<Integer> awaitBound(final ThreadPlacement placement, final int count) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Integer> bound = placement.boundThreads();
    while (bound.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
      bound = placement.boundThreads();
    }
    assertEquals(count, bound.size(), "the ring's thread and the I/O thread are bound: " + bound);
    return bound;
  }

  private static String allowedCpus(final int tid) throws IOException {
    for (final String line : Files.readAllLines(Path.of("/proc/self/task/" + tid + "/status"))) {
      if (line.startsWith("Cpus_allowed_list:")) {
        return line.substring("Cpus_allowed_list:".length()).trim();
      }
    }
    throw new AssertionError("no Cpus_allowed_list for thread " + tid);
  }

  private static BitSet bits(final int... cpus) {
    final BitSet set = new BitSet();
    for (final int cpu : cpus) {
      set.set(cpu);
    }
    return set;
  }
}
