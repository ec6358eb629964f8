package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ADMIN;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.PUBSUB;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.pubsub.Monitors;
import io.rustyredis.engine.pubsub.PubSub;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Pub/Sub commands of Redis's {@code pubsub.c} (SUBSCRIBE, PUBLISH, PUBSUB ... and their
 * pattern and shard forms) and MONITOR, the other command that turns a connection into a stream.
 *
 * <p>Each (un)subscription is confirmed by its own push ({@code >} in RESP3, an array in RESP2)
 * carrying the client's subscription count after it: channels plus patterns, or shard channels
 * for the S forms. An UNSUBSCRIBE of everything when there is nothing to drop still answers once,
 * with a null name and 0, as Redis does. The registry and delivery live in {@link PubSub}.
 */
public final class PubSubCommands {
  private static final String[] HELP = {
    "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CHANNELS [<pattern>]",
    "    Return the currently active channels matching a <pattern> (default: '*').",
    "NUMPAT",
    "    Return number of subscriptions to patterns.",
    "NUMSUB [<channel> ...]",
    "    Return the number of subscribers for the specified channels, excluding",
    "    pattern subscriptions(default: no channels).",
    "SHARDCHANNELS [<pattern>]",
    "    Return the currently active shard level channels matching a <pattern> (default: '*').",
    "SHARDNUMSUB [<shardchannel> ...]",
    "    Return the number of subscribers for the specified shard level channel(s)",
    "HELP",
    "    Prints this help.",
  };
  private static final byte[][] SUBSCRIBED = {ascii("subscribe"), ascii("psubscribe"), ascii("ssubscribe")};
  private static final byte[][] UNSUBSCRIBED = {ascii("unsubscribe"), ascii("punsubscribe"), ascii("sunsubscribe")};

  private final PubSub pubsub;
  private final Monitors monitors;

  public PubSubCommands(final PubSub pubsub, final Monitors monitors) {
    this.pubsub = pubsub;
    this.monitors = monitors;
  }

