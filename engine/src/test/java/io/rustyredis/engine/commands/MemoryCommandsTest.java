package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/**
 * MEMORY: argument handling checked against Redis 7.0.15; the numbers are ours and are checked for
 * truthfulness, since Redis's differ by design.
 */
class MemoryCommandsTest {
  private final EngineHarness h = new EngineHarness();

  private long usage(final String key) {
    final String reply = h.run("MEMORY", "USAGE", key);
    assertTrue(reply.startsWith(":"), reply);
    return Long.parseLong(reply.substring(1, reply.length() - 2));
  }

  @Test
  void memoryStatsHasRedisFieldsAndAgreesWithInfo() {
    h.run("SET", "a", "1");
    h.run("SET", "b", "2", "EX", "100");
    h.run("SELECT", "3");
    h.run("SET", "c", "3");
    final String stats = h.run("MEMORY", "STATS");
    assertTrue(stats.startsWith("*58\r\n$14\r\npeak.allocated\r\n:"), stats);
    final String[] names = {"peak.allocated", "total.allocated", "startup.allocated", "replication.backlog",
      "clients.slaves", "clients.normal", "cluster.links", "aof.buffer", "lua.caches", "functions.caches", "db.0",
      "overhead.hashtable.main", "overhead.hashtable.expires", "overhead.hashtable.slot-to-keys", "db.3",
      "overhead.hashtable.main", "overhead.hashtable.expires", "overhead.hashtable.slot-to-keys", "overhead.total",
      "keys.count", "keys.bytes-per-key", "dataset.bytes", "dataset.percentage", "peak.percentage",
      "allocator.allocated", "allocator.active", "allocator.resident", "allocator-fragmentation.ratio",
      "allocator-fragmentation.bytes", "allocator-rss.ratio", "allocator-rss.bytes", "rss-overhead.ratio",
      "rss-overhead.bytes", "fragmentation", "fragmentation.bytes"};
    int at = 0;
    for (final String name : names) {
      final int next = stats.indexOf("\r\n$" + name.length() + "\r\n" + name + "\r\n", at);
      assertTrue(next >= at, name + " missing or out of order in " + stats);
      at = next + 1;
    }
    assertTrue(stats.contains("$10\r\nkeys.count\r\n:3\r\n"), stats);
    assertTrue(stats.contains("$26\r\noverhead.hashtable.expires\r\n:128\r\n"), "16 deadline slots in db 0");
    final long used = h.engine().keyspace().usedMemory();
    assertTrue(stats.contains("$15\r\ntotal.allocated\r\n:" + used + "\r\n"), stats);
    assertTrue(h.run("INFO", "memory").contains("\r\nused_memory:" + used + "\r\n"));
    assertTrue(h.run("MEMORY", "HELP").contains("STATS"));
  }

  @Test
  void missingKeyIsNil() {
    assertEquals("$-1\r\n", h.run("MEMORY", "USAGE", "nokey"));
    assertEquals("$-1\r\n", h.run("MEMORY", "USAGE", "nokey", "SAMPLES", "0"));
  }

  @Test
  void samplesIsParsedAsRedisDoes() {
    h.run("SET", "k", "v");
    assertEquals("-ERR syntax error\r\n", h.run("MEMORY", "USAGE", "k", "SAMPLES"));
    assertEquals("-ERR syntax error\r\n", h.run("MEMORY", "USAGE", "k", "SAMPLES", "-1"));
    assertEquals("-ERR value is not an integer or out of range\r\n", h.run("MEMORY", "USAGE", "k", "SAMPLES", "x"));
    assertEquals("-ERR value is not an integer or out of range\r\n",
        h.run("MEMORY", "USAGE", "nokey", "SAMPLES", "x"));
    assertEquals("-ERR syntax error\r\n", h.run("MEMORY", "USAGE", "k", "foo"));
    assertEquals(usage("k") + "", h.run("MEMORY", "USAGE", "k", "SAMPLES", "0", "SAMPLES", "3").substring(1).trim());
    assertEquals("-ERR wrong number of arguments for 'memory|usage' command\r\n", h.run("MEMORY", "USAGE"));
  }

