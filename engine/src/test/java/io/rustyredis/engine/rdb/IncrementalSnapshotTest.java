package io.rustyredis.engine.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * BGSAVE walks the keyspace a few keys per slice while commands keep changing it, and the file it
 * writes still holds exactly the dataset of the moment BGSAVE was given: checked by loading the
 * file into a fresh engine and comparing it with a copy made at that moment (DUMP of every key,
 * RESTOREd elsewhere).
 */
class IncrementalSnapshotTest {
  private static final int DATABASES = 2;

  @Test
  void imageEqualsTheDatasetAtTheStartDespiteInterleavedChanges() {
    final EngineHarness h = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    h.engine().persistence().snapshots(store);
    h.engine().persistence().sliceLimits(1, Long.MAX_VALUE);
    populate(h);
    // Two rounds: the second starts from the marks the first one left.
    for (int round = 0; round < 2; round++) {
      final long start = h.time();
      final EngineHarness expected = copy(h);
      assertEquals("+Background saving started\r\n", h.run("BGSAVE"));
      final String info = h.run("INFO", "persistence");
      assertTrue(info.contains("rdb_bgsave_in_progress:1\r\n"), info);
      assertTrue(info.contains("current_save_keys_total:" + (keyCount(expected, 0) + keyCount(expected, 1)) + "\r\n"),
          info);
      interleave(h, round);
      while (h.run("INFO", "persistence").contains("rdb_bgsave_in_progress:1\r\n")) {
        h.advance(10).tick();
      }
      final EngineHarness loaded = new EngineHarness();
      loaded.time(start);
      loaded.engine().persistence().load(store.last(), start);
      for (int db = 0; db < DATABASES; db++) {
        final Map<String, String> want = contents(expected, db);
        final Map<String, String> got = contents(loaded, db);
        assertEquals(want.keySet(), got.keySet(), "keys of database " + db + ", round " + round);
        for (final String key : want.keySet()) {
          assertEquals(want.get(key), got.get(key), key + " in database " + db + ", round " + round);
        }
      }
    }
  }

  @Test
  void flushallDuringTheWalkFinishesTheImageFirst() {
    final EngineHarness h = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    h.engine().persistence().snapshots(store);
    h.engine().persistence().sliceLimits(2, Long.MAX_VALUE);
    for (int i = 0; i < 50; i++) {
      h.run("SET", "k" + i, "v" + i);
    }
    h.run("SELECT", "1");
    h.run("RPUSH", "l", "a", "b");
    final EngineHarness expected = copy(h);
    assertEquals("+Background saving started\r\n", h.run("BGSAVE"));
    assertEquals("+OK\r\n", h.run("SWAPDB", "0", "1"));
    assertEquals("+OK\r\n", h.run("FLUSHALL"));
    assertNotNull(store.last());
    final EngineHarness loaded = new EngineHarness();
    loaded.engine().persistence().load(store.last(), h.time());
    for (int db = 0; db < DATABASES; db++) {
      assertEquals(contents(expected, db), contents(loaded, db));
    }
    h.advance(10).tick();
    assertTrue(h.run("INFO", "persistence").contains("rdb_bgsave_in_progress:0\r\n"));
  }

  @Test
  void keysDeadAtTheStartAreLeftOutAndKeysExpiringDuringTheWalkAreKept() {
    final EngineHarness h = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    h.engine().persistence().snapshots(store);
    h.engine().persistence().sliceLimits(1, Long.MAX_VALUE);
    for (int i = 0; i < 30; i++) {
      h.run("SET", "k" + i, "v" + i);
    }
    h.run("SET", "dead", "x", "PX", "10");
    h.run("SET", "dying", "y", "PX", "1000");
    h.advance(20);
    final long start = h.time();
    assertEquals("+Background saving started\r\n", h.run("BGSAVE"));
    h.advance(2000);
    assertEquals("$-1\r\n", h.run("GET", "dying"));
    while (store.last() == null) {
      h.advance(10).tick();
    }
    final EngineHarness loaded = new EngineHarness();
    loaded.time(start);
    loaded.engine().persistence().load(store.last(), start);
    assertEquals(":31\r\n", loaded.run("DBSIZE"));
    assertEquals("$1\r\ny\r\n", loaded.run("GET", "dying"));
    assertEquals(":" + (start + 980) + "\r\n", loaded.run("PEXPIRETIME", "dying"));
  }

