package io.rustyredis.transport;

import io.rustyredis.engine.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a redis.conf and the command line into a {@link Config}, as {@code redis-server} does:
 * the file's directives first, then {@code --name value} pairs, which become directive lines
 * appended to the file's. A bad directive stops the start with Redis's fatal-error report.
 */
final class ConfigLoader {
  /** A configuration that cannot be used; the message is what Redis prints. */
  static final class ConfigException extends Exception {
    ConfigException(final String message) {
      super(message);
    }
  }

  private ConfigLoader() {}

  /** Applies the file (if the first argument names one) and overrides; returns the file's path or "". */
  static String load(final Config config, final String[] argv) throws IOException, ConfigException {
    int i = 0;
    String file = "";
    final StringBuilder text = new StringBuilder();
    if (argv.length > 0 && !argv[0].startsWith("--")) {
      file = Path.of(argv[0]).toAbsolutePath().toString();
      try {
        text.append(Files.readString(Path.of(argv[0]), StandardCharsets.UTF_8));
      } catch (final IOException e) {
        throw new IOException(argv[0], e);
      }
      i = 1;
    }
    // "--port 7000 --save 900 1" becomes the lines `port "7000"` and `save "900" "1"`, appended
    // after a newline to the file's text exactly as redis-server does, so that an error names the
    // same line number and shows the same text as Redis would.
    final StringBuilder options = new StringBuilder();
    for (; i < argv.length; i++) {
      if (argv[i].startsWith("--")) {
        if (options.length() > 0) {
          options.append('\n');
        }
        options.append(argv[i].substring(2));
      } else {
        options.append(' ').append(quote(argv[i]));
      }
    }
    if (options.length() > 0) {
      text.append('\n').append(options);
    }
    apply(config, text.toString());
    return file;
  }

  static void apply(final Config config, final String text) throws ConfigException {
    final String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      final String line = lines[n].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      final List<String> words = split(line);
      if (words == null) {
        throw fatal(n + 1, line, "Unbalanced quotes in configuration line");
      }
      final String name = words.get(0);
      final String value = String.join(" ", words.subList(1, words.size()));
      if (config.parameter(name) == null) {
        throw fatal(n + 1, line, "Bad directive or wrong number of arguments");
      }
      final String error = config.set(name, value);
      if (error != null) {
        throw fatal(n + 1, line, error);
      }
    }
  }

  private static ConfigException fatal(final int lineNumber, final String line, final String reason) {
    return new ConfigException("\n*** FATAL CONFIG FILE ERROR (Redis " + io.rustyredis.engine.ServerInfo.REDIS_VERSION
        + ") ***\nReading the configuration file, at line " + lineNumber + "\n>>> '" + line + "'\n" + reason);
  }

  /** Redis's {@code sdscatrepr}: always quoted, with quotes, backslashes and control bytes escaped. */
  static String quote(final String word) {
    final StringBuilder out = new StringBuilder(word.length() + 2).append('"');
    for (final byte b : word.getBytes(StandardCharsets.UTF_8)) {
      final int c = b & 0xFF;
      switch (c) {
        case '\\': out.append("\\\\"); break;
        case '"': out.append("\\\""); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case 7: out.append("\\a"); break;
        case '\b': out.append("\\b"); break;
        default:
          if (c >= 0x20 && c < 0x7F) {
            out.append((char) c);
          } else {
            out.append(String.format("\\x%02x", c));
          }
      }
    }
    return out.append('"').toString();
  }

  /** Splits a directive line into words, honouring double and single quotes; null if unbalanced. */
  static List<String> split(final String line) {
    final byte[][] parts = InlineSplitter.split(line.getBytes(StandardCharsets.UTF_8));
    if (parts == null) {
      return null;
    }
    final List<String> words = new ArrayList<>();
    for (final byte[] part : parts) {
      words.add(new String(part, StandardCharsets.UTF_8));
    }
    return words;
  }
}
