package io.rustyredis.journal;

/**
 * Splits an effects payload (RESP multibulk commands, as the engine's {@code Effects} writes them)
 * into commands without copying: each command is handed over as offsets and lengths into the
 * payload. Reused, so replaying allocates nothing per command once the arrays have grown.
 */
public final class EffectParser {
  /** Receives each command of a payload. */
  @FunctionalInterface
  public interface CommandSink {
    void command(byte[] payload, int[] offsets, int[] lengths, int argc);
  }

  private int[] offsets = new int[8];
  private int[] lengths = new int[8];
  private final long[] read = new long[1];

  /** Calls {@code sink} for each command; returns false if the payload is not well-formed RESP. */
  public boolean parse(final byte[] payload, final int length, final CommandSink sink) {
    int p = 0;
    while (p < length) {
      if (payload[p] != '*') {
        return false;
      }
      p = number(payload, p + 1, length, read);
      if (p < 0 || read[0] < 1) {
        return false;
      }
      final int argc = (int) read[0];
      if (offsets.length < argc) {
        offsets = new int[argc];
        lengths = new int[argc];
      }
      for (int i = 0; i < argc; i++) {
        if (p >= length || payload[p] != '$') {
          return false;
        }
        p = number(payload, p + 1, length, read);
        if (p < 0 || read[0] < 0 || p + read[0] + 2 > length) {
          return false;
        }
        offsets[i] = p;
        lengths[i] = (int) read[0];
        p += (int) read[0] + 2;
      }
      sink.command(payload, offsets, lengths, argc);
    }
    return true;
  }

  /** Parses digits up to CRLF from {@code p}; returns the position after it, or -1. */
  private static int number(final byte[] b, int p, final int end, final long[] out) {
    long value = 0;
    final int start = p;
    while (p < end && b[p] != '\r') {
      final int digit = b[p] - '0';
      if (digit < 0 || digit > 9 || p - start > 18) {
        return -1;
      }
      value = value * 10 + digit;
      p++;
    }
    if (p == start || p + 1 >= end || b[p + 1] != '\n') {
      return -1;
    }
    out[0] = value;
    return p + 2;
  }
}
