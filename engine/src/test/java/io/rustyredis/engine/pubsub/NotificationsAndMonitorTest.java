package io.rustyredis.engine.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications, MONITOR and their parameters, against what real Redis 7.0.15 sends
 * (captured with raw sockets; MONITOR's time is the event's, so microseconds end in 000).
 */
class NotificationsAndMonitorTest {
  private static final String INVALID_EVENTS = "-ERR CONFIG SET failed (possibly related to argument "
      + "'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.\r\n";

  private final EngineHarness redis = new EngineHarness();

  private static String pmessage(final String pattern, final String channel, final String message) {
    return "*4\r\n$8\r\npmessage\r\n$" + pattern.length() + "\r\n" + pattern + "\r\n$" + channel.length() + "\r\n"
        + channel + "\r\n$" + message.length() + "\r\n" + message + "\r\n";
  }

  private String eventsAfterSetting(final String flags) {
    assertEquals("+OK\r\n", redis.run("CONFIG", "SET", "notify-keyspace-events", flags));
    final String reply = redis.run("CONFIG", "GET", "notify-keyspace-events");
    return reply.substring(reply.lastIndexOf('\n', reply.length() - 3) + 1, reply.length() - 2);
  }

  @Test
  void notifyKeyspaceEventsPrintsBackAsRedisDoes() {
    assertEquals("AKE", eventsAfterSetting("KEA"));
    assertEquals("dK", eventsAfterSetting("Kd"));
    assertEquals("AE", eventsAfterSetting("Eg$lshzxetd"));
    assertEquals("AKEm", eventsAfterSetting("KEAmn"));
    assertEquals("nK", eventsAfterSetting("Kn"));
    assertEquals("Em", eventsAfterSetting("Em"));
    assertEquals("A", eventsAfterSetting("gA"));
    assertEquals("", eventsAfterSetting(""));
    assertEquals(INVALID_EVENTS, redis.run("CONFIG", "SET", "notify-keyspace-events", "Kq"));
  }

  @Test
  void newKeysAreNotifiedOnBothChannelsPerDatabase() {
    final long subscriber = redis.client;
    redis.run("PSUBSCRIBE", "__key*__:*");
    redis.connect();
    redis.run("CONFIG", "SET", "notify-keyspace-events", "KEn");
    assertEquals("+OK\r\n", redis.run("SET", "n", "1"));
    assertEquals(pmessage("__key*__:*", "__keyspace@0__:n", "new") + pmessage("__key*__:*", "__keyevent@0__:new", "n"),
        redis.delivered(subscriber));
    redis.run("SELECT", "3");
    redis.run("SET", "n", "1");
    assertEquals(pmessage("__key*__:*", "__keyspace@3__:n", "new") + pmessage("__key*__:*", "__keyevent@3__:new", "n"),
        redis.delivered(subscriber));
    redis.run("SET", "n", "2");
    assertEquals("", redis.delivered(subscriber));
  }

  @Test
  void readsOfMissingKeysRaiseKeymissButWritesDoNot() {
    final long subscriber = redis.client;
    redis.run("PSUBSCRIBE", "*");
    redis.connect();
    redis.run("CONFIG", "SET", "notify-keyspace-events", "KEm");
    assertEquals("$-1\r\n", redis.run("GET", "nokey"));
    assertEquals(pmessage("*", "__keyspace@0__:nokey", "keymiss") + pmessage("*", "__keyevent@0__:keymiss", "nokey"),
        redis.delivered(subscriber));
    redis.run("SET", "nokey2", "v");
    assertEquals("", redis.delivered(subscriber));
    assertEquals(":0\r\n", redis.run("EXISTS", "nokey3"));
    assertEquals(pmessage("*", "__keyspace@0__:nokey3", "keymiss") + pmessage("*", "__keyevent@0__:keymiss", "nokey3"),
        redis.delivered(subscriber));
  }

  @Test
  void expiredKeysAreNotifiedWhenFoundLazilyOrByTheCycle() {
    final long subscriber = redis.client;
    redis.run("SUBSCRIBE", "__keyevent@0__:expired", "__keyspace@0__:k");
    redis.connect();
    redis.run("CONFIG", "SET", "notify-keyspace-events", "Ex");
    redis.run("SET", "k", "v", "PX", "50");
    redis.run("SET", "j", "v", "PX", "50");
    redis.advance(100);
    assertEquals("$-1\r\n", redis.run("GET", "k"));
    assertEquals("*3\r\n$7\r\nmessage\r\n$22\r\n__keyevent@0__:expired\r\n$1\r\nk\r\n", redis.delivered(subscriber));
    redis.run("CONFIG", "SET", "notify-keyspace-events", "KEx");
    redis.tick();
    assertEquals("*3\r\n$7\r\nmessage\r\n$22\r\n__keyevent@0__:expired\r\n$1\r\nj\r\n", redis.delivered(subscriber));
  }

