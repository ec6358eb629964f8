package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RDB files and DUMP payloads move between rusty-redis and a real redis-server 7.0.15 (Debian's
 * package, started by the test on a free port in a temp dir) in both directions: every type in its
 * small and big encodings, binary keys, several databases and deadlines compare equal key by key
 * (type, encoding, absolute deadline, full contents), and {@code redis-check-rdb} accepts our file.
 */
class RdbInteropTest {
  @TempDir
  Path tmp;

  private final Map<Process, Integer> ports = new HashMap<>();

  @Test
  void dumpRdbWrittenByRedisLoadsIntoRustyRedisWithEqualContents() throws Exception {
    final Path redisDir = Files.createDirectories(tmp.resolve("redis"));
    final Path rustyDir = Files.createDirectories(tmp.resolve("rusty"));
    final String expected;
    final Process redis = startRedis(redisDir);
    try (RespClient r = new RespClient(port(redis))) {
      populate(r);
      assertEquals("OK", r.call("SAVE"));
      expected = describe(r);
    } finally {
      stop(redis);
    }
    Files.copy(redisDir.resolve("dump.rdb"), rustyDir.resolve("dump.rdb"));
    try (TestServer rusty = TestServer.start("dir", rustyDir.toString());
        RespClient r = new RespClient(rusty.port())) {
      assertEquals(expected, describe(r));
    }
  }

