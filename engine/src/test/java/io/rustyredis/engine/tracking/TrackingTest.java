package io.rustyredis.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** CLIENT TRACKING as redis-server 7.0.15 answered the same sessions (captured with raw sockets). */
class TrackingTest {
  private static final String INVALIDATE_K1 = ">2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\nk1\r\n";
  private final EngineHarness redis = new EngineHarness();

  private long trackingClient(final String... options) {
    final long id = redis.connect();
    redis.run("HELLO", "3");
    final String[] command = new String[3 + options.length];
    command[0] = "CLIENT";
    command[1] = "TRACKING";
    command[2] = "ON";
    System.arraycopy(options, 0, command, 3, options.length);
    assertEquals("+OK\r\n", redis.run(command));
    return id;
  }

  @Test
  void aReadKeyIsInvalidatedOnceWhenAnotherClientChangesIt() {
    final long reader = trackingClient();
    assertEquals("_\r\n", redis.run("GET", "k1"));
    assertEquals("*2\r\n_\r\n_\r\n", redis.run("MGET", "k2", "k3"));
    final long writer = redis.connect();
    assertEquals("+OK\r\n", redis.run("SET", "k1", "v"));
    assertEquals(INVALIDATE_K1, redis.delivered(reader));
    redis.run("SET", "k1", "v");
    assertEquals("", redis.delivered(reader), "the key left the table with the first message");
    redis.client = reader;
    assertEquals("+OK\r\n", redis.run("SET", "k2", "x"));
    assertEquals(">2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\nk2\r\n", redis.delivered(reader),
        "its own write too, after its reply");
    redis.client = writer;
    redis.run("FLUSHALL");
    assertEquals(">2\r\n$10\r\ninvalidate\r\n_\r\n", redis.delivered(reader));
    assertTrue(redis.run("INFO", "clients").contains("\r\ntracking_clients:1\r\n"));
  }

  @Test
  void optinTracksOnlyAfterCachingYes() {
    final long reader = trackingClient("OPTIN");
    assertEquals("%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$5\r\noptin\r\n$8\r\nredirect\r\n:0\r\n"
        + "$8\r\nprefixes\r\n*0\r\n", redis.run("CLIENT", "TRACKINGINFO"));
    redis.run("GET", "k4");
    assertEquals("+OK\r\n", redis.run("CLIENT", "CACHING", "yes"));
    redis.run("GET", "k5");
    redis.connect();
    redis.run("SET", "k4", "1");
    assertEquals("", redis.delivered(reader));
    redis.run("SET", "k5", "1");
    assertEquals(">2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\nk5\r\n", redis.delivered(reader));
    redis.client = reader;
    assertEquals("-ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then "
        + "re-enabling it with a different mode.\r\n", redis.run("CLIENT", "TRACKING", "ON", "OPTOUT"));
    assertEquals("-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n",
        redis.run("CLIENT", "CACHING", "no"));
  }

