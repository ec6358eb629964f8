package io.rustyredis.engine.rdb;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes of an RDB file or DUMP payload being written, in a list of fixed-size chunks: a snapshot of
 * gigabytes never needs one contiguous array (Java caps those at 2 GiB) and growing never copies
 * what is already written. Holds Redis's primitives: the length encoding, strings (integer-encoded
 * when Redis would), little-endian numbers, and the CRC-64 footer.
 */
public final class RdbOutput {
  private static final int CHUNK = 1 << 20;
  /** What {@link #canonicalInteger} answers for a string that is not a 32-bit integer's text. */
  static final long NOT_INTEGER = Long.MIN_VALUE;

  private final List<byte[]> chunks = new ArrayList<>();
  private final int chunkSize;
  private byte[] current;
  private int position;
  private long full;
  /** CRC-64 of the bytes before ({@link #crcChunk}, {@link #crcPosition}): the checksum is kept up as it goes. */
  private long crc;
  private int crcChunk;
  private int crcPosition;
  private Lzf lzf;
  private byte[] plain = new byte[0];
  private byte[] packed = new byte[0];

  public RdbOutput() {
    this(CHUNK);
  }

  /** An output whose chunks hold {@code chunkSize} bytes (small ones suit a DUMP payload). */
  public RdbOutput(final int chunkSize) {
    this.chunkSize = chunkSize;
    this.current = new byte[chunkSize];
  }

  /**
   * Compresses strings longer than 20 bytes with LZF from now on, as Redis does under {@code
   * rdbcompression yes}, whenever that saves at least 4 bytes.
   */
  public RdbOutput compressing(final boolean compress) {
    this.lzf = compress ? new Lzf() : null;
    return this;
  }

  /** Bytes written so far. */
  public long length() {
    return full + position;
  }

  public void write(final int b) {
    if (position == current.length) {
      nextChunk();
    }
    current[position++] = (byte) b;
  }

  /** Writes {@code length} bytes from a (base, offset) pair as {@link Bytes} addresses them. */
  public void write(final Object base, final long offset, final int length) {
    int done = 0;
    while (done < length) {
      if (position == current.length) {
        nextChunk();
      }
      final int n = Math.min(length - done, current.length - position);
      Bytes.copy(base, offset + done, current, Bytes.ARRAY_BASE + position, n);
      position += n;
      done += n;
    }
  }

  public void write(final byte[] data) {
    write(data, Bytes.ARRAY_BASE, data.length);
  }

  public void writeIntLE(final int value) {
    write(value);
    write(value >>> 8);
    write(value >>> 16);
    write(value >>> 24);
  }

  public void writeLongLE(final long value) {
    writeIntLE((int) value);
    writeIntLE((int) (value >>> 32));
  }

  /** Redis's {@code rdbSaveLen}: 6, 14, 32 or 64 bits, big-endian after the marker. */
  public void writeLength(final long length) {
    if (length < (1 << 6)) {
      write((int) length);
    } else if (length < (1 << 14)) {
      write((int) ((length >>> 8) | 0x40));
      write((int) length);
    } else if (length <= 0xFFFFFFFFL) {
      write(0x80);
      write((int) (length >>> 24));
      write((int) (length >>> 16));
      write((int) (length >>> 8));
      write((int) length);
    } else {
      write(0x81);
      for (int shift = 56; shift >= 0; shift -= 8) {
        write((int) (length >>> shift));
      }
    }
  }

  /**
   * Redis's {@code rdbSaveRawString}: a string that is the canonical text of a 32-bit integer (at
   * most 11 bytes) is stored as that integer in 1, 2 or 4 bytes, any other as length and bytes.
   */
  public void writeString(final Object base, final long offset, final int length) {
    if (length <= 11 && length > 0) {
      final long value = canonicalInteger(base, offset, length);
      if (value != NOT_INTEGER) {
        writeInteger(value);
        return;
      }
    }
    if (lzf != null && length > 20 && writeCompressed(base, offset, length)) {
      return;
    }
    writeLength(length);
    write(base, offset, length);
  }

