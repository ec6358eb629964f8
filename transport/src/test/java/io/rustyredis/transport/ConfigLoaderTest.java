package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rustyredis.engine.config.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and redis.conf, read as redis-server 7.0.15 reads them: the fatal-error texts
 * (line numbers included, which count the options appended after the file) are what it printed
 * for the same input.
 */
class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void commandLineOverridesTheFile() throws Exception {
    final Path file = write("port 7000\nhz 20\n");
    final Config config = new Config();
    assertEquals(file.toAbsolutePath().toString(), ConfigLoader.load(config, new String[] {file.toString(), "--port", "7001"}));
    assertEquals(7001, config.getInt("port"));
    assertEquals(20, config.getInt("hz"));
  }

  @Test
  void valuesWithSpacesAndQuotesSurviveTheCommandLine() throws Exception {
    final Config config = new Config();
    ConfigLoader.load(config, new String[] {"--requirepass", "a \"b\" c", "--bind", "127.0.0.1"});
    assertEquals("a \"b\" c", config.get("requirepass"));
  }

  @Test
  void unknownOptionIsReportedOnItsLineWithItsValueQuoted() {
    final ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
        () -> ConfigLoader.load(new Config(), new String[] {"--port", "7455", "--nosuch", "1"}));
    assertEquals(fatal(3, "nosuch \"1\"", "Bad directive or wrong number of arguments"), e.getMessage());
  }

  @Test
  void optionsCountFromTheLineAfterTheFile() throws Exception {
    final Path withNewline = write("port 7458\n");
    final ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
        () -> ConfigLoader.load(new Config(), new String[] {withNewline.toString(), "--nosuch", "a\"b c"}));
    assertEquals(fatal(3, "nosuch \"a\\\"b c\"", "Bad directive or wrong number of arguments"), e.getMessage());
    final Path withoutNewline = write("port 7458");
    final ConfigLoader.ConfigException e2 = assertThrows(ConfigLoader.ConfigException.class,
        () -> ConfigLoader.load(new Config(), new String[] {withoutNewline.toString(), "--nosuch", "x"}));
    assertEquals(fatal(2, "nosuch \"x\"", "Bad directive or wrong number of arguments"), e2.getMessage());
  }

  @Test
  void repeatedOutputBufferLimitLinesEachSetTheirClass() throws Exception {
    final Path file = write("client-output-buffer-limit pubsub 1mb 512kb 10\nclient-output-buffer-limit replica 1k 2 3\n"
        + "notify-keyspace-events KEA\n");
    final Config config = new Config();
    ConfigLoader.load(config, new String[] {file.toString()});
    assertEquals("normal 0 0 0 slave 1000 2 3 pubsub 1048576 524288 10", config.get("client-output-buffer-limit"));
    assertEquals("AKE", config.get("notify-keyspace-events"));
  }

  @Test
  void malformedOutputBufferLimitIsFatalWithRedisReason() throws Exception {
    final Path file = write("client-output-buffer-limit pubsub 1mb 512kb\n");
    final ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
        () -> ConfigLoader.load(new Config(), new String[] {file.toString()}));
    assertEquals(fatal(1, "client-output-buffer-limit pubsub 1mb 512kb",
        "Wrong number of arguments in buffer limit configuration."), e.getMessage());
  }

  @Test
  void unbalancedQuotesInTheFileAreFatal() throws Exception {
    final Path file = write("port 7000\nrequirepass \"abc\n");
    final ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
        () -> ConfigLoader.load(new Config(), new String[] {file.toString()}));
    assertEquals(fatal(2, "requirepass \"abc", "Unbalanced quotes in configuration line"), e.getMessage());
  }

  @Test
  void quotingIsRedisSdscatrepr() {
    assertEquals("\"plain\"", ConfigLoader.quote("plain"));
    assertEquals("\"a\\\"b\\\\c\\n\\x01\"", ConfigLoader.quote("a\"b\\c\n\u0001"));
    assertEquals("\"\"", ConfigLoader.quote(""));
  }

  private Path write(final String text) throws Exception {
    final Path file = Files.createTempFile(dir, "redis", ".conf");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String fatal(final int line, final String text, final String reason) {
    return "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line " + line
        + "\n>>> '" + text + "'\n" + reason;
  }
}
