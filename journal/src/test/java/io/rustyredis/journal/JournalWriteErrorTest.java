package io.rustyredis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriteErrorTest {
  private static final String MISCONF = "-MISCONF Errors writing to the AOF file: No space left on device\r\n";

  @TempDir
  Path root;

  /** A journal whose appends fail while {@code full} is set, as a full disk makes them. */
  private static EngineNode node(final Path root, final AtomicBoolean full) {
    return new EngineNode(root, true, dir -> new JournalWriter(dir) {
      @Override
      public long append(final long timeMillis, final byte[] payload, final int offset, final int length) {
        if (full.get()) {
          throw new UncheckedIOException(new IOException("No space left on device"));
        }
        return super.append(timeMillis, payload, offset, length);
      }
    });
  }

  @Test
  void aFailedAppendRefusesWritesUntilTheKeptEffectsAreIn() throws Exception {
    final AtomicBoolean full = new AtomicBoolean();
    try (EngineNode node = node(root, full)) {
      assertEquals("+OK\r\n", node.run("SET", "a", "1"));
      full.set(true);
      // Applied in memory but not journaled: not acknowledged.
      assertEquals(MISCONF, node.run("INCR", "a"));
      assertEquals(MISCONF, node.run("SET", "b", "2"));
      assertEquals(MISCONF, node.run("PING"));
      assertEquals("$1\r\n2\r\n", node.run("GET", "a"));
      assertTrue(node.run("INFO", "persistence").contains("aof_last_write_status:err\r\n"));
      assertTrue(node.run("BGREWRITEAOF").startsWith("+"), "the rewrite starts, and will fail at its mark");
      full.set(false);
      node.now += 1000;
      node.tick();
      assertTrue(node.run("INFO", "persistence").contains("aof_last_write_status:ok\r\n"));
      assertEquals(":3\r\n", node.run("INCR", "a"));
      assertEquals("+PONG\r\n", node.run("PING"));
      for (int i = 0; i < 200 && node.run("INFO", "persistence").contains("aof_rewrite_in_progress:1"); i++) {
        Thread.sleep(10);
        node.tick();
      }
      assertTrue(node.run("INFO", "persistence").contains("aof_last_bgrewrite_status:err\r\n"));
    }
    assertEquals("file appendonly.aof.1.incr.cq seq 1 type i\n",
        Files.readString(root.resolve("appendonly.aof.manifest")), "the rewrite whose mark came during the failure did not cut");
    try (EngineNode node = new EngineNode(root, false)) {
      node.replay(root.resolve("appendonly.aof.1.incr.cq"), true);
      assertEquals("$1\r\n3\r\n", node.run("GET", "a"), "the kept INCR was appended once the disk had room");
      assertEquals(":0\r\n", node.run("EXISTS", "b"), "refused, so never written");
    }
  }

  /**
   * A batch's writes are appended together at its end: when that append fails, none of them is
   * acknowledged (their replies had not left), and all are kept for the retry.
   */
  @Test
  void aFailedBatchAppendRefusesEveryWriteInTheBatch() throws Exception {
    final AtomicBoolean full = new AtomicBoolean();
    try (EngineNode node = node(root, full)) {
      full.set(true);
      assertEquals(List.of(MISCONF, "$-1\r\n", MISCONF),
          node.batch(new String[] {"SET", "a", "1"}, new String[] {"GET", "zz"}, new String[] {"INCR", "n"}));
      assertEquals(MISCONF, node.run("SET", "b", "2"), "refused while the batch's effects wait");
      full.set(false);
      node.now += 1000;
      node.tick();
      assertTrue(node.run("INFO", "persistence").contains("aof_last_write_status:ok\r\n"));
    }
    try (EngineNode node = new EngineNode(root, false)) {
      node.replay(root.resolve("appendonly.aof.1.incr.cq"), true);
      assertEquals(List.of("$1\r\n1\r\n", "$1\r\n1\r\n", ":0\r\n"),
          List.of(node.run("GET", "a"), node.run("GET", "n"), node.run("EXISTS", "b")),
          "the batch's writes were kept and appended once the disk had room; the refused SET never was");
    }
  }
}
