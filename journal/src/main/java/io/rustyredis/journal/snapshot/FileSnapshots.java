package io.rustyredis.journal.snapshot;

import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.rdb.RdbOutput;
import io.rustyredis.engine.rdb.Snapshots;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Snapshots as files: {@code dir/dbfilename}, written as Redis writes it (a {@code temp-<pid>-<n>.rdb}
 * beside it, forced to disk, renamed over the old file, then the directory forced), so a crash
 * mid-write leaves the previous snapshot whole. Background saves run one at a time on a single
 * daemon thread; the engine never waits for them.
 *
 * <p>Where the file goes is read from the config when a save starts, on the engine thread, so
 * CONFIG SET dir / dbfilename take effect for the next save as in Redis.
 */
public final class FileSnapshots implements Snapshots, AutoCloseable {
  private final Config config;
  private final AtomicLong sequence = new AtomicLong();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
    final Thread t = new Thread(runnable, "rusty-bgsave");
    t.setDaemon(true);
    return t;
  });

  public FileSnapshots(final Config config) {
    this.config = config;
  }

  /** The snapshot file the config names now. */
  public Path file() {
    return Path.of(config.get("dir")).resolve(config.get("dbfilename"));
  }

  /** The bytes of the snapshot file, or null when there is none. */
  public byte[] read() throws IOException {
    try {
      return Files.readAllBytes(file());
    } catch (final NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void save(final RdbOutput image) throws IOException {
    write(image, file());
  }

  @Override
  public CompletableFuture<Void> saveInBackground(final RdbOutput image) {
    final Path target = file();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    writer.execute(() -> {
      try {
        write(image, target);
        done.complete(null);
      } catch (final IOException | RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  /** Writes the whole image to {@code file} (created or truncated) and forces it to disk. */
  public static void writeForced(final RdbOutput image, final Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      final List<byte[]> chunks = image.chunks();
      for (int i = 0; i < chunks.size(); i++) {
        final int length = i == chunks.size() - 1 ? image.lastChunkLength() : chunks.get(i).length;
        final ByteBuffer buffer = ByteBuffer.wrap(chunks.get(i), 0, length);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      channel.force(true);
    }
  }

  private void write(final RdbOutput image, final Path target) throws IOException {
    final Path dir = target.toAbsolutePath().getParent();
    final Path temp = dir.resolve("temp-" + ProcessHandle.current().pid() + "-" + sequence.incrementAndGet() + ".rdb");
    try {
      writeForced(image, temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (final AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(dir);
  }

  /** Makes the rename itself durable, as Redis's {@code fsyncFileDir}. */
  private static void forceDirectory(final Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Lets a background save in progress finish, then stops the writer thread. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(1, TimeUnit.MINUTES);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
