package io.rustyredis.engine.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Redis's slow log: the last {@code slowlog-max-len} commands that took at least
 * {@code slowlog-log-slower-than} microseconds, newest first. Arguments are kept as Redis trims
 * them (at most 32, the last saying how many more; each at most 128 bytes, saying how many more),
 * so a huge MSET cannot make the log huge. Engine thread only; entries are built only for slow
 * commands, so the common path allocates nothing.
 */
public final class SlowLog {
  static final int MAX_ARGC = 32;
  static final int MAX_STRING = 128;

  /** One slow command. */
  public static final class Entry {
    public final long id;
    public final long unixSeconds;
    public final long micros;
    public final byte[][] args;
    public final String clientAddress;
    public final String clientName;

    Entry(final long id, final long unixSeconds, final long micros, final byte[][] args,
        final String clientAddress, final String clientName) {
      this.id = id;
      this.unixSeconds = unixSeconds;
      this.micros = micros;
      this.args = args;
      this.clientAddress = clientAddress;
      this.clientName = clientName;
    }
  }

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long nextId;

  /** Adds an entry and drops the oldest past {@code maxLen}; args as (array, offsets, lengths). */
  public void push(final byte[][] args, final long unixSeconds, final long micros, final String clientAddress,
      final String clientName, final long maxLen) {
    entries.addFirst(new Entry(nextId++, unixSeconds, micros, args, clientAddress, clientName));
    while (entries.size() > maxLen) {
      entries.removeLast();
    }
  }

  /** Redis's argument trimming for one slow-log entry. */
  public static byte[][] trim(final int argc, final ArgSource source) {
    final int kept = Math.min(argc, MAX_ARGC);
    final byte[][] out = new byte[kept][];
    for (int i = 0; i < kept; i++) {
      if (kept != argc && i == kept - 1) {
        out[i] = ("... (" + (argc - kept + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII);
        break;
      }
      final byte[] arg = source.arg(i);
      if (arg.length > MAX_STRING) {
        final byte[] suffix = ("... (" + (arg.length - MAX_STRING) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
        final byte[] cut = new byte[MAX_STRING + suffix.length];
        System.arraycopy(arg, 0, cut, 0, MAX_STRING);
        System.arraycopy(suffix, 0, cut, MAX_STRING, suffix.length);
        out[i] = cut;
      } else {
        out[i] = arg;
      }
    }
    return out;
  }

  private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

  /**
   * Redis's {@code redactClientCommandArgument}: secrets never reach the slow log. AUTH's
   * arguments, HELLO's AUTH username and password, and CONFIG SET's values of sensitive
   * parameters become "(redacted)".
   */
  public static byte[][] redact(final String command, final byte[][] args) {
    switch (command) {
      case "auth":
        for (int i = 1; i < args.length; i++) {
          args[i] = REDACTED;
        }
        break;
      case "hello":
        for (int i = 2; i + 2 < args.length; i++) {
          if (is(args[i], "auth") && i + 2 < args.length) {
            args[i + 1] = REDACTED;
            args[i + 2] = REDACTED;
            i += 2;
          }
        }
        break;
      case "config|set":
        for (int i = 2; i + 1 < args.length; i += 2) {
          if (is(args[i], "requirepass") || is(args[i], "masterauth")) {
            args[i + 1] = REDACTED;
          }
        }
        break;
      default:
        break;
    }
    return args;
  }

  private static boolean is(final byte[] arg, final String lowerCase) {
    return new String(arg, StandardCharsets.US_ASCII).equalsIgnoreCase(lowerCase);
  }

  /** The i-th argument of a command, copied. */
  @FunctionalInterface
  public interface ArgSource {
    byte[] arg(int index);
  }

  /** Newest first. */
  public Iterator<Entry> iterator() {
    return entries.iterator();
  }

  public int size() {
    return entries.size();
  }

  public void reset() {
    entries.clear();
  }

  /** After {@code slowlog-max-len} shrinks, Redis trims on the next push; so do we, here too. */
  public void trimTo(final long maxLen) {
    while (entries.size() > maxLen) {
      entries.removeLast();
    }
  }
}
