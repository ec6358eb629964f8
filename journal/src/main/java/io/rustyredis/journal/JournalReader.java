package io.rustyredis.journal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the journal from the start, checking each document, and hands every effects document to a
 * {@link Visitor}: what replay at startup and {@code JournalTool} share.
 *
 * <p>A document whose checksum or framing is wrong is a torn tail when it is the last one (a file
 * cut short: dropped, reported in the {@link Result}, and only with {@code aof-load-truncated yes}),
 * skipped when a void marker right behind it says an earlier start already dropped it, and
 * otherwise corruption: {@link JournalCorruptException}, naming file and position.
 */
public final class JournalReader implements AutoCloseable {
  /** Receives the documents, in order. */
  public interface Visitor {
    void effects(long index, long timeMillis, byte[] payload, int length) throws JournalCorruptException;

    /** Called after each document with the totals so far. */
    default void progress(final long documents, final long bytes) {}
  }

  /** What a read found. */
  public static final class Result {
    /** Effects documents handed to the visitor. */
    public long documents;
    /** Index of a torn last document that was dropped, or -1. */
    public long tornIndex = -1;
    public File tornFile;
    public long tornPosition;
    /** Bytes of the documents read (headers included): the journal's size for the rewrite rule. */
    public long bytes;
  }

  private final SingleChronicleQueue queue;
  private final ExcerptTailer tailer;
  private final CRC32C crc = new CRC32C();
  private byte[] payload = new byte[4096];

  /** Opens the journal in {@code dir}, which must exist. */
  public JournalReader(final Path dir) {
    this.queue = JournalFiles.open(dir, true);
    this.tailer = queue.createTailer();
  }

  /** Documents in the journal now (effects and markers): the denominator of loading progress. */
  public long count() {
    final long first = queue.firstIndex();
    final long last = queue.lastIndex();
    return first == Long.MAX_VALUE || last < 0 ? 0 : queue.countExcerpts(first, last) + 1;
  }

  /** Whether {@code dir} holds a journal to read. */
  public static boolean exists(final Path dir) {
    return totalBytes(dir) > 0;
  }

  /** Bytes the journal's files take (Chronicle pre-allocates them sparse: an upper bound). */
  public static long totalBytes(final Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".cq4")).mapToLong(f -> f.toFile().length()).sum();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file of the document being read (for error messages). */
  public File file() {
    return tailer.currentFile();
  }

  /** Where in {@link #file()} the body of the document being read starts. */
  public long position() {
    return position;
  }

  /** The tailer, for a caller that goes on following the journal after {@link #read}. */
  public ExcerptTailer tailer() {
    return tailer;
  }

  /** Reads every document present now. */
  public Result read(final Visitor visitor, final boolean loadTruncated) throws JournalCorruptException {
    final Result result = new Result();
    long badIndex = -1;
    File badFile = null;
    long badPosition = 0;
    String badReason = null;
    long bytesRead = 0;
    long documents = 0;
    while (true) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          break;
        }
        final Bytes<?> in = dc.wire().bytes();
        position = in.readPosition();
        final long index = dc.index();
        bytesRead += in.readRemaining() + 4;
        documents++;
        final String problem = load(in);
        if (badReason != null) {
          if (problem == null && kind == JournalDocument.VOID && voided() == badIndex) {
            badReason = null;
            continue;
          }
          throw new JournalCorruptException(badFile, badPosition, badIndex, badReason);
        }
        if (problem != null) {
          badIndex = index;
          badFile = tailer.currentFile();
          badPosition = position;
          badReason = problem;
          continue;
        }
        if (kind == JournalDocument.EFFECTS) {
          visitor.effects(index, time, payload, length);
          result.documents++;
        }
        visitor.progress(documents, bytesRead);
      }
    }
    if (badReason != null) {
      if (!loadTruncated) {
        throw new JournalCorruptException(badFile, badPosition, badIndex,
            badReason + " (the last document; aof-load-truncated yes would drop it)");
      }
      result.tornIndex = badIndex;
      result.tornFile = badFile;
      result.tornPosition = badPosition;
    }
    result.bytes = bytesRead;
    return result;
  }

  private long position;
  /** The document {@link #load} last read. */
  private byte kind;
  private long time;
  private int length;

  /**
   * Checks one document and copies its payload into {@link #payload}, setting {@link #kind},
   * {@link #time} and {@link #length}. Returns what is wrong with it, or null.
   */
  private String load(final Bytes<?> in) {
    if (in.readRemaining() < JournalDocument.HEADER) {
      return "document of " + in.readRemaining() + " bytes is shorter than its header";
    }
    final byte kind = in.readByte();
    this.kind = 0;
    time = in.readLong();
    final int expected = in.readInt();
    length = in.readInt();
    if (kind != JournalDocument.EFFECTS && kind != JournalDocument.VOID) {
      return "unknown document kind " + kind;
    }
    if (length < 0 || length != in.readRemaining()) {
      return "payload length " + length + " but " + in.readRemaining() + " bytes follow";
    }
    if (payload.length < length) {
      payload = new byte[Math.max(length, payload.length * 2)];
    }
    in.read(payload, 0, length);
    if (JournalDocument.crc(crc, time, payload, 0, length) != expected) {
      return "checksum mismatch";
    }
    this.kind = kind;
    return null;
  }

  private long voided() {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (payload[i] & 0xFF);
    }
    return value;
  }

  @Override
  public void close() {
    tailer.close();
    queue.close();
  }
}
