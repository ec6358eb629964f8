package io.rustyredis.engine.pubsub;

import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.Parameter;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.signals.KeyspaceSignals;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Keyspace notifications ({@code notifyKeyspaceEvent} in notify.c): listens to the engine's
 * keyspace events and, for the classes {@code notify-keyspace-events} enables, publishes
 * {@code __keyspace@<db>__:<key>} with the event name as message (flag K) and
 * {@code __keyevent@<db>__:<event>} with the key as message (flag E), in that order, to channel
 * and pattern subscribers alike. With notifications off or nobody subscribed an event costs two
 * checks; otherwise the channel name is built in a reused buffer.
 */
public final class KeyspaceNotifications implements KeyspaceSignals.EventListener {
  private static final byte[] KEYSPACE = "__keyspace@".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEYEVENT = "__keyevent@".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEPARATOR = "__:".getBytes(StandardCharsets.US_ASCII);

  private final PubSub pubsub;
  private final Parameter parameter;
  /** Event names as bytes; the engine raises events with string constants, so few entries. */
  private final Map<String, byte[]> eventNames = new IdentityHashMap<>();
  private byte[] channel = new byte[128];
  private byte[] key = new byte[64];

  public KeyspaceNotifications(final PubSub pubsub, final Config config) {
    this.pubsub = pubsub;
    this.parameter = config.parameter("notify-keyspace-events");
  }

  @Override
  public void event(
      final int type, final String event, final int db, final Object keyBase, final long keyOffset, final int keyLength) {
    final int flags = parameter.keyspaceEvents();
    if ((flags & type) == 0 || !pubsub.hasSubscribers()) {
      return;
    }
    final byte[] name = eventNames.computeIfAbsent(event, e -> e.getBytes(StandardCharsets.US_ASCII));
    if (key.length < keyLength) {
      key = new byte[Math.max(keyLength, key.length * 2)];
    }
    Bytes.copy(keyBase, keyOffset, key, Bytes.ARRAY_BASE, keyLength);
    if ((flags & KeyspaceSignals.KEYSPACE) != 0) {
      final int length = channel(KEYSPACE, db, key, keyLength);
      pubsub.publish(PubSub.CHANNEL, channel, 0, length, name, 0, name.length);
    }
    if ((flags & KeyspaceSignals.KEYEVENT) != 0) {
      final int length = channel(KEYEVENT, db, name, name.length);
      pubsub.publish(PubSub.CHANNEL, channel, 0, length, key, 0, keyLength);
    }
  }

  /** Writes "prefix db __: suffix" into {@link #channel}; returns its length. */
  private int channel(final byte[] prefix, final int db, final byte[] suffix, final int suffixLength) {
    final int needed = prefix.length + 11 + SEPARATOR.length + suffixLength;
    if (channel.length < needed) {
      channel = new byte[Math.max(needed, channel.length * 2)];
    }
    System.arraycopy(prefix, 0, channel, 0, prefix.length);
    int at = io.rustyredis.engine.Numbers.putLong(channel, prefix.length, db);
    System.arraycopy(SEPARATOR, 0, channel, at, SEPARATOR.length);
    at += SEPARATOR.length;
    System.arraycopy(suffix, 0, channel, at, suffixLength);
    return at + suffixLength;
  }
}
