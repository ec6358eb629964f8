package io.rustyredis.journal;

import java.nio.file.Path;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the Chronicle queue that holds the journal, with the one roll cycle every reader and writer
 * must agree on.
 *
 * <p>Roll cycle: {@code LARGE_DAILY}, one file a day whose index has room for 2^41 entries (about
 * 25 million a second for a whole day). One engine thread appends at most one document per batch
 * of events, a few million a second at the very best, so the index cannot overflow within a cycle. {@code
 * HOURLY} (256M an hour, 74k a second) and {@code DAILY} (4G a day, 50k a second sustained) could be
 * exceeded by a pipelined load, and an overflowing index stops the appender.
 *
 * <p>Rolled files: Chronicle keeps a store open while an appender or tailer references it; ours
 * roll forward only, so each store is released when the appender moves to the next day's file, and
 * the listener logs it so a leak shows in the log.
 */
public final class JournalFiles {
  static {
    // Before any Chronicle class loads: a database server must not phone home (Chronicle's usage
    // analytics) nor print a release-notes banner.
    System.setProperty("chronicle.analytics.disable", "true");
    System.setProperty("chronicle.announcer.disable", "true");
  }

  /** The roll cycle of every journal. */
  public static final RollCycle ROLL_CYCLE = LargeRollCycles.LARGE_DAILY;
  private static final Logger LOG = LoggerFactory.getLogger(JournalFiles.class);

  private JournalFiles() {}

  /** The queue in {@code dir}, created when absent unless {@code readOnly}. */
  public static SingleChronicleQueue open(final Path dir, final boolean readOnly) {
    return SingleChronicleQueueBuilder.single(dir.toFile())
        .rollCycle(ROLL_CYCLE)
        .readOnly(readOnly)
        .storeFileListener((cycle, file) -> LOG.debug("journal file released: {}", file))
        .build();
  }
}
