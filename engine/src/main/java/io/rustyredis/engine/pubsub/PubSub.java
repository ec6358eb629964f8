package io.rustyredis.engine.pubsub;

import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Glob;
import io.rustyredis.engine.Outbox;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.config.OutputBufferLimits;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Who listens to what: the server's channel, pattern and shard-channel subscriptions (Redis's
 * {@code server.pubsub_channels}, {@code pubsub_patterns}, {@code pubsub_shardchannels}) and each
 * client's own view of them, plus delivery of published messages.
 *
 * <p>A message to another client goes into the current event's {@link Outbox}, which keeps one
 * reply per connection per event: the reply stage then writes each subscriber once per batch
 * however many messages the batch sent it. A message to the client whose command is running
 * (a RESP3 client publishing to itself, or notified of its own write) goes straight into that
 * command's reply where it stands, which puts the push before the command's own reply as Redis
 * 7.0 does. Subscribers of a name are kept in the order they subscribed, which is the order they
 * are delivered to; patterns are matched in the order they were first subscribed.
 */
public final class PubSub {
  /** The three kinds of subscription. */
  public static final int CHANNEL = 0;
  public static final int PATTERN = 1;
  public static final int SHARD = 2;

  private static final byte[] MESSAGE = ascii("message");
  private static final byte[] PMESSAGE = ascii("pmessage");
  private static final byte[] SMESSAGE = ascii("smessage");

  @SuppressWarnings("unchecked")
  private final Map<ChannelName, List<ClientState>>[] names = new Map[] {
      new HashMap<>(), new LinkedHashMap<>(), new HashMap<>()};
  /** Per client id, its names of each kind in the order it subscribed. */
  private final Long2ObjectHashMap<Set<ChannelName>[]> byClient = new Long2ObjectHashMap<>();
  private final ChannelName probe = new ChannelName();
  private Outbox outbox;
  private ClientState self;
  private Reply selfReply;

  /** Where this event's messages to other clients go; set by the engine for each event. */
  public void deliverTo(final Outbox outbox) {
    this.outbox = outbox;
  }

  /** The client whose command is running and its reply (null between commands). */
  public void self(final ClientState client, final Reply reply) {
    this.self = client;
    this.selfReply = reply;
  }

  /** Subscribes {@code client} to a name of {@code kind}; false when it already was. */
  public boolean subscribe(final ClientState client, final int kind, final byte[] array, final int offset, final int length) {
    Set<ChannelName>[] own = byClient.get(client.id);
    if (own == null) {
      own = newSets();
      byClient.put(client.id, own);
    }
    probe.point(array, offset, length);
    if (own[kind].contains(probe)) {
      return false;
    }
    final ChannelName name = probe.copy();
    names[kind].computeIfAbsent(name, k -> new ArrayList<>(2)).add(client);
    own[kind].add(name);
    count(client, kind, 1);
    return true;
  }

  /** Unsubscribes {@code client} from a name of {@code kind}; false when it was not subscribed. */
  public boolean unsubscribe(final ClientState client, final int kind, final byte[] array, final int offset, final int length) {
    final Set<ChannelName>[] own = byClient.get(client.id);
    probe.point(array, offset, length);
    if (own == null || !own[kind].remove(probe)) {
      return false;
    }
    final List<ClientState> subscribers = names[kind].get(probe);
    subscribers.remove(client);
    if (subscribers.isEmpty()) {
      names[kind].remove(probe);
    }
    count(client, kind, -1);
    return true;
  }

  /** The names of {@code kind} that {@code client} is subscribed to, in the order it subscribed. */
  public List<byte[]> subscriptions(final ClientState client, final int kind) {
    final List<byte[]> out = new ArrayList<>();
    final Set<ChannelName>[] own = byClient.get(client.id);
    if (own != null) {
      for (final ChannelName name : own[kind]) {
        out.add(name.array());
      }
    }
    return out;
  }

