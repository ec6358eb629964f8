package io.rustyredis.transport;

import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.ConfigRewrite;
import io.rustyredis.engine.config.Parameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    return load(config, argv, new ArrayList<>());
  }

  /**
   * As {@link #load(Config, String[])}, adding to {@code warnings} one line per directive that was
   * accepted but ignored (see {@link UnsupportedDirectives}), for the log once it is set up.
   */
  static String load(final Config config, final String[] argv, final List<String> warnings)
      throws IOException, ConfigException {
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
    new Reader(config, warnings).apply(text.toString(), 0);
    if (!file.isEmpty()) {
      config.file(new DiskConfigFile(Path.of(file)));
    }
    return file;
  }

  static void apply(final Config config, final String text) throws ConfigException {
    new Reader(config, new ArrayList<>()).apply(text, 0);
  }

  /**
   * One pass over a configuration, {@code include}d files read where they are named, each with
   * its own line numbers as in Redis. {@code save} lines add up (the first one read replaces the
   * default, {@code save ""} clears), as Redis's {@code setConfigSaveOption} does while loading.
   */
  private static final class Reader {
    /** Redis gives up on include cycles at no fixed depth; a bound keeps a cycle from looping. */
    private static final int MAX_INCLUDE_DEPTH = 16;
    private final Config config;
    private final List<String> warnings;
    private boolean saveSeen;

    Reader(final Config config, final List<String> warnings) {
      this.config = config;
      this.warnings = warnings;
    }

    void apply(final String text, final int depth) throws ConfigException {
      final String[] lines = text.split("\n", -1);
      for (int n = 0; n < lines.length; n++) {
        final String line = lines[n].strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        final List<String> words = split(line);
        if (words == null) {
          throw fatal(n + 1, line, "Unbalanced quotes in configuration line");
        }
        if (words.isEmpty()) {
          continue;
        }
        final String name = words.get(0).toLowerCase(Locale.ROOT);
        final List<String> args = words.subList(1, words.size());
        if (name.equals("include") && args.size() == 1) {
          include(args.get(0), depth);
          continue;
        }
        final Parameter parameter = config.parameter(name);
        if (parameter == null) {
          if (UnsupportedDirectives.ignored(name)) {
            warnings.add("Ignoring '" + line + "' (line " + (n + 1) + "): rusty-redis does not implement '" + name + "'");
            continue;
          }
          throw fatal(n + 1, line, UnsupportedDirectives.refused(name)
              ? "rusty-redis does not support '" + name + "': refusing to start rather than ignore it"
              : "Bad directive or wrong number of arguments");
        }
        if (!parameter.multiWord() && args.size() != 1) {
          throw fatal(n + 1, line, "wrong number of arguments");
        }
        String value = String.join(" ", args);
        if (parameter.kind == Parameter.Kind.SAVE_RULES) {
          if (saveSeen && !value.isEmpty() && !parameter.value().isEmpty()) {
            value = parameter.value() + " " + value;
          }
          saveSeen = true;
        }
        final String error = config.set(name, value);
        if (error != null) {
          throw fatal(n + 1, line, error);
        }
      }
    }

    private void include(final String path, final int depth) throws ConfigException {
      if (depth >= MAX_INCLUDE_DEPTH) {
        throw new ConfigException("Fatal error, include nested too deep at '" + path + "'");
      }
      final String text;
      try {
        text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
      } catch (final IOException e) {
        throw new ConfigException("Fatal error, can't open config file '" + path + "': No such file or directory");
      }
      apply(text, depth + 1);
    }
  }

  private static ConfigException fatal(final int lineNumber, final String line, final String reason) {
    return new ConfigException("\n*** FATAL CONFIG FILE ERROR (Redis " + io.rustyredis.engine.ServerInfo.REDIS_VERSION
        + ") ***\nReading the configuration file, at line " + lineNumber + "\n>>> '" + line + "'\n" + reason);
  }

  /** Redis's {@code sdscatrepr}: always quoted, with quotes, backslashes and control bytes escaped. */
  static String quote(final String word) {
    return ConfigRewrite.quote(word);
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