  /** Redis's {@code rdbSaveLzfStringObject}: only when the result is at least 4 bytes smaller. */
  private boolean writeCompressed(final Object base, final long offset, final int length) {
    if (plain.length < length) {
      plain = new byte[Math.max(length, (int) Math.min(2L * plain.length, Integer.MAX_VALUE - 8))];
      packed = new byte[plain.length];
    }
    Bytes.copy(base, offset, plain, Bytes.ARRAY_BASE, length);
    final int compressed = lzf.compress(plain, 0, length, packed, length - 4);
    if (compressed == 0) {
      return false;
    }
    write(0xC0 | Rdb.ENC_LZF);
    writeLength(compressed);
    writeLength(length);
    write(packed, Bytes.ARRAY_BASE, compressed);
    return true;
  }

  public void writeString(final byte[] data) {
    writeString(data, Bytes.ARRAY_BASE, data.length);
  }

  public void writeString(final String text) {
    writeString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A 32-bit-range integer as Redis's {@code rdbEncodeInteger}; others as their decimal text. */
  public void writeInteger(final long value) {
    if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      write(0xC0 | Rdb.ENC_INT8);
      write((int) value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      write(0xC0 | Rdb.ENC_INT16);
      write((int) value);
      write((int) (value >>> 8));
    } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      write(0xC0 | Rdb.ENC_INT32);
      writeIntLE((int) value);
    } else {
      final byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
      writeLength(text.length);
      write(text);
    }
  }

  /** Appends the CRC-64 of everything written so far, little-endian, as Redis ends files and payloads. */
  public void writeChecksum() {
    writeLongLE(checksum());
  }

  /**
   * The CRC-64 of everything written so far. Only the bytes written since the last call are read,
   * so a snapshot written in slices can spread the checksum over its slices by calling this after
   * each one instead of paying for the whole image at the end.
   */
  public long checksum() {
    while (crcChunk < chunks.size()) {
      final byte[] chunk = chunks.get(crcChunk);
      crc = Crc64.update(crc, chunk, crcPosition, chunk.length - crcPosition);
      crcChunk++;
      crcPosition = 0;
    }
    crc = Crc64.update(crc, current, crcPosition, position - crcPosition);
    crcPosition = position;
    return crc;
  }

  /** The chunks written, the last one holding {@link #lastChunkLength()} bytes; the output is done. */
  public List<byte[]> chunks() {
    final List<byte[]> all = new ArrayList<>(chunks);
    all.add(current);
    return all;
  }

  public int lastChunkLength() {
    return position;
  }

  /** Everything written, as one array: for DUMP payloads and tests. */
  public byte[] toArray() {
    final byte[] out = new byte[Math.toIntExact(length())];
    int at = 0;
    for (final byte[] chunk : chunks) {
      System.arraycopy(chunk, 0, out, at, chunk.length);
      at += chunk.length;
    }
    System.arraycopy(current, 0, out, at, position);
    return out;
  }

  private void nextChunk() {
    chunks.add(current);
    full += current.length;
    current = new byte[chunkSize];
    position = 0;
  }

  /**
   * The value of a string that is exactly the canonical decimal text of an integer in the 32-bit
   * range (no sign on zero, no leading zeros, no plus), else {@link #NOT_INTEGER}: only those
   * survive a round trip through Redis's integer encoding unchanged.
   */
  static long canonicalInteger(final Object base, final long offset, final int length) {
    int i = 0;
    boolean negative = false;
    if (Bytes.get(base, offset) == '-') {
      negative = true;
      i = 1;
      if (length == 1) {
        return NOT_INTEGER;
      }
    }
    final byte first = Bytes.get(base, offset + i);
    if (first < '0' || first > '9' || (first == '0' && (length > 1))) {
      return NOT_INTEGER;
    }
    long value = 0;
    for (; i < length; i++) {
      final byte d = Bytes.get(base, offset + i);
      if (d < '0' || d > '9') {
        return NOT_INTEGER;
      }
      value = value * 10 + (d - '0');
    }
    value = negative ? -value : value;
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value : NOT_INTEGER;
  }
}
