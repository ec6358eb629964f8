package io.rustyredis.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PUBLISH throughput side by side: one publisher pipelining PUBLISH (a window of commands in
 * flight, as redis-benchmark's {@code -P}) to a channel with 1, 10 and 100 subscribers, against
 * each server in turn, alternating A B A B per round and keeping the median.
 *
 * <p>Reports publishes per second (PUBLISH replies received per second) and messages delivered per
 * second (every subscriber's messages, counted until the last one arrived). Subscribers are read
 * by one selector thread that only counts bytes: every message has the same size, so bytes say how
 * many arrived without parsing, and the reader costs the servers as little CPU as possible on a
 * small machine.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.rustyredis.bench.PubSubLoad \
 *       --targets rusty-redis=7000,redis-server=7001 [--rounds 3] [--window 64] [--payload 16]
 *       [--subscribers 1,10,100]
 * </pre>
 */
public final class PubSubLoad {

  private PubSubLoad() {}

  public static void main(final String[] argv) throws Exception {
    String targets = null;
    int rounds = 3;
    int window = 64;
    int payload = 16;
    String counts = "1,10,100";
    for (int i = 0; i + 1 < argv.length; i += 2) {
      switch (argv[i]) {
        case "--targets": targets = argv[i + 1]; break;
        case "--rounds": rounds = Integer.parseInt(argv[i + 1]); break;
        case "--window": window = Integer.parseInt(argv[i + 1]); break;
        case "--payload": payload = Integer.parseInt(argv[i + 1]); break;
        case "--subscribers": counts = argv[i + 1]; break;
        default: throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    if (targets == null) {
      throw new IllegalArgumentException("--targets name=port,name=port is required");
    }
    final String[] named = targets.split(",");
    System.out.printf(Locale.ROOT, "%-13s %5s %10s %16s %18s%n", "server", "subs", "messages", "PUBLISH/s", "delivered msgs/s");
    for (final String count : counts.split(",")) {
      final int subscribers = Integer.parseInt(count);
      final int messages = subscribers == 1 ? 300_000 : subscribers == 10 ? 150_000 : 30_000;
      final double[][] publishes = new double[named.length][rounds];
      final double[][] deliveries = new double[named.length][rounds];
      for (int round = 0; round < rounds; round++) {
        for (int t = 0; t < named.length; t++) {
          final int port = Integer.parseInt(named[t].split("=")[1]);
          final double[] result = run(port, subscribers, messages, window, payload);
          publishes[t][round] = result[0];
          deliveries[t][round] = result[1];
        }
      }
      for (int t = 0; t < named.length; t++) {
        System.out.printf(Locale.ROOT, "%-13s %5d %10d %16.0f %18.0f%n", named[t].split("=")[0], subscribers, messages,
            median(publishes[t]), median(deliveries[t]));
      }
    }
  }

  /** One measurement: {publishes per second, deliveries per second}. */
  static double[] run(final int port, final int subscribers, final int messages, final int window, final int payload)
      throws IOException, InterruptedException {
    final String channel = "bench-" + Long.toHexString(System.nanoTime());
    final byte[] body = new byte[payload];
    Arrays.fill(body, (byte) 'x');
    final String message = new String(body, StandardCharsets.US_ASCII);
    final long messageBytes = ("*3\r\n$7\r\nmessage\r\n$" + channel.length() + "\r\n" + channel + "\r\n$" + payload + "\r\n"
        + message + "\r\n").length();
    final byte[] confirm = ("*3\r\n$9\r\nsubscribe\r\n$" + channel.length() + "\r\n" + channel + "\r\n:1\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    final Selector selector = Selector.open();
    final List<SocketChannel> readers = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      final SocketChannel reader = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
      reader.write(ByteBuffer.wrap(command("SUBSCRIBE", channel)));
      final ByteBuffer expect = ByteBuffer.allocate(confirm.length);
      while (expect.hasRemaining()) {
        reader.read(expect);
      }
      reader.configureBlocking(false);
      reader.register(selector, SelectionKey.OP_READ);
      readers.add(reader);
    }
    final long expectedBytes = messageBytes * messages * subscribers;
    final AtomicLong received = new AtomicLong();
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong lastArrival = new AtomicLong();
    final Thread counter = new Thread(() -> count(selector, received, expectedBytes, lastArrival, running), "subscribers");
    counter.start();

    try (Socket publisher = new Socket("127.0.0.1", port)) {
      publisher.setTcpNoDelay(true);
      final OutputStream out = publisher.getOutputStream();
      final InputStream in = publisher.getInputStream();
      final byte[] publish = command("PUBLISH", channel, message);
      final byte[] batch = new byte[publish.length * window];
      for (int i = 0; i < window; i++) {
        System.arraycopy(publish, 0, batch, i * publish.length, publish.length);
      }
      final byte[] replies = new byte[1 << 16];
      final long start = System.nanoTime();
      int sent = 0;
      while (sent < messages) {
        final int n = Math.min(window, messages - sent);
        out.write(batch, 0, n * publish.length);
        sent += n;
        int lines = 0;
        while (lines < n) {
          final int read = in.read(replies);
          if (read < 0) {
            throw new IOException("server closed the publisher");
          }
          for (int i = 0; i < read; i++) {
            if (replies[i] == '\n') {
              lines++;
            }
          }
        }
      }
      final long published = System.nanoTime();
      counter.join(120_000);
      running.set(false);
      counter.join();
      for (final SocketChannel reader : readers) {
        reader.close();
      }
      selector.close();
      if (received.get() < expectedBytes) {
        throw new IOException("subscribers got " + received.get() + " of " + expectedBytes + " bytes");
      }
      final double publishSeconds = (published - start) / 1e9;
      final double deliverySeconds = (lastArrival.get() - start) / 1e9;
      return new double[] {messages / publishSeconds, (double) messages * subscribers / deliverySeconds};
    }
  }

  private static void count(
      final Selector selector, final AtomicLong received, final long expected, final AtomicLong lastArrival,
      final AtomicBoolean running) {
    final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    try {
      while (running.get() && received.get() < expected) {
        selector.select(100);
        for (final SelectionKey key : selector.selectedKeys()) {
          buffer.clear();
          final int n = ((SocketChannel) key.channel()).read(buffer);
          if (n > 0) {
            received.addAndGet(n);
            lastArrival.set(System.nanoTime());
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (final IOException e) {
      throw new IllegalStateException("subscriber read failed", e);
    }
  }

  private static byte[] command(final String... args) {
    final StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
    for (final String arg : args) {
      out.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static double median(final double[] values) {
    final double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
