package io.rustyredis.engine.pubsub;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Outbox;
import java.util.ArrayList;
import java.util.List;

/**
 * MONITOR: the clients that asked to see every command, and the line each command becomes
 * ({@code replicationFeedMonitors} in Redis): {@code +<sec>.<usec> [<db> <addr>] "arg" ...}, each
 * argument quoted as {@code sdscatrepr} does, credentials of AUTH, HELLO ... AUTH and MIGRATE ...
 * AUTH/AUTH2 shown as {@code (redacted)} as Redis 7.0 does. The engine feeds it after a command
 * ran (so the database is the one the command left selected, as in Redis 7.0), and skips
 * commands Redis keeps out of the stream (admin and skip_monitor ones, and those refused before
 * running). The time is the event's, in milliseconds, so the microseconds end in 000.
 */
public final class Monitors {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final List<ClientState> monitors = new ArrayList<>();
  private final StringBuilder line = new StringBuilder(256);
  private byte[] ascii = new byte[256];
  private int redactFrom;
  private int redactTo;

  public void add(final ClientState client) {
    if (!client.monitor) {
      client.monitor = true;
      monitors.add(client);
    }
  }

  public void remove(final ClientState client) {
    if (client.monitor) {
      client.monitor = false;
      monitors.remove(client);
    }
  }

  public boolean isEmpty() {
    return monitors.isEmpty();
  }

  /** Streams one command run by {@code client} at {@code timeMillis} to every monitor. */
  public void feed(final ClientState client, final Arguments args, final long timeMillis, final Outbox outbox) {
    line.setLength(0);
    line.append('+').append(timeMillis / 1000).append('.');
    final long micros = (timeMillis % 1000) * 1000;
    for (long scale = 100000; scale > 1 && micros < scale; scale /= 10) {
      line.append('0');
    }
    line.append(micros).append(" [").append(client.db).append(' ').append(client.peerAddress).append(']');
    redact(args);
    for (int i = 0; i < args.count(); i++) {
      line.append(' ');
      if (i >= redactFrom && i < redactTo) {
        line.append("\"(redacted)\"");
      } else {
        quote(args.array(), args.offset(i), args.length(i));
      }
    }
    line.append("\r\n");
    final int length = encode();
    for (int i = 0, n = monitors.size(); i < n; i++) {
      final ClientState monitor = monitors.get(i);
      outbox.open(monitor.connection, monitor.protocol, monitor.outputClass()).raw(ascii, 0, length);
    }
  }

  /** Copies {@link #line} (ASCII only) into {@link #ascii}; returns its length. */
  private int encode() {
    final int n = line.length();
    if (ascii.length < n) {
      ascii = new byte[Math.max(n, ascii.length * 2)];
    }
    for (int i = 0; i < n; i++) {
      ascii[i] = (byte) line.charAt(i);
    }
    return n;
  }

  /**
   * Which arguments hold credentials ({@link #redactFrom} to {@link #redactTo}, exclusive): all
   * of AUTH's, the user and password after HELLO's AUTH and MIGRATE's AUTH2, MIGRATE AUTH's password.
   */
  private void redact(final Arguments args) {
    redactFrom = -1;
    redactTo = -1;
    if (args.is(0, "auth")) {
      redactFrom = 1;
      redactTo = args.count();
      return;
    }
    final boolean migrate = args.is(0, "migrate");
    if (!migrate && !args.is(0, "hello")) {
      return;
    }
    for (int i = 1; i < args.count(); i++) {
      if (args.is(i, "auth") || (migrate && args.is(i, "auth2"))) {
        redactFrom = i + 1;
        redactTo = Math.min(args.count(), i + (migrate && args.is(i, "auth") ? 2 : 3));
        return;
      }
    }
  }

  /** Redis's sdscatrepr, into {@link #line}; non-ASCII bytes are escaped so the line stays ASCII. */
  private void quote(final byte[] array, final int offset, final int length) {
    line.append('"');
    for (int i = offset; i < offset + length; i++) {
      final int c = array[i] & 0xFF;
      switch (c) {
        case '\\': line.append("\\\\"); break;
        case '"': line.append("\\\""); break;
        case '\n': line.append("\\n"); break;
        case '\r': line.append("\\r"); break;
        case '\t': line.append("\\t"); break;
        case 7: line.append("\\a"); break;
        case '\b': line.append("\\b"); break;
        default:
          if (c >= 0x20 && c < 0x7F) {
            line.append((char) c);
          } else {
            line.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          }
      }
    }
    line.append('"');
  }
}
