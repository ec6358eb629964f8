package io.rustyredis.journal;

import io.rustyredis.engine.rdb.JournalBase;
import io.rustyredis.engine.rdb.RdbOutput;
import io.rustyredis.journal.snapshot.FileSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's directory ({@code dir/appenddirname}) as Redis 7.0 lays out its multi-part AOF: a
 * base, which is an RDB snapshot ({@code appendonly.aof.<seq>.base.rdb}), the incremental journals
 * written after it, each a Chronicle queue in a directory of its own ({@code
 * appendonly.aof.<seq>.incr.cq}), and a manifest naming them in replay order, in Redis's own
 * syntax ({@code file <name> seq <n> type b|i}). Base then incrementals, in that order, rebuild the
 * dataset; the manifest is the only thing that says which files count, and it is replaced
 * atomically (temp file, force, rename, directory force).
 *
 * <p>Why this shape rather than a "base starts here" marker inside one queue: what a base covers is
 * then a whole directory, so compaction deletes closed queues and never has to cut cycle files out
 * of a live one (Chronicle's directory listing and store tracking would have to agree), a crash at
 * any point leaves a manifest that names a complete set, and the files read the way Redis users
 * already know.
 *
 * <p>A rewrite: the engine starts its walk and marks the event ({@link #begin}); the journal stage,
 * reaching that event, closes its queue and {@link #rebase}s to a new incremental one, listed after
 * the old ones (so a crash during the rewrite replays old base and every journal). When the image is
 * complete, {@link #saveBase} writes it on a background thread, waits until the journal stage has
 * passed the mark, and publishes a manifest of the new base and the journals from the mark on;
 * then the old base and journals are deleted. A directory of queue files with no manifest (the
 * layout before this class) is read as one journal with no base.
 */
public final class JournalManifest implements JournalBase, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalManifest.class);
  /** The name a layout without a manifest gives its one journal: the directory itself. */
  private static final String LEGACY = ".";

  /** One line of the manifest. */
  private record Entry(String name, long seq) {}

  private final Path dir;
  private final String prefix;
  private final Path manifestFile;
  private Entry base;
  private final List<Entry> incrs = new ArrayList<>();
  private long seq;
  private long requested;
  private long rebased;
  private long pendingSeq = -1;
  private long bytesAtRebase;
  private boolean closed;
  private final AtomicLong incrBytes = new AtomicLong();
  private volatile long baseBytes;
  private volatile long rewriteBase;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
    final Thread t = new Thread(runnable, "rusty-aof-rewrite");
    t.setDaemon(true);
    return t;
  });

  private JournalManifest(final Path dir, final String appendfilename) {
    this.dir = dir;
    this.prefix = appendfilename;
    this.manifestFile = dir.resolve(appendfilename + ".manifest");
  }

  /** Reads the manifest in {@code dir}, if any; a manifest it cannot parse stops the start. */
  public static JournalManifest open(final Path dir, final String appendfilename) {
    final JournalManifest m = new JournalManifest(dir, appendfilename);
    try {
      if (Files.exists(m.manifestFile)) {
        m.parse(Files.readAllLines(m.manifestFile, StandardCharsets.UTF_8));
      } else if (JournalReader.exists(dir)) {
        m.incrs.add(new Entry(LEGACY, 0));
      }
      if (m.base != null) {
        m.baseBytes = Files.size(dir.resolve(m.base.name));
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot read the journal's manifest " + m.manifestFile + ": " + e, e);
    }
    return m;
  }

  private void parse(final List<String> lines) {
    for (final String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      final String[] w = line.trim().split("\\s+");
      if (w.length != 6 || !w[0].equals("file") || !w[2].equals("seq") || !w[4].equals("type")
          || !(w[5].equals("b") || w[5].equals("i"))) {
        throw new IllegalStateException("Invalid journal manifest " + manifestFile + " line: " + line);
      }
      final Entry entry = new Entry(w[1], Long.parseLong(w[3]));
      if (w[5].equals("b")) {
        base = entry;
      } else {
        incrs.add(entry);
      }
      seq = Math.max(seq, entry.seq);
    }
  }

  /** The base RDB file, or null when the journal has none. */
  public synchronized Path base() {
    return base == null ? null : dir.resolve(base.name);
  }

  /** The incremental journals, oldest first: replayed in this order after the base. */
  public synchronized List<Path> incrementals() {
    final List<Path> paths = new ArrayList<>();
    for (final Entry e : incrs) {
      paths.add(dir.resolve(e.name));
    }
    return paths;
  }

  /** The journal appends go to: the newest incremental one, created (and listed) when there is none. */
  public synchronized Path current() {
    if (incrs.isEmpty()) {
      addIncremental();
    }
    return dir.resolve(incrs.get(incrs.size() - 1).name);
  }

  /**
   * The journal stage has reached the event a rewrite was marked in and closed its queue: appends
   * from here on go to a new incremental journal, listed after the others until the base lands.
   */
  public synchronized void rebase() {
    pendingSeq = addIncremental();
    bytesAtRebase = incrBytes.get();
    rebased++;
    notifyAll();
  }

  /**
   * The journal stage reached the mark but could not cut there (appends were failing, and what it
   * kept belongs before the mark): the rewrite waiting for it fails and the journal stays whole.
   */
  public synchronized void cancelRebase() {
    pendingSeq = -1;
    rebased++;
    notifyAll();
  }

  private long addIncremental() {
    seq++;
    incrs.add(new Entry(prefix + "." + seq + ".incr.cq", seq));
    writeManifest();
    return seq;
  }

  /** Bytes appended to the current journal (document and header), for the rewrite sizes. */
  public void appended(final long bytes) {
    incrBytes.addAndGet(bytes);
  }

  /** Bytes of journal replayed at startup: the growth the automatic rewrite measures starts there. */
  public void loaded(final long bytes) {
    incrBytes.set(bytes);
    rewriteBase = currentSize();
  }

  @Override
  public synchronized void begin() {
    requested++;
  }

  @Override
  public CompletableFuture<Void> saveBase(final RdbOutput image) {
    final long target;
    synchronized (this) {
      target = requested;
    }
    final CompletableFuture<Void> done = new CompletableFuture<>();
    writer.execute(() -> {
      try {
        install(image, target);
        done.complete(null);
      } catch (final IOException | RuntimeException e) {
        done.completeExceptionally(e);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  /** Writes the base, waits for the journal stage to pass the mark, then swaps the manifest. */
  private void install(final RdbOutput image, final long target) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    final Path temp = dir.resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".rdb");
    try {
      FileSnapshots.writeForced(image, temp);
      final List<Entry> dropped = new ArrayList<>();
      synchronized (this) {
        while (rebased < target && !closed) {
          wait(100);
        }
        if (rebased < target) {
          throw new IOException("journal closed before the rewrite's start was reached");
        }
        if (pendingSeq < 0) {
          throw new IOException("the journal could not be cut at the rewrite's start: appends were failing");
        }
        final Entry newBase = new Entry(prefix + "." + pendingSeq + ".base.rdb", pendingSeq);
        move(temp, dir.resolve(newBase.name));
        if (base != null) {
          dropped.add(base);
        }
        for (final Entry e : incrs) {
          if (e.seq < pendingSeq) {
            dropped.add(e);
          }
        }
        incrs.removeAll(dropped);
        base = newBase;
        writeManifest();
        baseBytes = image.length();
        incrBytes.addAndGet(-bytesAtRebase);
        rewriteBase = currentSize();
        pendingSeq = -1;
      }
      for (final Entry e : dropped) {
        delete(e);
      }
      LOG.info("Background AOF rewrite finished successfully: base {}, {} old file(s) removed", base.name,
          dropped.size());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Removes a file the manifest no longer names (the journal stage closed it before rebasing). */
  private void delete(final Entry e) throws IOException {
    final Path path = dir.resolve(e.name);
    if (e.name.equals(LEGACY)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (final Path f : (Iterable<Path>) files::iterator) {
          final String n = f.getFileName().toString();
          if (n.endsWith(".cq4") || n.endsWith(".cq4t")) {
            Files.delete(f);
          }
        }
      }
      return;
    }
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (final Path f : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }

  private synchronized void writeManifest() {
    final StringBuilder text = new StringBuilder();
    if (base != null) {
      text.append("file ").append(base.name).append(" seq ").append(base.seq).append(" type b\n");
    }
    for (final Entry e : incrs) {
      text.append("file ").append(e.name).append(" seq ").append(e.seq).append(" type i\n");
    }
    try {
      Files.createDirectories(dir);
      final Path temp = dir.resolve("temp-" + manifestFile.getFileName());
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        final ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      move(temp, manifestFile);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot write the journal's manifest " + manifestFile + ": " + e, e);
    }
  }

  /** Atomic rename, then the directory forced so the rename itself survives a crash. */
  private void move(final Path from, final Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (final AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  @Override
  public long currentSize() {
    return baseBytes + incrBytes.get();
  }

  @Override
  public long baseSize() {
    return rewriteBase;
  }

  /** Stops waiting for a mark that will not come and lets a base being written finish or fail. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    writer.shutdown();
    try {
      writer.awaitTermination(1, TimeUnit.MINUTES);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
