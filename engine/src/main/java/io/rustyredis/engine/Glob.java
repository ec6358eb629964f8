package io.rustyredis.engine;

import io.rustyredis.engine.memory.Bytes;

/**
 * Redis's glob-style matching ({@code stringmatchlen} in {@code util.c}), used by KEYS, SCAN MATCH
 * and pattern subscriptions: {@code *} any run of bytes, {@code ?} one byte, {@code [abc]} a set,
 * {@code [^a]} its complement, {@code [a-z]} a range (ends may be given in either order) and
 * {@code \} quoting the next byte. Bytes compare as C's signed {@code char} does, so ranges over
 * bytes above 0x7F behave as in Redis.
 *
 * <p>Redis recurses at each {@code *} and, since 7.0.9, gives up as soon as the rest of the pattern
 * fails from every later position (the pattern cannot match by letting an earlier star take more).
 * That rule makes only the last star worth backtracking to, so this is the same algorithm written
 * as a loop: no stack depth that a hostile pattern could exhaust on the engine thread.
 */
public final class Glob {
  private Glob() {}

  /** Case-insensitive match of two Java strings: for names (CONFIG GET, COMMAND LIST), not keys. */
  public static boolean matchesIgnoreCase(final String pattern, final String text) {
    final byte[] p = pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    final byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return matches(p, 0, p.length, t, Bytes.ARRAY_BASE, t.length, true);
  }

  /**
   * True when the string at ({@code base}, {@code offset}) of {@code length} bytes matches the
   * pattern held in {@code pattern[patternOffset .. patternOffset + patternLength)}.
   */
  public static boolean matches(
      final byte[] pattern, final int patternOffset, final int patternLength,
      final Object base, final long offset, final int length, final boolean noCase) {
    if (length == 0) {
      return patternLength == 0;
    }
    final int pEnd = patternOffset + patternLength;
    int p = patternOffset;
    int s = 0;
    int starP = -1;
    int starS = 0;
    while (true) {
      boolean ok = false;
      if (p < pEnd) {
        final byte c = Bytes.get(base, offset + s);
        switch (pattern[p]) {
          case '*':
            while (p + 1 < pEnd && pattern[p + 1] == '*') {
              p++;
            }
            if (p == pEnd - 1) {
              return true;
            }
            starP = p;
            starS = s;
            p++;
            continue;
          case '?':
            ok = true;
            break;
          case '[':
            p = matchClass(pattern, p + 1, pEnd, c, noCase);
            ok = p >= 0;
            p = ok ? p : -p - 1;
            break;
          case '\\':
            if (pEnd - p >= 2) {
              p++;
            }
            ok = same(pattern[p], c, noCase);
            break;
          default:
            ok = same(pattern[p], c, noCase);
            break;
        }
        if (ok) {
          p++;
          s++;
          if (s < length) {
            continue;
          }
          while (p < pEnd && pattern[p] == '*') {
            p++;
          }
          if (p == pEnd) {
            return true;
          }
        }
      }
      if (starP < 0) {
        return false;
      }
      starS++;
      if (starS == length) {
        return false;
      }
      p = starP + 1;
      s = starS;
    }
  }

  /**
   * Matches one byte against the class that starts at {@code p} (just after {@code [}). Returns the
   * index of the class's last pattern byte when it matched, or {@code -index - 1} when it did not.
   */
  private static int matchClass(final byte[] pattern, int p, final int pEnd, final byte c, final boolean noCase) {
    final boolean not = p < pEnd && pattern[p] == '^';
    if (not) {
      p++;
    }
    boolean match = false;
    while (true) {
      if (p < pEnd && pattern[p] == '\\' && pEnd - p >= 2) {
        p++;
        if (pattern[p] == c) {
          match = true;
        }
      } else if (p < pEnd && pattern[p] == ']') {
        break;
      } else if (p == pEnd) {
        // An unterminated class: Redis steps back onto the last byte and ends the class there.
        p--;
        break;
      } else if (pEnd - p >= 3 && pattern[p + 1] == '-') {
        int start = pattern[p];
        int end = pattern[p + 2];
        int b = c;
        if (start > end) {
          final int t = start;
          start = end;
          end = t;
        }
        if (noCase) {
          start = lower(start);
          end = lower(end);
          b = lower(b);
        }
        p += 2;
        if (b >= start && b <= end) {
          match = true;
        }
      } else if (same(pattern[p], c, noCase)) {
        match = true;
      }
      p++;
    }
    return match != not ? p : -p - 1;
  }

  private static boolean same(final byte a, final byte b, final boolean noCase) {
    return noCase ? lower(a) == lower(b) : a == b;
  }

  private static int lower(final int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
