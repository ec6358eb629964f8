package io.rustyredis.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The side-by-side load harness: the same {@code redis-benchmark} matrix against rusty-redis and
 * Debian's {@code redis-server}, alternating A B A B so that neither server gets the machine's good
 * or bad minutes, with the same persistence settings on both, and the median of the rounds.
 *
 * <p>Why a program and not a shell script: each redis-benchmark run prints one section per test,
 * and the table needs p50/p99/p99.9 per test out of those sections, medians over rounds and a
 * chart; that is parsing and arithmetic, which reads better in Java than in awk.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.rustyredis.bench.SideBySide \
 *       [--rounds 3] [--requests 200000] [--tests ping,set,...] [--modes none,everysec,always]
 *       [--loads "-c 50 -P 16 -d 3;-c 1 -P 1 -d 3"] [--out bench/results]
 * </pre>
 *
 * <p>Each mode starts with one discarded warm-up pass per server. Writes {@code side-by-side.csv}
 * and {@code side-by-side.png} (ratio per command and load) to {@code --out} and prints the table.
 */
public final class SideBySide {
  private static final String DEFAULT_TESTS = "ping,set,get,incr,lpush,rpop,sadd,hset,zadd,mset";
  private static final String DEFAULT_LOADS =
      "-c 50 -P 1 -d 3;-c 50 -P 16 -d 3;-c 50 -P 1 -d 1024;-c 50 -P 16 -d 1024;-c 1 -P 1 -d 3;-c 500 -P 1 -d 3";
  private static final Pattern SECTION = Pattern.compile("^====== (.+) ======$");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s*([0-9.]+)% <= ([0-9.]+) milliseconds");
  private static final Pattern THROUGHPUT = Pattern.compile("throughput summary: ([0-9.]+) requests per second");

  /** One redis-benchmark test's figures from one run. */
  record Sample(double ops, double p50, double p99, double p999) {
  }

  /** Medians of one (mode, load, test) cell for both servers. */
  record Row(String mode, String load, String test, Sample rusty, Sample redis) {
    double ratio() {
      return rusty.ops / redis.ops;
    }
  }

  public static void main(final String[] argv) throws Exception {
    final Map<String, String> options = options(argv);
    final int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    final int requests = Integer.parseInt(options.getOrDefault("requests", "200000"));
    final String tests = options.getOrDefault("tests", DEFAULT_TESTS);
    final String[] modes = options.getOrDefault("modes", "none").split(",");
    final String[] loads = options.getOrDefault("loads", DEFAULT_LOADS).split(";");
    final Path out = Path.of(options.getOrDefault("out", "bench/results"));
    final Path jar = Path.of(options.getOrDefault("jar", "transport/target/rusty-redis.jar"));
    Files.createDirectories(out);

    final List<Row> rows = new ArrayList<>();
    for (final String mode : modes) {
      final Path dir = Files.createTempDirectory("side-by-side");
      try (Server rusty = Server.rusty(jar, dir.resolve("rusty"), mode);
           Server redis = Server.redis(dir.resolve("redis"), mode)) {
        // One discarded pass each: the JVM compiles its hot path in the first seconds, and a server
        // that runs for days is measured warm. Redis gets the same pass so the two see equal work.
        rusty.benchmark(tests, requests, loads[0]);
        redis.benchmark(tests, requests, loads[0]);
        for (final String load : loads) {
          // Pure latency at one connection is slow per request: fewer of them, same for both.
          final int n = load.contains("-c 1 ") ? Math.max(10_000, requests / 10) : requests;
          final Map<String, List<Sample>> rustySamples = new LinkedHashMap<>();
          final Map<String, List<Sample>> redisSamples = new LinkedHashMap<>();
          for (int round = 0; round < rounds; round++) {
            collect(rusty.benchmark(tests, n, load), rustySamples);
            collect(redis.benchmark(tests, n, load), redisSamples);
          }
          for (final Map.Entry<String, List<Sample>> entry : rustySamples.entrySet()) {
            final List<Sample> other = redisSamples.get(entry.getKey());
            if (other != null) {
              rows.add(new Row(mode, load, entry.getKey(), median(entry.getValue()), median(other)));
            }
          }
          System.err.printf(Locale.ROOT, "done: mode %s, load %s%n", mode, load);
        }
      }
    }
    final String table = table(rows);
    System.out.print(table);
    Files.writeString(out.resolve("side-by-side.txt"), table);
    Files.writeString(out.resolve("side-by-side.csv"), csv(rows));
    RatioChart.write(rows, out.resolve("side-by-side.png"));
  }

  private static void collect(final Map<String, Sample> run, final Map<String, List<Sample>> into) {
    run.forEach((test, sample) -> into.computeIfAbsent(test, t -> new ArrayList<>()).add(sample));
  }

  /** Each figure's own median: a round with good throughput may have had a bad tail. */
  static Sample median(final List<Sample> samples) {
    return new Sample(
        median(samples, Sample::ops), median(samples, Sample::p50), median(samples, Sample::p99),
        median(samples, Sample::p999));
  }

  private static double median(final List<Sample> samples, final java.util.function.ToDoubleFunction<Sample> f) {
    final double[] values = samples.stream().mapToDouble(f).sorted().toArray();
    return values[(values.length - 1) / 2];
  }

