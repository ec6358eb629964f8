package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * A subscriber that never reads while 200 MB is published to it is cut off at
 * {@code client-output-buffer-limit pubsub 32mb 8mb 60} (the default), as Redis does; a client
 * next to it keeps getting its replies throughout, and the memory holding unsent replies (Netty's
 * pooled direct buffers) stays within the limit plus a margin instead of growing with what is
 * published. A server of its own, so the memory it measures is this test's.
 */
class SlowSubscriberTest {
  private static final Logger LOG = LoggerFactory.getLogger(SlowSubscriberTest.class);
  private static final int MESSAGE_BYTES = 64 * 1024;
  private static final int MESSAGES = 200 * 1024 * 1024 / MESSAGE_BYTES;
  private static final long HARD_LIMIT = 32L * 1024 * 1024;

  @Test
  void subscriberThatNeverReadsIsDisconnectedAtTheLimitWhileOthersAreServed() throws Exception {
    try (TestServer server = TestServer.start();
        Socket subscriber = new Socket();
        Jedis publisher = jedis(server);
        Jedis neighbour = jedis(server)) {
      subscriber.setReceiveBufferSize(4096);
      subscriber.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      subscriber.getOutputStream().write("SUBSCRIBE slow\r\n".getBytes(StandardCharsets.US_ASCII));
      final String confirm = "*3\r\n$9\r\nsubscribe\r\n$4\r\nslow\r\n:1\r\n";
      subscriber.setSoTimeout(10_000);
      assertEquals(confirm, new String(subscriber.getInputStream().readNBytes(confirm.length()), StandardCharsets.US_ASCII));

      final String message = "x".repeat(MESSAGE_BYTES);
      // Warm up the path with the same pipelined batches to nobody: the pools then already hold
      // what reading the publisher takes, and what grows after is the subscriber's backlog.
      final Pipeline warmUp = publisher.pipelined();
      for (int i = 0; i < 1024; i++) {
        warmUp.publish("nobody", message);
        if (i % 64 == 63) {
          warmUp.sync();
        }
      }
      final long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
      final long rssBefore = rss();
      final AtomicLong directPeak = new AtomicLong(directBefore);
      final AtomicLong rssPeak = new AtomicLong(rssBefore);
      final AtomicBoolean publishing = new AtomicBoolean(true);
      final AtomicLong pongs = new AtomicLong();
      final Thread sampler = new Thread(() -> {
        while (publishing.get()) {
          directPeak.accumulateAndGet(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(), Math::max);
          rssPeak.accumulateAndGet(rss(), Math::max);
          Thread.onSpinWait();
        }
      }, "memory-sampler");
      final Thread pinger = new Thread(() -> {
        while (publishing.get()) {
          if ("PONG".equals(neighbour.ping())) {
            pongs.incrementAndGet();
          }
        }
      }, "neighbour");
      sampler.start();
      pinger.start();

      long delivered = 0;
      long firstRefused = -1;
      final Pipeline pipeline = publisher.pipelined();
      for (int sent = 0; sent < MESSAGES; ) {
        final List<Response<Long>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 64 && sent < MESSAGES; i++, sent++) {
          batch.add(pipeline.publish("slow", message));
        }
        pipeline.sync();
        for (final Response<Long> receivers : batch) {
          if (receivers.get() == 1) {
            delivered++;
          } else if (firstRefused < 0) {
            firstRefused = delivered;
          }
        }
      }
      final long pongsWhilePublishing = pongs.get();
      publishing.set(false);
      sampler.join();
      pinger.join();

      assertTrue(firstRefused > 0, "the subscriber was cut off before the end");
      assertEquals(0L, publisher.pubsubNumSub("slow").get("slow"), "the server dropped its subscription");
      final long deliveredBytes = delivered * (MESSAGE_BYTES + 30L);
      assertTrue(deliveredBytes >= HARD_LIMIT && deliveredBytes < 2 * HARD_LIMIT,
          "cut off after about the hard limit, not before: " + deliveredBytes);
      assertTrue(pongsWhilePublishing > 0, "the neighbour was answered while the subscriber was stuck");
      assertEquals("PONG", neighbour.ping());
      final long readBeforeClose = drainUntilClosed(subscriber.getInputStream());
      assertTrue(readBeforeClose < deliveredBytes, "what it was owed past the limit was dropped, not sent");
      final long directGrowth = directPeak.get() - directBefore;
      assertTrue(directGrowth < HARD_LIMIT + 24L * 1024 * 1024,
          "unsent replies are bounded by the limit: direct memory grew by " + directGrowth);
      LOG.info("slow subscriber: {} of {} messages before the cut; direct memory peak +{} MB; RSS {} -> peak {} MB; "
              + "{} neighbour PINGs answered meanwhile; subscriber read {} MB before the close",
          delivered, MESSAGES, directGrowth >> 20, rssBefore >> 20, rssPeak.get() >> 20, pongsWhilePublishing,
          readBeforeClose >> 20);
    }
  }

  private static Jedis jedis(final TestServer server) {
    return new Jedis(new HostAndPort("127.0.0.1", server.port()), DefaultJedisClientConfig.builder().timeoutMillis(60_000).build());
  }

  /** Reads whatever the server still sent until it closed the connection; returns how much. */
  private static long drainUntilClosed(final InputStream in) throws IOException {
    final byte[] chunk = new byte[1 << 16];
    long total = 0;
    try {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        total += n;
      }
    } catch (final SocketException reset) {
      // Closed with unread data on the server side: a reset, closed all the same.
    }
    return total;
  }

  /** This process's resident set (the server runs in it), from /proc; 0 where there is none. */
  private static long rss() {
    try {
      for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (final IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
