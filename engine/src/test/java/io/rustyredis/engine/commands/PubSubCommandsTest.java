package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** Pub/Sub commands against the bytes real Redis 7.0.15 sends (captured with raw sockets). */
class PubSubCommandsTest {
  private static final String SUBSCRIBED_MODE_GET = "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / "
      + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n";

  private final EngineHarness redis = new EngineHarness();

  private static String confirm(final String kind, final String name, final int count) {
    return "*3\r\n$" + kind.length() + "\r\n" + kind + "\r\n$" + name.length() + "\r\n" + name + "\r\n:" + count + "\r\n";
  }

  @Test
  void subscribeConfirmsEachChannelWithTheRunningCount() {
    assertEquals(confirm("subscribe", "a", 1) + confirm("subscribe", "b", 2) + confirm("subscribe", "a", 2),
        redis.run("SUBSCRIBE", "a", "b", "a"));
    assertEquals(confirm("psubscribe", "p*", 3) + confirm("psubscribe", "a*", 4), redis.run("PSUBSCRIBE", "p*", "a*"));
  }

  @Test
  void publishDeliversToChannelSubscribersThenToMatchingPatterns() {
    final long subscriber = redis.client;
    redis.run("SUBSCRIBE", "a", "b");
    redis.run("PSUBSCRIBE", "p*", "a*");
    redis.connect();
    assertEquals(":2\r\n", redis.run("PUBLISH", "a", "hello"));
    assertEquals("*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$5\r\nhello\r\n"
        + "*4\r\n$8\r\npmessage\r\n$2\r\na*\r\n$1\r\na\r\n$5\r\nhello\r\n", redis.delivered(subscriber));
    assertEquals(":1\r\n", redis.run("PUBLISH", "pq", "x"));
    assertEquals("*4\r\n$8\r\npmessage\r\n$2\r\np*\r\n$2\r\npq\r\n$1\r\nx\r\n", redis.delivered(subscriber));
    assertEquals(":0\r\n", redis.run("PUBLISH", "zz", "x"));
    assertEquals("", redis.delivered(subscriber));
  }

  @Test
  void oneEventHandsEachSubscriberOneReplyHoweverManyPatternsMatch() {
    final long subscriber = redis.client;
    redis.run("PSUBSCRIBE", "*", "n*", "ne?s", "[m-o]ews");
    redis.connect();
    assertEquals(":4\r\n", redis.run("PUBLISH", "news", "m"));
    assertEquals(1, redis.lastEvent().outbox.size());
    assertTrue(redis.delivered(subscriber).startsWith("*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n"));
  }

  @Test
  void patternsFollowRedisGlobRules() {
    final long subscriber = redis.client;
    redis.run("PSUBSCRIBE", "h[^e]llo", "h\\*", "x[a-c]?");
    redis.connect();
    assertEquals(":1\r\n", redis.run("PUBLISH", "hallo", "1"));
    assertEquals(":0\r\n", redis.run("PUBLISH", "hello", "1"));
    assertEquals(":1\r\n", redis.run("PUBLISH", "h*", "1"));
    assertEquals(":0\r\n", redis.run("PUBLISH", "hx", "1"));
    assertEquals(":1\r\n", redis.run("PUBLISH", "xbz", "1"));
    assertEquals("*4\r\n$8\r\npmessage\r\n$7\r\nx[a-c]?\r\n$3\r\nxbz\r\n$1\r\n1\r\n", redis.delivered(subscriber));
  }

  @Test
  void pubsubIntrospectsChannelsPatternsAndShards() {
    redis.run("SUBSCRIBE", "a", "b");
    redis.run("PSUBSCRIBE", "p*", "a*");
    redis.run("SSUBSCRIBE", "s1", "s2");
    redis.connect();
    assertEquals("*6\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:1\r\n$2\r\nzz\r\n:0\r\n", redis.run("PUBSUB", "NUMSUB", "a", "b", "zz"));
    assertEquals("*0\r\n", redis.run("PUBSUB", "NUMSUB"));
    assertEquals(":2\r\n", redis.run("PUBSUB", "NUMPAT"));
    assertEquals("*1\r\n$1\r\na\r\n", redis.run("PUBSUB", "CHANNELS", "a*"));
    assertTrue(redis.run("PUBSUB", "CHANNELS").startsWith("*2\r\n"));
    assertTrue(redis.run("PUBSUB", "SHARDCHANNELS").startsWith("*2\r\n"));
    assertEquals("*4\r\n$2\r\ns1\r\n:1\r\n$1\r\nx\r\n:0\r\n", redis.run("PUBSUB", "SHARDNUMSUB", "s1", "x"));
    assertEquals("-ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.\r\n",
        redis.run("PUBSUB", "channels", "a", "b"));
    assertEquals("-ERR unknown subcommand 'foo'. Try PUBSUB HELP.\r\n", redis.run("PUBSUB", "foo"));
    assertTrue(redis.run("PUBSUB", "HELP").startsWith("*14\r\n+PUBSUB <subcommand> [<arg> [value] [opt] ...]."));
    assertEquals("-ERR wrong number of arguments for 'publish' command\r\n", redis.run("PUBLISH"));
    assertEquals("-ERR wrong number of arguments for 'subscribe' command\r\n", redis.run("SUBSCRIBE"));
  }

  @Test
  void shardChannelsCountApartAndDeliverSmessage() {
    final long subscriber = redis.client;
    redis.run("SUBSCRIBE", "a");
    assertEquals(confirm("ssubscribe", "s1", 1) + confirm("ssubscribe", "s2", 2), redis.run("SSUBSCRIBE", "s1", "s2"));
    redis.connect();
    assertEquals(":1\r\n", redis.run("SPUBLISH", "s1", "m"));
    assertEquals("*3\r\n$8\r\nsmessage\r\n$2\r\ns1\r\n$1\r\nm\r\n", redis.delivered(subscriber));
    assertEquals(":0\r\n", redis.run("PUBLISH", "s1", "m"));
    redis.client = subscriber;
    assertEquals(confirm("sunsubscribe", "s1", 1), redis.run("SUNSUBSCRIBE", "s1"));
  }