  /**
   * Parses redis-benchmark's full (non-CSV) output: one section per test, each with a percentile
   * distribution, a throughput summary and a latency summary (avg min p50 p95 p99 max). p50 and p99
   * come from the summary; p99.9 is the first step of the percentile distribution at or past 99.9,
   * which is as close as redis-benchmark's HdrHistogram output gets.
   */
  static Map<String, Sample> parse(final String output) {
    final Map<String, Sample> samples = new LinkedHashMap<>();
    String test = null;
    double ops = Double.NaN;
    double p999 = Double.NaN;
    boolean summaryNext = false;
    for (final String rawLine : output.replace('\r', '\n').split("\n")) {
      final String line = rawLine.strip();
      final Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        test = section.group(1).strip();
        ops = Double.NaN;
        p999 = Double.NaN;
        continue;
      }
      if (test == null) {
        continue;
      }
      final Matcher percentile = PERCENTILE.matcher(line);
      if (percentile.find()) {
        if (Double.isNaN(p999) && Double.parseDouble(percentile.group(1)) >= 99.9) {
          p999 = Double.parseDouble(percentile.group(2));
        }
        continue;
      }
      final Matcher throughput = THROUGHPUT.matcher(line);
      if (throughput.find()) {
        ops = Double.parseDouble(throughput.group(1));
      } else if (line.startsWith("avg") && line.contains("p99")) {
        summaryNext = true;
      } else if (summaryNext) {
        summaryNext = false;
        final String[] f = line.split("\\s+");
        samples.put(test, new Sample(ops, Double.parseDouble(f[2]), Double.parseDouble(f[4]), p999));
        test = null;
      }
    }
    return samples;
  }

  static String table(final List<Row> rows) {
    final StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-9s %-20s %-14s %11s %11s %6s %8s %8s %8s %8s %8s %8s%n",
        "mode", "load", "command", "rusty_ops", "redis_ops", "ratio", "r_p50", "R_p50", "r_p99", "R_p99",
        "r_p99.9", "R_p99.9"));
    for (final Row row : rows) {
      out.append(String.format(Locale.ROOT,
          "%-9s %-20s %-14s %11.0f %11.0f %6.2f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f%n",
          row.mode, row.load, shortName(row.test), row.rusty.ops, row.redis.ops, row.ratio(),
          row.rusty.p50, row.redis.p50, row.rusty.p99, row.redis.p99, row.rusty.p999, row.redis.p999));
    }
    return out.toString();
  }

  static String csv(final List<Row> rows) {
    final StringBuilder out = new StringBuilder(
        "mode,load,command,rusty_ops,redis_ops,ratio,rusty_p50,redis_p50,rusty_p99,redis_p99,rusty_p999,redis_p999\n");
    for (final Row row : rows) {
      out.append(String.format(Locale.ROOT, "%s,%s,%s,%.0f,%.0f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f%n",
          row.mode, row.load, shortName(row.test), row.rusty.ops, row.redis.ops, row.ratio(),
          row.rusty.p50, row.redis.p50, row.rusty.p99, row.redis.p99, row.rusty.p999, row.redis.p999));
    }
    return out.toString();
  }

  /** "LPUSH (needed to benchmark LRANGE)" and "MSET (10 keys)" shortened to their command. */
  static String shortName(final String test) {
    final int space = test.indexOf(' ');
    return space < 0 ? test : test.substring(0, space);
  }

  private static Map<String, String> options(final String[] argv) {
    final Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + argv[i]);
      }
      options.put(argv[i].substring(2), argv[i + 1]);
    }
    return options;
  }

  /** One server process on a free loopback port, with the persistence settings of a mode. */
  static final class Server implements AutoCloseable {
    private final Process process;
    private final int port;

    private Server(final List<String> command, final int port, final Path dir) throws IOException {
      Files.createDirectories(dir);
      this.port = port;
      this.process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
      awaitPing();
    }

    static Server rusty(final Path jar, final Path dir, final String mode) throws IOException {
      final int port = freePort();
      final List<String> command = new ArrayList<>(List.of("java"));
      command.addAll(jvmOptions());
      command.addAll(List.of(
          "-jar", jar.toAbsolutePath().toString(), "--port", String.valueOf(port), "--dir", dir.toString()));
      command.addAll(persistence(mode));
      return new Server(command, port, dir);
    }

    /**
     * The JVM flags the README starts the server with ({@code -XX:+UseZGC}: pauses under a
     * millisecond, bench/README.md), or {@code RUSTY_JVM_OPTS} to compare others.
     */
    static List<String> jvmOptions() {
      final String options = System.getenv().getOrDefault("RUSTY_JVM_OPTS", "-XX:+UseZGC").trim();
      return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    static Server redis(final Path dir, final String mode) throws IOException {
      final int port = freePort();
      final List<String> command = new ArrayList<>(List.of(
          "redis-server", "--port", String.valueOf(port), "--dir", dir.toString(), "--save", ""));
      command.addAll(persistence(mode));
      return new Server(command, port, dir);
    }

    /** The same flags for both servers: none, or an append-only log with the given fsync policy. */
    private static List<String> persistence(final String mode) {
      return mode.equals("none")
          ? List.of("--appendonly", "no")
          : List.of("--appendonly", "yes", "--appendfsync", mode);
    }

    Map<String, Sample> benchmark(final String tests, final int requests, final String load)
        throws IOException, InterruptedException {
      run(List.of("redis-cli", "-p", String.valueOf(port), "flushall"));
      final List<String> command = new ArrayList<>(List.of(
          "redis-benchmark", "-p", String.valueOf(port), "-t", tests, "-n", String.valueOf(requests)));
      command.addAll(List.of(load.trim().split("\\s+")));
      return parse(run(command));
    }

    private static String run(final List<String> command) throws IOException, InterruptedException {
      final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      final String output;
      try (InputStream in = p.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    }

    private void awaitPing() throws IOException {
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
          final byte[] reply = new byte[7];
          if (socket.getInputStream().read(reply) > 0 && reply[0] == '+') {
            return;
          }
        } catch (final IOException notYet) {
          // Still starting (or loading): try again shortly.
        }
        try {
          Thread.sleep(100);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      throw new IOException("server on port " + port + " did not answer PING");
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
