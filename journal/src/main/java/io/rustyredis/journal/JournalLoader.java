package io.rustyredis.journal;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.keyspace.LoadProgress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the journal at startup through the running ring, as Redis loads its AOF through a fake
 * client: every command of every document is published as an event of the replay client ({@link
 * Engine#REPLAY_CLIENT_ID}), so it runs through the ordinary dispatch on the engine thread. Clients
 * may connect meanwhile; {@link LoadProgress} makes the engine answer them {@code -LOADING} and
 * keeps keys from expiring until the last replayed event has gone through every stage.
 *
 * <p>The journals are the incremental ones a {@link JournalManifest} lists, replayed in order (its
 * base, an RDB file, is loaded before the ring starts). The journal stage does not append the
 * replay client's events again. A torn last document is
 * dropped and logged and, when the journal is to be appended to, a void marker is written behind
 * it so that later starts know it was dropped; corruption anywhere else stops the start.
 */
public final class JournalLoader {
  private static final Logger LOG = LoggerFactory.getLogger(JournalLoader.class);
  private static final long LOG_EVERY_MILLIS = 1000;
  private static final int BATCH = 256;

  private final List<Path> dirs;
  private final RingBuffer<CommandEvent> ring;
  private final LoadProgress progress;
  private final EffectParser parser = new EffectParser();
  private long commands;
  private long skippedSelects;
  /** The database the replay client has selected; -1 before its first SELECT (it starts in 0, but one is always sent). */
  private long selectedDb = -1;
  private long lastLog;
  private long lastLogDocuments;
  private int batched;
  private long batchFirst;
  private long batchLast;
  /** The time replayed events carry: read once per batch, as the transport does. */
  private long clock = System.currentTimeMillis();

  public JournalLoader(final List<Path> dirs, final RingBuffer<CommandEvent> ring, final LoadProgress progress) {
    this.dirs = dirs;
    this.ring = ring;
    this.progress = progress;
  }

  /**
   * Replays everything in the journal and returns once the engine has applied it; {@code
   * loadTruncated} is aof-load-truncated, {@code appending} whether the journal will be written to.
   */
  public JournalReader.Result load(final boolean loadTruncated, final boolean appending) throws JournalCorruptException {
    long total = 0;
    for (final Path dir : dirs) {
      total += JournalReader.totalBytes(dir);
    }
    final JournalReader.Result result = new JournalReader.Result();
    if (total == 0) {
      progress.finish();
      return result;
    }
    final long started = System.currentTimeMillis();
    progress.start(started, 0);
    lastLog = started;
    try {
      publish(EventType.CONNECT, "journal:0 journal:0");
      long documents = 0;
      Path torn = null;
      for (final Path dir : dirs) {
        if (JournalReader.exists(dir)) {
          final long tornBefore = result.tornIndex;
          documents = loadOne(dir, loadTruncated, result, documents);
          torn = result.tornIndex != tornBefore ? dir : torn;
        }
      }
      final long last = publish(EventType.DISCONNECT, null);
      while (ring.getMinimumGatingSequence() < last) {
        LockSupport.parkNanos(100_000);
      }
      // Before loading ends: the void marker must directly follow the torn document, ahead of any
      // client write. Only the last journal is appended to; an older one keeps its torn tail, which
      // every start then reports and drops again.
      if (torn != null && appending && torn.equals(dirs.get(dirs.size() - 1))) {
        try (JournalWriter writer = new JournalWriter(torn)) {
          writer.appendVoid(System.currentTimeMillis(), result.tornIndex);
          writer.sync();
        }
      }
    } finally {
      // Claimed slots must be published even when the read failed, or the ring cannot drain.
      publishBatch();
      progress.finish();
    }
    final long millis = Math.max(1, System.currentTimeMillis() - started);
    LOG.info("DB loaded from the journal: {} documents, {} commands ({} SELECTs of the selected database skipped)"
        + " in {} ms ({} records/s)", result.documents, commands, skippedSelects, millis, result.documents * 1000 / millis);
    return result;
  }

  /** Replays one journal, adding what it found to {@code sum}; returns the documents counted so far. */
  private long loadOne(final Path dir, final boolean loadTruncated, final JournalReader.Result sum, final long before)
      throws JournalCorruptException {
    final JournalReader.Result result;
    final long documents;
    try (JournalReader reader = new JournalReader(dir)) {
      documents = before + Math.max(1, reader.count());
      LOG.info("Loading the journal in {} ({} documents)", dir, reader.count());
      final long bytesBefore = sum.bytes;
      result = reader.read(new JournalReader.Visitor() {
        @Override
        public void effects(final long index, final long timeMillis, final byte[] payload, final int length)
            throws JournalCorruptException {
          if (!parser.parse(payload, length, JournalLoader.this::replay)) {
            throw new JournalCorruptException(reader.file(), reader.position(), index, "effects are not RESP commands");
          }
        }

        @Override
        public void progress(final long read, final long bytes) {
          progressed(before + read, bytesBefore + bytes, documents);
        }
      }, loadTruncated);
    }
    sum.documents += result.documents;
    sum.bytes += result.bytes;
    if (result.tornIndex >= 0) {
      LOG.warn("!!! Warning: short read while loading the journal {} at position {} (index {})!!!",
          result.tornFile, result.tornPosition, Long.toHexString(result.tornIndex));
      LOG.warn("Journal loaded anyway because aof-load-truncated is enabled: the torn last document is dropped");
      sum.tornIndex = result.tornIndex;
      sum.tornFile = result.tornFile;
      sum.tornPosition = result.tornPosition;
    }
    return documents;
  }

  /**
   * Publishes progress for INFO (bytes read, and the total extrapolated from the documents still to
   * come: Chronicle's files are pre-allocated, so their size says little) and logs it once a second.
   */
  private void progressed(final long documents, final long bytes, final long total) {
    if ((documents & 1023) != 0) {
      return;
    }
    progress.progress(bytes, bytes * Math.max(total, documents) / documents, documents);
    final long now = System.currentTimeMillis();
    if (now - lastLog >= LOG_EVERY_MILLIS) {
      LOG.info("Loading the journal: {}% ({} records, {} records/s)",
          String.format(Locale.ROOT, "%.1f", documents * 100.0 / Math.max(total, documents)), documents,
          (documents - lastLogDocuments) * 1000 / (now - lastLog));
      lastLog = now;
      lastLogDocuments = documents;
    }
  }

  /**
   * Fills a slot with one replayed command. Slots are published up to {@value #BATCH} at a time, so
   * the stages behind wake once per batch rather than once per command: most of the replay speed.
   * A range may only cover this thread's own claims: the ring has other producers (I/O threads,
   * the clock), and publishing a slot another one claimed but has not filled would hand the engine
   * a stale event. So a batch ends wherever another producer's claim interrupts it, and a full ring
   * ends it too ({@code tryNext}), since waiting for space while holding unpublished slots could
   * wait for ever.
   */
  private void replay(final byte[] payload, final int[] offsets, final int[] lengths, final int argc) {
    if (argc == 2 && isSelect(payload, offsets[0], lengths[0])) {
      // Every document opens with a SELECT, most often of the database already selected: one
      // event saved per document. Only SELECT changes the replay client's database, and at a
      // document's end it is the last SELECT's, so the comparison holds across documents.
      final long db = parseDb(payload, offsets[1], lengths[1]);
      if (db >= 0 && db == selectedDb) {
        skippedSelects++;
        return;
      }
      selectedDb = db;
    }
    if (batched == BATCH) {
      publishBatch();
    }
    long sequence;
    try {
      sequence = ring.tryNext();
    } catch (final InsufficientCapacityException full) {
      publishBatch();
      sequence = ring.next();
    }
    if (batched > 0 && sequence != batchLast + 1) {
      publishBatch();
    }
    if (batched++ == 0) {
      batchFirst = sequence;
    }
    batchLast = sequence;
    final CommandEvent event = ring.get(sequence);
    event.reset(EventType.COMMAND, Engine.REPLAY_CLIENT_ID, null, clock);
    for (int i = 0; i < argc; i++) {
      final int at = event.args.append(lengths[i]);
      System.arraycopy(payload, offsets[i], event.args.array(), at, lengths[i]);
    }
    commands++;
  }

  private static boolean isSelect(final byte[] payload, final int offset, final int length) {
    if (length != 6) {
      return false;
    }
    final String select = "SELECT";
    for (int i = 0; i < 6; i++) {
      if ((payload[offset + i] & 0xDF) != select.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The database a SELECT names, or -1 when it is not a plain decimal (then never skipped). */
  private static long parseDb(final byte[] payload, final int offset, final int length) {
    if (length == 0 || length > 9) {
      return -1;
    }
    long db = 0;
    for (int i = 0; i < length; i++) {
      final int digit = payload[offset + i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      db = db * 10 + digit;
    }
    return db;
  }

  private void publishBatch() {
    if (batched > 0) {
      ring.publish(batchFirst, batchLast);
      batched = 0;
    }
    clock = System.currentTimeMillis();
  }

  private long publish(final EventType type, final String text) {
    publishBatch();
    final long sequence = ring.next();
    try {
      final CommandEvent event = ring.get(sequence);
      event.reset(type, Engine.REPLAY_CLIENT_ID, null, System.currentTimeMillis());
      event.text = text;
    } finally {
      ring.publish(sequence);
    }
    return sequence;
  }
}
