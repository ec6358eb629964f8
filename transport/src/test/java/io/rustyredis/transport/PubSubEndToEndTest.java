package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;

/**
 * Pub/Sub and MONITOR through real clients: Jedis (RESP2), Lettuce (RESP3 pushes), redis-cli, and
 * raw sockets for the exact bytes of subscribed mode. Channel names are prefixed per test, so the
 * shared server's other users never see them.
 */
@ExtendWith(ServerExtension.class)
class PubSubEndToEndTest {
  private static final int SUBSCRIBERS = 100;
  private static final int PATTERNS = 10;
  private static final int MESSAGES = 200;

  private final TestServer server;

  PubSubEndToEndTest(final TestServer server) {
    this.server = server;
  }

  private Jedis jedis() {
    return new Jedis(new HostAndPort("127.0.0.1", server.port()), DefaultJedisClientConfig.builder().timeoutMillis(10_000).build());
  }

  /** What every subscriber must receive: message i on channel "prefix.(i % PATTERNS).i". */
  private static List<String> expected(final String prefix) {
    final List<String> out = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      out.add(prefix + "." + (i % PATTERNS) + ".* " + prefix + "." + (i % PATTERNS) + "." + i + " m" + i);
    }
    return out;
  }

  private static void publishAll(final Jedis publisher, final String prefix, final int receivers) {
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals(receivers, publisher.publish(prefix + "." + (i % PATTERNS) + "." + i, "m" + i));
    }
  }

  @Test
  void hundredJedisSubscribersOfTenPatternsEachReceiveExactlyThePublishedMessagesInOrder() throws Exception {
    final String prefix = "e2e-jedis";
    final List<List<String>> received = new ArrayList<>();
    final List<JedisPubSub> listeners = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    final CountDownLatch subscribed = new CountDownLatch(SUBSCRIBERS * PATTERNS);
    final CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
    final String[] patterns = new String[PATTERNS];
    for (int p = 0; p < PATTERNS; p++) {
      patterns[p] = prefix + "." + p + ".*";
    }
    for (int s = 0; s < SUBSCRIBERS; s++) {
      final List<String> mine = Collections.synchronizedList(new ArrayList<>());
      received.add(mine);
      final JedisPubSub listener = new JedisPubSub() {
        @Override
        public void onPSubscribe(final String pattern, final int count) {
          subscribed.countDown();
        }

        @Override
        public void onPMessage(final String pattern, final String channel, final String message) {
          mine.add(pattern + " " + channel + " " + message);
          if (mine.size() == MESSAGES) {
            done.countDown();
          }
        }
      };
      listeners.add(listener);
      final Thread thread = new Thread(() -> {
        try (Jedis subscriber = jedis()) {
          subscriber.psubscribe(listener, patterns);
        }
      }, "subscriber-" + s);
      thread.start();
      threads.add(thread);
    }
    assertTrue(subscribed.await(30, TimeUnit.SECONDS), "all subscriptions confirmed");
    try (Jedis publisher = jedis()) {
      publishAll(publisher, prefix, SUBSCRIBERS);
      assertTrue(done.await(30, TimeUnit.SECONDS), "every subscriber got every message");
      final List<String> expected = expected(prefix);
      for (final List<String> mine : received) {
        assertEquals(expected, new ArrayList<>(mine));
      }
      assertEquals(PATTERNS, publisher.pubsubNumPat(), "NUMPAT counts distinct patterns");
      for (final JedisPubSub listener : listeners) {
        listener.punsubscribe();
      }
      for (final Thread thread : threads) {
        thread.join(10_000);
      }
    }
  }

  @Test
  void hundredLettuceResp3SubscribersOfTenPatternsGetPushesInOrder() throws Exception {
    final String prefix = "e2e-lettuce";
    final RedisClient client = RedisClient.create(RedisURI.builder()
        .withHost("127.0.0.1").withPort(server.port()).withTimeout(Duration.ofSeconds(10)).build());
    client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
    final List<StatefulRedisPubSubConnection<String, String>> connections = new ArrayList<>();
    final List<List<String>> received = new ArrayList<>();
    final CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
    try {
      final String[] patterns = new String[PATTERNS];
      for (int p = 0; p < PATTERNS; p++) {
        patterns[p] = prefix + "." + p + ".*";
      }
      for (int s = 0; s < SUBSCRIBERS; s++) {
        final List<String> mine = Collections.synchronizedList(new ArrayList<>());
        received.add(mine);
        final StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
          @Override
          public void message(final String pattern, final String channel, final String message) {
            mine.add(pattern + " " + channel + " " + message);
            if (mine.size() == MESSAGES) {
              done.countDown();
            }
          }
        });
        connection.sync().psubscribe(patterns);
        connections.add(connection);
      }
      // RESP3: a subscribed connection still runs ordinary commands, replies interleaved with pushes.
      assertEquals("PONG", connections.get(0).sync().ping());
      assertEquals(null, connections.get(0).sync().get(prefix + ":missing"));
      try (Jedis publisher = jedis()) {
        publishAll(publisher, prefix, SUBSCRIBERS);
      }
      assertTrue(done.await(30, TimeUnit.SECONDS), "every subscriber got every message");
      final List<String> expected = expected(prefix);
      for (final List<String> mine : received) {
        assertEquals(expected, new ArrayList<>(mine));
      }
    } finally {
      for (final StatefulRedisPubSubConnection<String, String> connection : connections) {
        connection.close();
      }
      client.shutdown();
    }
  }

  @Test
  void resp2SubscribedModeRefusesOtherCommandsWithRedisWords() throws Exception {
    try (RawClient raw = new RawClient(server.port())) {
      final String confirm = "*3\r\n$9\r\nsubscribe\r\n$8\r\ne2e-mode\r\n:1\r\n";
      assertEquals(confirm, raw.send("SUBSCRIBE e2e-mode\r\n").read(confirm.length()));
      final String error = "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
          + "are allowed in this context\r\n";
      assertEquals(error, raw.send("GET x\r\n").read(error.length()));
      final String pong = "*2\r\n$4\r\npong\r\n$0\r\n\r\n";
      assertEquals(pong, raw.send("PING\r\n").read(pong.length()));
      assertEquals("+RESET\r\n$-1\r\n", raw.send("RESET\r\nGET e2e-mode:none\r\n").read(13));
    }
  }

  @Test
  void jedisMonitorSeesAnotherClientsCommands() throws Exception {
    final AtomicReference<String> seen = new AtomicReference<>();
    final CountDownLatch got = new CountDownLatch(1);
    final CountDownLatch monitoring = new CountDownLatch(1);
    final Jedis monitorClient = jedis();
    final Thread thread = new Thread(() -> monitorClient.monitor(new JedisMonitor() {
      @Override
      public void onCommand(final String command) {
        if (command.contains("e2e-monitor")) {
          seen.set(command);
          got.countDown();
          client.close();
        }
      }

      @Override
      public void proceed(final redis.clients.jedis.Connection connection) {
        monitoring.countDown();
        super.proceed(connection);
      }
    }), "monitor");
    thread.setDaemon(true);
    thread.start();
    assertTrue(monitoring.await(10, TimeUnit.SECONDS));
    try (Jedis other = jedis()) {
      // MONITOR's +OK may still be on its way: repeat until the stream shows the command.
      for (int i = 0; i < 100 && got.getCount() > 0; i++) {
        other.set("e2e-monitor", "v a\"l");
        got.await(100, TimeUnit.MILLISECONDS);
      }
    }
    assertTrue(got.await(10, TimeUnit.SECONDS));
    assertTrue(seen.get().matches("\\d{10}\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] \"SET\" \"e2e-monitor\" \"v a\\\\\"l\""),
        seen.get());
  }

  @Test
  void redisCliMonitorShowsCommands() throws Exception {
    final Process cli = new ProcessBuilder("redis-cli", "-p", String.valueOf(server.port()), "monitor")
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8));
        Jedis other = jedis()) {
      assertEquals("OK", out.readLine());
      other.set("e2e-cli-monitor", "1");
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.contains("e2e-cli-monitor"));
      assertTrue(line != null && line.matches("\\d{10}\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] \"SET\" \"e2e-cli-monitor\" \"1\""),
          String.valueOf(line));
    } finally {
      cli.destroy();
      cli.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void keyspaceNotificationsReachJedisSubscribers() throws Exception {
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch got = new CountDownLatch(2);
    final JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onSubscribe(final String channel, final int count) {
        subscribed.countDown();
      }

      @Override
      public void onMessage(final String channel, final String message) {
        received.add(channel + " " + message);
        got.countDown();
      }
    };
    final Thread thread = new Thread(() -> {
      try (Jedis subscriber = jedis()) {
        subscriber.subscribe(listener, "__keyevent@0__:expired", "__keyspace@0__:e2e-notify");
      }
    });
    thread.start();
    assertTrue(subscribed.await(10, TimeUnit.SECONDS));
    try (Jedis other = jedis()) {
      assertEquals("OK", other.configSet("notify-keyspace-events", "KEx"));
      try {
        other.psetex("e2e-notify", 1, "v");
        assertTrue(got.await(10, TimeUnit.SECONDS), "the expire cycle finds the key");
      } finally {
        other.configSet("notify-keyspace-events", "");
      }
    }
    assertEquals(List.of("__keyspace@0__:e2e-notify expired", "__keyevent@0__:expired e2e-notify"), received);
    listener.unsubscribe();
    thread.join(10_000);
  }

  @Test
  void pipelinedPublishesKeepTheirOrderForAJedisSubscriber() throws Exception {
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);
    final JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onSubscribe(final String channel, final int count) {
        subscribed.countDown();
      }

      @Override
      public void onMessage(final String channel, final String message) {
        received.add(message);
        if (received.size() == 5_000) {
          done.countDown();
        }
      }
    };
    final Thread thread = new Thread(() -> {
      try (Jedis subscriber = jedis()) {
        subscriber.subscribe(listener, "e2e-pipelined");
      }
    });
    thread.start();
    assertTrue(subscribed.await(10, TimeUnit.SECONDS));
    final List<String> expected = new ArrayList<>();
    try (Jedis publisher = jedis()) {
      final Pipeline pipeline = publisher.pipelined();
      for (int i = 0; i < 5_000; i++) {
        pipeline.publish("e2e-pipelined", "p" + i);
        expected.add("p" + i);
      }
      pipeline.sync();
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertEquals(expected, new ArrayList<>(received));
    listener.unsubscribe();
    thread.join(10_000);
  }
}
