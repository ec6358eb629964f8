package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * Replay must rebuild exactly what the server held: a seeded stream of commands whose requests are
 * not their effects (SPOP, SRANDMEMBER and RANDOMKEY choosing what the next write touches, EXPIRE,
 * INCRBYFLOAT, HINCRBYFLOAT, ZPOPMIN, MULTI/EXEC) runs against a server with appendonly yes; a
 * second server started on the same directory must hold the same keys, types, values and
 * absolute deadlines. Once from the journal alone, once with a BGREWRITEAOF whose walk runs while
 * the stream goes on (the restart then loads base and journal). The seed is printed on failure;
 * {@code -Dreplay.seed=N} repeats a run.
 */
class ReplayDeterminismTest {
  private static final int COMMANDS = 4000;
  private static final int FILLER = 50_000;

  @TempDir
  Path dir;

  private TestServer start() {
    return TestServer.start("appendonly", "yes", "appendfsync", "everysec", "dir", dir.toString());
  }

  private static long seed() {
    final String given = System.getProperty("replay.seed");
    return given != null ? Long.parseLong(given) : System.nanoTime();
  }

  @Test
  void theJournalAloneRebuildsTheSameKeyspace() {
    replaysTheSame(seed(), false);
  }

  @Test
  void baseAndJournalAfterARewriteRebuildTheSameKeyspace() throws Exception {
    replaysTheSame(seed(), true);
    final String manifest = Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest"), StandardCharsets.UTF_8);
    assertTrue(manifest.contains(".base.rdb seq 2 type b\n") && manifest.contains(".incr.cq seq 2 type i\n"), manifest);
    assertFalse(Files.exists(dir.resolve("appendonlydir/appendonly.aof.1.incr.cq")), "the journal the base covers is gone");
  }