  @Test
  void stringUsageCoversItsLength() {
    final String value = "x".repeat(10_000);
    h.run("SET", "s", value);
    assertTrue(usage("s") >= value.length() + 1);
    h.run("SET", "small", "v");
    assertTrue(usage("small") < usage("s"));
  }

  @Test
  void bigHashUsageGrowsLinearlyWithItsEntries() {
    final long[] sizes = new long[4];
    int fields = 0;
    for (int step = 0; step < sizes.length; step++) {
      for (int i = 0; i < 2000; i++, fields++) {
        h.run("HSET", "h", "field:" + fields, "value:" + fields);
      }
      sizes[step] = usage("h");
    }
    assertEquals("$9\r\nhashtable\r\n", h.run("OBJECT", "ENCODING", "h"));
    final long perStep = (sizes[3] - sizes[1]) / 2;
    // Each 2000 entries cost at least their bytes (about 2000 * 20), and the growth per step stays
    // within a factor of two of the average (table resizes make it step-wise, not quadratic).
    assertTrue(perStep >= 2000 * 20, "per step " + perStep);
    assertTrue(sizes[0] >= 2000 * 20, "first " + sizes[0]);
    for (int step = 1; step < sizes.length; step++) {
      final long growth = sizes[step] - sizes[step - 1];
      assertTrue(growth > perStep / 2 && growth < perStep * 2, "growth " + growth + " vs " + perStep);
    }
  }

  @Test
  void everyEncodingIsMeasured() {
    h.run("RPUSH", "l", "a", "b");
    h.run("SADD", "s", "1", "2");
    h.run("ZADD", "z", "1", "a");
    h.run("HSET", "hp", "f", "v");
    for (final String key : new String[] {"l", "s", "z", "hp"}) {
      assertTrue(usage(key) > 48, key);
    }
    for (int i = 0; i < 1000; i++) {
      h.run("SADD", "s", "m" + i);
    }
    assertTrue(usage("s") > 1000 * 2, "set " + usage("s"));
  }

  @Test
  void expiredButUnremovedKeyIsStillMeasuredAsRedisDoes() {
    h.run("SET", "k", "v", "PX", "10");
    h.advance(100);
    assertTrue(h.run("MEMORY", "USAGE", "k").startsWith(":"));
    assertEquals("$-1\r\n", h.run("GET", "k"));
    assertEquals("$-1\r\n", h.run("MEMORY", "USAGE", "k"));
  }

  @Test
  void helpDoctorPurgeAndMallocStats() {
    assertEquals("*14\r\n+MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+DOCTOR\r\n"
        + "+    Return memory problems reports.\r\n+MALLOC-STATS\r\n"
        + "+    Return internal statistics report from the memory allocator.\r\n+PURGE\r\n"
        + "+    Attempt to purge dirty pages for reclamation by the allocator.\r\n+STATS\r\n"
        + "+    Return information about the memory usage of the server.\r\n+USAGE <key> [SAMPLES <count>]\r\n"
        + "+    Return memory in bytes used by <key> and its value. Nested values are\r\n"
        + "+    sampled up to <count> times (default: 5, 0 means sample all).\r\n+HELP\r\n+    Prints this help.\r\n",
        h.run("MEMORY", "HELP"));
    assertEquals("$268\r\nHi Sam, this instance is empty or is using very little memory, my issues detector can't be"
        + " used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new"
        + " Sam and I will be back to our programming as soon as I finished rebooting.\n\r\n", h.run("MEMORY", "DOCTOR"));
    assertEquals("+OK\r\n", h.run("MEMORY", "PURGE"));
    assertEquals("-ERR wrong number of arguments for 'memory|doctor' command\r\n", h.run("MEMORY", "DOCTOR", "x"));
    assertEquals("-ERR unknown subcommand 'foo'. Try MEMORY HELP.\r\n", h.run("MEMORY", "foo"));
  }

  @Test
  void resp3RepliesNullAndVerbatimText() {
    h.run("HELLO", "3");
    assertEquals("_\r\n", h.run("MEMORY", "USAGE", "nokey"));
    assertTrue(h.run("MEMORY", "DOCTOR").startsWith("=272\r\ntxt:Hi Sam, this instance is empty"));
  }
}
