package io.rustyredis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GlobTest {
  private static boolean match(final String pattern, final String string) {
    return match(pattern, string, false);
  }

  private static boolean match(final String pattern, final String string, final boolean noCase) {
    final byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
    final byte[] s = string.getBytes(StandardCharsets.ISO_8859_1);
    return Glob.matches(p, 0, p.length, s, Bytes.ARRAY_BASE, s.length, noCase);
  }

  @Test
  void starMatchesAnyRunIncludingNone() {
    assertTrue(match("*", "anything"));
    assertTrue(match("h*llo", "hllo"));
    assertTrue(match("h*llo", "heeeello"));
    assertTrue(match("a*", "a"));
    assertTrue(match("a**", "a"));
    assertTrue(match("*a*b*c", "xxaxxbxxc"));
    assertFalse(match("*a*b*c", "xxaxxbxx"));
    assertFalse(match("h*llo", "hlo"));
  }

  @Test
  void emptyStringMatchesOnlyTheEmptyPatternAsInRedis() {
    assertTrue(match("", ""));
    assertFalse(match("*", ""));
    assertFalse(match("a", ""));
    assertFalse(match("", "a"));
  }

  @Test
  void questionMarkMatchesExactlyOneByte() {
    assertTrue(match("h?llo", "hello"));
    assertFalse(match("h?llo", "hllo"));
    assertFalse(match("h?llo", "heello"));
  }

  @Test
  void classesSetsComplementsAndRanges() {
    assertTrue(match("h[ae]llo", "hallo"));
    assertFalse(match("h[ae]llo", "hillo"));
    assertTrue(match("h[^e]llo", "hallo"));
    assertFalse(match("h[^e]llo", "hello"));
    assertTrue(match("h[a-b]llo", "hbllo"));
    assertTrue(match("h[b-a]llo", "hallo"));
    assertFalse(match("h[a-b]llo", "hcllo"));
    assertTrue(match("[a-]", "]"));
    assertTrue(match("[\\]]", "]"));
    assertTrue(match("[^", "x"));
    assertFalse(match("[", "x"));
    assertTrue(match("[abc", "c"));
  }

  @Test
  void backslashQuotesTheNextByte() {
    assertTrue(match("h\\*llo", "h*llo"));
    assertFalse(match("h\\*llo", "hello"));
    assertTrue(match("a\\", "a\\"));
    assertTrue(match("\\?", "?"));
  }

  @Test
  void highBytesRangeAsSignedCharsDo() {
    assertTrue(match("[\u00ff-a]", "\u0000"));
    assertFalse(match("[a-\u00ff]", "b"));
  }

  @Test
  void noCaseFoldsAsciiLetters() {
    assertTrue(match("HeLLo", "hello", true));
    assertTrue(match("h[A-Z]llo", "hello", true));
    assertFalse(match("HeLLo", "hello", false));
  }

  @Test
  void manyStarsDoNotBacktrackExponentially() {
    final String pattern = "*a".repeat(20_000) + "b";
    final String string = "a".repeat(40_000);
    assertFalse(match(pattern, string));
  }

  @Test
  void agreesWithRedisRecursiveAlgorithmOnRandomInputs() {
    final SplittableRandom random = new SplittableRandom(7);
    final String patternAlphabet = "ab*?[]^-\\";
    final String stringAlphabet = "ab-]^\\*";
    for (int round = 0; round < 200_000; round++) {
      final String pattern = randomString(random, patternAlphabet, random.nextInt(8));
      final String string = randomString(random, stringAlphabet, random.nextInt(7));
      final byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
      final byte[] s = string.getBytes(StandardCharsets.ISO_8859_1);
      assertEquals(RedisReference.stringmatchlen(p, s), match(pattern, string), () -> pattern + " vs " + string);
    }
  }

  private static String randomString(final SplittableRandom random, final String alphabet, final int length) {
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** A line-by-line port of Redis 7.0's recursive {@code stringmatchlen_impl}, as the oracle. */
  private static final class RedisReference {
    static boolean stringmatchlen(final byte[] pattern, final byte[] string) {
      return impl(pattern, 0, pattern.length, string, 0, string.length, new boolean[1]);
    }

    private static byte at(final byte[] a, final int i) {
      return i < a.length ? a[i] : 0;
    }

    private static boolean impl(
        final byte[] pat, int p, int patternLen, final byte[] str, int s, int stringLen, final boolean[] skip) {
      while (patternLen > 0 && stringLen > 0) {
        switch (pat[p]) {
          case '*':
            while (patternLen > 0 && at(pat, p + 1) == '*') {
              p++;
              patternLen--;
            }
            if (patternLen == 1) {
              return true;
            }
            while (stringLen > 0) {
              if (impl(pat, p + 1, patternLen - 1, str, s, stringLen, skip)) {
                return true;
              }
              if (skip[0]) {
                return false;
              }
              s++;
              stringLen--;
            }
            skip[0] = true;
            return false;
          case '?':
            s++;
            stringLen--;
            break;
          case '[': {
            p++;
            patternLen--;
            final boolean not = at(pat, p) == '^';
            if (not) {
              p++;
              patternLen--;
            }
            boolean match = false;
            while (true) {
              if (at(pat, p) == '\\' && patternLen >= 2) {
                p++;
                patternLen--;
                if (pat[p] == str[s]) {
                  match = true;
                }
              } else if (at(pat, p) == ']') {
                break;
              } else if (patternLen == 0) {
                p--;
                patternLen++;
                break;
              } else if (patternLen >= 3 && pat[p + 1] == '-') {
                int start = pat[p];
                int end = pat[p + 2];
                final int c = str[s];
                if (start > end) {
                  final int t = start;
                  start = end;
                  end = t;
                }
                p += 2;
                patternLen -= 2;
                if (c >= start && c <= end) {
                  match = true;
                }
              } else if (pat[p] == str[s]) {
                match = true;
              }
              p++;
              patternLen--;
            }
            if (not) {
              match = !match;
            }
            if (!match) {
              return false;
            }
            s++;
            stringLen--;
            break;
          }
          case '\\':
            if (patternLen >= 2) {
              p++;
              patternLen--;
            }
            if (pat[p] != str[s]) {
              return false;
            }
            s++;
            stringLen--;
            break;
          default:
            if (pat[p] != str[s]) {
              return false;
            }
            s++;
            stringLen--;
            break;
        }
        p++;
        patternLen--;
        if (stringLen == 0) {
          while (at(pat, p) == '*') {
            p++;
            patternLen--;
          }
          break;
        }
      }
      return patternLen == 0 && stringLen == 0;
    }
  }
}
