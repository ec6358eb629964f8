package io.rustyredis.journal;

import java.io.File;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends documents to the journal: one per batch of events, as {@link JournalDocument} lays them
 * out. Not final only so that a test can make appends fail. Used by one thread at a time, as
 * Chronicle's appenders must be; {@link #sync()} forces what was appended so far to disk (msync of
 * the mapped file up to the write position).
 */
public class JournalWriter implements AutoCloseable {
  private final SingleChronicleQueue queue;
  private final ExcerptAppender appender;
  private final CRC32C crc = new CRC32C();
  private final byte[] index = new byte[8];

  public JournalWriter(final Path dir) {
    this.queue = JournalFiles.open(dir, false);
    this.appender = queue.createAppender();
    // Opened on the ring's thread, closed by the server's once the ring has stopped: the thread
    // join orders the two, so Chronicle's owner-thread check would only get in the way.
    appender.singleThreadedCheckDisabled(true);
  }

  /** The roll cycle of the file being appended to (changes once a day). */
  public int cycle() {
    return appender.cycle();
  }

  /** Appends effects as one document; returns the document's index. */
  public long append(final long timeMillis, final byte[] payload, final int length) {
    return append(timeMillis, payload, 0, length);
  }

  /** Appends effects found at {@code offset} of {@code payload}; returns the document's index. */
  public long append(final long timeMillis, final byte[] payload, final int offset, final int length) {
    return write(JournalDocument.EFFECTS, timeMillis, payload, offset, length);
  }

  /** Marks the document at {@code voided} as dropped, so later starts skip it without complaint. */
  public long appendVoid(final long timeMillis, final long voided) {
    for (int i = 0; i < 8; i++) {
      index[i] = (byte) (voided >>> (56 - 8 * i));
    }
    return write(JournalDocument.VOID, timeMillis, index, 0, 8);
  }

  private long write(final byte kind, final long timeMillis, final byte[] payload, final int offset, final int length) {
    try (DocumentContext dc = appender.writingDocument()) {
      JournalDocument.write(dc.wire().bytes(), crc, kind, timeMillis, payload, offset, length);
    }
    return appender.lastIndexAppended();
  }

  /** Forces everything appended so far to disk. */
  public void sync() {
    appender.sync();
  }

  /** The file being appended to, or null before the first append. */
  public File currentFile() {
    return appender.currentFile();
  }

  @Override
  public void close() {
    appender.close();
    queue.close();
  }
}
