package io.rustyredis.engine.eviction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** maxmemory and every maxmemory-policy: memory stays under the limit while twice as much is written. */
class EvictionTest {
  private static final int LIMIT = 2 << 20;
  private static final String VALUE = "v".repeat(1000);

  private static EngineHarness limited(final String policy) {
    final EngineHarness h = new EngineHarness();
    h.time(1_700_000_000_000L);
    final long base = h.engine().keyspace().usedMemory();
    assertEquals("+OK\r\n", h.run("CONFIG", "SET", "maxmemory", Long.toString(base + LIMIT), "maxmemory-policy", policy));
    return h;
  }

  private static long maxmemory(final EngineHarness h) {
    return Long.parseLong(h.config().get("maxmemory"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru", "volatile-lfu",
      "volatile-random", "volatile-ttl"})
  void memoryStaysUnderTheLimitWhileTwiceAsMuchIsWritten(final String policy) {
    final EngineHarness h = limited(policy);
    final long max = maxmemory(h);
    final int keys = 2 * LIMIT / VALUE.length();
    for (int i = 0; i < keys; i++) {
      h.advance(1);
      assertEquals("+OK\r\n", h.run("SET", "key:" + i, VALUE, "EX", Integer.toString(100_000 + i)));
      for (int hot = 0; hot < 10 && i >= 10; hot++) {
        h.run("GET", "key:" + hot);
      }
      // Eviction runs before each command, as in Redis: the last write may stand over until the next.
      assertTrue(h.engine().keyspace().usedMemory() <= max + 2 * VALUE.length(), policy + " at " + i);
    }
    h.run("PING");
    assertTrue(h.engine().keyspace().usedMemory() <= max, policy);
    final String info = h.run("INFO", "stats");
    final long evicted = Long.parseLong(info.replaceAll("(?s).*evicted_keys:(\\d+).*", "$1"));
    final long size = Long.parseLong(h.run("DBSIZE").trim().substring(1));
    assertEquals(keys, evicted + size, policy);
    assertTrue(evicted > keys / 3, policy + " evicted " + evicted);
    if (policy.endsWith("lru") || policy.endsWith("lfu")) {
      int hotLeft = 0;
      for (int hot = 0; hot < 10; hot++) {
        hotLeft += h.run("EXISTS", "key:" + hot).equals(":1\r\n") ? 1 : 0;
      }
      assertTrue(hotLeft >= 9, policy + " kept " + hotLeft + " hot keys");
    }
  }

  @Test
  void noevictionRefusesWritesButServesReads() {
    final EngineHarness h = limited("noeviction");
    int i = 0;
    String reply;
    while ((reply = h.run("SET", "key:" + i, VALUE)).equals("+OK\r\n")) {
      i++;
    }
    assertEquals("-OOM command not allowed when used memory > 'maxmemory'.\r\n", reply);
    assertEquals("$1000\r\n" + VALUE + "\r\n", h.run("GET", "key:0"));
    assertEquals(":1\r\n", h.run("DEL", "key:0"));
    assertTrue(i > LIMIT / 2 / VALUE.length());
  }

  @Test
  void volatilePoliciesRefuseWhenNoKeyHasADeadline() {
    final EngineHarness h = limited("volatile-lru");
    String reply;
    int i = 0;
    while ((reply = h.run("SET", "key:" + i++, VALUE)).equals("+OK\r\n")) {
      assertTrue(i < 10_000);
    }
    assertEquals("-OOM command not allowed when used memory > 'maxmemory'.\r\n", reply);
  }

  @Test
  void evictionIsJournaledAsDelAndRaisesAnEvent() {
    final EngineHarness h = limited("allkeys-random");
    h.engine().journaling(true);
    int i = 0;
    while (!h.effects().contains("DEL")) {
      h.run("SET", "key:" + i++, VALUE);
      assertTrue(i < 10_000);
    }
    assertTrue(h.effects().matches("(?s).*\\*2\\r\\n\\$3\\r\\nDEL\\r\\n\\$\\d+\\r\\nkey:\\d+\\r\\n.*"), h.effects());
  }

  @Test
  void objectFreqFollowsTheLfuCounter() {
    final EngineHarness h = new EngineHarness();
    h.time(1_700_000_000_000L);
    h.run("SET", "k", "v");
    assertEquals("-ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when "
        + "switching between policies at runtime LRU and LFU data will take some time to adjust.\r\n",
        h.run("OBJECT", "FREQ", "k"));
    h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
    assertEquals(":5\r\n", h.run("OBJECT", "FREQ", "k"));
    for (int i = 0; i < 100; i++) {
      h.run("GET", "k");
    }
    final long freq = Long.parseLong(h.run("OBJECT", "FREQ", "k").trim().substring(1));
    assertTrue(freq > 5 && freq < 20, "freq " + freq);
    h.advance(3 * 60_000);
    assertEquals(":" + (freq - 3) + "\r\n", h.run("OBJECT", "FREQ", "k"));
  }
}
