package io.rustyredis.journal;

import java.io.File;

/**
 * The journal is damaged somewhere other than its last document: the server must not start on it,
 * since dropping a document in the middle would rebuild a dataset that never existed. The message
 * names the file and the byte position, for a backup and a look with {@code JournalTool dump}.
 */
public final class JournalCorruptException extends Exception {
  private static final long serialVersionUID = 1L;

  public JournalCorruptException(final File file, final long position, final long index, final String reason) {
    super("Bad file format reading the append only file " + file + " at position " + position
        + " (index " + Long.toHexString(index) + "): " + reason
        + ". Make a backup of the journal, then look at it with JournalTool dump");
  }
}
