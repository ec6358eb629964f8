package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.journal.JournalFiles;
import io.rustyredis.journal.JournalWriter;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The journal through the whole server: Jedis writes, the server stops, a new one replays. */
class JournalEndToEndTest {
  @TempDir
  Path dir;

  private TestServer start(final String... more) {
    final List<String> overrides = new ArrayList<>(List.of(
        "appendonly", "yes", "appendfsync", "always", "dir", dir.toString()));
    overrides.addAll(List.of(more));
    return TestServer.start(overrides.toArray(new String[0]));
  }

  private static void writeEveryType(final Jedis jedis) {
    jedis.set("s", "v");
    jedis.incrBy("n", 42);
    jedis.rpush("l", "a", "b", "c");
    jedis.lpop("l");
    jedis.hset("h", "f1", "v1");
    jedis.hset("h", "f2", "v2");
    jedis.sadd("set", "x", "y", "z");
    jedis.srem("set", "x");
    jedis.zadd("z", 2.5, "m");
    jedis.zincrby("z", 1, "m");
    jedis.pexpireAt("s", System.currentTimeMillis() + 3_600_000);
    jedis.select(5);
    jedis.set("in5", "five");
    jedis.select(0);
  }

  private static List<String> readEveryType(final Jedis jedis) {
    final List<String> out = new ArrayList<>();
    out.add(jedis.get("s"));
    // Whole minutes, rounded: the deadline is an hour from the client's clock, and the server's
    // event time may sit a few ms either side of it, so truncating could flip between 59 and 60.
    out.add(Long.toString(Math.round(jedis.pttl("s") / 60_000.0)));
    out.add(jedis.get("n"));
    out.add(jedis.lrange("l", 0, -1).toString());
    out.add(jedis.hgetAll("h").toString());
    out.add(new TreeSet<>(jedis.smembers("set")).toString());
    out.add(jedis.zrangeWithScores("z", 0, -1).toString());
    out.add(Long.toString(jedis.dbSize()));
    jedis.select(5);
    out.add(jedis.get("in5"));
    jedis.select(0);
    return out;
  }

  @Test
  void everyAcknowledgedWriteIsThereAfterARestart() {
    final List<String> before;
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      writeEveryType(jedis);
      before = readEveryType(jedis);
    }
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      assertEquals(before, readEveryType(jedis));
      assertEquals("[b, c]", before.get(3));
      assertTrue(jedis.info("persistence").contains("loading:0\r\n"));
    }
  }

  @Test
  void aTornLastDocumentIsDroppedAndTheServerStarts() throws IOException {
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      jedis.set("first", "1");
      jedis.set("last", "2");
    }
    chopLastDocument();
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      assertEquals("1", jedis.get("first"));
      assertNull(jedis.get("last"));
      jedis.set("after", "3");
    }
    // The dropped document stays in the file, marked void: later starts pass it without complaint.
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      assertEquals("1", jedis.get("first"));
      assertEquals("3", jedis.get("after"));
    }
  }

  @Test
  void aTornLastDocumentStopsTheStartWithAofLoadTruncatedNo() throws IOException {
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      jedis.set("first", "1");
      jedis.set("last", "2");
    }
    chopLastDocument();
    final IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("aof-load-truncated", "no"));
    assertTrue(e.getMessage().startsWith("Bad file format reading the append only file"), e.getMessage());
  }

  @Test
  void corruptionInTheMiddleStopsTheStartNamingFileAndPosition() throws IOException {
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      for (int i = 0; i < 10; i++) {
        jedis.set("k" + i, "value-" + i);
      }
    }
    final Object[] third = document(2);
    try (RandomAccessFile file = new RandomAccessFile((File) third[0], "rw")) {
      final long at = (Long) third[1] + 30;
      file.seek(at);
      final int b = file.read();
      file.seek(at);
      file.write(b ^ 1);
    }
    final IllegalStateException e = assertThrows(IllegalStateException.class, () -> start());
    assertTrue(e.getMessage().contains(((File) third[0]).getPath() + " at position " + third[1]), e.getMessage());
  }

  /** As Redis: turning the journal on rewrites it first, so writes made while it was off survive too. */
  @Test
  void configSetAppendonlyYesStartsTheJournalFromABaseOfEverything() {
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      jedis.set("k1", "1");
      assertEquals("OK", jedis.configSet("appendonly", "no"));
      jedis.set("k2", "2");
      assertEquals("OK", jedis.configSet("appendonly", "yes"));
      jedis.set("k3", "3");
    }
    try (TestServer server = start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      assertEquals("1", jedis.get("k1"));
      assertEquals("2", jedis.get("k2"));
      assertEquals("3", jedis.get("k3"));
    }
  }

  @Test
  void clientsAreToldLoadingWhileABigJournalReplays() throws Exception {
    final int documents = 1_000_000;
    final byte[] set = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*2\r\n$4\r\nINCR\r\n$1\r\nc\r\n".getBytes(StandardCharsets.US_ASCII);
    final Path journal = dir.resolve("appendonlydir");
    try (JournalWriter writer = new JournalWriter(journal)) {
      for (int i = 0; i < documents; i++) {
        writer.append(1_700_000_000_000L, set, set.length);
      }
    }
    final int port;
    try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    final AtomicReference<TestServer> started = new AtomicReference<>();
    final Thread starter = new Thread(() -> started.set(start("port", Integer.toString(port))));
    starter.start();
    try {
      String first = null;
      String info = null;
      while (first == null) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
          socket.setSoTimeout(30_000);
          final OutputStream out = socket.getOutputStream();
          final InputStream in = new BufferedInputStream(socket.getInputStream());
          out.write("GET c\r\nINFO persistence\r\n".getBytes(StandardCharsets.US_ASCII));
          first = line(in);
          final int length = Integer.parseInt(line(in).substring(1));
          info = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
        } catch (final ConnectException notYet) {
          Thread.sleep(2);
        }
      }
      assertEquals("-LOADING Redis is loading the dataset in memory", first);
      assertTrue(info.contains("loading:1\r\n") && info.contains("loading_loaded_perc:"), info);
      starter.join();
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        assertEquals(Integer.toString(documents), jedis.get("c"));
        assertTrue(jedis.info("persistence").contains("loading:0\r\n"));
      }
    } finally {
      starter.join();
      if (started.get() != null) {
        started.get().close();
      }
    }
  }

  private static String line(final InputStream in) throws IOException {
    final StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) != '\r'; ) {
      if (b < 0) {
        throw new IOException("closed after " + line);
      }
      line.append((char) b);
    }
    in.read();
    return line.toString();
  }

  private void chopLastDocument() throws IOException {
    final Object[] last = document(Integer.MAX_VALUE);
    try (RandomAccessFile file = new RandomAccessFile((File) last[0], "rw")) {
      file.setLength((Long) last[1] + 12);
    }
  }

  /** File and body position of the n-th document (or the last one, if fewer). */
  private Object[] document(final int n) throws IOException {
    final Path journal = dir.resolve("appendonlydir").resolve("appendonly.aof.1.incr.cq");
    try (Stream<Path> files = Files.list(journal)) {
      assertTrue(files.anyMatch(f -> f.toString().endsWith(".cq4")));
    }
    File file = null;
    long position = -1;
    try (SingleChronicleQueue queue = JournalFiles.open(journal, true); ExcerptTailer tailer = queue.createTailer()) {
      for (int i = 0; i <= n; i++) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          position = dc.wire().bytes().readPosition();
          file = tailer.currentFile();
        }
      }
    }
    return new Object[] {file, position};
  }
}