  @Test
  void shutdownDuringTheWalkFinishesItBeforeSaving() {
    final EngineHarness h = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    h.engine().persistence().snapshots(store);
    h.engine().persistence().sliceLimits(1, Long.MAX_VALUE);
    for (int i = 0; i < 30; i++) {
      h.run("SET", "k" + i, "v" + i);
    }
    assertEquals("+Background saving started\r\n", h.run("BGSAVE"));
    assertTrue(h.engine().persistence().walking());
    h.run("SHUTDOWN", "NOSAVE");
    assertTrue(h.lastEvent().shutdown);
    assertFalse(h.engine().persistence().walking());
    final EngineHarness loaded = new EngineHarness();
    loaded.engine().persistence().load(store.last(), h.time());
    assertEquals(":30\r\n", loaded.run("DBSIZE"));
  }

  /** Strings (some counting, some with deadlines), and each collection type small and big, in two databases. */
  private static void populate(final EngineHarness h) {
    for (int db = 0; db < DATABASES; db++) {
      h.run("SELECT", Integer.toString(db));
      for (int i = 0; i < 150; i++) {
        h.run("SET", "s:" + i, "value:" + i);
        h.run("SET", "c:" + i, Integer.toString(i));
      }
      for (int i = 0; i < 20; i++) {
        h.run("SET", "t:" + i, "ttl", "PX", Integer.toString(i % 2 == 0 ? 50 : 60_000));
      }
      for (int i = 0; i < 300; i++) {
        h.run("HSET", "bighash", "f" + i, "v" + i);
        h.run("RPUSH", "biglist", "e" + i);
        h.run("SADD", "bigset", "m" + i);
        h.run("ZADD", "bigzset", Integer.toString(i), "z" + i);
      }
      h.run("HSET", "hash", "a", "1", "b", "2");
      h.run("RPUSH", "list", "x", "y", "z");
      h.run("SADD", "intset", "1", "2", "3");
      h.run("SADD", "set", "p", "q");
      h.run("ZADD", "zset", "1.5", "a", "2", "b");
    }
    h.run("SELECT", "0");
  }

  /** Changes of every kind between slices, all while the walk is still running. */
  private static void interleave(final EngineHarness h, final int round) {
    for (int step = 0; step < 16; step++) {
      final String db = Integer.toString(step % DATABASES);
      h.run("SELECT", db);
      final int i = (step * 7 + round) % 150;
      h.run("SET", "s:" + i, "changed:" + round);
      h.run("INCR", "c:" + i);
      h.run("DEL", "s:" + ((i + 3) % 150));
      h.run("SET", "new:" + round + ":" + step, "born after the start");
      h.run("HSET", "bighash", "f" + step, "changed", "extra" + step, "x");
      h.run("HDEL", "bighash", "f" + (step + 100));
      h.run("LPUSH", "biglist", "pushed" + step);
      h.run("RPOP", "biglist");
      h.run("SREM", "bigset", "m" + step);
      h.run("ZADD", "bigzset", "-1", "z" + (step + 50));
      h.run("ZINCRBY", "zset", "1", "a");
      h.run("HSET", "hash", "c", Integer.toString(step));
      h.run("SADD", "intset", Integer.toString(100 + step));
      h.run("LMPOP", "2", "nolist", "list", "LEFT");
      h.run("EXPIRE", "s:" + ((i + 5) % 150), "100");
      h.run("PERSIST", "t:" + (step % 20));
      h.run("MULTI");
      h.run("APPEND", "s:" + ((i + 9) % 150), "-appended");
      h.run("RENAME", "c:" + ((i + 11) % 150), "renamed:" + round + ":" + step);
      h.run("EXEC");
      if (step == 3) {
        // Deadlines of half the t: keys pass: some go lazily, the rest in the active cycle.
        h.advance(100);
        h.run("GET", "t:0");
        h.run("GET", "t:2");
      }
      if (step == 6) {
        h.run("DEL", "set");
        h.run("SADD", "set", "recreated");
        // Enough new keys to make the tables double while the walk is half-way.
        final List<String> mset = new ArrayList<>(List.of("MSET"));
        for (int k = 0; k < 3000; k++) {
          mset.add("grow:" + round + ":" + k);
          mset.add("x");
        }
        h.run(mset.toArray(new String[0]));
      }
      if (step == 12) {
        // Enough deletions that the tables would halve if they were allowed to.
        final List<String> del = new ArrayList<>(List.of("DEL"));
        for (int k = 0; k < 3000; k++) {
          del.add("grow:" + round + ":" + k);
        }
        h.run(del.toArray(new String[0]));
      }
      h.advance(10).tick();
      final String info = h.run("INFO", "persistence");
      assertTrue(info.contains("rdb_bgsave_in_progress:1\r\n"), "walk over at step " + step + ": " + info);
    }
    h.run("SELECT", "0");
  }

