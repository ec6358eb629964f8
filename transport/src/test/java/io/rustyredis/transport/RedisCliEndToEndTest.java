package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis's own command-line client against the shared server, run as a process as a user would run
 * it. It must be on the PATH: Debian's redis-tools package, which {@code .ci/run} installs.
 */
@ExtendWith(ServerExtension.class)
class RedisCliEndToEndTest {
  private final TestServer server;

  RedisCliEndToEndTest(final TestServer server) {
    this.server = server;
  }

  @Test
  void pingAnswersPong() throws Exception {
    assertEquals("PONG\n", cli("", "PING"));
  }

  @Test
  void setGetDelRoundTrip() throws Exception {
    assertEquals("OK\n", cli("", "SET", "cli:key", "some value"));
    assertEquals("some value\n", cli("", "GET", "cli:key"));
    assertEquals("1\n", cli("", "EXISTS", "cli:key"));
    assertEquals("1\n", cli("", "DEL", "cli:key"));
    assertEquals("\n", cli("", "GET", "cli:key"));
  }

  @Test
  void resp3HelloNamesTheServerAsRedis() throws Exception {
    final String out = cli("", "-3", "HELLO", "3");
    assertTrue(out.startsWith("server redis\nversion 7.0."), out);
    assertTrue(out.contains("\nproto 3\n"), out);
  }

  @Test
  void errorsArePrintedAsRedisWordsThem() throws Exception {
    // redis-cli 7.0 prints a blank line after an error when its output is not a terminal.
    assertEquals("ERR wrong number of arguments for 'get' command\n\n", cli("", "GET"));
  }

  @Test
  void pipeModeSendsAThousandCommands() throws Exception {
    final StringBuilder input = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      input.append("SET cli:pipe:").append(i).append(' ').append(i).append("\r\n");
    }
    final String out = cli(input.toString(), "--pipe");
    assertTrue(out.endsWith("errors: 0, replies: 1000\n"), out);
    assertEquals("999\n", cli("", "GET", "cli:pipe:999"));
  }

  @Test
  void commandsReadFromStandardInputRunInOrder() throws Exception {
    assertEquals("OK\nfirst\nOK\nsecond\n",
        cli("SET cli:seq first\nGET cli:seq\nSET cli:seq second\nGET cli:seq\n"));
  }

  /** Runs redis-cli against the server with {@code args}, feeding it {@code stdin}; its output. */
  private String cli(final String stdin, final String... args) throws IOException, InterruptedException {
    final List<String> command = new ArrayList<>(List.of(redisCli(), "-h", "127.0.0.1", "-p", Integer.toString(server.port())));
    command.addAll(List.of(args));
    final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("redis-cli did not finish: " + out);
    }
    return out;
  }

  private static String redisCli() {
    for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      final File candidate = new File(dir, "redis-cli");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    throw new AssertionError("redis-cli is not on the PATH: install redis-tools (.ci/run does)");
  }
}