  /** Drops every subscription of {@code client} without telling it: on disconnect and RESET. */
  public void forget(final ClientState client) {
    final Set<ChannelName>[] own = byClient.remove(client.id);
    if (own == null) {
      return;
    }
    for (int kind = 0; kind < 3; kind++) {
      for (final ChannelName name : own[kind]) {
        final List<ClientState> subscribers = names[kind].get(name);
        subscribers.remove(client);
        if (subscribers.isEmpty()) {
          names[kind].remove(name);
        }
      }
    }
    client.subscribedChannels = 0;
    client.subscribedPatterns = 0;
    client.subscribedShardChannels = 0;
  }

  /**
   * PUBLISH (kind {@link #CHANNEL}) or SPUBLISH ({@link #SHARD}): delivers the message to the
   * name's subscribers, then (PUBLISH only) to every client of every matching pattern, and
   * returns how many deliveries that made (a client reached twice counts twice, as in Redis).
   */
  public int publish(
      final int kind, final byte[] channel, final int channelOffset, final int channelLength,
      final byte[] message, final int messageOffset, final int messageLength) {
    int receivers = 0;
    final List<ClientState> subscribers = names[kind].get(probe.point(channel, channelOffset, channelLength));
    if (subscribers != null) {
      final byte[] word = kind == SHARD ? SMESSAGE : MESSAGE;
      for (int i = 0, n = subscribers.size(); i < n; i++) {
        final Reply r = target(subscribers.get(i));
        r.push(3);
        r.bulk(word);
        r.bulk(channel, Bytes.ARRAY_BASE + channelOffset, channelLength);
        r.bulk(message, Bytes.ARRAY_BASE + messageOffset, messageLength);
        receivers++;
      }
    }
    if (kind == CHANNEL && !names[PATTERN].isEmpty()) {
      for (final Map.Entry<ChannelName, List<ClientState>> entry : names[PATTERN].entrySet()) {
        final ChannelName pattern = entry.getKey();
        if (!Glob.matches(pattern.array(), 0, pattern.length(), channel, Bytes.ARRAY_BASE + channelOffset,
            channelLength, false)) {
          continue;
        }
        final List<ClientState> clients = entry.getValue();
        for (int i = 0, n = clients.size(); i < n; i++) {
          final Reply r = target(clients.get(i));
          r.push(4);
          r.bulk(PMESSAGE);
          r.bulk(pattern.array());
          r.bulk(channel, Bytes.ARRAY_BASE + channelOffset, channelLength);
          r.bulk(message, Bytes.ARRAY_BASE + messageOffset, messageLength);
          receivers++;
        }
      }
    }
    return receivers;
  }

  /** Whether anyone could receive a PUBLISH at all: lets keyspace notifications skip work. */
  public boolean hasSubscribers() {
    return !names[CHANNEL].isEmpty() || !names[PATTERN].isEmpty();
  }

  /** How many distinct names of {@code kind} have subscribers (INFO's pubsub_channels ...). */
  public int count(final int kind) {
    return names[kind].size();
  }

  /** How many clients are subscribed to a name of {@code kind}. */
  public int subscribers(final int kind, final byte[] array, final int offset, final int length) {
    final List<ClientState> subscribers = names[kind].get(probe.point(array, offset, length));
    return subscribers == null ? 0 : subscribers.size();
  }

  /** The names of {@code kind} with subscribers that match {@code pattern} (null: all). */
  public List<byte[]> names(final int kind, final byte[] pattern) {
    final List<byte[]> out = new ArrayList<>();
    for (final ChannelName name : names[kind].keySet()) {
      if (pattern == null || Glob.matches(pattern, 0, pattern.length, name.array(), Bytes.ARRAY_BASE,
          name.length(), false)) {
        out.add(name.array());
      }
    }
    return out;
  }

  private Reply target(final ClientState client) {
    if (client == self) {
      return selfReply;
    }
    return outbox.open(client.connection, client.protocol, OutputBufferLimits.PUBSUB);
  }

  private static void count(final ClientState client, final int kind, final int delta) {
    switch (kind) {
      case CHANNEL: client.subscribedChannels += delta; break;
      case PATTERN: client.subscribedPatterns += delta; break;
      default: client.subscribedShardChannels += delta; break;
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<ChannelName>[] newSets() {
    return new Set[] {new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>()};
  }

  private static byte[] ascii(final String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