  /** A second engine holding what {@code h} holds now, via DUMP and RESTORE with absolute deadlines. */
  private static EngineHarness copy(final EngineHarness h) {
    final EngineHarness copy = new EngineHarness();
    copy.time(h.time());
    for (int db = 0; db < DATABASES; db++) {
      h.run("SELECT", Integer.toString(db));
      copy.run("SELECT", Integer.toString(db));
      for (final String key : array(h.run("KEYS", "*"))) {
        final long deadline = Long.parseLong(h.run("PEXPIRETIME", key).trim().substring(1));
        h.run("DUMP", key);
        final byte[] reply = Arrays.copyOf(h.lastEvent().reply.array(), h.lastEvent().reply.length());
        int header = 0;
        while (reply[header] != '\r') {
          header++;
        }
        final int length = Integer.parseInt(new String(reply, 1, header - 1, StandardCharsets.US_ASCII));
        final byte[] payload = Arrays.copyOfRange(reply, header + 2, header + 2 + length);
        assertEquals("+OK\r\n", copy.runBytes(bytes("RESTORE"), bytes(key),
            bytes(deadline < 0 ? "0" : Long.toString(deadline)), payload, bytes("ABSTTL")));
      }
    }
    h.run("SELECT", "0");
    copy.run("SELECT", "0");
    return copy;
  }

  private static long keyCount(final EngineHarness h, final int db) {
    h.run("SELECT", Integer.toString(db));
    final long n = Long.parseLong(h.run("DBSIZE").trim().substring(1));
    h.run("SELECT", "0");
    return n;
  }

  /** Every key of a database with its type, deadline and value in an order-independent form. */
  private static Map<String, String> contents(final EngineHarness h, final int db) {
    h.run("SELECT", Integer.toString(db));
    final Map<String, String> out = new TreeMap<>();
    for (final String key : array(h.run("KEYS", "*"))) {
      final String type = h.run("TYPE", key).trim().substring(1);
      final String value;
      switch (type) {
        case "string":
          value = h.run("GET", key);
          break;
        case "list":
          value = array(h.run("LRANGE", key, "0", "-1")).toString();
          break;
        case "hash":
          value = sorted(array(h.run("HGETALL", key)));
          break;
        case "set":
          value = sorted(array(h.run("SMEMBERS", key)));
          break;
        default:
          value = array(h.run("ZRANGE", key, "0", "-1", "WITHSCORES")).toString();
          break;
      }
      out.put(key, type + " " + h.run("PEXPIRETIME", key).trim() + " " + value);
    }
    h.run("SELECT", "0");
    return out;
  }

  private static String sorted(final List<String> items) {
    final List<String> copy = new ArrayList<>(items);
    Collections.sort(copy);
    return copy.toString();
  }

  /** The bulk strings of a flat RESP array reply. */
  private static List<String> array(final String resp) {
    final List<String> out = new ArrayList<>();
    final String[] lines = resp.split("\r\n", -1);
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].startsWith("$")) {
        out.add(lines[++i]);
      }
    }
    return out;
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
