package io.rustyredis.journal;

import com.lmax.disruptor.EventHandler;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.JournalStatus;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring's journal stage, between the engine and the reply stage: appends the effects of each
 * batch of events as one Chronicle document at the batch's end, and the reply stage sees the batch
 * only after that ({@code SerialStages}), so it releases a reply only after what it acknowledges is
 * in the journal.
 *
 * <p>{@code appendfsync always} is a group commit: one force to disk at the end of each batch,
 * before the reply stage writes the batch's replies, so a whole pipelined batch shares one msync
 * and no reply in it leaves before it. {@code everysec}: a background thread forces the current file once
 * a second when something was appended (fsync covers the mapped pages on Linux). {@code no}: the
 * OS decides. A process crash loses nothing in any mode: appended bytes are in the page cache.
 *
 * <p>Recording follows the engine: an event carries effects only when the engine journals
 * (appendonly yes), so with appendonly no this stage reads one flag per event and does nothing
 * else; when CONFIG SET turns appendonly on or off the events say so, in ring order, and the
 * stage opens or closes the journal at that point. The replay client's events are never appended:
 * they come from the journal.
 *
 * <p>An AOF rewrite marks the event its snapshot starts in ({@code Effects.rebaseAt}): the effects
 * recorded before the mark go to the journal being replaced, then this stage closes that journal
 * and moves to a new one ({@link JournalManifest#rebase}), which gets the rest. Ring order makes
 * the cut exact: every event before the mark is in the old journal and in the base, every event
 * after it in the new journal only.
 *
 * <p>A failed append (disk full, I/O error) is Redis's AOF write error: the reply of every event
 * whose effects it held becomes {@code -MISCONF Errors writing to the AOF file: <reason>} (their
 * writes did happen in memory, but are not acknowledged), the effects are kept, in order, with any
 * that follow, and {@link JournalStatus} makes the engine refuse writes. Every later event retries the kept effects, at
 * most every {@value #RETRY_MILLIS} ms of event time; once they are in, the status clears, so the
 * journal ends up holding what memory holds, as Redis's retained {@code aof_buf} does. A rewrite
 * whose mark arrives while appends fail is not cut (the kept effects belong before the mark): it
 * fails, and the journal stays whole.
 */
public final class JournalStage implements EventHandler<CommandEvent>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalStage.class);

  /** Redis's appendfsync policies. */
  public enum Fsync { ALWAYS, EVERYSEC, NO }

  private static final long RETRY_MILLIS = 100;
  private static final String MISCONF = "MISCONF Errors writing to the AOF file: ";

  /** Effects that could not be appended yet, oldest first. */
  private record Kept(long timeMillis, byte[] effects) {}

  private final JournalManifest manifest;
  private final JournalStatus status;
  private final Function<Path, JournalWriter> open;
  private final ArrayDeque<Kept> kept = new ArrayDeque<>();
  private long lastRetry;
  private final ErrorHandler errorHandler;
  private final ScheduledExecutorService syncer;
  private final AtomicBoolean unsynced = new AtomicBoolean();
  private volatile Fsync fsync;
  private JournalWriter writer;
  private boolean recording;
  private boolean dirty;
  private int cycle = Integer.MIN_VALUE;
  /** The file the background force works on; written by the stage, read by the syncer. */
  private volatile File currentFile;
  private File syncedFile;
  private FileChannel syncedChannel;
  private long appended;
  private int replayErrors;
  /**
   * The batch's effects, appended as one document at its end: Chronicle's cost is per document
   * (a lock, a scan from the last index entry to number the new one, a header, an index update),
   * about a third of the ring thread's time under pipelined writes when each event was a document
   * of its own (bench/README.md, fifth pass). The events whose effects are staged are kept to be
   * refused if the append fails; their replies wait for this stage's end of batch (SerialStages).
   */
  private byte[] staged = new byte[INITIAL_STAGING];
  private int stagedLength;
  private long stagedTime;
  private CommandEvent[] stagedEvents = new CommandEvent[64];
  private int stagedCount;
  private static final int INITIAL_STAGING = 64 * 1024;
  /** A staging buffer grown past this by one huge batch is not kept for the next. */
  private static final int MAX_RETAINED_STAGING = 4 * 1024 * 1024;

  public JournalStage(final JournalManifest manifest, final JournalStatus status, final String appendfsync,
      final ErrorHandler errorHandler) {
    this(manifest, status, appendfsync, errorHandler, JournalWriter::new);
  }

  /** With {@code open} making the writers: how a test makes appends fail. */
  JournalStage(final JournalManifest manifest, final JournalStatus status, final String appendfsync,
      final ErrorHandler errorHandler, final Function<Path, JournalWriter> open) {
    this.manifest = manifest;
    this.status = status;
    this.open = open;
    this.errorHandler = errorHandler;
    fsync(appendfsync);
    syncer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      final Thread t = new Thread(runnable, "rusty-journal-fsync");
      t.setDaemon(true);
      return t;
    });
    syncer.scheduleWithFixedDelay(this::backgroundSync, 1, 1, TimeUnit.SECONDS);
  }

  /** Changes the appendfsync policy (CONFIG SET appendfsync); takes effect from the next batch. */
  public void fsync(final String appendfsync) {
    this.fsync = Fsync.valueOf(appendfsync.toUpperCase(Locale.ROOT));
  }

  /** Documents appended since start. */
  public long appended() {
    return appended;
  }

  @Override
  public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch) {
    if (event.connectionId != Engine.REPLAY_CLIENT_ID) {
      final boolean on = event.effects.enabled();
      if (on != recording) {
        commit();
        record(on);
      }
      if (on && !kept.isEmpty() && event.timeMillis - lastRetry >= RETRY_MILLIS) {
        lastRetry = event.timeMillis;
        appendKept();
      }
      final int rebaseAt = event.effects.rebaseAt();
      if (rebaseAt >= 0) {
        if (on && rebaseAt > 0) {
          stage(event, 0, rebaseAt);
        }
        // What came before the mark belongs in the journal being replaced.
        commit();
        rebase();
        if (on && event.effects.length() > rebaseAt) {
          stage(event, rebaseAt, event.effects.length() - rebaseAt);
        }
      } else if (on && !event.effects.isEmpty()) {
        stage(event, 0, event.effects.length());
      }
    } else if (event.reply.length() > 0 && event.reply.array()[0] == '-' && replayErrors++ < 10) {
      // Redis stops on an unknown command in its AOF and goes on after other errors; a replayed
      // effect should never fail, so each one is worth a line.
      LOG.warn("replayed command failed: {}", new String(event.reply.array(), 0, event.reply.length(), StandardCharsets.UTF_8).trim());
    }
    if (endOfBatch) {
      commit();
      if (dirty) {
        dirty = false;
        if (fsync == Fsync.ALWAYS) {
          sync();
        } else if (fsync == Fsync.EVERYSEC) {
          unsynced.set(true);
        }
      }
    }
  }

  /**
   * Adds effects to the batch's document. Behind effects still waiting after a failure they are
   * kept instead, in order, and not acknowledged.
   */
  private void stage(final CommandEvent event, final int offset, final int length) {
    if (!kept.isEmpty()) {
      kept.add(new Kept(event.timeMillis, Arrays.copyOfRange(event.effects.array(), offset, offset + length)));
      refuse(event);
      return;
    }
    if (stagedLength == 0) {
      stagedTime = event.timeMillis;
    }
    if (stagedLength + length > staged.length) {
      staged = Arrays.copyOf(staged, Math.max(staged.length * 2, stagedLength + length));
    }
    System.arraycopy(event.effects.array(), offset, staged, stagedLength, length);
    stagedLength += length;
    if (stagedCount == 0 || stagedEvents[stagedCount - 1] != event) {
      if (stagedCount == stagedEvents.length) {
        stagedEvents = Arrays.copyOf(stagedEvents, stagedCount * 2);
      }
      stagedEvents[stagedCount++] = event;
    }
  }

  /**
   * Appends the staged effects as one document. If that fails they are kept, and every event that
   * contributed to them is refused: the reply stage has not seen any of them yet.
   */
  private void commit() {
    if (stagedLength == 0) {
      return;
    }
    try {
      writer.append(stagedTime, staged, 0, stagedLength);
      appended(stagedLength);
    } catch (final RuntimeException e) {
      failed(e);
      lastRetry = stagedTime;
      kept.add(new Kept(stagedTime, Arrays.copyOf(staged, stagedLength)));
      for (int i = 0; i < stagedCount; i++) {
        refuse(stagedEvents[i]);
      }
    }
    stagedLength = 0;
    Arrays.fill(stagedEvents, 0, stagedCount, null);
    stagedCount = 0;
    if (staged.length > MAX_RETAINED_STAGING) {
      staged = new byte[INITIAL_STAGING];
    }
  }

  /** Its write did happen in memory, but is not acknowledged. */
  private void refuse(final CommandEvent event) {
    final int protocol = event.reply.protocol();
    event.reply.reset(protocol);
    event.reply.error(MISCONF + status.error());
  }

  /** Appends the kept effects in order; true when none is left. */
  private boolean appendKept() {
    if (writer == null) {
      return false;
    }
    try {
      while (!kept.isEmpty()) {
        final Kept next = kept.peek();
        writer.append(next.timeMillis, next.effects, 0, next.effects.length);
        kept.poll();
        appended(next.effects.length);
      }
      status.recovered();
      LOG.info("Journal appends succeed again");
      return true;
    } catch (final RuntimeException e) {
      failed(e);
      return false;
    }
  }

  private void appended(final int length) {
    manifest.appended(JournalDocument.HEADER + 4 + length);
    appended++;
    dirty = true;
    final int now = writer.cycle();
    if (now != cycle) {
      cycle = now;
      currentFile = writer.currentFile();
    }
  }

  private void sync() {
    try {
      writer.sync();
    } catch (final RuntimeException e) {
      failed(e);
    }
  }

  /** Records why appends fail, in the OS's words when an I/O error carries them. */
  private void failed(final RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof IOException)) {
      cause = cause.getCause();
    }
    final String reason = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    if (status.error() == null) {
      LOG.warn("Error writing to the journal: {}", reason, e);
    }
    status.failed(reason);
  }

  /** Closes (and forces) the journal being replaced, and reopens on the new one when recording. */
  private void rebase() {
    if (!kept.isEmpty() && !appendKept()) {
      manifest.cancelRebase();
      return;
    }
    final boolean opened = writer != null;
    closeWriter();
    manifest.rebase();
    if (opened) {
      writer = open.apply(manifest.current());
    }
  }

  private void record(final boolean on) {
    recording = on;
    if (on) {
      final Path dir = manifest.current();
      writer = open.apply(dir);
      LOG.info("Journal on: appending to {} (appendfsync {})", dir, fsync.name().toLowerCase(Locale.ROOT));
    } else {
      closeWriter();
      LOG.info("Journal off");
    }
  }

  private void closeWriter() {
    if (writer != null) {
      sync();
      writer.close();
      writer = null;
      dirty = false;
      cycle = Integer.MIN_VALUE;
      // Forced just now: the background force has nothing left to do for it.
      currentFile = null;
    }
  }

  /** everysec: force the current file if anything was appended since the last time. */
  private void backgroundSync() {
    if (!unsynced.getAndSet(false)) {
      return;
    }
    final File file = currentFile;
    if (file == null) {
      return;
    }
    try {
      if (file != syncedFile) {
        // The journal rolled (or just opened): the old file gets its last force before the new.
        closeSyncedChannel();
        syncedFile = file;
        syncedChannel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE);
      }
      syncedChannel.force(false);
    } catch (final NoSuchFileException e) {
      // A rewrite closed this journal (forcing it) and deleted it since it was read above.
      if (file == currentFile) {
        errorHandler.onError(e);
      }
    } catch (final IOException | RuntimeException e) {
      errorHandler.onError(e);
    }
  }

  private void closeSyncedChannel() throws IOException {
    if (syncedChannel != null) {
      syncedChannel.force(false);
      syncedChannel.close();
      syncedChannel = null;
    }
  }

  /** Called after the ring has stopped: forces and closes the journal. */
  @Override
  public void close() {
    // The ring ends on a batch's end, which committed; this is for a stage stopped some other way.
    commit();
    syncer.shutdownNow();
    try {
      syncer.awaitTermination(5, TimeUnit.SECONDS);
      closeSyncedChannel();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final IOException e) {
      errorHandler.onError(e);
    }
    closeWriter();
  }
}