  @Test
  void dumpRdbWrittenByRustyRedisPassesRedisCheckRdbAndLoadsIntoRedis() throws Exception {
    final Path dir = Files.createDirectories(tmp.resolve("shared"));
    final String expected;
    try (TestServer rusty = TestServer.start("dir", dir.toString());
        RespClient r = new RespClient(rusty.port())) {
      populate(r);
      assertEquals("OK", r.call("SAVE"));
      expected = describe(r);
    }
    final Process check = new ProcessBuilder(tool("redis-check-rdb"), dir.resolve("dump.rdb").toString())
        .redirectErrorStream(true).start();
    final String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, check.waitFor(), report);
    assertTrue(report.contains("RDB looks OK"), report);
    final Process redis = startRedis(dir);
    try (RespClient r = new RespClient(port(redis))) {
      assertEquals(expected, describe(r));
    } finally {
      stop(redis);
    }
  }

  /** redis-cli --rdb (REPLCONF rdb-only 1, SYNC) downloads a snapshot that Redis checks and loads whole. */
  @Test
  void redisCliRdbDownloadsASnapshotRedisLoads() throws Exception {
    final Path dir = Files.createDirectories(tmp.resolve("download"));
    final String expected;
    try (TestServer rusty = TestServer.start("dir", tmp.toString());
        RespClient r = new RespClient(rusty.port())) {
      populate(r);
      expected = describe(r);
      final Process cli = new ProcessBuilder(tool("redis-cli"), "-p", Integer.toString(rusty.port()), "--rdb",
          dir.resolve("dump.rdb").toString()).redirectErrorStream(true).start();
      final String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, cli.waitFor(), output);
      assertTrue(output.contains("Transfer finished with success."), output);
      assertEquals("PONG", r.call("PING"), "the server goes on serving others");
    }
    final Process check = new ProcessBuilder(tool("redis-check-rdb"), dir.resolve("dump.rdb").toString())
        .redirectErrorStream(true).start();
    final String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, check.waitFor(), report);
    final Process redis = startRedis(dir);
    try (RespClient r = new RespClient(port(redis))) {
      assertEquals(expected, describe(r));
    } finally {
      stop(redis);
    }
  }

  @Test
  void dumpPayloadsRestoreAcrossBothServers() throws Exception {
    final Path redisDir = Files.createDirectories(tmp.resolve("redis"));
    final Process redis = startRedis(redisDir);
    try (TestServer rusty = TestServer.start("dir", tmp.toString());
        RespClient ours = new RespClient(rusty.port());
        RespClient theirs = new RespClient(port(redis))) {
      populate(theirs);
      copyByDumpRestore(theirs, ours);
      assertEquals(describe(theirs), describe(ours));
      assertEquals("OK", theirs.call("FLUSHALL"));
      assertEquals("OK", ours.call("FLUSHALL"));
      populate(ours);
      copyByDumpRestore(ours, theirs);
      assertEquals(describe(ours), describe(theirs));
    } finally {
      stop(redis);
    }
  }

  /**
   * Every key of every database, DUMPed from one server and RESTOREd (with its deadline) into the
   * other, then the function libraries by FUNCTION DUMP and RESTORE.
   */
  private static void copyByDumpRestore(final RespClient from, final RespClient to) throws IOException {
    for (int db = 0; db < 16; db++) {
      from.call("SELECT", Integer.toString(db));
      to.call("SELECT", Integer.toString(db));
      for (final byte[] key : keys(from)) {
        final byte[] payload = (byte[]) from.call(bytes("DUMP"), key);
        final long at = (Long) from.call(bytes("PEXPIRETIME"), key);
        final Object reply = at < 0
            ? to.call(bytes("RESTORE"), key, bytes("0"), payload)
            : to.call(bytes("RESTORE"), key, bytes(Long.toString(at)), payload, bytes("ABSTTL"));
        assertEquals("OK", reply);
      }
    }
    from.call("SELECT", "0");
    to.call("SELECT", "0");
    assertEquals("OK", to.call(bytes("FUNCTION"), bytes("RESTORE"), (byte[]) from.call("FUNCTION", "DUMP"),
        bytes("REPLACE")));
  }

  /** Every type in its small and big encodings, binary data, deadlines, several databases. */
  private static void populate(final RespClient r) throws IOException {
    final long deadline = System.currentTimeMillis() + 3_600_000;
    r.call("SET", "str:int", "12345");
    r.call("SET", "str:negative", "-42");
    r.call("SET", "str:int64", "9223372036854775807");
    r.call("SET", "str:embstr", "hello world");
    r.call("SET", "str:raw", "r".repeat(300));
    r.call("SET", "str:compressible", "abcdefgh".repeat(100));
    r.call("SET", "str:empty", "");
    r.call(bytes("SET"), new byte[] {'b', 0, (byte) 0xff, '\n'}, new byte[] {0, 1, 2, (byte) 0xfe, '\r', '\n'});
    r.call("SET", "str:ttl", "expiring", "PXAT", Long.toString(deadline));
    r.call("RPUSH", "list:small", "a", "1", "-5000", "bb", "123456789012", "");
    final List<String> big = new ArrayList<>(List.of("RPUSH", "list:big"));
    for (int i = 0; i < 2000; i++) {
      big.add("element-" + i + "-" + "y".repeat(i % 40));
    }
    r.call(big.toArray(new String[0]));
    r.call("PEXPIREAT", "list:big", Long.toString(deadline + 1));
    r.call("HSET", "hash:small", "f1", "v1", "f2", "2", "f3", "-3.5");
    r.call("HSET", "hash:longvalue", "f", "z".repeat(100));
    final List<String> bigHash = new ArrayList<>(List.of("HSET", "hash:big"));
    for (int i = 0; i < 700; i++) {
      bigHash.add("field" + i);
      bigHash.add(Integer.toString(i * 7));
    }
    r.call(bigHash.toArray(new String[0]));
    r.call("PEXPIREAT", "hash:small", Long.toString(deadline + 2));
    r.call("SADD", "set:intset", "1", "2", "300", "70000", "-5", "9223372036854775807");
    r.call("SADD", "set:strings", "a", "b", "1", "");
    final List<String> manyInts = new ArrayList<>(List.of("SADD", "set:manyints"));
    for (int i = 0; i < 600; i++) {
      manyInts.add(Integer.toString(i * 3 - 900));
    }
    r.call(manyInts.toArray(new String[0]));
    r.call("PEXPIREAT", "set:intset", Long.toString(deadline + 3));
    r.call("ZADD", "zset:small", "1.5", "a", "2", "b", "-3", "c", "inf", "d", "-inf", "e", "0.1", "f", "1e100", "g");
    final List<String> bigZset = new ArrayList<>(List.of("ZADD", "zset:big"));
    for (int i = 0; i < 300; i++) {
      bigZset.add(Double.toString(i / 3.0));
      bigZset.add("member" + i);
    }
    r.call(bigZset.toArray(new String[0]));
    r.call("ZADD", "zset:longmember", "1", "m".repeat(80), "2", "n");
    r.call("PEXPIREAT", "zset:big", Long.toString(deadline + 4));
    r.call("SELECT", "5");
    r.call("SET", "in-db-5", "five");
    r.call("RPUSH", "list-in-5", "x");
    r.call("SELECT", "0");
    for (final String library : LIBRARIES) {
      assertTrue(r.call("FUNCTION", "LOAD", "REPLACE", library) instanceof byte[]);
    }
  }

  /** Function libraries travel in RDB files and FUNCTION DUMP payloads beside the keys. */
  private static final String[] LIBRARIES = {
    "#!lua name=counters\nredis.register_function('bump', function(keys, args) return redis.call('incr', keys[1]) end)",
    "#!lua name=reader\nredis.register_function{function_name='peek', callback=function(keys, args) "
        + "return redis.call('get', keys[1]) end, flags={'no-writes'}, description='reads one key'}",
  };

  /**
   * Each database's keys in byte order, each with type, encoding, absolute deadline and contents;
   * then the function libraries with their code, in name order.
   */
  private static String describe(final RespClient r) throws IOException {
    final StringBuilder out = new StringBuilder();
    for (int db = 0; db < 16; db++) {
      r.call("SELECT", Integer.toString(db));
      for (final byte[] key : keys(r)) {
        final String type = (String) r.call(bytes("TYPE"), key);
        out.append(db).append(' ').append(show(key)).append(' ').append(type)
            .append(' ').append(show(r.call(bytes("OBJECT"), bytes("ENCODING"), key)))
            .append(' ').append(r.call(bytes("PEXPIRETIME"), key)).append(' ');
        switch (type) {
          case "string":
            out.append(show(r.call(bytes("GET"), key)));
            break;
          case "list":
            out.append(show(r.call(bytes("LRANGE"), key, bytes("0"), bytes("-1"))));
            break;
          case "hash":
            out.append(sortedPairs(r.call(bytes("HGETALL"), key)));
            break;
          case "set":
            out.append(sorted(r.call(bytes("SMEMBERS"), key)));
            break;
          default:
            out.append(show(r.call(bytes("ZRANGE"), key, bytes("0"), bytes("-1"), bytes("WITHSCORES"))));
        }
        out.append('\n');
      }
    }
    r.call("SELECT", "0");
    final List<String> libraries = new ArrayList<>();
    for (final Object library : (List<?>) r.call("FUNCTION", "LIST", "WITHCODE")) {
      libraries.add(show(library));
    }
    libraries.sort(null);
    out.append("functions ").append(libraries).append('\n');
    return out.toString();
  }

  private static List<byte[]> keys(final RespClient r) throws IOException {
    @SuppressWarnings("unchecked")
    final List<Object> keys = (List<Object>) r.call("KEYS", "*");
    final List<byte[]> out = new ArrayList<>();
    for (final Object k : keys) {
      out.add((byte[]) k);
    }
    out.sort(Arrays::compareUnsigned);
    return out;
  }

  private static String sortedPairs(final Object reply) {
    final List<?> items = (List<?>) reply;
    final List<String> pairs = new ArrayList<>();
    for (int i = 0; i < items.size(); i += 2) {
      pairs.add(show(items.get(i)) + "=" + show(items.get(i + 1)));
    }
    pairs.sort(null);
    return pairs.toString();
  }

  private static String sorted(final Object reply) {
    final List<String> items = new ArrayList<>();
    for (final Object o : (List<?>) reply) {
      items.add(show(o));
    }
    items.sort(null);
    return items.toString();
  }

  private static String show(final Object value) {
    if (value instanceof byte[]) {
      return HexFormat.of().formatHex((byte[]) value);
    }
    if (value instanceof List) {
      final List<String> items = new ArrayList<>();
      for (final Object o : (List<?>) value) {
        items.add(show(o));
      }
      return items.toString();
    }
    return String.valueOf(value);
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Process startRedis(final Path dir) throws IOException, InterruptedException {
    final int port = freePort();
    final Process redis = new ProcessBuilder(tool("redis-server"), "--port", Integer.toString(port), "--save", "",
        "--appendonly", "no", "--dir", dir.toString(), "--bind", "127.0.0.1")
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("redis-" + port + ".log").toFile())
        .start();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        ports.put(redis, port);
        return redis;
      } catch (final IOException e) {
        if (!redis.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("redis-server did not start; its log: "
              + Files.readString(tmp.resolve("redis-" + port + ".log")), e);
        }
        Thread.sleep(20);
      }
    }
  }

  private int port(final Process redis) {
    return ports.get(redis);
  }

  private static void stop(final Process redis) throws InterruptedException {
    redis.destroy();
    if (!redis.waitFor(10, TimeUnit.SECONDS)) {
      redis.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tool(final String name) {
    for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      final File candidate = new File(dir, name);
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    throw new AssertionError(name + " is not on the PATH: install Debian's redis-server and redis-tools packages");
  }
}
