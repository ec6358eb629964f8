package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Main} as a real process, for what only a process shows: its exit status. redis-server
 * exits 0 when told to stop and 1 when it cannot start; so must we.
 */
class MainProcessTest {
  private static final Pattern READY = Pattern.compile("Ready to accept connections tcp on [^:]+:(\\d+)");

  @Test
  void sigtermStopsTheServerWithStatusZero() throws Exception {
    final Process process = start("--port", "0");
    try {
      final int port = awaitReady(process);
      try (RawClient client = new RawClient(port)) {
        client.send("PING\r\n");
        assertEquals("+PONG\r\n", client.read(7));
      }
      process.destroy();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
      assertEquals(0, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void portInUseExitsWithStatusOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      final Process process = start("--port", Integer.toString(taken.getLocalPort()));
      final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, process.exitValue(), output);
      assertTrue(output.contains("Failed listening on port " + taken.getLocalPort() + " (TCP), aborting."), output);
    }
  }

  @Test
  void badOptionExitsWithStatusOneAndRedisReport() throws Exception {
    final Process process = start("--port", "0", "--nosuch", "1");
    final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(1, process.exitValue(), output);
    assertTrue(output.contains("at line 3\n>>> 'nosuch \"1\"'\nBad directive or wrong number of arguments"), output);
  }

  @Test
  void badConfigFileLineExitsWithStatusOneAndRedisReport() throws Exception {
    final Path file = Files.createTempFile("rusty", ".conf");
    try {
      Files.writeString(file, "# settings\nport 0\nappendonly maybe\n");
      final Process process = start(file.toString());
      final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, process.exitValue(), output);
      assertTrue(output.contains("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 3\n"
          + ">>> 'appendonly maybe'\nargument must be 'yes' or 'no'"), output);
    } finally {
      Files.delete(file);
    }
  }

  /** The server's own JVM, with the flags its jar's manifest gives it and its own logging setup. */
  private static Process start(final String... args) throws IOException {
    final List<String> command = new ArrayList<>(List.of(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "-Dlogback.configurationFile=logback.xml",
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static int awaitReady(final Process process) throws IOException {
    final BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    final StringBuilder seen = new StringBuilder();
    for (String line; (line = lines.readLine()) != null; ) {
      seen.append(line).append('\n');
      final Matcher ready = READY.matcher(line);
      if (ready.find()) {
        // Keep draining the log so the server never blocks on a full pipe.
        final Thread drain = new Thread(() -> {
          try {
            lines.transferTo(Writer.nullWriter());
          } catch (final IOException e) {
            // The process ended; nothing left to drain.
          }
        });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(ready.group(1));
      }
    }
    throw new AssertionError("the server ended before it was ready:\n" + seen);
  }
}