  @Test
  void onlyEnabledClassesAndChannelsAreNotified() {
    final long subscriber = redis.client;
    redis.run("PSUBSCRIBE", "*");
    redis.connect();
    redis.run("CONFIG", "SET", "notify-keyspace-events", "Kl");
    redis.run("SET", "k", "v");
    assertEquals("", redis.delivered(subscriber));
    redis.run("LPUSH", "l", "a");
    assertEquals(pmessage("*", "__keyspace@0__:l", "lpush"), redis.delivered(subscriber));
    redis.run("CONFIG", "SET", "notify-keyspace-events", "E$");
    redis.run("SET", "k", "v");
    assertEquals(pmessage("*", "__keyevent@0__:set", "k"), redis.delivered(subscriber));
    redis.run("CONFIG", "SET", "notify-keyspace-events", "n");
    redis.run("SET", "k2", "v");
    assertEquals("", redis.delivered(subscriber));
  }

  @Test
  void newStaysInForceNextToAllThoughNotPrinted() {
    final long subscriber = redis.client;
    redis.run("SUBSCRIBE", "__keyevent@0__:new");
    redis.connect();
    assertEquals("AE", eventsAfterSetting("EAn"));
    redis.run("SET", "fresh", "v");
    assertEquals("*3\r\n$7\r\nmessage\r\n$18\r\n__keyevent@0__:new\r\n$5\r\nfresh\r\n", redis.delivered(subscriber));
  }

  /**
   * One command of each class with every class on (KEAn), in the order real Redis 7.0.15 sent the
   * keyevent channel's messages: new first, then the command's own events.
   */
  @Test
  void eachEventClassIsNotifiedAsRedisNamesIt() {
    final long subscriber = redis.client;
    redis.run("PSUBSCRIBE", "__keyevent@0__:*");
    redis.connect();
    redis.run("CONFIG", "SET", "notify-keyspace-events", "EAn");
    final String[][] script = {
        {"SET s v", "new s", "set s"},
        {"APPEND s w", "append s"},
        {"INCRBY i 5", "new i", "incrby i"},
        {"SETRANGE s 1 zz", "setrange s"},
        {"EXPIRE s 100", "expire s"},
        {"PERSIST s", "persist s"},
        {"RENAME s s2", "new s2", "rename_from s", "rename_to s2"},
        {"COPY s2 s3", "new s3", "copy_to s3"},
        {"DEL s2 s3", "del s2", "del s3"},
        {"LPUSH l a b c", "new l", "lpush l"},
        {"RPOP l", "rpop l"},
        {"LINSERT l BEFORE b x", "linsert l"},
        {"SADD st a b", "new st", "sadd st"},
        {"SREM st a", "srem st"},
        {"HSET h f 1", "new h", "hset h"},
        {"HINCRBY h f 2", "hincrby h"},
        {"HDEL h f", "hdel h", "del h"},
        {"ZADD z 1 a 2 b", "new z", "zadd z"},
        {"ZINCRBY z 1 a", "zincr z"},
        {"ZREM z a", "zrem z"},
    };
    for (final String[] step : script) {
      redis.run(step[0].split(" "));
      final StringBuilder expected = new StringBuilder();
      for (int i = 1; i < step.length; i++) {
        final String[] eventKey = step[i].split(" ");
        expected.append(pmessage("__keyevent@0__:*", "__keyevent@0__:" + eventKey[0], eventKey[1]));
      }
      assertEquals(expected.toString(), redis.delivered(subscriber), step[0]);
    }
  }

  @Test
  void resp3SubscriberSeesItsOwnWriteNotifiedBeforeTheReply() {
    redis.run("HELLO", "3");
    redis.run("PSUBSCRIBE", "__keyevent@0__:*");
    redis.run("CONFIG", "SET", "notify-keyspace-events", "En");
    assertEquals(">4\r\n$8\r\npmessage\r\n$16\r\n__keyevent@0__:*\r\n$18\r\n__keyevent@0__:new\r\n$1\r\nz\r\n+OK\r\n",
        redis.run("SET", "z", "1"));
  }

  @Test
  void monitorStreamsEachCommandWithTimeDatabaseAndAddress() {
    final long monitor = redis.client;
    assertEquals("+OK\r\n", redis.run("MONITOR"));
    assertEquals("", redis.run("MONITOR"));
    redis.connect();
    redis.time(1_700_000_000_123L).run("SET", "k", "a b\"\\\u0001\n");
    assertEquals("+1700000000.123000 [0 127.0.0.1:40002] \"SET\" \"k\" \"a b\\\"\\\\\\x01\\n\"\r\n",
        redis.delivered(monitor));
    redis.run("SELECT", "1");
    assertEquals("+1700000000.123000 [1 127.0.0.1:40002] \"SELECT\" \"1\"\r\n", redis.delivered(monitor));
    redis.time(1_700_000_001_004L).run("PING");
    assertEquals("+1700000001.004000 [1 127.0.0.1:40002] \"PING\"\r\n", redis.delivered(monitor));
  }

