package io.rustyredis.bench;

import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.rdb.RdbOutput;
import io.rustyredis.journal.snapshot.FileSnapshots;
import io.rustyredis.engine.rdb.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long a snapshot of N small string keys takes, in its two parts: serializing the keyspace on
 * the engine thread (the pause BGSAVE costs, since that is how it gets a consistent view without
 * fork) and writing the file (temp file, fsync, rename: what BGSAVE does in the background), then
 * loading it back into a fresh engine. Keys are Redis's {@code DEBUG POPULATE} shape, {@code
 * key:<i>} = {@code value:<i>}, so the figure compares with {@code redis-server}'s SAVE of the same
 * data.
 *
 * <p>Then BGSAVE as the server runs it: the walk in slices at batch ends, driven here by back-to-
 * back ticks each followed by a GET, as a stand-in for traffic. It reports the longest single
 * event (the worst pause a client sees), how many slices the walk took (at one tick per 10 ms on
 * an idle server, that many times 10 ms of wall time) and the walk's total engine time.
 *
 * <pre>
 *   java -Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *       io.rustyredis.bench.SnapshotBench 5000000 /tmp/snapdir [saves]
 * </pre>
 */
public final class SnapshotBench {
  private SnapshotBench() {}

  public static void main(final String[] args) throws Exception {
    final int keys = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    final Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("snapshot-bench");
    final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    final long now = System.currentTimeMillis();
    final Config config = new Config();
    config.set("dir", dir.toString());
    final Engine engine = new Engine(config, ServerInfo.forTests(), Throwable::printStackTrace);
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.CONNECT, 1, null, now);
    event.text = "127.0.0.1:40001 127.0.0.1:6379";
    engine.onEvent(event, 0, true);
    final long fillStart = System.nanoTime();
    for (int i = 0; i < keys; i++) {
      event.reset(EventType.COMMAND, 1, null, now);
      event.args.add("SET").add("key:" + i).add("value:" + i);
      engine.onEvent(event, i + 1, true);
    }
    report("fill (SET through the engine)", keys, fillStart);
    try (FileSnapshots files = new FileSnapshots(config)) {
      for (int round = 0; round < rounds; round++) {
        final long serializeStart = System.nanoTime();
        final RdbOutput image = engine.persistence().image(now);
        report("serialize on the engine thread (" + image.length() / (1 << 20) + " MiB)", keys, serializeStart);
        final long writeStart = System.nanoTime();
        files.save(image);
        report("write temp file + fsync + rename", keys, writeStart);
      }
      bgsave(engine, event, keys, now, files);
      final byte[] rdb = files.read();
      final Engine fresh = new Engine(config, ServerInfo.forTests(), Throwable::printStackTrace);
      final long loadStart = System.nanoTime();
      final long loaded = fresh.persistence().load(rdb, now);
      report("load into a fresh engine (" + loaded + " keys)", keys, loadStart);
    }
  }

  private static void bgsave(
      final Engine engine, final CommandEvent event, final int keys, final long now, final FileSnapshots files) {
    engine.metrics().clock(System::nanoTime);
    final AtomicReference<CompletableFuture<Void>> written = new AtomicReference<>();
    engine.persistence().snapshots(new Snapshots() {
      @Override
      public void save(final RdbOutput image) throws IOException {
        files.save(image);
      }

      @Override
      public CompletableFuture<Void> saveInBackground(final RdbOutput image) {
        final CompletableFuture<Void> future = files.saveInBackground(image);
        written.set(future);
        return future;
      }
    });
    long sequence = keys + 1L;
    long time = now;
    final long start = System.nanoTime();
    event.reset(EventType.COMMAND, 1, null, time);
    event.args.add("BGSAVE");
    engine.onEvent(event, sequence++, true);
    final long first = System.nanoTime() - start;
    long longest = first;
    long busy = first;
    long events = 1;
    final long[] over = new long[4];
    while (engine.persistence().walking()) {
      time += 10;
      event.reset(EventType.TICK, 0, null, time);
      long t0 = System.nanoTime();
      engine.onEvent(event, sequence++, true);
      long pause = System.nanoTime() - t0;
      longest = Math.max(longest, pause);
      busy += pause;
      count(over, pause);
      event.reset(EventType.COMMAND, 1, null, time);
      event.args.add("GET").add("key:" + (events % keys));
      t0 = System.nanoTime();
      engine.onEvent(event, sequence++, true);
      pause = System.nanoTime() - t0;
      longest = Math.max(longest, pause);
      busy += pause;
      count(over, pause);
      events += 2;
    }
    final long walked = System.nanoTime() - start;
    System.out.printf(Locale.ROOT, "%-50s %8.3f ms%n", "BGSAVE command (first slice)", first / 1e6);
    System.out.printf(Locale.ROOT, "%-50s %8.3f ms%n", "longest single event while the walk ran", longest / 1e6);
    System.out.printf(Locale.ROOT, "%-50s %8d (ticks %d)%n", "events while the walk ran", events, events / 2);
    System.out.printf(Locale.ROOT, "%-50s %d, %d, %d, %d%n", "events over 1.5, 2, 5, 20 ms", over[0], over[1], over[2],
        over[3]);
    System.out.printf(Locale.ROOT, "%-50s %8.3f s%n", "walk, engine time (all events)", busy / 1e9);
    System.out.printf(Locale.ROOT, "%-50s %8.3f s%n", "walk, wall time back to back", walked / 1e9);
    final long writeStart = System.nanoTime();
    written.get().join();
    report("BGSAVE background write after the walk", keys, writeStart);
  }

  private static void count(final long[] over, final long nanos) {
    final long[] limits = {1_500_000, 2_000_000, 5_000_000, 20_000_000};
    for (int i = 0; i < limits.length; i++) {
      if (nanos > limits[i]) {
        over[i]++;
      }
    }
  }

  private static void report(final String what, final int keys, final long startNanos) {
    final double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(Locale.ROOT, "%-50s %8.3f s  %10.0f keys/s%n", what, seconds, keys / seconds);
  }
}
