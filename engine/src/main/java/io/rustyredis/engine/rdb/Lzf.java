package io.rustyredis.engine.rdb;

/**
 * LZF, the compression of Redis's {@code lzf_c.c}/{@code lzf_d.c}: Redis stores strings longer than
 * 20 bytes compressed in an RDB file when {@code rdbcompression} is on (its default), so every file
 * a real Redis writes may hold them, and so do ours. The format is a run of items: a control byte
 * below 32 says "copy the next control+1 literal bytes"; otherwise its top 3 bits are a
 * back-reference length minus 2 (7 meaning "plus the next byte") and the low 5 bits, with the next
 * byte, the distance back minus one (so matches reach 8 KiB back and run up to 264 bytes).
 *
 * <p>The compressor finds matches through a hash table of 3-byte prefixes, as liblzf does; it need
 * not produce liblzf's exact bytes, only a stream liblzf decodes. The table is stamped with a
 * generation instead of cleared per call, so compressing many short strings stays cheap. An
 * instance is not thread-safe; the static {@link #decompress} is.
 */
public final class Lzf {
  private static final int HASH_BITS = 14;
  private static final int MAX_OFFSET = 1 << 13;
  private static final int MAX_MATCH = 264;
  private static final int MAX_LITERALS = 32;

  private final int[] table = new int[1 << HASH_BITS];
  private int generation;

  /**
   * Compresses {@code length} bytes of {@code in} from {@code offset} into the first {@code limit}
   * bytes of {@code out}; returns the compressed length, or 0 when it would not fit (Redis's signal
   * to store the string plain).
   */
  public int compress(final byte[] in, final int offset, final int length, final byte[] out, final int limit) {
    if (length < 4) {
      return 0;
    }
    if (generation > Integer.MAX_VALUE - length - 1) {
      java.util.Arrays.fill(table, 0);
      generation = 0;
    }
    final int base = generation + 1;
    generation = base + length;
    int ip = 0;
    int op = 0;
    int literals = 0;
    while (ip + 2 < length) {
      final int h = hash(in, offset + ip);
      final int candidate = table[h] - base;
      table[h] = base + ip;
      if (candidate >= 0 && ip - candidate - 1 < MAX_OFFSET
          && in[offset + candidate] == in[offset + ip]
          && in[offset + candidate + 1] == in[offset + ip + 1]
          && in[offset + candidate + 2] == in[offset + ip + 2]) {
        final int longest = Math.min(MAX_MATCH, length - ip);
        int match = 3;
        while (match < longest && in[offset + candidate + match] == in[offset + ip + match]) {
          match++;
        }
        op = literals(in, offset + ip - literals, literals, out, op, limit);
        if (op < 0 || op + 3 > limit) {
          return 0;
        }
        literals = 0;
        final int distance = ip - candidate - 1;
        final int encoded = match - 2;
        if (encoded < 7) {
          out[op++] = (byte) ((encoded << 5) | (distance >>> 8));
        } else {
          out[op++] = (byte) ((7 << 5) | (distance >>> 8));
          out[op++] = (byte) (encoded - 7);
        }
        out[op++] = (byte) distance;
        for (int k = 1; k < match && ip + k + 2 < length; k++) {
          table[hash(in, offset + ip + k)] = base + ip + k;
        }
        ip += match;
      } else {
        literals++;
        ip++;
      }
    }
    literals += length - ip;
    op = literals(in, offset + length - literals, literals, out, op, limit);
    return Math.max(op, 0);
  }

  private static int literals(
      final byte[] in, final int from, final int count, final byte[] out, final int at, final int limit) {
    int op = at;
    int done = 0;
    while (done < count) {
      final int n = Math.min(MAX_LITERALS, count - done);
      if (op + 1 + n > limit) {
        return -1;
      }
      out[op++] = (byte) (n - 1);
      System.arraycopy(in, from + done, out, op, n);
      op += n;
      done += n;
    }
    return op;
  }

  private static int hash(final byte[] in, final int p) {
    final int v = (in[p] & 0xff) << 16 | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff);
    return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
  }

  /**
   * Decompresses {@code length} bytes of {@code in} from {@code offset} into exactly {@code
   * out.length} bytes; throws {@link RdbFormatException} when the input does not fit that shape.
   */
  public static void decompress(final byte[] in, final int offset, final int length, final byte[] out) {
    int ip = offset;
    final int inEnd = offset + length;
    int op = 0;
    while (ip < inEnd) {
      int ctrl = in[ip++] & 0xff;
      if (ctrl < 32) {
        final int run = ctrl + 1;
        if (op + run > out.length || ip + run > inEnd) {
          throw new RdbFormatException("LZF literal run overflows");
        }
        System.arraycopy(in, ip, out, op, run);
        ip += run;
        op += run;
      } else {
        int len = ctrl >>> 5;
        if (len == 7) {
          if (ip >= inEnd) {
            throw new RdbFormatException("LZF input truncated");
          }
          len += in[ip++] & 0xff;
        }
        if (ip >= inEnd) {
          throw new RdbFormatException("LZF input truncated");
        }
        final int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
        len += 2;
        if (ref < 0 || op + len > out.length) {
          throw new RdbFormatException("LZF back reference out of range");
        }
        // Byte by byte on purpose: a reference may overlap the bytes it is producing.
        for (int k = 0; k < len; k++) {
          out[op++] = out[ref + k];
        }
      }
    }
    if (op != out.length) {
      throw new RdbFormatException("LZF output shorter than announced");
    }
  }
}
