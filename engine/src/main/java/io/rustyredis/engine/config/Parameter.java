package io.rustyredis.engine.config;

import java.util.Locale;

/**
 * One configuration parameter: its name, its kind of value, its current value in the canonical
 * text CONFIG GET shows, and whether it may change while running.
 */
public final class Parameter {
  /** The kinds of value Redis's config knows, each with its parsing rules. */
  public enum Kind { STRING, BOOLEAN, INTEGER, MEMORY, ENUM, SAVE_RULES, KEYSPACE_EVENTS, OUTPUT_BUFFER_LIMITS, PERCENTILES, WORDS }

  public final String name;
  public final Kind kind;
  public final boolean mutable;
  public final String defaultValue;
  private final String[] choices;
  private final long min;
  private final long max;
  private String value;
  /**
   * The class bits of a KEYSPACE_EVENTS value. Kept apart from the text because the text Redis
   * prints can hide a flag ({@code n} next to {@code A}) that is still in force.
   */
  private int keyspaceEvents;
  /** The parsed form of an OUTPUT_BUFFER_LIMITS value, replaced whole on each change. */
  private volatile OutputBufferLimits limits;

  Parameter(
      final String name, final Kind kind, final boolean mutable, final String defaultValue,
      final long min, final long max, final String... choices) {
    this.name = name;
    this.kind = kind;
    this.mutable = mutable;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.choices = choices;
    this.value = defaultValue;
    if (kind == Kind.OUTPUT_BUFFER_LIMITS) {
      this.limits = OutputBufferLimits.parse(null, defaultValue);
    }
  }

  /** A KEYSPACE_EVENTS parameter's value as {@code KeyspaceSignals} class bits. */
  public int keyspaceEvents() {
    return keyspaceEvents;
  }

  /**
   * An OUTPUT_BUFFER_LIMITS parameter's value; safe to read from any thread (the reply stage
   * enforces it while the engine thread may be setting it).
   */
  public OutputBufferLimits limits() {
    return limits;
  }

  public String value() {
    return value;
  }

  /**
   * The value as a number (memory units allowed), parsed once per value rather than per read: the
   * engine asks for {@code hz} on every clock tick. The holder's final fields make it safe to share.
   */
  public long longValue() {
    final String text = value;
    final Parsed cached = parsed;
    if (cached != null && cached.text == text) {
      return cached.number;
    }
    final long number = parseMemory(text);
    parsed = new Parsed(text, number);
    return number;
  }

  private Parsed parsed;

  private static final class Parsed {
    final String text;
    final long number;

    Parsed(final String text, final long number) {
      this.text = text;
      this.number = number;
    }
  }

  /** Sets from text; null on success, else why not (Redis's wording). */
  public String set(final String text) {
    switch (kind) {
      case BOOLEAN:
        final String b = text.toLowerCase(Locale.ROOT);
        if (!b.equals("yes") && !b.equals("no")) {
          return "argument must be 'yes' or 'no'";
        }
        value = b;
        return null;
      case INTEGER:
      case MEMORY:
        if (kind == Kind.MEMORY && min >= 0 && text.startsWith("-")) {
          return "argument must be a memory value";
        }
        final long n;
        try {
          n = kind == Kind.MEMORY ? parseMemory(text) : Long.parseLong(text);
        } catch (final NumberFormatException e) {
          return kind == Kind.MEMORY ? "argument must be a memory value" : "argument couldn't be parsed into an integer";
        }
        if (n < min || n > max) {
          return "argument must be between " + min + " and " + max + " inclusive";
        }
        value = Long.toString(n);
        return null;
      case ENUM:
        final String e = text.toLowerCase(Locale.ROOT);
        for (final String choice : choices) {
          if (choice.equals(e)) {
            value = e;
            return null;
          }
        }
        return "argument(s) must be one of the following: " + String.join(", ", choices);
      case KEYSPACE_EVENTS:
        final int flags = KeyspaceEventFlags.parse(text);
        if (flags < 0) {
          return "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
        }
        keyspaceEvents = flags;
        value = KeyspaceEventFlags.format(flags);
        return null;
      case OUTPUT_BUFFER_LIMITS:
        try {
          limits = OutputBufferLimits.parse(limits, text);
        } catch (final IllegalArgumentException invalid) {
          return invalid.getMessage();
        }
        value = limits.toString();
        return null;
      case SAVE_RULES:
        if (!validSaveRules(text)) {
          return "Invalid save parameters";
        }
        value = text;
        return null;
      case WORDS:
        value = text.trim();
        return null;
      case PERCENTILES:
        final String reason = percentilesError(text);
        if (reason == null) {
          value = text.trim();
        }
        return reason;
      default:
        value = text;
        return null;
    }
  }

  /** Whether a config file line may give it several words ({@code save 900 1 300 10}). */
  public boolean multiWord() {
    return kind == Kind.SAVE_RULES || kind == Kind.PERCENTILES || kind == Kind.OUTPUT_BUFFER_LIMITS
        || kind == Kind.WORDS;
  }

  /** {@code latency-tracking-info-percentiles}: numbers between 0 and 100, Redis's wording if not. */
  private static String percentilesError(final String text) {
    final String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    for (final String part : trimmed.split("\\s+")) {
      final double p;
      try {
        p = Double.parseDouble(part);
      } catch (final NumberFormatException e) {
        return "Invalid latency-tracking-info-percentiles parameters";
      }
      if (!(p >= 0.0 && p <= 100.0)) {
        return "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]";
      }
    }
    return null;
  }

  /** {@code save}: empty, or pairs of "seconds changes" as non-negative integers. */
  private static boolean validSaveRules(final String text) {
    final String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return true;
    }
    final String[] parts = trimmed.split("\\s+");
    if (parts.length % 2 != 0) {
      return false;
    }
    for (final String part : parts) {
      try {
        if (Long.parseLong(part) < 0) {
          return false;
        }
      } catch (final NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  /** Redis's memory units: {@code 1k}=1000, {@code 1kb}=1024, up to {@code g}/{@code gb}. */
  public static long parseMemory(final String text) {
    final String t = text.toLowerCase(Locale.ROOT);
    long unit = 1;
    String digits = t;
    final String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"}, {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
    for (final String[] u : units) {
      if (t.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        digits = t.substring(0, t.length() - u[0].length());
        break;
      }
    }
    return Math.multiplyExact(Long.parseLong(digits), unit);
  }
}