  public void declare(final CommandTable t) {
    t.add(command("subscribe", -2).flags(PUBSUB, NOSCRIPT, LOADING, STALE).acl("@pubsub @slow")
        .doc("Listen for messages published to the given channels", "2.0.0", "pubsub",
            "O(N) where N is the number of channels to subscribe to.")
        .handler(this::subscribe));
    t.add(command("unsubscribe", -1).flags(PUBSUB, NOSCRIPT, LOADING, STALE).acl("@pubsub @slow")
        .doc("Stop listening for messages posted to the given channels", "2.0.0", "pubsub",
            "O(N) where N is the number of clients already subscribed to a channel.")
        .handler(this::unsubscribe));
    t.add(command("psubscribe", -2).flags(PUBSUB, NOSCRIPT, LOADING, STALE).acl("@pubsub @slow")
        .doc("Listen for messages published to channels matching the given patterns", "2.0.0", "pubsub",
            "O(N) where N is the number of patterns the client is already subscribed to.")
        .handler(this::psubscribe));
    t.add(command("punsubscribe", -1).flags(PUBSUB, NOSCRIPT, LOADING, STALE).acl("@pubsub @slow")
        .doc("Stop listening for messages posted to channels matching the given patterns", "2.0.0", "pubsub",
            "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of "
                + "total patterns subscribed in the system (by any client).")
        .handler(this::punsubscribe));
    t.add(command("ssubscribe", -2).flags(PUBSUB, NOSCRIPT, LOADING, STALE).keys(1, -1, 1).acl("@pubsub @slow")
        .doc("Listen for messages published to the given shard channels", "7.0.0", "pubsub",
            "O(N) where N is the number of shard channels to subscribe to.")
        .handler(this::ssubscribe));
    t.add(command("sunsubscribe", -1).flags(PUBSUB, NOSCRIPT, LOADING, STALE).keys(1, -1, 1).acl("@pubsub @slow")
        .doc("Stop listening for messages posted to the given shard channels", "7.0.0", "pubsub",
            "O(N) where N is the number of clients already subscribed to a shard channel.")
        .handler(this::sunsubscribe));
    t.add(command("publish", 3).flags(PUBSUB, LOADING, STALE, FAST).acl("@pubsub @fast")
        .doc("Post a message to a channel", "2.0.0", "pubsub",
            "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total "
                + "number of subscribed patterns (by any client).")
        .handler(this::publish));
    t.add(command("spublish", 3).flags(PUBSUB, LOADING, STALE, FAST).keys(1, 1, 1).acl("@pubsub @fast")
        .doc("Post a message to a shard channel", "7.0.0", "pubsub",
            "O(N) where N is the number of clients subscribed to the receiving shard channel.")
        .handler(this::spublish));
    final String channels = "O(N) where N is the number of active channels, and assuming constant time pattern "
        + "matching (relatively short channels and patterns)";
    t.add(command("pubsub", -2).acl("@slow")
        .doc("A container for Pub/Sub commands", "2.8.0", "pubsub", "Depends on subcommand.")
        .sub(command("channels", -2).flags(PUBSUB, LOADING, STALE).acl("@pubsub @slow")
            .doc("List active channels", "2.8.0", "pubsub", channels).handler(this::pubsubChannels))
        .sub(command("numpat", 2).flags(PUBSUB, LOADING, STALE).acl("@pubsub @slow")
            .doc("Get the count of unique patterns pattern subscriptions", "2.8.0", "pubsub", "O(1)")
            .handler(this::pubsubNumpat))
        .sub(command("numsub", -2).flags(PUBSUB, LOADING, STALE).acl("@pubsub @slow")
            .doc("Get the count of subscribers for channels", "2.8.0", "pubsub",
                "O(N) for the NUMSUB subcommand, where N is the number of requested channels")
            .handler(this::pubsubNumsub))
        .sub(command("shardchannels", -2).flags(PUBSUB, LOADING, STALE).acl("@pubsub @slow")
            .doc("List active shard channels", "7.0.0", "pubsub",
                "O(N) where N is the number of active shard channels, and assuming constant time pattern "
                    + "matching (relatively short shard channels).")
            .handler(this::pubsubShardchannels))
        .sub(command("shardnumsub", -2).flags(PUBSUB, LOADING, STALE).acl("@pubsub @slow")
            .doc("Get the count of subscribers for shard channels", "7.0.0", "pubsub",
                "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels")
            .handler(this::pubsubShardnumsub))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@slow")
            .doc("Show helpful text about the different subcommands", "6.2.0", "pubsub", "O(1)")
            .handler(this::pubsubHelp)));
    t.add(command("monitor", 1).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
        .doc("Listen for all requests received by the server in real time", "1.0.0", "server", "")
        .handler(this::monitor));
  }

  void subscribe(final CommandContext c) {
    subscribe(c, PubSub.CHANNEL);
  }

  void psubscribe(final CommandContext c) {
    subscribe(c, PubSub.PATTERN);
  }

  void ssubscribe(final CommandContext c) {
    subscribe(c, PubSub.SHARD);
  }

  void unsubscribe(final CommandContext c) {
    unsubscribe(c, PubSub.CHANNEL);
  }

  void punsubscribe(final CommandContext c) {
    unsubscribe(c, PubSub.PATTERN);
  }

  void sunsubscribe(final CommandContext c) {
    unsubscribe(c, PubSub.SHARD);
  }

  void publish(final CommandContext c) {
    publish(c, PubSub.CHANNEL);
  }

  void spublish(final CommandContext c) {
    publish(c, PubSub.SHARD);
  }

  private void subscribe(final CommandContext c, final int kind) {
    final Arguments args = c.args();
    final ClientState client = c.client();
    for (int i = 1; i < args.count(); i++) {
      pubsub.subscribe(client, kind, args.array(), args.offset(i), args.length(i));
      confirm(c.reply(), SUBSCRIBED[kind], args.array(), args.offset(i), args.length(i), count(client, kind));
    }
  }

  private void unsubscribe(final CommandContext c, final int kind) {
    final Arguments args = c.args();
    final ClientState client = c.client();
    final Reply r = c.reply();
    if (args.count() > 1) {
      for (int i = 1; i < args.count(); i++) {
        pubsub.unsubscribe(client, kind, args.array(), args.offset(i), args.length(i));
        confirm(r, UNSUBSCRIBED[kind], args.array(), args.offset(i), args.length(i), count(client, kind));
      }
      return;
    }
    final List<byte[]> names = pubsub.subscriptions(client, kind);
    for (final byte[] name : names) {
      pubsub.unsubscribe(client, kind, name, 0, name.length);
      confirm(r, UNSUBSCRIBED[kind], name, 0, name.length, count(client, kind));
    }
    if (names.isEmpty()) {
      r.push(3);
      r.bulk(UNSUBSCRIBED[kind]);
      r.nullBulk();
      r.integer(count(client, kind));
    }
  }

  private static void confirm(
      final Reply r, final byte[] word, final byte[] array, final int offset, final int length, final int count) {
    r.push(3);
    r.bulk(word);
    r.bulk(array, io.rustyredis.engine.memory.Bytes.ARRAY_BASE + offset, length);
    r.integer(count);
  }

  /** The count a confirmation carries: shard subscriptions apart, channels and patterns together. */
  private static int count(final ClientState client, final int kind) {
    return kind == PubSub.SHARD ? client.subscribedShardChannels : client.subscribedChannels + client.subscribedPatterns;
  }

  private void publish(final CommandContext c, final int kind) {
    final Arguments args = c.args();
    c.reply().integer(pubsub.publish(kind, args.array(), args.offset(1), args.length(1),
        args.array(), args.offset(2), args.length(2)));
  }

  void pubsubChannels(final CommandContext c) {
    names(c, PubSub.CHANNEL);
  }

  void pubsubShardchannels(final CommandContext c) {
    names(c, PubSub.SHARD);
  }

  private void names(final CommandContext c, final int kind) {
    final Arguments args = c.args();
    if (args.count() > 3) {
      c.reply().error("ERR unknown subcommand or wrong number of arguments for '" + args.string(1)
          + "'. Try PUBSUB HELP.");
      return;
    }
    final List<byte[]> names = pubsub.names(kind, args.count() == 3 ? args.bytes(2) : null);
    c.reply().array(names.size());
    for (final byte[] name : names) {
      c.reply().bulk(name);
    }
  }

  void pubsubNumpat(final CommandContext c) {
    c.reply().integer(pubsub.count(PubSub.PATTERN));
  }

  void pubsubNumsub(final CommandContext c) {
    numsub(c, PubSub.CHANNEL);
  }

  void pubsubShardnumsub(final CommandContext c) {
    numsub(c, PubSub.SHARD);
  }

  private void numsub(final CommandContext c, final int kind) {
    final Arguments args = c.args();
    final Reply r = c.reply();
    r.array((args.count() - 2) * 2L);
    for (int i = 2; i < args.count(); i++) {
      r.bulk(args.array(), args.address(i), args.length(i));
      r.integer(pubsub.subscribers(kind, args.array(), args.offset(i), args.length(i)));
    }
  }

  void pubsubHelp(final CommandContext c) {
    final Reply reply = c.reply();
    reply.array(HELP.length);
    for (final String line : HELP) {
      reply.simple(line);
    }
  }

  /** A client already monitoring gets no second reply, as in Redis (it returns early). */
  void monitor(final CommandContext c) {
    if (!c.client().monitor) {
      monitors.add(c.client());
      c.reply().ok();
    }
  }

  private static byte[] ascii(final String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
