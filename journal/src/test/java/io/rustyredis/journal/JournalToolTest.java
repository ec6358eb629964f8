package io.rustyredis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
}
