package io.rustyredis.bench;

import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.rdb.RdbOutput;
import io.rustyredis.journal.snapshot.FileSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How long a snapshot of N small string keys takes, in its two parts: serializing the keyspace on
 * the engine thread (the pause BGSAVE costs, since that is how it gets a consistent view without
 * fork) and writing the file (temp file, fsync, rename: what BGSAVE does in the background), then
 * loading it back into a fresh engine. Keys are Redis's {@code DEBUG POPULATE} shape, {@code
 * key:<i>} = {@code value:<i>}, so the figure compares with {@code redis-server}'s SAVE of the same
 * data.
 *
 * <pre>
 *   java -Xmx8g -cp bench/target/classes:$(cat cp.txt) io.rustyredis.bench.SnapshotBench 5000000 /tmp/snapdir
 * </pre>
 */
public final class SnapshotBench {
  private SnapshotBench() {}

  public static void main(final String[] args) throws Exception {
    final int keys = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    final Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("snapshot-bench");
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
      for (int round = 0; round < 3; round++) {
        final long serializeStart = System.nanoTime();
        final RdbOutput image = engine.persistence().image(now);
        report("serialize on the engine thread (" + image.length() / (1 << 20) + " MiB)", keys, serializeStart);
        final long writeStart = System.nanoTime();
        files.save(image);
        report("write temp file + fsync + rename", keys, writeStart);
      }
      final byte[] rdb = files.read();
      final Engine fresh = new Engine(config, ServerInfo.forTests(), Throwable::printStackTrace);
      final long loadStart = System.nanoTime();
      final long loaded = fresh.persistence().load(rdb, now);
      report("load into a fresh engine (" + loaded + " keys)", keys, loadStart);
    }
  }

  private static void report(final String what, final int keys, final long startNanos) {
    final double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(Locale.ROOT, "%-50s %8.3f s  %10.0f keys/s%n", what, seconds, keys / seconds);
  }
}
