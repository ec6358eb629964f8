package io.rustyredis.transport;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments with the rules of Redis's {@code sdssplitargs}:
 * spaces separate; {@code "..."} understands {@code \n \r \t \b \a \\ \" \xHH}; {@code '...'}
 * understands {@code \'}; a closing quote must be followed by a space or the end of the line.
 * A quote may open mid-word ({@code a"b c"} is {@code ab c} when a space follows it).
 * Inline commands are mostly for humans with telnet, so this allocates freely; a line without
 * quotes, the only kind benchmarks send, is split in place by the decoder instead.
 */
final class InlineSplitter {
  private InlineSplitter() {}

  /** The arguments, or null when the quotes do not balance. */
  static byte[][] split(final byte[] line) {
    final List<byte[]> out = new ArrayList<>();
    int i = 0;
    final int n = line.length;
    while (true) {
      while (i < n && isSpace(line[i])) {
        i++;
      }
      if (i >= n) {
        return out.toArray(new byte[0][]);
      }
      final ByteArrayOutputStream current = new ByteArrayOutputStream();
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        if (inDouble) {
          if (i >= n) {
            return null;
          }
          final byte c = line[i];
          if (c == '\\' && i + 3 < n && line[i + 1] == 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
            current.write(Character.digit(line[i + 2], 16) * 16 + Character.digit(line[i + 3], 16));
            i += 3;
          } else if (c == '\\' && i + 1 < n) {
            i++;
            switch (line[i]) {
              case 'n': current.write('\n'); break;
              case 'r': current.write('\r'); break;
              case 't': current.write('\t'); break;
              case 'b': current.write('\b'); break;
              case 'a': current.write(7); break;
              default: current.write(line[i]);
            }
          } else if (c == '"') {
            if (i + 1 < n && !isSpace(line[i + 1])) {
              return null;
            }
            done = true;
          } else {
            current.write(c);
          }
        } else if (inSingle) {
          if (i >= n) {
            return null;
          }
          final byte c = line[i];
          if (c == '\\' && i + 1 < n && line[i + 1] == '\'') {
            i++;
            current.write('\'');
          } else if (c == '\'') {
            if (i + 1 < n && !isSpace(line[i + 1])) {
              return null;
            }
            done = true;
          } else {
            current.write(c);
          }
        } else {
          if (i >= n) {
            done = true;
            continue;
          }
          final byte c = line[i];
          if (endsWord(c)) {
            done = true;
          } else if (c == '"') {
            inDouble = true;
          } else if (c == '\'') {
            inSingle = true;
          } else {
            current.write(c);
          }
        }
        if (i < n) {
          i++;
        }
      }
      out.add(current.toByteArray());
    }
  }

  static boolean isSpace(final byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0B || c == '\f';
  }

  /**
   * Outside quotes only these end a word: {@code sdssplitargs} skips any {@code isspace} byte
   * between words but keeps a vertical tab or form feed inside one ("a\vb" is one argument).
   */
  static boolean endsWord(final byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static boolean isHex(final byte c) {
    return Character.digit(c, 16) >= 0;
  }
}