  @Test
  void unsubscribingEverythingNamesEachOrAnswersOnceWithNull() {
    redis.run("SUBSCRIBE", "a", "b");
    redis.run("PSUBSCRIBE", "p*", "a*");
    assertEquals(confirm("punsubscribe", "p*", 3) + confirm("punsubscribe", "nope", 3),
        redis.run("PUNSUBSCRIBE", "p*", "nope"));
    assertEquals(confirm("unsubscribe", "a", 2) + confirm("unsubscribe", "b", 1), redis.run("UNSUBSCRIBE"));
    assertEquals(confirm("punsubscribe", "a*", 0), redis.run("PUNSUBSCRIBE"));
    assertEquals("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n", redis.run("UNSUBSCRIBE"));
    assertEquals("*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n", redis.run("PUNSUBSCRIBE"));
    assertEquals("*3\r\n$12\r\nsunsubscribe\r\n$-1\r\n:0\r\n", redis.run("SUNSUBSCRIBE"));
    assertEquals("$-1\r\n", redis.run("GET", "x"));
  }

  @Test
  void resp2SubscribedModeAllowsOnlySubscriptionCommandsPingQuitAndReset() {
    redis.run("SUBSCRIBE", "a");
    assertEquals(SUBSCRIBED_MODE_GET, redis.run("GET", "x"));
    assertEquals("-ERR Can't execute 'client|list': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
        + "are allowed in this context\r\n", redis.run("CLIENT", "LIST"));
    assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", redis.run("PING"));
    assertEquals("*2\r\n$4\r\npong\r\n$1\r\nx\r\n", redis.run("PING", "x"));
    assertEquals("-ERR wrong number of arguments for 'get' command\r\n", redis.run("GET"));
    assertEquals("-ERR unknown command 'NOSUCH', with args beginning with: \r\n", redis.run("NOSUCH"));
    assertEquals(confirm("psubscribe", "p", 2), redis.run("PSUBSCRIBE", "p"));
    assertEquals("+RESET\r\n", redis.run("RESET"));
    assertEquals("+PONG\r\n", redis.run("PING"));
    assertEquals("$-1\r\n", redis.run("GET", "x"));
  }

  @Test
  void resp3SubscriberRunsAnyCommandAndGetsPushesBeforeItsOwnReply() {
    final long subscriber = redis.client;
    redis.run("HELLO", "3");
    assertEquals(">3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n", redis.run("SUBSCRIBE", "c"));
    assertEquals("_\r\n", redis.run("GET", "x"));
    assertEquals("+PONG\r\n", redis.run("PING"));
    assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$2\r\nme\r\n:1\r\n", redis.run("PUBLISH", "c", "me"));
    redis.connect();
    assertEquals(":1\r\n", redis.run("PUBLISH", "c", "other"));
    assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$5\r\nother\r\n", redis.delivered(subscriber));
    redis.client = subscriber;
    assertEquals(">3\r\n$11\r\nunsubscribe\r\n$1\r\nc\r\n:0\r\n>3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n",
        redis.run("UNSUBSCRIBE", "c") + redis.run("UNSUBSCRIBE"));
  }

  @Test
  void resetAndDisconnectDropSubscriptions() {
    final long first = redis.client;
    redis.run("SUBSCRIBE", "a");
    redis.run("PSUBSCRIBE", "a*");
    redis.connect();
    final long second = redis.client;
    redis.run("SUBSCRIBE", "a");
    redis.run("RESET");
    redis.disconnect(first);
    redis.connect();
    assertEquals("*2\r\n$1\r\na\r\n:0\r\n", redis.run("PUBSUB", "NUMSUB", "a"));
    assertEquals(":0\r\n", redis.run("PUBSUB", "NUMPAT"));
    assertEquals(":0\r\n", redis.run("PUBLISH", "a", "m"));
    assertEquals("", redis.delivered(second));
  }

  @Test
  void clientListAndInfoCountSubscriptions() {
    redis.run("SUBSCRIBE", "a", "b");
    redis.run("PSUBSCRIBE", "a*");
    redis.run("SSUBSCRIBE", "s");
    redis.connect();
    final String list = redis.run("CLIENT", "LIST");
    assertTrue(list.contains(" flags=P db=0 sub=2 psub=1 ssub=1 multi=-1 "), list);
    assertTrue(list.contains(" flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 "), list);
    final String info = redis.run("INFO", "stats");
    assertTrue(info.contains("pubsub_channels:2\r\npubsub_patterns:1\r\npubsubshard_channels:1\r\n"), info);
  }

  @Test
  void messagesCarryBinaryPayloadsUnchanged() {
    final long subscriber = redis.client;
    redis.runBytes("SUBSCRIBE".getBytes(), new byte[] {0, (byte) 0xff});
    redis.connect();
    assertEquals(":1\r\n", redis.runBytes("PUBLISH".getBytes(), new byte[] {0, (byte) 0xff}, new byte[] {'\r', '\n'}));
    assertEquals("*3\r\n$7\r\nmessage\r\n$2\r\n\0\u00ff\r\n$2\r\n\r\n\r\n",
        new String(redis.lastEvent().outbox.reply(0).array(), 0, redis.lastEvent().outbox.reply(0).length(),
            java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(subscriber, (long) (Long) redis.lastEvent().outbox.connection(0));
  }
}
