package io.rustyredis.engine.config;

import java.util.Arrays;

/**
 * {@code client-output-buffer-limit}: per client class (normal, replica, pubsub) a hard limit in
 * bytes, a soft limit and how many seconds a client may stay over the soft one, 0 meaning none. An
 * immutable value, parsed from the parameter's text, so the reply stage (not the engine thread)
 * can read it without locks. Setting names only some classes, as Redis's CONFIG SET and the
 * repeated config-file directive do; the others keep their limits.
 */
public final class OutputBufferLimits {
  public static final int NORMAL = 0;
  public static final int REPLICA = 1;
  public static final int PUBSUB = 2;
  private static final String[] NAMES = {"normal", "slave", "pubsub"};

  private final long[] hard;
  private final long[] soft;
  private final long[] softSeconds;

  private OutputBufferLimits(final long[] hard, final long[] soft, final long[] softSeconds) {
    this.hard = hard;
    this.soft = soft;
    this.softSeconds = softSeconds;
  }

  public long hard(final int clientClass) {
    return hard[clientClass];
  }

  public long soft(final int clientClass) {
    return soft[clientClass];
  }

  public long softSeconds(final int clientClass) {
    return softSeconds[clientClass];
  }

  /**
   * Applies "class hard soft seconds ..." to {@code base} (null: all zero); returns the result,
   * or throws with Redis's reason when the text is not valid.
   */
  public static OutputBufferLimits parse(final OutputBufferLimits base, final String text) {
    final String trimmed = text.trim();
    final String[] words = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    if (words.length % 4 != 0) {
      throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
    }
    final long[] h = base == null ? new long[3] : Arrays.copyOf(base.hard, 3);
    final long[] s = base == null ? new long[3] : Arrays.copyOf(base.soft, 3);
    final long[] t = base == null ? new long[3] : Arrays.copyOf(base.softSeconds, 3);
    for (int i = 0; i < words.length; i += 4) {
      final int type = classOf(words[i]);
      if (type < 0) {
        throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
      }
      try {
        h[type] = nonNegative(Parameter.parseMemory(words[i + 1]));
        s[type] = nonNegative(Parameter.parseMemory(words[i + 2]));
        t[type] = nonNegative(Long.parseLong(words[i + 3]));
      } catch (final NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
      }
    }
    return new OutputBufferLimits(h, s, t);
  }

  private static long nonNegative(final long value) {
    if (value < 0) {
      throw new NumberFormatException();
    }
    return value;
  }

  private static int classOf(final String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "normal": return NORMAL;
      case "slave":
      case "replica": return REPLICA;
      case "pubsub": return PUBSUB;
      default: return -1;
    }
  }

  /** The text CONFIG GET shows: every class, limits in bytes. */
  @Override
  public String toString() {
    final StringBuilder out = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(NAMES[i]).append(' ').append(hard[i]).append(' ').append(soft[i]).append(' ').append(softSeconds[i]);
    }
    return out.toString();
  }
}
