package io.rustyredis.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalToolTest {
  @TempDir
  Path root;
  /** The one incremental journal the manifest in {@code root} names (no rewrite runs here). */
  private Path dir;

  @BeforeEach
  void journalDir() {
    dir = root.resolve("appendonly.aof.1.incr.cq");
  }

  @Test
  void dumpPrintsIndexTimeAndEachCommandQuoted() throws Exception {
    final long now;
    try (EngineNode node = new EngineNode(root, true)) {
      now = node.now;
      node.run("SET", "k", "a b\n");
      node.run("RPUSH", "l", "x");
    }
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new JournalTool(new PrintStream(bytes, true, StandardCharsets.UTF_8)).dump(dir);
    final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    final String time = Instant.ofEpochMilli(now).toString();
    assertEquals(5, lines.length, String.join("\n", lines));
    assertTrue(lines[0].matches("[0-9a-f]+:0 " + time + " \"SELECT\" \"0\""), lines[0]);
    assertTrue(lines[1].matches("[0-9a-f]+:0 " + time + " \"SET\" \"k\" \"a b\\\\n\""), lines[1]);
    assertTrue(lines[3].matches("[0-9a-f]+:1 " + time + " \"RPUSH\" \"l\" \"x\""), lines[3]);
    assertEquals("# 2 documents", lines[4]);
  }

  @Test
  void tailFollowsDocumentsAppendedAfterItStarted() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("SET", "before", "1");
      final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      final CountDownLatch following = new CountDownLatch(1);
      final Thread follower = new Thread(() -> {
        try {
          new JournalTool(out).tail(dir, false, following::countDown);
        } catch (final JournalCorruptException e) {
          throw new AssertionError(e);
        }
      });
      follower.start();
      assertTrue(following.await(30, TimeUnit.SECONDS));
      node.run("SET", "after", "2");
      final long deadline = System.nanoTime() + 10_000_000_000L;
      while (!bytes.toString(StandardCharsets.UTF_8).contains("\"after\"") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      follower.interrupt();
      follower.join(5000);
      final String seen = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(seen.contains("\"SET\" \"after\" \"2\""), seen);
      assertTrue(!seen.contains("before"), seen);
    }
  }

  /** Loads an RDB file into a fresh engine and reads keys back. */
  private static String[] read(final Path rdb, final String... keys) throws Exception {
    try (EngineNode node = new EngineNode(rdb.getParent().resolve("none"), false)) {
      node.engine().persistence().load(Files.readAllBytes(rdb), node.now);
      final String[] out = new String[keys.length];
      for (int i = 0; i < keys.length; i++) {
        out[i] = node.run("GET", keys[i]);
      }
      return out;
    }
  }

  @Test
  void restoreRebuildsTheDatasetAsOfATimeOrAnIndex() throws Exception {
    final long t0;
    try (EngineNode node = new EngineNode(root, true)) {
      t0 = node.now;
      node.run("SET", "k", "1");
      node.now += 1000;
      node.run("INCR", "k");
      node.now += 1000;
      assertEquals("+Background append only file rewriting started\r\n", node.run("BGREWRITEAOF"));
      for (int i = 0; i < 200 && node.run("INFO", "persistence").contains("aof_rewrite_in_progress:1"); i++) {
        Thread.sleep(10);
        node.tick();
      }
      node.run("INCR", "k");
      node.now += 1000;
      node.run("SET", "j", "later");
      node.run("SET", "gone", "x", "PXAT", Long.toString(t0 + 3500));
      node.now += 1000;
      node.run("INCR", "k");
    }
    final Path out = root.resolve("restored.rdb");
    // Time: after the base (k=2) and the next INCR, before j was set... measured from the base's write time,
    // which is now (the test's clock is far in the past), so every document counts.
    final JournalRestore.Result all = new JournalRestore().restore(root, JournalRestore.Limit.parse(
        Instant.ofEpochMilli(System.currentTimeMillis() + 60_000).toString()), out);
    assertEquals(4, all.documents);
    assertEquals(false, all.beforeBase);
    assertArrayEquals(new String[] {"$1\r\n4\r\n", "$5\r\nlater\r\n"}, read(out, "k", "j"));

    final JournalRestore.Result early = new JournalRestore().restore(root,
        JournalRestore.Limit.parse(Instant.ofEpochMilli(t0 + 2500).toString()), out);
    assertTrue(early.beforeBase, "a time before the base cannot be honoured, and says so");

    final ByteArrayOutputStream dump = new ByteArrayOutputStream();
    new JournalTool(new PrintStream(dump, true, StandardCharsets.UTF_8)).dump(root.resolve("appendonly.aof.2.incr.cq"));
    final String[] lines = dump.toString(StandardCharsets.UTF_8).split("\n");
    // Documents: INCR k (lines 0-1), SET j, SET gone (PXAT), INCR k. Up to the second one: k=3, j set.
    final String second = lines[2].substring(0, lines[2].indexOf(' '));
    final JournalRestore.Result byIndex = new JournalRestore().restore(root, JournalRestore.Limit.parse(second), out);
    assertEquals(2, byIndex.documents);
    assertArrayEquals(new String[] {"$1\r\n3\r\n", "$5\r\nlater\r\n", "$-1\r\n"}, read(out, "k", "j", "gone"));
    assertTrue(new JournalRestore().restore(root, JournalRestore.Limit.parse("ffff:0"), out).indexMissing);
  }
}
