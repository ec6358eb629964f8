package io.rustyredis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRewriteTest {
  @TempDir
  Path root;

  private static final String[][] READS = {
      {"GET", "n"}, {"LRANGE", "l", "0", "-1"}, {"HGETALL", "h"}, {"DBSIZE"}, {"SELECT", "2"}, {"GET", "x"},
      {"SELECT", "0"},
  };

  private static List<String> reads(final EngineNode node) {
    final List<String> out = new ArrayList<>();
    for (final String[] read : READS) {
      out.add(node.run(read));
    }
    return out;
  }

  /** Ticks until the rewrite's base is installed (its background thread waits for nothing else here). */
  private static void awaitRewrite(final EngineNode node) throws InterruptedException {
    for (int i = 0; i < 500 && node.run("INFO", "persistence").contains("aof_rewrite_in_progress:1"); i++) {
      Thread.sleep(10);
      node.tick();
    }
    assertTrue(node.run("INFO", "persistence").contains("aof_rewrite_in_progress:0\r\n"));
  }

  /** Loads base and journals into a fresh node, as the server does at startup. */
  private static List<String> restart(final Path root) throws Exception {
    try (EngineNode node = new EngineNode(root, false)) {
      final JournalManifest m = node.manifest();
      if (m.base() != null) {
        node.engine().persistence().load(Files.readAllBytes(m.base()), node.now);
      }
      for (final Path incr : m.incrementals()) {
        if (Files.exists(incr)) {
          node.replay(incr, true);
        }
      }
      return reads(node);
    }
  }

  @Test
  void rewriteMakesABaseAndDropsTheJournalsItCovers() throws Exception {
    final List<String> expected;
    try (EngineNode node = new EngineNode(root, true)) {
      for (int i = 0; i < 50; i++) {
        node.run("INCR", "n");
        node.run("RPUSH", "l", "v" + i);
      }
      node.run("HSET", "h", "a", "1");
      assertEquals("+Background append only file rewriting started\r\n", node.run("BGREWRITEAOF"));
      node.run("INCR", "n");
      node.run("SELECT", "2");
      node.run("SET", "x", "after");
      node.run("SELECT", "0");
      awaitRewrite(node);
      node.run("HSET", "h", "b", "2");
      expected = reads(node);
      final String info = node.run("INFO", "persistence");
      assertTrue(info.contains("aof_rewrites:1\r\n") && info.contains("aof_last_bgrewrite_status:ok\r\n"), info);
    }
    final String manifest = Files.readString(root.resolve("appendonly.aof.manifest"), StandardCharsets.UTF_8);
    assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.cq seq 2 type i\n", manifest);
    assertFalse(Files.exists(root.resolve("appendonly.aof.1.incr.cq")), "the journal the base covers is deleted");
    assertEquals(expected, restart(root));
    assertEquals("$2\r\n51\r\n", expected.get(0));
    assertEquals("$5\r\nafter\r\n", expected.get(5));
  }

  /**
   * everysec forces the journal once a second from its own thread. A rewrite in between closes the
   * journal being forced (forcing it first) and deletes it once the base covers it: the next
   * background force has nothing of it left to do, and no file to open.
   */
  @Test
  void theBackgroundForceAfterARewriteFindsNothingToReport() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      node.fsync("everysec");
      node.run("SET", "k", "v");
      node.run("BGREWRITEAOF");
      awaitRewrite(node);
      assertFalse(Files.exists(root.resolve("appendonly.aof.1.incr.cq")), "the rewrite removed the old journal");
      // The background force runs every second; two of them have run by now.
      Thread.sleep(2_200);
      assertEquals(List.of(), node.journalErrors);
      node.run("SET", "k", "w");
      Thread.sleep(1_200);
      assertEquals(List.of(), node.journalErrors);
    }
  }

  @Test
  void aCrashDuringTheRewriteReplaysTheOldJournalAndTheNewOne() throws Exception {
    final List<String> expected;
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("INCR", "n");
      node.run("SET", "x", "1");
      // The stage passes the mark before the base is installed: the manifest then lists both.
      node.manifest().begin();
      node.manifest().rebase();
      node.run("INCR", "n");
      expected = reads(node);
    }
    final String manifest = Files.readString(root.resolve("appendonly.aof.manifest"), StandardCharsets.UTF_8);
    assertEquals("file appendonly.aof.1.incr.cq seq 1 type i\nfile appendonly.aof.2.incr.cq seq 2 type i\n", manifest);
    assertEquals(expected, restart(root));
    assertEquals("$1\r\n2\r\n", expected.get(0));
  }

  @Test
  void rewriteInsideExecIsScheduledAndRunsOnTheTick() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("INCR", "n");
      node.run("MULTI");
      node.run("INCR", "n");
      node.run("BGREWRITEAOF");
      node.run("INCR", "n");
      assertEquals("*3\r\n:2\r\n+Background append only file rewriting scheduled\r\n:3\r\n", node.run("EXEC"));
      assertTrue(node.run("INFO", "persistence").contains("aof_rewrite_scheduled:1\r\n"));
      node.tick();
      awaitRewrite(node);
      node.run("INCR", "n");
      assertTrue(node.run("INFO", "persistence").contains("aof_rewrite_scheduled:0\r\n"));
    }
    assertEquals("$1\r\n4\r\n", restart(root).get(0));
  }

  @Test
  void expiredKeysDeletedInTheRewritesTickStayInTheOldJournal() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("SET", "gone", "v", "PX", "5");
      node.run("INCR", "n");
      node.run("BGSAVE");
      node.run("BGREWRITEAOF");
      node.now += 1000;
      node.tick();
      awaitRewrite(node);
      assertEquals(":0\r\n", node.run("EXISTS", "gone"));
    }
    final List<String> after = restart(root);
    assertEquals("$1\r\n1\r\n", after.get(0));
    assertEquals(":1\r\n", after.get(3));
  }

  @Test
  void appendonlyTurnedOnBehindABgsaveRecordsNothingUntilItsRewriteStarts() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("SET", "n", "1");
      node.engine().journaling(false);
      node.run("INCR", "n");
      node.run("BGSAVE");
      node.engine().journaling(true);
      assertEquals(":3\r\n", node.run("INCR", "n"));
      final int[] documents = new int[1];
      try (JournalReader reader = new JournalReader(root.resolve("appendonly.aof.1.incr.cq"))) {
        reader.read((index, time, payload, length) -> documents[0]++, true);
      }
      assertEquals(1, documents[0], "the old journal was not extended with a write its base lacks");
      assertTrue(node.run("INFO", "persistence").contains("aof_rewrite_scheduled:1\r\n"));
      node.tick();
      node.run("INCR", "n");
      awaitRewrite(node);
    }
    assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.cq seq 2 type i\n",
        Files.readString(root.resolve("appendonly.aof.manifest"), StandardCharsets.UTF_8));
    assertEquals("$1\r\n4\r\n", restart(root).get(0));
  }
}