  @Test
  void monitorRedactsCredentialsAndSkipsAdminAndRefusedCommands() {
    final long monitor = redis.client;
    redis.run("MONITOR");
    redis.connect();
    redis.run("AUTH", "a", "b");
    assertEquals("+1700000000.000000 [0 127.0.0.1:40002] \"AUTH\" \"(redacted)\" \"(redacted)\"\r\n",
        redis.delivered(monitor));
    redis.run("HELLO", "2", "AUTH", "default", "pw");
    assertEquals("+1700000000.000000 [0 127.0.0.1:40002] \"HELLO\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\"\r\n",
        redis.delivered(monitor));
    redis.run("CONFIG", "GET", "port");
    assertEquals("", redis.delivered(monitor));
    redis.run("GET");
    assertEquals("", redis.delivered(monitor));
    redis.run("NOSUCH");
    assertEquals("", redis.delivered(monitor));
    redis.run("QUIT");
    assertEquals("+1700000000.000000 [0 127.0.0.1:40002] \"QUIT\"\r\n", redis.delivered(monitor));
  }

  /** As redis-server 7.0.15 shows them: the script first, even one that fails, then its calls as "lua". */
  @Test
  void scriptsShowBeforeTheCommandsTheyRun() {
    final long monitor = redis.client;
    redis.run("MONITOR");
    redis.connect();
    redis.run("EVAL", "return redis.call('set', 'k', 'v')", "0");
    assertEquals("+1700000000.000000 [0 127.0.0.1:40002] \"EVAL\" \"return redis.call('set', 'k', 'v')\" \"0\"\r\n"
        + "+1700000000.000000 [0 lua] \"set\" \"k\" \"v\"\r\n", redis.delivered(monitor));
    redis.run("EVALSHA", "0000000000000000000000000000000000000000", "0");
    assertEquals("+1700000000.000000 [0 127.0.0.1:40002] \"EVALSHA\" \"0000000000000000000000000000000000000000\" "
        + "\"0\"\r\n", redis.delivered(monitor));
    redis.run("EVAL", "return redis.call('get', 'x', 'y')", "0");
    assertEquals("+1700000000.000000 [0 127.0.0.1:40002] \"EVAL\" \"return redis.call('get', 'x', 'y')\" \"0\"\r\n",
        redis.delivered(monitor), "a refused nested call is not shown");
  }

  @Test
  void aServedBlockingCommandIsShownOnceWhenItBlocked() {
    final long monitor = redis.client;
    redis.run("MONITOR");
    redis.connect();
    redis.run("BLPOP", "q", "0");
    assertEquals("+1700000000.000000 [0 127.0.0.1:40002] \"BLPOP\" \"q\" \"0\"\r\n", redis.delivered(monitor));
    redis.connect();
    redis.run("LPUSH", "q", "x");
    assertEquals("+1700000000.000000 [0 127.0.0.1:40003] \"LPUSH\" \"q\" \"x\"\r\n", redis.delivered(monitor));
  }

  @Test
  void resetOrDisconnectStopsMonitoring() {
    final long monitor = redis.client;
    redis.run("MONITOR");
    redis.run("RESET");
    redis.connect();
    redis.run("PING");
    assertEquals("", redis.delivered(monitor));
    redis.client = monitor;
    redis.run("MONITOR");
    redis.disconnect(monitor);
    redis.connect();
    redis.run("PING");
    assertEquals(0, redis.lastEvent().outbox.size());
  }

  @Test
  void clientOutputBufferLimitChangesOnlyTheClassesNamed() {
    final String defaults = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";
    final String prefix = "*2\r\n$26\r\nclient-output-buffer-limit\r\n$";
    assertEquals(prefix + defaults.length() + "\r\n" + defaults + "\r\n",
        redis.run("CONFIG", "GET", "client-output-buffer-limit"));
    assertEquals("+OK\r\n", redis.run("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 512kb 10"));
    assertEquals("+OK\r\n", redis.run("CONFIG", "SET", "client-output-buffer-limit", "replica 1k 2 3 normal 1 2 3"));
    final String changed = "normal 1 2 3 slave 1000 2 3 pubsub 1048576 524288 10";
    assertEquals(prefix + changed.length() + "\r\n" + changed + "\r\n",
        redis.run("CONFIG", "GET", "client-output-buffer-limit"));
    final String failed = "-ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - ";
    assertEquals(failed + "Wrong number of arguments in buffer limit configuration.\r\n",
        redis.run("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 512kb"));
    assertEquals(failed + "Invalid client class specified in buffer limit configuration.\r\n",
        redis.run("CONFIG", "SET", "client-output-buffer-limit", "master 1 1 1"));
    assertEquals(failed + "Error in hard, soft or soft_seconds setting in buffer limit configuration.\r\n",
        redis.run("CONFIG", "SET", "client-output-buffer-limit", "pubsub x 1 1"));
    assertEquals(failed + "Error in hard, soft or soft_seconds setting in buffer limit configuration.\r\n",
        redis.run("CONFIG", "SET", "client-output-buffer-limit", "pubsub -1 1 1"));
    assertEquals("+OK\r\n", redis.run("CONFIG", "SET", "client-output-buffer-limit", ""));
    assertEquals(1048576, redis.config().parameter("client-output-buffer-limit").limits().hard(2));
  }
}
