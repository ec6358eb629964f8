package io.rustyredis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.Engine;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRoundTripTest {
  @TempDir
  Path root;
  /** The one incremental journal the manifest in {@code root} names (no rewrite runs here). */
  private Path dir;

  @BeforeEach
  void journalDir() {
    dir = root.resolve("appendonly.aof.1.incr.cq");
  }

  private static final String[][] WRITES = {
      {"SET", "s", "hello"}, {"APPEND", "s", " world"}, {"INCR", "n"}, {"INCRBY", "n", "41"},
      {"RPUSH", "l", "a", "b", "c"}, {"LPUSH", "l", "z"}, {"LPOP", "l"},
      {"HSET", "h", "f1", "v1", "f2", "v2"}, {"HDEL", "h", "f1"},
      {"SADD", "set", "x", "y", "z"}, {"SREM", "set", "y"},
      {"ZADD", "z", "1.5", "one", "2", "two"}, {"ZINCRBY", "z", "3", "one"},
      {"SELECT", "3"}, {"SET", "other", "db3"}, {"SELECT", "0"},
  };

  private static final String[][] READS = {
      {"GET", "s"}, {"GET", "n"}, {"LRANGE", "l", "0", "-1"}, {"HGETALL", "h"},
      {"SMEMBERS", "set"}, {"ZRANGE", "z", "0", "-1", "WITHSCORES"}, {"DBSIZE"},
      {"SELECT", "3"}, {"GET", "other"}, {"SELECT", "0"},
  };

  private List<String> reads(final EngineNode node) {
    final List<String> out = new ArrayList<>();
    for (final String[] read : READS) {
      out.add(node.run(read));
    }
    return out;
  }

  private List<String> writeAll() {
    try (EngineNode node = new EngineNode(root, true)) {
      for (final String[] write : WRITES) {
        node.run(write);
      }
      return reads(node);
    }
  }

  @Test
  void everyTypeReplaysToTheSameValues() throws Exception {
    final List<String> expected = writeAll();
    try (EngineNode node = new EngineNode(root, false)) {
      final JournalReader.Result result = node.replay(dir, true);
      assertEquals(-1, result.tornIndex);
      assertEquals(expected, reads(node));
    }
    assertEquals("$11\r\nhello world\r\n", expected.get(0));
    assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", expected.get(2));
  }

  @Test
  void readsAndFailedWritesAreNotJournaled() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("SET", "k", "v");
      node.run("GET", "k");
      node.run("LPUSH", "k", "x");
      node.run("INCR", "k");
    }
    final List<Long> documents = new ArrayList<>();
    try (JournalReader reader = new JournalReader(dir)) {
      reader.read((index, time, payload, length) -> documents.add(index), true);
    }
    assertEquals(1, documents.size());
  }

  @Test
  void aBatchIsOneDocumentHoldingEachWriteInOrder() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      assertEquals(List.of("+OK\r\n", "$1\r\n1\r\n", ":2\r\n", "+OK\r\n"),
          node.batch(new String[] {"SET", "a", "1"}, new String[] {"GET", "a"}, new String[] {"INCR", "a"},
              new String[] {"SET", "b", "x"}));
      node.run("SET", "c", "y");
    }
    final List<String> documents = new ArrayList<>();
    try (JournalReader reader = new JournalReader(dir)) {
      reader.read((index, time, payload, length) -> documents.add(new String(payload, 0, length)), true);
    }
    assertEquals(List.of(
        "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n"
            + "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*2\r\n$4\r\nINCR\r\n$1\r\na\r\n"
            + "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\nx\r\n",
        "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\ny\r\n"), documents);
    try (EngineNode node = new EngineNode(root, false)) {
      node.replay(dir, true);
      assertEquals(List.of("$1\r\n2\r\n", "$1\r\nx\r\n", "$1\r\ny\r\n"),
          List.of(node.run("GET", "a"), node.run("GET", "b"), node.run("GET", "c")));
    }
  }

  @Test
  void oneEventIsOneDocumentStartingWithSelect() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("SELECT", "2");
      node.run("MSET", "a", "1", "b", "2");
    }
    final List<String> documents = new ArrayList<>();
    try (JournalReader reader = new JournalReader(dir)) {
      reader.read((index, time, payload, length) -> documents.add(new String(payload, 0, length)), true);
    }
    assertEquals(List.of("*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*5\r\n$4\r\nMSET\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"), documents);
  }

  @Test
  void replayedKeysDoNotExpireWhileLoading() throws Exception {
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("SET", "k", "1");
      node.run("PEXPIREAT", "k", Long.toString(node.now + 100));
      node.run("APPEND", "k", "2");
    }
    try (EngineNode node = new EngineNode(root, false)) {
      node.engine().keyspace().loading().start(0, 0);
      node.now += 10_000;
      node.replay(dir, true);
      assertEquals("$2\r\n12\r\n", node.runAs(Engine.REPLAY_CLIENT_ID, "GET", "k"));
      node.engine().keyspace().loading().finish();
      assertEquals("$-1\r\n", node.run("GET", "k"));
    }
  }

  @Test
  void clientsAreToldLoadingWhileTheJournalReplays() {
    try (EngineNode node = new EngineNode(root, false)) {
      node.engine().keyspace().loading().start(0, 0);
      assertEquals("-LOADING Redis is loading the dataset in memory\r\n", node.run("GET", "k"));
      assertTrue(node.run("INFO", "persistence").contains("loading:1\r\n"));
      assertEquals("+OK\r\n", node.runAs(Engine.REPLAY_CLIENT_ID, "SET", "k", "v"));
      node.engine().keyspace().loading().finish();
      assertEquals("$1\r\nv\r\n", node.run("GET", "k"));
      assertTrue(node.run("INFO", "persistence").contains("loading:0\r\n"));
    }
  }

  /** File and position of the last document's body. */
  private Object[] lastDocument() {
    File file = null;
    long position = -1;
    try (SingleChronicleQueue queue = JournalFiles.open(dir, true); ExcerptTailer tailer = queue.createTailer()) {
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          final Bytes<?> bytes = dc.wire().bytes();
          position = bytes.readPosition();
          file = tailer.currentFile();
        }
      }
    }
    return new Object[] {file, position};
  }

  private long documentBody(final int n) {
    long position = -1;
    try (SingleChronicleQueue queue = JournalFiles.open(dir, true); ExcerptTailer tailer = queue.createTailer()) {
      for (int i = 0; i <= n; i++) {
        try (DocumentContext dc = tailer.readingDocument()) {
          position = dc.wire().bytes().readPosition();
        }
      }
    }
    return position;
  }

  @Test
  void aTornLastDocumentIsDroppedAndTheRestLoads() throws Exception {
    writeAll();
    final Object[] last = lastDocument();
    try (RandomAccessFile file = new RandomAccessFile((File) last[0], "rw")) {
      file.setLength((Long) last[1] + 12);
    }
    try (EngineNode node = new EngineNode(root, false)) {
      final JournalReader.Result result = node.replay(dir, true);
      assertTrue(result.tornIndex >= 0);
      assertEquals(last[1], result.tornPosition);
      // The last write (SELECT 0 writes nothing) was SET other db3: gone; the rest is there.
      assertEquals("$11\r\nhello world\r\n", node.run("GET", "s"));
      node.run("SELECT", "3");
      assertEquals("$-1\r\n", node.run("GET", "other"));
    }
  }

  @Test
  void aTornLastDocumentRefusesTheStartWithoutAofLoadTruncated() throws Exception {
    writeAll();
    final Object[] last = lastDocument();
    try (RandomAccessFile file = new RandomAccessFile((File) last[0], "rw")) {
      file.setLength((Long) last[1] + 12);
    }
    try (EngineNode node = new EngineNode(root, false)) {
      final JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> node.replay(dir, false));
      assertTrue(e.getMessage().contains("at position " + last[1]), e.getMessage());
    }
  }

  @Test
  void aDocumentDroppedOnceIsSkippedAtLaterStarts() throws Exception {
    writeAll();
    final Object[] last = lastDocument();
    try (RandomAccessFile file = new RandomAccessFile((File) last[0], "rw")) {
      file.setLength((Long) last[1] + 12);
    }
    final long torn;
    try (EngineNode node = new EngineNode(root, false)) {
      torn = node.replay(dir, true).tornIndex;
    }
    try (JournalWriter writer = new JournalWriter(dir)) {
      writer.appendVoid(0, torn);
    }
    try (EngineNode node = new EngineNode(root, true)) {
      node.run("SET", "after", "1");
    }
    try (EngineNode node = new EngineNode(root, false)) {
      assertEquals(-1, node.replay(dir, true).tornIndex);
      assertEquals("$1\r\n1\r\n", node.run("GET", "after"));
    }
  }

  @Test
  void corruptionInTheMiddleStopsTheLoadNamingFileAndPosition() throws Exception {
    writeAll();
    final long body = documentBody(2);
    final File file = (File) lastDocument()[0];
    flip(file, body + JournalDocument.HEADER + 3);
    try (EngineNode node = new EngineNode(root, false)) {
      final JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> node.replay(dir, true));
      assertTrue(e.getMessage().contains(file.getName()) && e.getMessage().contains("at position " + body), e.getMessage());
      assertFalse(e.getMessage().contains("last document"));
    }
  }

  private static void flip(final File file, final long position) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
      raf.seek(position);
      final int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0x20);
    }
  }
}
