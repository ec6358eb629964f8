package io.rustyredis.engine.config;

import io.rustyredis.engine.signals.KeyspaceSignals;

/**
 * {@code notify-keyspace-events}: Redis's flag letters to the {@link KeyspaceSignals} class bits and
 * back ({@code keyspaceEventsStringToFlags} / {@code keyspaceEventsFlagsToString} in notify.c).
 * The text form is Redis's, quirks included: {@code A} hides {@code n}, since Redis prints the
 * letters of classes outside {@code A} only when {@code A} is not printed.
 */
public final class KeyspaceEventFlags {
  /** Redis's NOTIFY_ALL: what {@code A} stands for ({@code g$lshzxetd}). */
  public static final int ALL = KeyspaceSignals.GENERIC | KeyspaceSignals.STRING | KeyspaceSignals.LIST
      | KeyspaceSignals.SET | KeyspaceSignals.HASH | KeyspaceSignals.ZSET | KeyspaceSignals.EXPIRED
      | KeyspaceSignals.EVICTED | KeyspaceSignals.STREAM | KeyspaceSignals.MODULE;

  private KeyspaceEventFlags() {}

  /** The class bits for {@code text}, or -1 when it holds a letter Redis does not know. */
  public static int parse(final String text) {
    int flags = 0;
    for (int i = 0; i < text.length(); i++) {
      switch (text.charAt(i)) {
        case 'A': flags |= ALL; break;
        case 'g': flags |= KeyspaceSignals.GENERIC; break;
        case '$': flags |= KeyspaceSignals.STRING; break;
        case 'l': flags |= KeyspaceSignals.LIST; break;
        case 's': flags |= KeyspaceSignals.SET; break;
        case 'h': flags |= KeyspaceSignals.HASH; break;
        case 'z': flags |= KeyspaceSignals.ZSET; break;
        case 'x': flags |= KeyspaceSignals.EXPIRED; break;
        case 'e': flags |= KeyspaceSignals.EVICTED; break;
        case 'K': flags |= KeyspaceSignals.KEYSPACE; break;
        case 'E': flags |= KeyspaceSignals.KEYEVENT; break;
        case 't': flags |= KeyspaceSignals.STREAM; break;
        case 'm': flags |= KeyspaceSignals.KEY_MISS; break;
        case 'd': flags |= KeyspaceSignals.MODULE; break;
        case 'n': flags |= KeyspaceSignals.NEW; break;
        default: return -1;
      }
    }
    return flags;
  }

  /** The text CONFIG GET shows for {@code flags}. */
  public static String format(final int flags) {
    final StringBuilder out = new StringBuilder();
    if ((flags & ALL) == ALL) {
      out.append('A');
    } else {
      append(out, flags, KeyspaceSignals.GENERIC, 'g');
      append(out, flags, KeyspaceSignals.STRING, '$');
      append(out, flags, KeyspaceSignals.LIST, 'l');
      append(out, flags, KeyspaceSignals.SET, 's');
      append(out, flags, KeyspaceSignals.HASH, 'h');
      append(out, flags, KeyspaceSignals.ZSET, 'z');
      append(out, flags, KeyspaceSignals.EXPIRED, 'x');
      append(out, flags, KeyspaceSignals.EVICTED, 'e');
      append(out, flags, KeyspaceSignals.STREAM, 't');
      append(out, flags, KeyspaceSignals.MODULE, 'd');
      append(out, flags, KeyspaceSignals.NEW, 'n');
    }
    append(out, flags, KeyspaceSignals.KEYSPACE, 'K');
    append(out, flags, KeyspaceSignals.KEYEVENT, 'E');
    append(out, flags, KeyspaceSignals.KEY_MISS, 'm');
    return out.toString();
  }

  private static void append(final StringBuilder out, final int flags, final int bit, final char letter) {
    if ((flags & bit) != 0) {
      out.append(letter);
    }
  }
}
