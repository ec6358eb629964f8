package io.rustyredis.engine.scripting;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Roberto Ierusalimschy's {@code struct} library as Redis bundles it: {@code struct.pack},
 * {@code struct.unpack} and {@code struct.size} over the formats {@code < > = !} (endianness,
 * alignment), {@code x b B h H l L T i I[n] f d c[n] s}. Native order is little-endian, as on the
 * machines Redis runs on.
 */
final class StructLib {
  private StructLib() {}

  static LuaTable library() {
    final LuaTable t = new LuaTable();
    t.rawset("pack", LuaState.fnv(StructLib::pack));
    t.rawset("unpack", LuaState.fnv(StructLib::unpack));
    t.rawset("size", LuaState.fnv(a -> {
      final Format f = new Format(a.checkjstring(1));
      long size = 0;
      while (f.next()) {
        if (f.option == 's' || (f.option == 'c' && f.size == 0)) {
          throw new LuaError("options 'c0' - 's' have undefined sizes");
        }
        size += f.padding(size) + f.size;
      }
      return LuaValue.valueOf(size);
    }));
    return t;
  }

  /** Walks a format string one option at a time. */
  private static final class Format {
    final String text;
    int at;
    boolean little = true;
    int maxAlign = 1;
    char option;
    int size;

    Format(final String text) {
      this.text = text;
    }

    boolean next() {
      while (at < text.length()) {
        option = text.charAt(at++);
        switch (option) {
          case ' ': break;
          case '>': little = false; break;
          case '<': case '=': little = true; break;
          case '!': maxAlign = number(8); break;
          case 'x': case 'b': case 'B': size = 1; return true;
          case 'h': case 'H': size = 2; return true;
          case 'l': case 'L': case 'T': size = 8; return true;
          case 'f': size = 4; return true;
          case 'd': size = 8; return true;
          case 'i': case 'I':
            size = number(4);
            if (size > 8) {
              throw new LuaError("integral size " + size + " is larger than limit of 8");
            }
            return true;
          case 'c': size = number(1); return true;
          case 's': size = 0; return true;
          default: throw new LuaError("invalid format option '" + option + "'");
        }
      }
      return false;
    }

    private int number(final int otherwise) {
      if (at >= text.length() || !Character.isDigit(text.charAt(at))) {
        return otherwise;
      }
      int n = 0;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        n = n * 10 + (text.charAt(at++) - '0');
      }
      return n;
    }

    int padding(final long position) {
      int align = Math.min(size, maxAlign);
      if (option == 'c' || option == 's' || option == 'x' || align <= 1) {
        return 0;
      }
      return (int) ((align - (position & (align - 1))) & (align - 1));
    }
  }

  private static Varargs pack(final Varargs a) {
    final Format f = new Format(a.checkjstring(1));
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int arg = 2;
    while (f.next()) {
      for (int p = f.padding(out.size()); p > 0; p--) {
        out.write(0);
      }
      switch (f.option) {
        case 'x':
          out.write(0);
          break;
        case 'f':
          integer(out, Float.floatToIntBits((float) a.checkdouble(arg++)), 4, f.little);
          break;
        case 'd':
          integer(out, Double.doubleToLongBits(a.checkdouble(arg++)), 8, f.little);
          break;
        case 'c':
        case 's': {
          final LuaString s = a.checkstring(arg++);
          int n = f.size == 0 ? s.m_length : f.size;
          if (n > s.m_length) {
            throw new LuaError("bad argument #" + (arg - 1) + " to 'pack' (string too short)");
          }
          out.write(s.m_bytes, s.m_offset, n);
          if (f.option == 's') {
            out.write(0);
          }
          break;
        }
        default:
          integer(out, (long) a.checknumber(arg++).todouble(), f.size, f.little);
      }
    }
    return LuaValue.valueOf(out.toByteArray());
  }

  private static void integer(final ByteArrayOutputStream out, final long v, final int size, final boolean little) {
    for (int i = 0; i < size; i++) {
      final int shift = 8 * (little ? i : size - 1 - i);
      out.write(shift >= 64 ? 0 : (int) (v >>> shift) & 0xff);
    }
  }

  private static Varargs unpack(final Varargs a) {
    final Format f = new Format(a.checkjstring(1));
    final LuaString s = a.checkstring(2);
    int pos = a.optint(3, 1) - 1;
    if (pos < 0) {
      throw new LuaError("bad argument #3 to 'unpack' (offset must be 1 or greater)");
    }
    final List<LuaValue> out = new ArrayList<>();
    while (f.next()) {
      pos += f.padding(pos);
      int size = f.size;
      if (f.option == 's') {
        int zero = pos;
        while (zero < s.m_length && s.m_bytes[s.m_offset + zero] != 0) {
          zero++;
        }
        if (zero >= s.m_length) {
          throw new LuaError("unfinished string in data");
        }
        size = zero - pos + 1;
      } else if (f.option == 'c' && size == 0) {
        if (out.isEmpty() || !out.get(out.size() - 1).isnumber()) {
          throw new LuaError("format 'c0' needs a previous size");
        }
        size = out.remove(out.size() - 1).toint();
      }
      if (pos + size > s.m_length) {
        throw new LuaError("bad argument #2 to 'unpack' (data string too short)");
      }
      final int at = s.m_offset + pos;
      switch (f.option) {
        case 'x':
          break;
        case 'c':
          out.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(s.m_bytes, at, at + size)));
          break;
        case 's':
          out.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(s.m_bytes, at, at + size - 1)));
          break;
        case 'f':
          out.add(LuaValue.valueOf(Float.intBitsToFloat((int) read(s.m_bytes, at, 4, f.little))));
          break;
        case 'd':
          out.add(LuaValue.valueOf(Double.longBitsToDouble(read(s.m_bytes, at, 8, f.little))));
          break;
        default: {
          long v = read(s.m_bytes, at, size, f.little);
          final boolean signed = Character.isLowerCase(f.option);
          if (signed && size < 8) {
            final int shift = 64 - 8 * size;
            v = (v << shift) >> shift;
          }
          out.add(LuaValue.valueOf(!signed && v < 0 ? v + 0x1p64 : (double) v));
        }
      }
      pos += size;
    }
    out.add(LuaValue.valueOf(pos + 1));
    return LuaValue.varargsOf(out.toArray(new LuaValue[0]));
  }

  private static long read(final byte[] b, final int at, final int size, final boolean little) {
    long v = 0;
    for (int i = 0; i < size; i++) {
      final int index = little ? at + size - 1 - i : at + i;
      v = (v << 8) | (b[index] & 0xff);
    }
    return v;
  }
}
