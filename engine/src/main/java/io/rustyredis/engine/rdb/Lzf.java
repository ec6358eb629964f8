package io.rustyredis.engine.rdb;

/**
 * LZF decompression, as Redis's {@code lzf_d.c}: Redis stores strings longer than 20 bytes
 * compressed in an RDB file when {@code rdbcompression} is on (its default), so every file a real
 * Redis writes may hold them. The format is a run of items: a control byte below 32 says "copy the
 * next control+1 literal bytes"; otherwise its top 3 bits are a back-reference length (7 meaning
 * "plus the next byte") and the low 5 bits, with the next byte, the distance back minus one.
 */
public final class Lzf {
  private Lzf() {}

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
