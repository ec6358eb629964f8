package io.rustyredis.engine.config;

/**
 * Redis's glob matching ({@code stringmatchlen}) for CONFIG GET and COMMAND LIST patterns: {@code
 * *}, {@code ?}, {@code [...]} with ranges and {@code ^} negation, and {@code \} escapes, here
 * always case-insensitive as those two commands use it. Works on strings: the names it matches are
 * short and known.
 */
public final class Glob {
  private Glob() {}

  /** True when {@code text} matches {@code pattern}, ignoring ASCII case. */
  public static boolean matches(final String pattern, final String text) {
    return match(pattern, 0, text, 0);
  }

  private static boolean match(final String p, int pi, final String s, int si) {
    while (pi < p.length()) {
      final char pc = p.charAt(pi);
      switch (pc) {
        case '*':
          while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
            pi++;
          }
          if (pi + 1 == p.length()) {
            return true;
          }
          for (int k = si; k <= s.length(); k++) {
            if (match(p, pi + 1, s, k)) {
              return true;
            }
          }
          return false;
        case '?':
          if (si >= s.length()) {
            return false;
          }
          si++;
          break;
        case '[': {
          if (si >= s.length()) {
            return false;
          }
          pi++;
          final boolean not = pi < p.length() && p.charAt(pi) == '^';
          if (not) {
            pi++;
          }
          boolean found = false;
          final char c = lower(s.charAt(si));
          while (pi < p.length() && p.charAt(pi) != ']') {
            if (p.charAt(pi) == '\\' && pi + 1 < p.length()) {
              pi++;
              found |= lower(p.charAt(pi)) == c;
            } else if (pi + 2 < p.length() && p.charAt(pi + 1) == '-') {
              char start = lower(p.charAt(pi));
              char end = lower(p.charAt(pi + 2));
              if (start > end) {
                final char t = start;
                start = end;
                end = t;
              }
              found |= c >= start && c <= end;
              pi += 2;
            } else {
              found |= lower(p.charAt(pi)) == c;
            }
            pi++;
          }
          if (pi >= p.length()) {
            // Unterminated class: Redis treats the end of the pattern as its close.
            pi--;
          }
          if (found == not) {
            return false;
          }
          si++;
          break;
        }
        case '\\':
          if (pi + 1 < p.length()) {
            pi++;
          }
          if (si >= s.length() || lower(p.charAt(pi)) != lower(s.charAt(si))) {
            return false;
          }
          si++;
          break;
        default:
          if (si >= s.length() || lower(pc) != lower(s.charAt(si))) {
            return false;
          }
          si++;
          break;
      }
      pi++;
    }
    return si == s.length();
  }

  private static char lower(final char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
