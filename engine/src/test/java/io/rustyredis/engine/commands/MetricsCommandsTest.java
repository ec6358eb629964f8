package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLOWLOG, LATENCY, INFO latencystats and commandstats times, with a hand-stepped clock: every
 * command "takes" exactly {@link #step} ns. Replies as redis-server 7.0.15 gives them.
 */
class MetricsCommandsTest {
  private EngineHarness redis;
  private long clock;
  private long step;

  @BeforeEach
  void setUp() {
    redis = new EngineHarness();
    // Two reads per command, before and after: the second is "step" later.
    redis.engine().metrics().clock(() -> {
      final long now = clock;
      clock += step;
      step = -step;
      return now;
    });
  }

  private void commandsTake(final long nanos) {
    step = nanos;
  }

  @Test
  void slowlogKeepsCommandsAtOrAboveTheThresholdNewestFirst() {
    redis.run("CONFIG", "SET", "slowlog-log-slower-than", "1000");
    commandsTake(999_000);
    redis.run("SET", "fast", "1");
    commandsTake(1_000_000);
    redis.run("SET", "k", "v");
    redis.run("CLIENT", "SETNAME", "me");
    commandsTake(0);
    final long t = redis.time() / 1000;
    assertEquals("*2\r\n*6\r\n:1\r\n:" + t + "\r\n:1000\r\n*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$2\r\nme\r\n"
        + "$15\r\n127.0.0.1:40001\r\n$2\r\nme\r\n"
        + "*6\r\n:0\r\n:" + t + "\r\n:1000\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n$15\r\n127.0.0.1:40001\r\n$0\r\n\r\n",
        redis.run("SLOWLOG", "GET"));
    assertEquals(":2\r\n", redis.run("SLOWLOG", "LEN"));
    assertEquals("*1\r\n*6\r\n:1\r\n", redis.run("SLOWLOG", "GET", "1").substring(0, 12));
    assertEquals("+OK\r\n", redis.run("SLOWLOG", "RESET"));
    assertEquals(":0\r\n", redis.run("SLOWLOG", "LEN"));
  }

  @Test
  void slowlogTrimsArgumentsAsRedis() {
    redis.run("CONFIG", "SET", "slowlog-log-slower-than", "0");
    final String[] mset = new String[41];
    mset[0] = "MSET";
    for (int i = 1; i < mset.length; i++) {
      mset[i] = i == 2 ? "x".repeat(200) : "a" + i;
    }
    redis.run(mset);
    final String entry = redis.run("SLOWLOG", "GET", "1");
    assertTrue(entry.contains("*32\r\n$4\r\nMSET\r\n$2\r\na1\r\n$147\r\n" + "x".repeat(128) + "... (72 more bytes)\r\n"), entry);
    assertTrue(entry.contains("$3\r\na30\r\n$23\r\n... (10 more arguments)\r\n"), entry);
  }

  @Test
  void slowlogRedactsSecretsAsRedis() {
    redis.run("CONFIG", "SET", "slowlog-log-slower-than", "0");
    redis.run("AUTH", "foo", "bar");
    redis.run("HELLO", "2", "AUTH", "default", "secret", "SETNAME", "x");
    redis.run("CONFIG", "SET", "requirepass", "", "hz", "10");
    final String log = redis.run("SLOWLOG", "GET", "3");
    assertTrue(log.contains("*6\r\n$6\r\nCONFIG\r\n$3\r\nSET\r\n$11\r\nrequirepass\r\n$10\r\n(redacted)\r\n"
        + "$2\r\nhz\r\n$2\r\n10\r\n"), log);
    assertTrue(log.contains("*7\r\n$5\r\nHELLO\r\n$1\r\n2\r\n$4\r\nAUTH\r\n$10\r\n(redacted)\r\n$10\r\n(redacted)\r\n"
        + "$7\r\nSETNAME\r\n$1\r\nx\r\n"), log);
    assertTrue(log.contains("*3\r\n$4\r\nAUTH\r\n$10\r\n(redacted)\r\n$10\r\n(redacted)\r\n"), log);
    assertTrue(!log.contains("secret") && !log.contains("bar"), log);
  }

  @Test
  void slowlogLengthAndThresholdFollowConfig() {
    redis.run("CONFIG", "SET", "slowlog-log-slower-than", "0", "slowlog-max-len", "2");
    redis.run("PING");
    redis.run("PING");
    redis.run("PING");
    assertEquals(":2\r\n", redis.run("SLOWLOG", "LEN"));
    redis.run("CONFIG", "SET", "slowlog-log-slower-than", "-1");
    redis.run("SLOWLOG", "RESET");
    redis.run("PING");
    assertEquals(":0\r\n", redis.run("SLOWLOG", "LEN"));
    assertEquals("-ERR count should be greater than or equal to -1\r\n", redis.run("SLOWLOG", "GET", "-2"));
    assertEquals("-ERR count should be greater than or equal to -1\r\n", redis.run("SLOWLOG", "GET", "x"));
    assertTrue(redis.run("SLOWLOG", "HELP").startsWith("*12\r\n+SLOWLOG <subcommand>"));
  }

  @Test
  void latencyMonitorKeepsSpikesPerEventClass() {
    assertEquals("*0\r\n", redis.run("LATENCY", "LATEST"));
    assertTrue(redis.run("LATENCY", "DOCTOR").contains("I'm sorry, Dave, I can't do that. Latency monitoring is "
        + "disabled in this Redis instance."));
    redis.run("CONFIG", "SET", "latency-monitor-threshold", "5");
    commandsTake(7_000_000);
    redis.run("SET", "k", "v");
    redis.run("GET", "k");
    redis.advance(1000);
    commandsTake(9_000_000);
    redis.run("SET", "k", "v");
    commandsTake(0);
    final long t = redis.time() / 1000;
    assertEquals("*2\r\n*4\r\n$7\r\ncommand\r\n:" + t + "\r\n:9\r\n:9\r\n"
        + "*4\r\n$12\r\nfast-command\r\n:" + (t - 1) + "\r\n:7\r\n:7\r\n", redis.run("LATENCY", "LATEST"));
    assertEquals("*2\r\n*2\r\n:" + (t - 1) + "\r\n:7\r\n*2\r\n:" + t + "\r\n:9\r\n", redis.run("LATENCY", "HISTORY", "command"));
    assertEquals("*0\r\n", redis.run("LATENCY", "HISTORY", "nosuch"));
    assertTrue(redis.run("LATENCY", "DOCTOR").contains("command: 2 latency spikes"));
    assertEquals(":1\r\n", redis.run("LATENCY", "RESET", "command", "nosuch"));
    assertEquals(":1\r\n", redis.run("LATENCY", "RESET"));
    assertTrue(redis.run("LATENCY", "DOCTOR").contains("Dave, no latency spike was observed"));
  }

  @Test
  void latencyHistogramHasRedisShape() {
    commandsTake(10_000);
    redis.run("SET", "k", "v");
    commandsTake(3_000);
    redis.run("SET", "k", "v");
    redis.run("CONFIG", "GET", "hz");
    redis.run("HELLO", "3");
    assertEquals("%1\r\n$3\r\nset\r\n%2\r\n$5\r\ncalls\r\n:2\r\n$14\r\nhistogram_usec\r\n%2\r\n:4\r\n:1\r\n:16\r\n:2\r\n",
        redis.run("LATENCY", "HISTOGRAM", "set", "nosuch"));
    assertTrue(redis.run("LATENCY", "HISTOGRAM", "config").startsWith("%1\r\n$10\r\nconfig|get\r\n"));
  }

  @Test
  void infoReportsCommandTimesAndPercentiles() {
    commandsTake(11_000);
    redis.run("GET", "k");
    commandsTake(0);
    final String stats = redis.run("INFO", "commandstats");
    assertTrue(stats.contains("cmdstat_get:calls=1,usec=11,usec_per_call=11.00,rejected_calls=0,failed_calls=0"), stats);
    final String latency = redis.run("INFO", "latencystats");
    assertTrue(latency.contains("latency_percentiles_usec_get:p50=11.007,p99=11.007,p99.9=11.007\r\n"), latency);
    redis.run("CONFIG", "SET", "latency-tracking-info-percentiles", "50");
    assertTrue(redis.run("INFO", "latencystats").contains("latency_percentiles_usec_get:p50=11.007\r\n"));
    redis.run("CONFIG", "SET", "latency-tracking", "no");
    redis.run("CONFIG", "RESETSTAT");
    redis.run("GET", "k");
    assertTrue(!redis.run("INFO", "latencystats").contains("latency_percentiles_usec_get"));
  }

  @Test
  void infoEverythingHasEveryFieldRedis7Has() throws IOException {
    final String info = redis.run("INFO", "everything");
    final List<String> missing = new ArrayList<>();
    for (final String field : redisFields()) {
      final String line = field.startsWith("#") ? field + "\r\n" : "\r\n" + field + ":";
      if (!info.contains(line)) {
        missing.add(field);
      }
    }
    assertEquals(List.of(), missing);
    final String all = redis.run("INFO", "all");
    for (final String field : redisFields()) {
      if (field.startsWith("#")) {
        assertTrue(all.contains(field + "\r\n"), field);
      }
    }
  }

  @Test
  void infoDefaultLeavesOutCommandAndLatencyStats() {
    final String info = redis.run("INFO");
    assertTrue(info.contains("# Errorstats\r\n") && !info.contains("# Commandstats") && !info.contains("# Latencystats"));
    final String two = redis.run("INFO", "cpu", "server", "nosuch");
    assertTrue(two.contains("# Server\r\n") && two.contains("\r\n\r\n# CPU\r\n") && !two.contains("# Clients"));
    assertTrue(redis.run("INFO", "default", "commandstats").contains("# Commandstats"));
  }

  private static List<String> redisFields() throws IOException {
    try (InputStream in = MetricsCommandsTest.class.getResourceAsStream("/redis-7.0.15-info-fields.txt")) {
      final List<String> fields = new ArrayList<>();
      for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("# Field names")) {
          fields.add(line.strip());
        }
      }
      return fields;
    }
  }
}