  @Test
  void bcastSendsKeysUnderItsPrefixes() {
    final long listener = trackingClient("BCAST", "PREFIX", "user:", "PREFIX", "obj:");
    redis.connect();
    redis.run("SET", "user:1", "x");
    assertEquals(">2\r\n$10\r\ninvalidate\r\n*1\r\n$6\r\nuser:1\r\n", redis.delivered(listener));
    redis.run("SET", "other", "x");
    assertEquals("", redis.delivered(listener));
    redis.run("MSET", "obj:1", "a", "obj:2", "b");
    assertEquals(">2\r\n$10\r\ninvalidate\r\n*2\r\n$5\r\nobj:1\r\n$5\r\nobj:2\r\n", redis.delivered(listener),
        "one array for the keys of one event");
    redis.client = listener;
    assertEquals("-ERR Prefix 'us' overlaps with an existing prefix 'user:'. Prefixes for a single client must not "
        + "overlap.\r\n", redis.run("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "us"));
    final String stats = redis.run("INFO", "stats");
    assertTrue(stats.contains("\r\ntracking_total_prefixes:2\r\n"), stats);
    assertTrue(redis.run("CLIENT", "INFO").contains(" flags=tB "));
    assertEquals("+OK\r\n", redis.run("CLIENT", "TRACKING", "OFF"));
    assertTrue(redis.run("INFO", "stats").contains("\r\ntracking_total_prefixes:0\r\n"));
  }

  @Test
  void redirectedToASubscribedResp2Client() {
    final long subscriber = redis.connect();
    redis.run("SUBSCRIBE", "__redis__:invalidate");
    final long reader = redis.connect();
    assertEquals("+OK\r\n", redis.run("CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(subscriber)));
    assertEquals(":" + subscriber + "\r\n", redis.run("CLIENT", "GETREDIR"));
    redis.run("GET", "r1");
    redis.connect();
    redis.run("SET", "r1", "z");
    assertEquals("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$2\r\nr1\r\n",
        redis.delivered(subscriber));
    assertEquals("", redis.delivered(reader));
  }

  @Test
  void noloopSparesTheWriterButForgetsTheKey() {
    final long reader = trackingClient("NOLOOP");
    redis.run("GET", "n1");
    redis.run("SET", "n1", "v");
    assertEquals("", redis.delivered(reader));
    redis.connect();
    redis.run("SET", "n1", "w");
    assertEquals("", redis.delivered(reader));
  }

  @Test
  void refusalsInRedisWords() {
    redis.run("HELLO", "3");
    assertEquals("-ERR PREFIX option requires BCAST mode to be enabled\r\n",
        redis.run("CLIENT", "TRACKING", "ON", "PREFIX", "x"));
    assertEquals("-ERR The client ID you want redirect to does not exist\r\n",
        redis.run("CLIENT", "TRACKING", "ON", "REDIRECT", "99999"));
    assertEquals("-ERR syntax error\r\n", redis.run("CLIENT", "TRACKING", "ON", "FOO"));
    assertEquals("-ERR syntax error\r\n", redis.run("CLIENT", "TRACKING", "MAYBE"));
    assertEquals("-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n",
        redis.run("CLIENT", "TRACKING", "ON", "BCAST", "OPTIN"));
    assertEquals("-ERR You can't use both OPTIN and OPTOUT\r\n",
        redis.run("CLIENT", "TRACKING", "ON", "OPTIN", "OPTOUT"));
    assertEquals("-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT "
        + "mode enabled\r\n", redis.run("CLIENT", "CACHING", "yes"));
    assertEquals(":-1\r\n", redis.run("CLIENT", "GETREDIR"));
    assertEquals("+OK\r\n", redis.run("CLIENT", "TRACKING", "ON"));
    assertEquals("-ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.\r\n",
        redis.run("CLIENT", "CACHING", "yes"));
    assertEquals("-ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then "
        + "re-enabling it with a different mode.\r\n", redis.run("CLIENT", "TRACKING", "ON", "BCAST"));
  }

  @Test
  void expiryInvalidatesLikeAWrite() {
    final long reader = trackingClient();
    redis.connect();
    redis.run("SET", "e1", "v", "PX", "50");
    redis.client = reader;
    redis.run("GET", "e1");
    redis.advance(100);
    redis.connect();
    assertEquals("$-1\r\n", redis.run("GET", "e1"));
    assertEquals(">2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\ne1\r\n", redis.delivered(reader));
  }

  @Test
  void aScriptsReadsAreTrackedForItsCaller() {
    final long reader = trackingClient();
    redis.run("EVAL", "return redis.call('get', KEYS[1])", "1", "s1");
    redis.connect();
    redis.run("SET", "s1", "v");
    assertEquals(">2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\ns1\r\n", redis.delivered(reader));
  }

  @Test
  void aBrokenRedirectIsReported() {
    final long target = redis.connect();
    final long reader = trackingClient("REDIRECT", Long.toString(target));
    redis.run("GET", "b1");
    redis.disconnect(target);
    redis.connect();
    redis.run("SET", "b1", "v");
    assertEquals(">2\r\n$21\r\ntracking-redir-broken\r\n:" + target + "\r\n", redis.delivered(reader));
    redis.client = reader;
    assertTrue(redis.run("CLIENT", "INFO").contains(" flags=tR "));
  }
}
