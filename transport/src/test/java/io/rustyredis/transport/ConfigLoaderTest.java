package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.ConfigRewrite;
import io.rustyredis.engine.config.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void errorsNameTheLineAndReasonAsRedis() throws Exception {
    assertFatal("# c\n\nappendonly maybe\n", 3, "appendonly maybe", "argument must be 'yes' or 'no'");
    assertFatal("port abc\n", 1, "port abc", "argument couldn't be parsed into an integer");
    assertFatal("port 1 2\n", 1, "port 1 2", "wrong number of arguments");
    assertFatal("save 900\n", 1, "save 900", "Invalid save parameters");
    assertFatal("maxmemory 1zb\n", 1, "maxmemory 1zb", "argument must be a memory value");
    assertFatal("hz -1\n", 1, "hz -1", "argument must be between 0 and 2147483647 inclusive");
    assertFatal("loglevel loud\n", 1, "loglevel loud",
        "argument(s) must be one of the following: debug, verbose, notice, warning");
    assertFatal("foo bar\n", 1, "foo bar", "Bad directive or wrong number of arguments");
  }

  @Test
  void unitsAreCaseInsensitiveAndQuotesUnescape() throws Exception {
    final Config config = new Config();
    ConfigLoader.load(config, new String[] {write("maxmemory 1Kb\nproto-max-bulk-len 2MB\nrequirepass \"a\\x41\\tb\"\n"
        + "dbfilename 'x\\ny'\nappendonly YES\n").toString()});
    assertEquals(1024, config.getLong("maxmemory"));
    assertEquals(2 * 1024 * 1024, config.getLong("proto-max-bulk-len"));
    assertEquals("aA\tb", config.get("requirepass"));
    assertEquals("x\\ny", config.get("dbfilename"));
    assertEquals("yes", config.get("appendonly"));
    ConfigLoader.load(config, new String[] {"--maxmemory", "1g", "--proto-max-bulk-len", "1gb"});
    assertEquals(1_000_000_000L, config.getLong("maxmemory"));
    assertEquals(1L << 30, config.getLong("proto-max-bulk-len"));
  }

  @Test
  void repeatedSaveLinesAddUpAndEmptySaveClears() throws Exception {
    final Config config = new Config();
    ConfigLoader.load(config, new String[] {write("save 900 1\nsave 300 10\n").toString()});
    assertEquals("900 1 300 10", config.get("save"));
    ConfigLoader.load(config, new String[] {write("save 900 1\n").toString(), "--save", ""});
    assertEquals("", config.get("save"));
  }

  @Test
  void includedFileIsReadWhereItIsNamedWithItsOwnLineNumbers() throws Exception {
    final Path included = write("hz 33\n");
    final Config config = new Config();
    ConfigLoader.load(config, new String[] {write("hz 5\ninclude " + included + "\nport 7001\n").toString()});
    assertEquals(33, config.getInt("hz"));
    assertEquals(7001, config.getInt("port"));
    final Path bad = write("foo bar\n");
    final ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
        () -> ConfigLoader.load(new Config(), new String[] {write("port 1\ninclude " + bad + "\n").toString()}));
    assertEquals(fatal(1, "foo bar", "Bad directive or wrong number of arguments"), e.getMessage());
    final ConfigLoader.ConfigException missing = assertThrows(ConfigLoader.ConfigException.class,
        () -> ConfigLoader.load(new Config(), new String[] {write("include /nonexist\n").toString()}));
    assertEquals("Fatal error, can't open config file '/nonexist': No such file or directory", missing.getMessage());
  }

  @Test
  void directivesWeLackAreIgnoredWithAWarningOnlyWhenSafe() throws Exception {
    final List<String> warnings = new ArrayList<>();
    ConfigLoader.load(new Config(), new String[] {write("pidfile /var/run/redis.pid\nactiverehashing yes\n").toString()}, warnings);
    assertEquals(2, warnings.size());
    assertEquals("Ignoring 'pidfile /var/run/redis.pid' (line 1): rusty-redis does not implement 'pidfile'", warnings.get(0));
    assertFatal("replicaof 10.0.0.1 6379\n", 1, "replicaof 10.0.0.1 6379",
        "rusty-redis does not support 'replicaof': refusing to start rather than ignore it");
    for (final String name : UnsupportedDirectives.IGNORED) {
      assertEquals(null, new Config().parameter(name), name + " is implemented: take it off the ignored list");
    }
  }

  @Test
  void shippedDefaultConfigDocumentsEveryParameterAtItsDefault() throws Exception {
    final Path shipped = Path.of("..", "src", "redis.conf");
    final String text = Files.readString(shipped, StandardCharsets.UTF_8);
    final Config config = new Config();
    final List<String> warnings = new ArrayList<>();
    ConfigLoader.load(config, new String[] {shipped.toString()}, warnings);
    assertEquals(List.of(), warnings);
    final List<String> lines = List.of(text.split("\n"));
    for (final Parameter parameter : config.all()) {
      assertEquals(parameter.defaultValue, parameter.value(), parameter.name);
      final String line = ConfigRewrite.lines(parameter).get(0);
      final int at = lines.indexOf(line);
      assertTrue(at > 0, parameter.name + " is not in src/redis.conf as '" + line + "'");
      // Its comment is right above it, or above the group of lines it belongs to.
      int comment = at - 1;
      while (comment > 0 && !lines.get(comment).isEmpty() && !lines.get(comment).startsWith("#")) {
        comment--;
      }
      assertTrue(lines.get(comment).startsWith("# "), parameter.name + " has no comment saying what it means");
    }
  }

  @Test
  void rewriteKeepsCommentsAndOrderAndAppendsNewValues() throws Exception {
    final Path file = write("# top comment\nport 7392\n# keep me\nsave 900 1\nsave 300 10\nhz 15\n"
        + "loglevel notice\nmaxmemory 1mb\n");
    final Config config = new Config();
    ConfigLoader.load(config, new String[] {file.toString()});
    assertEquals(null, config.setAll(new String[] {"hz", "slowlog-max-len", "maxmemory", "save"},
        new String[] {"20", "5", "2mb", "60 1"}));
    final String rewritten = ConfigRewrite.rewrite(Files.readString(file), config);
    // What redis-server 7.0.15 wrote for the same file and CONFIG SET, but for its own extra lines
    // (dir, user): the orphaned second save line leaves a blank, and the percentiles are always written.
    assertEquals("# top comment\nport 7392\n# keep me\nsave 60 1\n\nhz 20\nloglevel notice\nmaxmemory 2mb\n\n"
        + "# Generated by CONFIG REWRITE\nslowlog-max-len 5\nlatency-tracking-info-percentiles 50 99 99.9\n", rewritten);
    config.file().write(rewritten);
    final Config reread = new Config();
    ConfigLoader.load(reread, new String[] {file.toString()});
    for (final Parameter parameter : config.all()) {
      assertEquals(parameter.value(), reread.get(parameter.name), parameter.name);
    }
    assertEquals(rewritten, ConfigRewrite.rewrite(Files.readString(file), reread));
  }

  private void assertFatal(final String text, final int line, final String shown, final String reason) throws Exception {
    final Path file = write(text);
    final ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
        () -> ConfigLoader.load(new Config(), new String[] {file.toString()}));
    assertEquals(fatal(line, shown, reason), e.getMessage());
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
