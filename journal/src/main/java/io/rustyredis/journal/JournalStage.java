package io.rustyredis.journal;

import com.lmax.disruptor.EventHandler;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring's journal stage, between the engine and the reply stage: appends each event's effects
 * as one Chronicle document, so the reply stage, which comes after this one for every event,
 * releases a reply only after what it acknowledges is in the journal.
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
 */
public final class JournalStage implements EventHandler<CommandEvent>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalStage.class);

  /** Redis's appendfsync policies. */
  public enum Fsync { ALWAYS, EVERYSEC, NO }

  private final Path dir;
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

  public JournalStage(final Path dir, final String appendfsync, final ErrorHandler errorHandler) {
    this.dir = dir;
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
        record(on);
      }
      if (on && !event.effects.isEmpty()) {
        append(event);
      }
    } else if (event.reply.length() > 0 && event.reply.array()[0] == '-' && replayErrors++ < 10) {
      // Redis stops on an unknown command in its AOF and goes on after other errors; a replayed
      // effect should never fail, so each one is worth a line.
      LOG.warn("replayed command failed: {}", new String(event.reply.array(), 0, event.reply.length(), StandardCharsets.UTF_8).trim());
    }
    if (endOfBatch && dirty) {
      dirty = false;
      if (fsync == Fsync.ALWAYS) {
        writer.sync();
      } else if (fsync == Fsync.EVERYSEC) {
        unsynced.set(true);
      }
    }
  }

  private void append(final CommandEvent event) {
    writer.append(event.timeMillis, event.effects.array(), event.effects.length());
    appended++;
    dirty = true;
    final int now = writer.cycle();
    if (now != cycle) {
      cycle = now;
      currentFile = writer.currentFile();
    }
  }

  private void record(final boolean on) {
    recording = on;
    if (on) {
      writer = new JournalWriter(dir);
      LOG.info("Journal on: appending to {} (appendfsync {})", dir, fsync.name().toLowerCase(Locale.ROOT));
    } else {
      closeWriter();
      LOG.info("Journal off");
    }
  }

  private void closeWriter() {
    if (writer != null) {
      writer.sync();
      writer.close();
      writer = null;
      dirty = false;
      cycle = Integer.MIN_VALUE;
    }
  }

  /** everysec: force the current file if anything was appended since the last time. */
  private void backgroundSync() {
    if (!unsynced.getAndSet(false)) {
      return;
    }
    final File file = currentFile;
    try {
      if (file != syncedFile) {
        // The journal rolled (or just opened): the old file gets its last force before the new.
        closeSyncedChannel();
        syncedFile = file;
        syncedChannel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE);
      }
      syncedChannel.force(false);
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
