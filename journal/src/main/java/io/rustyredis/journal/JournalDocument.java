package io.rustyredis.journal;

import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The layout of one journal document, the atomic unit: everything one batch of events changed.
 *
 * <pre>
 *   byte  kind       'E' effects, 'V' void (a torn document earlier in the file, dropped at a start)
 *   long  timeMillis the time of the batch's first event (unix ms)
 *   int   crc        CRC-32C of timeMillis and the payload
 *   int   length     payload bytes
 *   ...   payload    'E': RESP commands, starting with SELECT; 'V': the voided document's index
 * </pre>
 *
 * <p>Chronicle frames each document with a length header written last, so a crash mid-write
 * leaves an incomplete header that readers never see and the next append overwrites. The CRC is for
 * what Chronicle cannot see: a file cut short or damaged on disk, where the header is whole and the
 * bytes behind it are not.
 */
public final class JournalDocument {
  public static final byte EFFECTS = 'E';
  public static final byte VOID = 'V';
  /** Bytes before the payload. */
  public static final int HEADER = 1 + 8 + 4 + 4;

  private JournalDocument() {}

  /** The checksum stored with a document. */
  public static int crc(final CRC32C crc, final long timeMillis, final byte[] payload, final int offset, final int length) {
    crc.reset();
    for (int shift = 56; shift >= 0; shift -= 8) {
      crc.update((int) (timeMillis >>> shift));
    }
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }

  /** Writes a document into Chronicle's bytes for it. */
  static void write(final Bytes<?> out, final CRC32C crc, final byte kind, final long timeMillis,
      final byte[] payload, final int offset, final int length) {
    out.writeByte(kind);
    out.writeLong(timeMillis);
    out.writeInt(crc(crc, timeMillis, payload, offset, length));
    out.writeInt(length);
    out.write(payload, offset, length);
  }
}
