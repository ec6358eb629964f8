package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots through the whole server: SAVE, BGSAVE and SHUTDOWN SAVE write {@code dir/dbfilename},
 * the next start loads it (deadlines included), and a corrupt file stops the start with its name.
 */
class SnapshotEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void restartLoadsWhatSaveWrote() throws Exception {
    try (TestServer server = TestServer.start("dir", dir.toString());
        RespClient r = new RespClient(server.port())) {
      r.call("SET", "plain", "value");
      r.call("SET", "ttl", "soon", "EX", "1000");
      r.call("RPUSH", "list", "a", "b");
      r.call("SELECT", "2");
      r.call("HSET", "hash", "f", "v");
      assertEquals("OK", r.call("SAVE"));
    }
    try (TestServer server = TestServer.start("dir", dir.toString());
        RespClient r = new RespClient(server.port())) {
      assertArrayEquals(bytes("value"), (byte[]) r.call("GET", "plain"));
      final long ttl = (Long) r.call("TTL", "ttl");
      assertTrue(ttl > 990 && ttl <= 1000, "ttl " + ttl);
      assertEquals(2L, r.call("LLEN", "list"));
      r.call("SELECT", "2");
      assertArrayEquals(bytes("v"), (byte[]) r.call("HGET", "hash", "f"));
      assertTrue(info(r).contains("rdb_last_load_keys_loaded:4\r\n"), info(r));
    }
  }

  @Test
  void bgsaveWritesTheFileWhileTheServerKeepsAnswering() throws Exception {
    try (TestServer server = TestServer.start("dir", dir.toString(), "dbfilename", "bg.rdb");
        RespClient r = new RespClient(server.port())) {
      for (int i = 0; i < 1000; i++) {
        r.call("SET", "key:" + i, "value:" + i);
      }
      assertEquals("Background saving started", r.call("BGSAVE"));
      assertEquals("PONG", r.call("PING"));
      final long deadline = System.nanoTime() + 10_000_000_000L;
      while (!info(r).contains("rdb_bgsave_in_progress:0\r\n") || !Files.exists(dir.resolve("bg.rdb"))) {
        assertTrue(System.nanoTime() < deadline, "BGSAVE did not finish: " + info(r));
        Thread.sleep(10);
      }
      assertTrue(info(r).contains("rdb_last_bgsave_status:ok\r\n"), info(r));
    }
    try (TestServer server = TestServer.start("dir", dir.toString(), "dbfilename", "bg.rdb");
        RespClient r = new RespClient(server.port())) {
      assertEquals(1000L, r.call("DBSIZE"));
      assertArrayEquals(bytes("value:999"), (byte[]) r.call("GET", "key:999"));
    }
  }

  @Test
  void repliesKeepComingWhileABgsaveIsWalkingALargerDataset() throws Exception {
    final int keys = 200_000;
    try (TestServer server = TestServer.start("dir", dir.toString(), "dbfilename", "big.rdb");
        RespClient r = new RespClient(server.port());
        RespClient other = new RespClient(server.port())) {
      for (int from = 0; from < keys; from += 1000) {
        final String[] mset = new String[1 + 2 * 1000];
        mset[0] = "MSET";
        for (int i = 0; i < 1000; i++) {
          mset[1 + 2 * i] = "key:" + (from + i);
          mset[2 + 2 * i] = "value:" + (from + i);
        }
        r.call(mset);
      }
      assertEquals("Background saving started", r.call("BGSAVE"));
      // Another client's replies arrive while the walk is still going, slice after slice: between
      // replies the snapshot is seen running at several different points of its progress.
      final Set<String> progress = new HashSet<>();
      int repliesDuring = 0;
      String info = info(other);
      while (info.contains("rdb_bgsave_in_progress:1\r\n")
          && !field(info, "current_save_keys_processed").equals(field(info, "current_save_keys_total"))) {
        progress.add(field(info, "current_save_keys_processed"));
        assertEquals("PONG", other.call("PING"));
        final int k = repliesDuring % keys;
        assertArrayEquals(bytes("value:" + k), (byte[]) other.call("GET", "key:" + k));
        repliesDuring++;
        info = info(other);
      }
      assertTrue(progress.size() >= 3, "progress seen between replies: " + progress);
      final long deadline = System.nanoTime() + 60_000_000_000L;
      while (!info(r).contains("rdb_bgsave_in_progress:0\r\n") || !Files.exists(dir.resolve("big.rdb"))) {
        assertTrue(System.nanoTime() < deadline, "BGSAVE did not finish: " + info(r));
        Thread.sleep(10);
      }
      assertTrue(info(r).contains("rdb_last_bgsave_status:ok\r\n"), info(r));
    }
    try (TestServer server = TestServer.start("dir", dir.toString(), "dbfilename", "big.rdb");
        RespClient r = new RespClient(server.port())) {
      assertEquals((long) keys, r.call("DBSIZE"));
      assertArrayEquals(bytes("value:12345"), (byte[]) r.call("GET", "key:12345"));
    }
  }

  @Test
  void shutdownSaveWritesTheFileBeforeStopping() throws Exception {
    try (TestServer server = TestServer.start("dir", dir.toString());
        RespClient r = new RespClient(server.port())) {
      r.call("SET", "k", "v");
      assertThrows(IOException.class, () -> r.call("SHUTDOWN", "SAVE"));
      server.server.awaitStop();
    }
    try (TestServer server = TestServer.start("dir", dir.toString());
        RespClient r = new RespClient(server.port())) {
      assertArrayEquals(bytes("v"), (byte[]) r.call("GET", "k"));
    }
  }

  @Test
  void aCorruptSnapshotStopsTheStartNamingTheFile() throws Exception {
    Files.write(dir.resolve("dump.rdb"), bytes("REDIS0010\u00fe\u0000garbage"));
    final IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TestServer.start("dir", dir.toString()));
    assertTrue(e.getMessage().contains(dir.resolve("dump.rdb").toString()), e.getMessage());
  }

  private static String info(final RespClient r) throws IOException {
    return new String((byte[]) r.call("INFO", "persistence"), StandardCharsets.UTF_8);
  }

  /** The value of one {@code name:value} line of an INFO reply. */
  private static String field(final String info, final String name) {
    final int at = info.indexOf(name + ":");
    return info.substring(at + name.length() + 1, info.indexOf("\r\n", at));
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