  private void replaysTheSame(final long seed, final boolean rewrite) {
    final Map<String, String> before;
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port(), 60_000)) {
      if (rewrite) {
        // Enough keys that the rewrite's walk takes many slices while the stream goes on.
        final Pipeline p = jedis.pipelined();
        for (int i = 0; i < FILLER; i++) {
          p.set("filler:" + i, Integer.toString(i));
        }
        p.sync();
      }
      final SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < COMMANDS; i++) {
        if (rewrite && i == COMMANDS / 3) {
          assertEquals("Background append only file rewriting started", jedis.bgrewriteaof(), "seed " + seed);
        }
        step(jedis, random);
      }
      if (rewrite) {
        awaitRewrite(jedis);
      }
      before = dump(jedis);
    }
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port(), 60_000)) {
      final Map<String, String> after = dump(jedis);
      assertEquals(before.size(), after.size(), "seed " + seed + ": key count");
      for (final Map.Entry<String, String> e : before.entrySet()) {
        assertEquals(e.getValue(), after.get(e.getKey()), "seed " + seed + ": key " + e.getKey());
      }
    }
  }

  private static void awaitRewrite(final Jedis jedis) {
    for (int i = 0; i < 3000; i++) {
      final String info = jedis.info("persistence");
      if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrites:1")) {
        assertTrue(info.contains("aof_last_bgrewrite_status:ok"), info);
        return;
      }
      sleep(10);
    }
    throw new AssertionError("the rewrite did not finish");
  }

  private static void sleep(final long millis) {
    try {
      Thread.sleep(millis);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String key(final SplittableRandom r, final String type) {
    return type + ":" + r.nextInt(40);
  }

  /** One random command (or a transaction of a few), in database 0, 1 or 2. */
  private static void step(final Jedis jedis, final SplittableRandom r) {
    jedis.select(r.nextInt(3));
    final int op = r.nextInt(16);
    switch (op) {
      case 0 -> jedis.set(key(r, "s"), "v" + r.nextInt(1000));
      case 1 -> jedis.incrByFloat(key(r, "f"), r.nextDouble() * 10 - 3);
      case 2 -> jedis.sadd(key(r, "set"), "m" + r.nextInt(30), "m" + r.nextInt(30), Integer.toString(r.nextInt(100)));
      case 3 -> jedis.spop(key(r, "set"), 1 + r.nextInt(3));
      case 4 -> {
        // SRANDMEMBER picks; the client writes what it picked elsewhere and removes it here.
        final String from = key(r, "set");
        final String member = jedis.srandmember(from);
        if (member != null) {
          jedis.smove(from, key(r, "set"), member);
          jedis.hset(key(r, "h"), member, Long.toString(r.nextLong()));
        }
      }
      case 5 -> jedis.expire(key(r, "s"), 1000 + r.nextInt(100_000));
      case 6 -> jedis.pexpire(key(r, "set"), 500_000 + r.nextInt(100_000));
      case 7 -> {
        final String k = jedis.randomKey();
        if (k != null && !k.startsWith("filler:")) {
          switch (r.nextInt(3)) {
            case 0 -> jedis.del(k);
            case 1 -> jedis.rename(k, k + "x");
            default -> jedis.expire(k, 2000 + r.nextInt(1000));
          }
        }
      }
      case 8 -> jedis.spop(key(r, "set"));
      case 9 -> jedis.hincrByFloat(key(r, "h"), "f" + r.nextInt(5), r.nextDouble());
      case 10 -> jedis.zadd(key(r, "z"), r.nextInt(100) / 7.0, "m" + r.nextInt(20));
      case 11 -> jedis.zpopmin(key(r, "z"));
      case 12 -> jedis.rpush(key(r, "l"), "e" + r.nextInt(100), "e" + r.nextInt(100));
      case 13 -> jedis.lpop(key(r, "l"));
      case 14 -> jedis.persist(key(r, "s"));
      default -> {
        final Transaction t = jedis.multi();
        t.incrByFloat(key(r, "f"), 1.5);
        t.spop(key(r, "set"));
        t.expire(key(r, "f"), 5000 + r.nextInt(1000));
        t.sadd(key(r, "set"), "t" + r.nextInt(50));
        t.exec();
      }
    }
  }

  /** Every key of databases 0 to 2: type, absolute deadline, value in an order-free form (pipelined per page). */
  private static Map<String, String> dump(final Jedis jedis) {
    final Map<String, String> out = new TreeMap<>();
    for (int db = 0; db < 3; db++) {
      jedis.select(db);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        final ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(1000));
        final List<String> keys = page.getResult();
        final Pipeline types = jedis.pipelined();
        final List<Response<String>> typeOf = new ArrayList<>();
        for (final String k : keys) {
          typeOf.add(types.type(k));
        }
        types.sync();
        final Pipeline p = jedis.pipelined();
        final List<Response<Long>> deadlines = new ArrayList<>();
        final List<Response<?>> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          final String k = keys.get(i);
          deadlines.add(p.pexpireTime(k));
          values.add(switch (typeOf.get(i).get()) {
            case "string" -> p.get(k);
            case "list" -> p.lrange(k, 0, -1);
            case "set" -> p.smembers(k);
            case "hash" -> p.hgetAll(k);
            case "zset" -> p.zrangeWithScores(k, 0, -1);
            default -> p.type(k);
          });
        }
        p.sync();
        for (int i = 0; i < keys.size(); i++) {
          out.put(db + ":" + keys.get(i),
              typeOf.get(i).get() + " " + deadlines.get(i).get() + " " + canonical(values.get(i).get()));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    jedis.select(0);
    return out;
  }

  /** Sets and hashes sorted, sorted sets as member=score in rank order, the rest as they come. */
  private static String canonical(final Object value) {
    if (value instanceof Set<?> set) {
      return new TreeSet<>(set).toString();
    }
    if (value instanceof Map<?, ?> map) {
      return new TreeMap<>(map).toString();
    }
    if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Tuple) {
      final List<String> pairs = new ArrayList<>();
      for (final Object t : list) {
        pairs.add(((Tuple) t).getElement() + "=" + ((Tuple) t).getScore());
      }
      return pairs.toString();
    }
    return String.valueOf(value);
  }
}
