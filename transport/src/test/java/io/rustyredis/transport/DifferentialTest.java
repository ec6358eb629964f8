package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drives one seeded random command stream into a real redis-server 7.0.15 and into an in-process
 * rusty-redis, and requires every reply to be byte-identical. The stream uses a small key space so
 * types collide (WRONGTYPE paths), small values so collections cross the (lowered) compact-encoding
 * thresholds, and runs once in RESP2 and once in RESP3. Only replies Redis leaves unordered
 * (SMEMBERS, HGETALL, KEYS, ...) are compared after sorting their elements; everything else is
 * compared as raw bytes. Commands whose replies depend on the clock or on randomness are not
 * generated. Replay a failure with {@code -Ddifftest.seed=<seed>} (the failure message prints it).
 *
 * <p>Left out on purpose, each for a reason: replies that depend on time or chance (relative TTLs,
 * TTL/PTTL, RANDOMKEY, SCAN cursors, OBJECT IDLETIME/FREQ, TIME, INFO, CLIENT, DEBUG, random counts of
 * SPOP/SRANDMEMBER/HRANDFIELD/ZRANDMEMBER: only counts covering the whole collection, or none);
 * HELLO's own reply (connection id and version); lex ranges over sets with mixed scores (undefined
 * in Redis: its skiplist answer depends on random node levels); plain sets as inputs of the
 * multi-key sorted set commands (not supported yet; another branch adds them); SORT and the
 * blocking commands (added elsewhere).
 *
 * <p>redis-server must be on the PATH (Debian's redis-server package, which {@code .ci/run}
 * installs); the test starts its own on a free port with no persistence and stops it at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {
  private static final int COMMANDS_PER_PHASE = 75_000;
  private static final int BATCH = 200;
  /** Commands kept for the failure message, and how many of them it shows. */
  private static final int HISTORY = 20_000;
  private static final int SHOWN = 8;
  private static final int KEYS = 20;

  /** Commands whose reply is a collection Redis leaves in hash-table order. */
  private static final Set<String> UNORDERED = Set.of(
      "SMEMBERS", "SINTER", "SUNION", "SDIFF", "SPOP", "SRANDMEMBER", "HKEYS", "HVALS", "KEYS");
  /** Commands whose reply is field/value pairs in hash-table order. */
  private static final Set<String> UNORDERED_PAIRS = Set.of("HGETALL", "HRANDFIELD", "ZRANDMEMBER");

  private Process redis;
  private Path redisDir;
  private int redisPort;
  private TestServer rusty;

  @BeforeAll
  void startServers() throws IOException, InterruptedException {
    redisDir = Files.createTempDirectory("difftest-redis");
    redisPort = freePort();
    redis = new ProcessBuilder(redisServer(), "--port", Integer.toString(redisPort), "--save", "",
        "--appendonly", "no", "--dir", redisDir.toString(), "--bind", "127.0.0.1")
        .redirectErrorStream(true)
        .redirectOutput(redisDir.resolve("redis.log").toFile())
        .start();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", redisPort), 1_000);
        break;
      } catch (final IOException e) {
        if (!redis.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("redis-server did not start; its log: "
              + Files.readString(redisDir.resolve("redis.log")), e);
        }
        Thread.sleep(20);
      }
    }
    // A server of our own: the stream flushes, reconfigures thresholds and owns every key.
    rusty = TestServer.start();
  }

  @AfterAll
  void stopServers() throws IOException, InterruptedException {
    if (rusty != null) {
      rusty.close();
    }
    if (redis != null) {
      redis.destroy();
      if (!redis.waitFor(10, TimeUnit.SECONDS)) {
        redis.destroyForcibly();
      }
    }
    if (redisDir != null) {
      try (var files = Files.walk(redisDir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void randomCommandStreamGetsIdenticalRepliesFromRedisAndRustyRedis() {
    final long seed = Long.getLong("difftest.seed", System.nanoTime());
    try (Connection reference = new Connection(redisPort); Connection subject = new Connection(rusty.port())) {
      final Generator generator = new Generator(new Random(seed));
      final Deque<String> history = new ArrayDeque<>();
      final List<byte[][]> setup = List.of(
          cmd("FLUSHALL"),
          cmd("CONFIG", "SET", "hash-max-listpack-entries", "16"),
          cmd("CONFIG", "SET", "hash-max-listpack-value", "16"),
          cmd("CONFIG", "SET", "zset-max-listpack-entries", "16"),
          cmd("CONFIG", "SET", "zset-max-listpack-value", "16"),
          cmd("CONFIG", "SET", "set-max-intset-entries", "16"),
          cmd("CONFIG", "SET", "list-max-listpack-size", "8"));
      compare(seed, setup, reference, subject, history);
      compare(seed, generator.batch(COMMANDS_PER_PHASE), reference, subject, history);
      // HELLO's reply carries the connection id and version: switch both, compare what follows.
      final List<byte[][]> hello = List.<byte[][]>of(cmd("HELLO", "3"));
      reference.send(hello);
      subject.send(hello);
      reference.reply();
      subject.reply();
      history.addLast("HELLO 3 (reply not compared)");
      compare(seed, generator.batch(COMMANDS_PER_PHASE), reference, subject, history);
    } catch (final IOException | RuntimeException e) {
      throw new AssertionError("the stream broke off (replay with -Ddifftest.seed=" + seed + ")", e);
    }
  }

  private static void compare(final long seed, final List<byte[][]> commands, final Connection reference,
      final Connection subject, final Deque<String> history) throws IOException {
    for (int start = 0; start < commands.size(); start += BATCH) {
      final List<byte[][]> batch = commands.subList(start, Math.min(commands.size(), start + BATCH));
      reference.send(batch);
      subject.send(batch);
      for (final byte[][] command : batch) {
        final Node expected = reference.reply();
        final Node actual = subject.reply();
        final String name = order(command);
        final String text = render(command);
        if (!expected.comparable(name).equals(actual.comparable(name))) {
          fail("rusty-redis differs from redis-server (replay with -Ddifftest.seed=" + seed + ")\n"
              + "command:     " + text + "\n"
              + "redis:       " + escape(expected.raw) + "\n"
              + "rusty-redis: " + escape(actual.raw) + "\n"
              + "previous commands:\n  " + String.join("\n  ", last(history, text, false)) + "\n"
              + "previous commands on its keys:\n  " + String.join("\n  ", last(history, text, true)));
        }
        history.addLast(text);
        if (history.size() > HISTORY) {
          history.removeFirst();
        }
      }
    }
  }

  /** The last few commands of {@code history}, or the last few naming a key {@code command} names. */
  private static List<String> last(final Deque<String> history, final String command, final boolean sameKeys) {
    final Set<String> keys = new java.util.HashSet<>(Arrays.asList(command.split(" ")));
    keys.removeIf(word -> !word.matches("(k|z|lex)[0-9]+"));
    final List<String> out = new ArrayList<>();
    for (final var it = history.descendingIterator(); it.hasNext() && out.size() < SHOWN; ) {
      final String previous = it.next();
      if (!sameKeys || Arrays.stream(previous.split(" ")).anyMatch(keys::contains)
          || previous.startsWith("SWAPDB") || previous.startsWith("HELLO")) {
        out.add(0, previous);
      }
    }
    return out;
  }

  /** How to compare the reply: the command's name, or "PAIRS" for unordered field/value pairs. */
  private static String order(final byte[][] command) {
    final String name = new String(command[0], StandardCharsets.ISO_8859_1).toUpperCase();
    if (!UNORDERED_PAIRS.contains(name)) {
      return name;
    }
    final String last = new String(command[command.length - 1], StandardCharsets.ISO_8859_1).toUpperCase();
    return name.equals("HGETALL") || last.startsWith("WITH") ? "PAIRS" : "KEYS";
  }

  private static byte[][] cmd(final String... parts) {
    final byte[][] out = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parts[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    return out;
  }

  private static String render(final byte[][] command) {
    final StringBuilder out = new StringBuilder();
    for (final byte[] part : command) {
      if (out.length() > 0) {
        out.append(' ');
      }
      final String text = new String(part, StandardCharsets.ISO_8859_1);
      out.append(text.isEmpty() || text.contains(" ") ? '"' + text + '"' : text);
    }
    return out.toString();
  }

  private static String escape(final String raw) {
    return raw.replace("\r\n", "\\r\\n");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String redisServer() {
    for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      final File candidate = new File(dir, "redis-server");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    throw new AssertionError("redis-server is not on the PATH: install Debian's redis-server package"
        + " (.ci/run does); the differential test compares every reply with it");
  }

  /**
   * The seeded stream. Every choice comes from the one {@link Random}, never from a reply, so both
   * servers see the same commands. Members and values come from small pools so commands hit
   * existing elements often; absolute expiry times lie far in the future so no key expires.
   */
  private static final class Generator {
    private static final String[] EXPIRE_AT = {"4102444800", "4102444900", "4102445000"};
    private final Random random;

    Generator(final Random random) {
      this.random = random;
    }

    List<byte[][]> batch(final int count) {
      final List<byte[][]> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        out.add(cmd(next()));
      }
      return out;
    }

    private String key() {
      return "k" + random.nextInt(KEYS);
    }

    private String member() {
      switch (random.nextInt(10)) {
        case 0:
          return Integer.toString(random.nextInt(40) - 5);
        case 1:
          return "";
        case 2:
          return "longer-member-" + random.nextInt(4) + "-xxxxxxxxxxxxxxx";
        default:
          return "m" + random.nextInt(30);
      }
    }

    /** Numbers in the spellings parsers disagree about. */
    private static final String[] ODD_NUMBERS = {
      "1e3", "+5", " 7", "007", "-0", "0.0", "3.0", ".5", "5.", "0x1A", "1e400", "-1e-400", "+inf", "Infinity",
      "1_000", "9223372036854775808", "-9223372036854775809", "1.5e1", "  ", "\t3", "3\n"
    };

    private String odd() {
      return ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)];
    }

    private String value() {
      switch (random.nextInt(13)) {
        case 12:
          return odd();
        case 0:
          return "";
        case 1:
          return "1.5";
        case 2:
          return "9223372036854775807";
        case 3:
          return "-" + random.nextInt(100);
        case 4:
        case 5:
          return "v" + random.nextInt(20);
        case 6:
          return "a-longer-value-" + random.nextInt(5) + "-beyond-sixteen-bytes";
        default:
          return Integer.toString(random.nextInt(50));
      }
    }

    /**
     * A relative TTL Redis rejects. An accepted one would make later EXPIRETIME replies depend on
     * when each server ran the command; absolute times (EXAT/PXAT) are free to use.
     */
    private String badTtl() {
      final String[] bad = {"+5", " 7", "007", "7 ", "0", "-1", "9223372036854775807", "-9223372036854775808",
        "x", "1e3", "3.0", ""};
      return bad[random.nextInt(bad.length)];
    }

    private String integer() {
      switch (random.nextInt(13)) {
        case 12:
          return odd();
        case 0:
          return "x";
        case 1:
          return "9223372036854775807";
        case 2:
          return "-9223372036854775808";
        default:
          return Integer.toString(random.nextInt(20) - 5);
      }
    }

    private String index() {
      switch (random.nextInt(10)) {
        case 0:
          return "100";
        case 1:
          return "-100";
        case 2:
          return "x";
        default:
          return Integer.toString(random.nextInt(24) - 12);
      }
    }

    private String score() {
      switch (random.nextInt(16)) {
        case 14:
        case 15:
          return odd();
        case 0:
          return "inf";
        case 1:
          return "-inf";
        case 2:
          return "1.5";
        case 3:
          return "nan";
        case 4:
          return "0.1";
        case 5:
          return "x";
        default:
          return Integer.toString(random.nextInt(12) - 3);
      }
    }

    private String rangeScore() {
      final String score = score();
      return random.nextInt(4) == 0 && !score.equals("x") ? "(" + score : score;
    }

    private String lex() {
      switch (random.nextInt(8)) {
        case 0:
          return "-";
        case 1:
          return "+";
        case 2:
          return "m" + random.nextInt(30);
        default:
          return (random.nextBoolean() ? "[" : "(") + "m" + random.nextInt(30);
      }
    }

    private String[] keys(final int max) {
      final String[] out = new String[1 + random.nextInt(max)];
      for (int i = 0; i < out.length; i++) {
        out[i] = key();
      }
      return out;
    }

    private String[] with(final String[] head, final String... tail) {
      final String[] out = Arrays.copyOf(head, head.length + tail.length);
      System.arraycopy(tail, 0, out, head.length, tail.length);
      return out;
    }

    private String[] pairs(final String command, final String key, final boolean scores) {
      final int n = 1 + random.nextInt(random.nextInt(8) == 0 ? 24 : 4);
      final List<String> out = new ArrayList<>();
      out.add(command);
      out.add(key);
      for (int i = 0; i < n; i++) {
        if (scores) {
          out.add(score());
          out.add(member());
        } else {
          out.add(member());
          out.add(value());
        }
      }
      return out.toArray(new String[0]);
    }

    private String[] members(final String command, final String key) {
      final int n = 1 + random.nextInt(random.nextInt(8) == 0 ? 60 : 4);
      final List<String> out = new ArrayList<>();
      out.add(command);
      out.add(key);
      for (int i = 0; i < n; i++) {
        out.add(random.nextInt(3) == 0 ? Integer.toString(random.nextInt(40)) : member());
      }
      return out.toArray(new String[0]);
    }

    /**
     * A key only sorted set commands touch. The multi-key sorted set commands read their inputs
     * from these alone: Redis also accepts plain sets there, which rusty-redis does not yet (another
     * branch adds it), so letting them meet the shared key space would only report that gap.
     */
    private String zkey() {
      return "z" + random.nextInt(6);
    }

    /**
     * A sorted set whose members all have score 0. Redis defines lex ranges only for such sets: with
     * mixed scores its skiplist answer depends on the random node levels, which no other
     * implementation can reproduce.
     */
    private String lexKey() {
      return "lex" + random.nextInt(4);
    }

    private String[] lexCommand() {
      final String k = lexKey();
      switch (random.nextInt(5)) {
        case 0:
        case 1: {
          final int n = 1 + random.nextInt(random.nextInt(6) == 0 ? 24 : 4);
          final List<String> out = new ArrayList<>(List.of("ZADD", k));
          for (int i = 0; i < n; i++) {
            out.add("0");
            out.add(member());
          }
          return out.toArray(new String[0]);
        }
        case 2:
          return members("ZREM", k);
        case 3:
          return new String[] {"OBJECT", "ENCODING", k};
        default:
          return new String[] {"ZRANGE", k, "0", "-1", "WITHSCORES"};
      }
    }

    private String[] zkeys(final int max) {
      final String[] out = new String[1 + random.nextInt(max)];
      for (int i = 0; i < out.length; i++) {
        out[i] = zkey();
      }
      return out;
    }

    private String[] znumkeys(final String command, final String... tail) {
      final String[] keys = zkeys(3);
      final String[] head = with(new String[] {command, Integer.toString(keys.length)}, keys);
      return with(head, tail);
    }

    private String[] numkeys(final String command, final String... tail) {
      final String[] keys = keys(3);
      final String[] head = with(new String[] {command, Integer.toString(keys.length)}, keys);
      return with(head, tail);
    }

    String[] next() {
      final int family = random.nextInt(7);
      switch (family) {
        case 6:
          return lexCommand();
        case 0:
          return stringCommand();
        case 1:
          return keyCommand();
        case 2:
          return listCommand();
        case 3:
          return hashCommand();
        case 4:
          return setCommand();
        default:
          return zsetCommand();
      }
    }

    private String[] stringCommand() {
      final String k = key();
      switch (random.nextInt(37)) {
        case 35: {
          final String[] types = {"i1", "u1", "i8", "u8", "i63", "u63", "i64", "u64", "i65", "x8", "u0"};
          final String[] offsets = {"0", "#1", "7", "100", "-1", "#-1", "x"};
          return new String[] {"BITFIELD", k, random.nextBoolean() ? "GET" : "INCRBY", types[random.nextInt(types.length)],
              offsets[random.nextInt(offsets.length)], integer(), "GET", types[random.nextInt(types.length)], "0"};
        }
        case 36:
          // Offsets past the limit only: a valid huge one would make both servers allocate 512 MB.
          return new String[] {"SETBIT", k, new String[] {"4294967296", "-1", "x", "8"}[random.nextInt(4)], "1"};
        case 31:
          return new String[] {"SET", k, value(), new String[] {"NX", "XX", "GET", "KEEPTTL", "EX", "PX", "EXAT"}[random.nextInt(7)],
              new String[] {"NX", "XX", "GET", "KEEPTTL", "EX", "PX", "PXAT"}[random.nextInt(7)]};
        case 32:
          return new String[] {"SET", k, value(), random.nextBoolean() ? "EX" : "PX", badTtl()};
        case 33:
          return random.nextBoolean() ? new String[] {"GETEX", k, random.nextBoolean() ? "EX" : "PX", badTtl()}
              : new String[] {random.nextBoolean() ? "GETEX" : "SET", k, "PXAT", random.nextBoolean() ? odd() : integer()};
        case 34:
          return new String[] {"SETRANGE", k, random.nextBoolean() ? "-1" : "536870912", value()};
        case 22:
          return new String[] {"SETBIT", k, Integer.toString(random.nextInt(100)), random.nextInt(8) == 0 ? "2" : "1"};
        case 23:
          return new String[] {"GETBIT", k, Integer.toString(random.nextInt(100))};
        case 24:
          return random.nextBoolean() ? new String[] {"BITCOUNT", k}
              : new String[] {"BITCOUNT", k, index(), index(), random.nextBoolean() ? "BYTE" : "BIT"};
        case 25:
          return random.nextBoolean() ? new String[] {"BITPOS", k, random.nextBoolean() ? "1" : "0"}
              : new String[] {"BITPOS", k, random.nextBoolean() ? "1" : "0", index(), index(), random.nextBoolean() ? "BYTE" : "BIT"};
        case 26:
          return with(new String[] {"BITOP", new String[] {"AND", "OR", "XOR", "NOT"}[random.nextInt(4)], key()}, keys(3));
        case 27:
          return random.nextBoolean() ? new String[] {"LCS", k, key()} : new String[] {"LCS", k, key(), "LEN"};
        case 28:
          return new String[] {"SUBSTR", k, index(), index()};
        case 29:
          return new String[] {"BITFIELD", k, "SET", "u8", "#" + random.nextInt(4), Integer.toString(random.nextInt(300)),
              "GET", "i4", Integer.toString(random.nextInt(20)), "OVERFLOW", new String[] {"WRAP", "SAT", "FAIL"}[random.nextInt(3)],
              "INCRBY", "u2", Integer.toString(random.nextInt(20)), Integer.toString(random.nextInt(7) - 3)};
        case 30:
          return new String[] {"LCS", k, key(), "IDX", "MINMATCHLEN", Integer.toString(random.nextInt(3)), "WITHMATCHLEN"};
        case 0:
          return new String[] {"SET", k, value()};
        case 1:
          return new String[] {"SET", k, value(), random.nextBoolean() ? "NX" : "XX", "GET"};
        case 2:
          return new String[] {"SET", k, value(), "KEEPTTL"};
        case 3:
          return new String[] {"SET", k, value(), "EXAT", EXPIRE_AT[random.nextInt(3)]};
        case 4:
          return new String[] {"GET", k};
        case 5:
          return new String[] {"INCR", k};
        case 6:
          return new String[] {"INCRBY", k, integer()};
        case 7:
          return new String[] {"DECRBY", k, integer()};
        case 8:
          return new String[] {"INCRBYFLOAT", k, random.nextBoolean() ? "1.5" : integer()};
        case 9:
          return new String[] {"APPEND", k, value()};
        case 10:
          return new String[] {"GETRANGE", k, index(), index()};
        case 11:
          return new String[] {"SETRANGE", k, Integer.toString(random.nextInt(40)), value()};
        case 12:
          return new String[] {"STRLEN", k};
        case 13:
          return new String[] {"MSET", k, value(), key(), value()};
        case 14:
          return with(new String[] {"MGET"}, keys(4));
        case 15:
          return new String[] {"MSETNX", k, value(), key(), value()};
        case 16:
          return new String[] {"GETSET", k, value()};
        case 17:
          return new String[] {"GETDEL", k};
        case 18:
          return new String[] {"SETNX", k, value()};
        case 19:
          return new String[] {"GETEX", k, random.nextBoolean() ? "PERSIST" : "EXAT", EXPIRE_AT[random.nextInt(3)]};
        case 20:
          return new String[] {"DECR", k};
        default:
          return new String[] {"OBJECT", "ENCODING", k};
      }
    }

    private String[] keyCommand() {
      final String k = key();
      switch (random.nextInt(22)) {
        case 18:
          // A deadline in the past (or a negative TTL) deletes the key at once: deterministic.
          return new String[] {random.nextBoolean() ? "EXPIREAT" : "PEXPIRE", k, random.nextBoolean() ? "-1" : "0"};
        case 19:
          return new String[] {"EXPIRE", k, "-" + random.nextInt(5), new String[] {"NX", "XX", "GT", "LT"}[random.nextInt(4)]};
        case 20:
          return new String[] {"COPY", k, key(), "DB", random.nextBoolean() ? "1" : "0"};
        case 21:
          return new String[] {new String[] {"GET", "DEL", "EXISTS", "TYPE", "RENAME", "LPUSH", "HSET", "ZADD", "SADD",
              "ZRANGE", "MSET", "HMGET"}[random.nextInt(12)], k};
        case 16:
          return new String[] {"MOVE", k, "1"};
        case 17:
          return new String[] {"SWAPDB", "0", "1"};
        case 0:
        case 1:
          return with(new String[] {"DEL"}, keys(3));
        case 2:
          return with(new String[] {"EXISTS"}, keys(3));
        case 3:
          return new String[] {"TYPE", k};
        case 4:
          return new String[] {"RENAME", k, key()};
        case 5:
          return new String[] {"RENAMENX", k, key()};
        case 6:
          return new String[] {"EXPIREAT", k, EXPIRE_AT[random.nextInt(3)]};
        case 7:
          return new String[] {"EXPIREAT", k, EXPIRE_AT[random.nextInt(3)],
              new String[] {"NX", "XX", "GT", "LT"}[random.nextInt(4)]};
        case 8:
          return new String[] {"PERSIST", k};
        case 9:
          return new String[] {"EXPIRETIME", k};
        case 10:
          return new String[] {"PEXPIRETIME", k};
        case 11:
          return new String[] {"COPY", k, key(), "REPLACE"};
        case 12:
          return new String[] {"OBJECT", "ENCODING", k};
        case 13:
          return new String[] {"DBSIZE"};
        case 14:
          return new String[] {"KEYS", random.nextBoolean() ? "*" : "k1*"};
        default:
          return new String[] {"TOUCH", k, key()};
      }
    }

    private String[] listCommand() {
      final String k = key();
      switch (random.nextInt(26)) {
        case 22:
          return new String[] {"LPOS", k, member(), new String[] {"RANK", "COUNT", "MAXLEN", "FOO"}[random.nextInt(4)], index()};
        case 23:
          return new String[] {"LMPOP", index(), k, random.nextBoolean() ? "LEFT" : "UP", "COUNT", index()};
        case 24:
          return new String[] {random.nextBoolean() ? "LPOP" : "RPOP", k, index()};
        case 25:
          return new String[] {"LINSERT", k, random.nextBoolean() ? "BEFORE" : "MIDDLE", member(), member()};
        case 0:
        case 1:
          return members("RPUSH", k);
        case 2:
          return members("LPUSH", k);
        case 3:
          return members(random.nextBoolean() ? "LPUSHX" : "RPUSHX", k);
        case 4:
          return new String[] {"LPOP", k};
        case 5:
          return new String[] {"RPOP", k, Integer.toString(random.nextInt(4))};
        case 6:
          return new String[] {"LLEN", k};
        case 7:
        case 8:
          return new String[] {"LRANGE", k, index(), index()};
        case 9:
          return new String[] {"LINDEX", k, index()};
        case 10:
          return new String[] {"LSET", k, index(), member()};
        case 11:
          return new String[] {"LINSERT", k, random.nextBoolean() ? "BEFORE" : "AFTER", member(), member()};
        case 12:
          return new String[] {"LREM", k, Integer.toString(random.nextInt(7) - 3), member()};
        case 13:
          return new String[] {"LTRIM", k, index(), index()};
        case 14:
          return new String[] {"LPOS", k, member()};
        case 15:
          return new String[] {"LPOS", k, member(), "RANK", Integer.toString(random.nextInt(5) - 2),
              "COUNT", Integer.toString(random.nextInt(3)), "MAXLEN", Integer.toString(random.nextInt(10))};
        case 16:
          return new String[] {"LMOVE", k, key(), random.nextBoolean() ? "LEFT" : "RIGHT",
              random.nextBoolean() ? "LEFT" : "RIGHT"};
        case 17:
          return new String[] {"RPOPLPUSH", k, key()};
        case 18:
          return numkeys("LMPOP", random.nextBoolean() ? "LEFT" : "RIGHT", "COUNT", Integer.toString(1 + random.nextInt(3)));
        case 19:
          // Trims loosely so lists grow past rusty-redis's listpack-to-heap conversion too.
          return new String[] {"LTRIM", k, "0", Integer.toString(random.nextInt(300))};
        default:
          return new String[] {"LRANGE", k, "0", "-1"};
      }
    }

    private String[] hashCommand() {
      final String k = key();
      switch (random.nextInt(22)) {
        case 19:
          return new String[] {random.nextBoolean() ? "HSET" : "HMSET", k, member(), value(), member()};
        case 20:
          return new String[] {"HRANDFIELD", k, random.nextBoolean() ? "0" : "x"};
        case 21:
          return new String[] {"HINCRBYFLOAT", k, member(), odd()};
        case 18:
          // A count past the size returns the whole hash: deterministic but for order.
          return random.nextBoolean() ? new String[] {"HRANDFIELD", k, "1000"}
              : new String[] {"HRANDFIELD", k, "1000", "WITHVALUES"};
        case 0:
        case 1:
          return pairs("HSET", k, false);
        case 2:
          return new String[] {"HSETNX", k, member(), value()};
        case 3:
          return new String[] {"HGET", k, member()};
        case 4:
          return new String[] {"HMGET", k, member(), member()};
        case 5:
          return members("HDEL", k);
        case 6:
          return new String[] {"HLEN", k};
        case 7:
          return new String[] {"HSTRLEN", k, member()};
        case 8:
          return new String[] {"HEXISTS", k, member()};
        case 9:
          return new String[] {"HKEYS", k};
        case 10:
          return new String[] {"HVALS", k};
        case 11:
        case 12:
          return new String[] {"HGETALL", k};
        case 13:
          return new String[] {"HINCRBY", k, member(), integer()};
        case 14:
          return new String[] {"HINCRBYFLOAT", k, member(), random.nextBoolean() ? "2.5" : integer()};
        case 15:
          return pairs("HMSET", k, false);
        default:
          return new String[] {"OBJECT", "ENCODING", k};
      }
    }

    private String[] setCommand() {
      final String k = key();
      switch (random.nextInt(23)) {
        case 20:
          return new String[] {"SINTERCARD", index(), k, key(), "LIMIT", index()};
        case 21:
          return new String[] {"SMOVE", k, k, member()};
        case 22:
          // Only counts that pick nothing at random: zero, negative, not a number.
          return new String[] {"SPOP", k, new String[] {"0", "-1", "x", "-100"}[random.nextInt(4)]};
        case 0:
        case 1:
        case 2:
          return members("SADD", k);
        case 3:
          return members("SREM", k);
        case 4:
          return new String[] {"SCARD", k};
        case 5:
          return new String[] {"SISMEMBER", k, member()};
        case 6:
          return new String[] {"SMISMEMBER", k, member(), member()};
        case 7:
          return new String[] {"SMEMBERS", k};
        case 8:
          return new String[] {"SMOVE", k, key(), member()};
        case 9:
          return with(new String[] {"SINTER"}, keys(3));
        case 10:
          return numkeys("SINTERCARD", "LIMIT", Integer.toString(random.nextInt(4)));
        case 11:
          return with(new String[] {"SINTERSTORE", key()}, keys(3));
        case 12:
          return with(new String[] {"SUNION"}, keys(3));
        case 13:
          return with(new String[] {"SUNIONSTORE", key()}, keys(3));
        case 14:
          return with(new String[] {"SDIFF"}, keys(3));
        case 15:
          return with(new String[] {"SDIFFSTORE", key()}, keys(3));
        case 16:
          // A count at least the set's size makes SPOP deterministic: it takes everything.
          return new String[] {"SPOP", k, "1000"};
        case 17:
          return new String[] {"SRANDMEMBER", k, "1000"};
        default:
          return new String[] {"OBJECT", "ENCODING", k};
      }
    }

    /** ZADD with any mix of its flags, valid or not, and one or two pairs. */
    private String[] flaggedZadd(final String k) {
      final List<String> out = new ArrayList<>(List.of("ZADD", k));
      final String[] flags = {"NX", "XX", "GT", "LT", "CH", "INCR"};
      for (int i = random.nextInt(3); i > 0; i--) {
        out.add(flags[random.nextInt(flags.length)]);
      }
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        out.add(score());
        out.add(member());
      }
      return out.toArray(new String[0]);
    }

    private String[] zsetCommand() {
      final String k = random.nextBoolean() ? key() : zkey();
      switch (random.nextInt(41)) {
        case 38:
          return new String[] {"ZMPOP", index(), zkey(), random.nextBoolean() ? "MIN" : "MID", "COUNT", index()};
        case 39:
          return new String[] {"ZINTERCARD", index(), zkey(), zkey(), "LIMIT", index()};
        case 40:
          return new String[] {"ZUNIONSTORE", key(), "2", zkey(), zkey(), "WEIGHTS", score(), score(), "AGGREGATE",
              new String[] {"SUM", "MIN", "MAX", "AVG"}[random.nextInt(4)]};
        case 36:
          return flaggedZadd(k);
        case 37:
          return new String[] {"ZRANGE", k, rangeScore(), rangeScore(), "BYSCORE", "REV", "LIMIT",
              Integer.toString(random.nextInt(3)), Integer.toString(random.nextInt(5) - 1), "WITHSCORES"};
        case 34:
          return new String[] {"ZRANDMEMBER", k, "1000", "WITHSCORES"};
        case 35:
          return new String[] {"ZRANGESTORE", key(), k, rangeScore(), rangeScore(), "BYSCORE", "REV", "LIMIT", "1", "3"};
        case 0:
        case 1:
        case 2:
          return pairs("ZADD", k, true);
        case 3:
          return new String[] {"ZADD", k, new String[] {"NX", "XX", "GT", "LT", "CH", "INCR"}[random.nextInt(6)],
              score(), member()};
        case 4:
          return new String[] {"ZINCRBY", k, score(), member()};
        case 5:
          return members("ZREM", k);
        case 6:
          return new String[] {"ZCARD", k};
        case 7:
          return new String[] {"ZSCORE", k, member()};
        case 8:
          return new String[] {"ZMSCORE", k, member(), member()};
        case 9:
          return new String[] {random.nextBoolean() ? "ZRANK" : "ZREVRANK", k, member()};
        case 10:
          return new String[] {"ZCOUNT", k, rangeScore(), rangeScore()};
        case 11:
          return new String[] {"ZLEXCOUNT", lexKey(), lex(), lex()};
        case 12:
        case 13:
          return new String[] {"ZRANGE", k, index(), index(), "WITHSCORES"};
        case 14:
          return new String[] {"ZRANGE", k, rangeScore(), rangeScore(), "BYSCORE", "LIMIT",
              Integer.toString(random.nextInt(3)), Integer.toString(random.nextInt(5) - 1)};
        case 15:
          return new String[] {"ZRANGE", lexKey(), lex(), lex(), "BYLEX", "REV"};
        case 16:
          return new String[] {"ZRANGESTORE", key(), k, index(), index()};
        case 17:
          return new String[] {"ZREVRANGE", k, index(), index()};
        case 18:
          return new String[] {"ZRANGEBYSCORE", k, rangeScore(), rangeScore(), "WITHSCORES"};
        case 19:
          return new String[] {"ZREVRANGEBYSCORE", k, rangeScore(), rangeScore()};
        case 20:
          return new String[] {"ZRANGEBYLEX", lexKey(), lex(), lex()};
        case 21:
          return new String[] {"ZREVRANGEBYLEX", lexKey(), lex(), lex(), "LIMIT", "0", "3"};
        case 22:
          return new String[] {"ZREMRANGEBYRANK", k, index(), index()};
        case 23:
          return new String[] {"ZREMRANGEBYSCORE", k, rangeScore(), rangeScore()};
        case 24:
          return new String[] {"ZREMRANGEBYLEX", lexKey(), lex(), lex()};
        case 25:
          return new String[] {random.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", k, Integer.toString(random.nextInt(3))};
        case 26:
          return numkeys("ZMPOP", random.nextBoolean() ? "MIN" : "MAX", "COUNT", Integer.toString(1 + random.nextInt(3)));
        case 27:
          return znumkeys("ZUNION", "AGGREGATE", new String[] {"SUM", "MIN", "MAX"}[random.nextInt(3)], "WITHSCORES");
        case 28:
          return znumkeys("ZINTER", "WITHSCORES");
        case 29:
          return znumkeys("ZDIFF", "WITHSCORES");
        case 30:
          return with(new String[] {random.nextBoolean() ? "ZUNIONSTORE" : "ZINTERSTORE", key(), "2", zkey(), zkey()},
              "WEIGHTS", Integer.toString(random.nextInt(4) - 1), "2");
        case 31:
          return new String[] {"ZDIFFSTORE", key(), "2", zkey(), zkey()};
        case 32:
          return znumkeys("ZINTERCARD");
        default:
          return new String[] {"OBJECT", "ENCODING", k};
      }
    }
  }

  /** One parsed reply: its raw bytes, and for aggregates its elements (to sort unordered ones). */
  private static final class Node {
    final String raw;
    final List<Node> children;

    Node(final String raw, final List<Node> children) {
      this.raw = raw;
      this.children = children;
    }

    /**
     * What to compare: the raw bytes, or for unordered replies the header and sorted elements
     * ({@code command} as {@link #order} names it).
     */
    String comparable(final String command) {
      if (children == null || children.isEmpty()) {
        return raw;
      }
      final String header = raw.substring(0, raw.indexOf("\r\n") + 2);
      final List<String> parts = new ArrayList<>();
      if (UNORDERED.contains(command)) {
        for (final Node child : children) {
          parts.add(child.raw);
        }
      } else if (command.equals("PAIRS") && children.get(0).children != null) {
        // RESP3 sends each pair as an array of its own.
        for (final Node child : children) {
          parts.add(child.raw);
        }
      } else if (command.equals("PAIRS")) {
        for (int i = 0; i + 1 < children.size(); i += 2) {
          parts.add(children.get(i).raw + children.get(i + 1).raw);
        }
      } else {
        return raw;
      }
      parts.sort(null);
      return header + String.join("", parts);
    }
  }

  /** A raw RESP connection: writes pipelined commands, parses replies one at a time. */
  private static final class Connection implements AutoCloseable {
    private final Socket socket = new Socket();
    private final OutputStream out;
    private final InputStream in;
    private final StringBuilder raw = new StringBuilder();

    Connection(final int port) throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    void send(final List<byte[][]> commands) throws IOException {
      for (final byte[][] command : commands) {
        out.write(('*' + Integer.toString(command.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (final byte[] part : command) {
          out.write(('$' + Integer.toString(part.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(part);
          out.write('\r');
          out.write('\n');
        }
      }
      out.flush();
    }

    Node reply() throws IOException {
      raw.setLength(0);
      return parse();
    }

    private Node parse() throws IOException {
      final int start = raw.length();
      final String line = line();
      final char type = line.charAt(0);
      List<Node> children = null;
      switch (type) {
        case '$':
        case '=':
        case '!': {
          final int length = Integer.parseInt(line.substring(1));
          if (length >= 0) {
            final byte[] body = in.readNBytes(length + 2);
            if (body.length < length + 2) {
              throw new EOFException("connection closed inside a bulk reply");
            }
            raw.append(new String(body, StandardCharsets.ISO_8859_1));
          }
          break;
        }
        case '*':
        case '~':
        case '>':
        case '%': {
          final int count = Integer.parseInt(line.substring(1));
          children = new ArrayList<>();
          for (int i = 0; i < (type == '%' ? 2 * count : count); i++) {
            children.add(parse());
          }
          break;
        }
        default:
          break;
      }
      return new Node(raw.substring(start), children);
    }

    private String line() throws IOException {
      final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int previous = -1;
      while (true) {
        final int b = in.read();
        if (b < 0) {
          throw new EOFException("connection closed before a full reply");
        }
        bytes.write(b);
        if (previous == '\r' && b == '\n') {
          break;
        }
        previous = b;
      }
      final String line = bytes.toString(StandardCharsets.ISO_8859_1);
      raw.append(line);
      return line.substring(0, line.length() - 2);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
