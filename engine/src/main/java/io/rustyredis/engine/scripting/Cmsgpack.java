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
 * lua-cmsgpack as Redis ships it ({@code cmsgpack.pack(...)}, {@code cmsgpack.unpack(s)}): the
 * smallest MessagePack encoding for each integer, a float when the number survives the narrowing
 * and a double otherwise, a table as an array when its keys are exactly 1..n (an empty one too) and
 * as a map otherwise, tables nested deeper than 16 packed as nil.
 */
final class Cmsgpack {
  private static final int MAX_NESTING = 16;

  private Cmsgpack() {}

  static LuaTable library() {
    final LuaTable t = new LuaTable();
    t.rawset("pack", LuaState.fnv(args -> {
      if (args.narg() == 0) {
        throw new LuaError("MessagePack pack needs input.");
      }
      final ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 1; i <= args.narg(); i++) {
        pack(args.arg(i), out, 0);
      }
      return LuaValue.valueOf(out.toByteArray());
    }));
    t.rawset("unpack", LuaState.fnv(args -> {
      final LuaString s = args.checkstring(1);
      final Reader r = new Reader(s);
      final List<LuaValue> values = new ArrayList<>();
      while (r.pos < r.end) {
        values.add(r.value());
      }
      return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
    }));
    return t;
  }

  private static void pack(final LuaValue v, final ByteArrayOutputStream out, final int level) {
    switch (v.type()) {
      case LuaValue.TBOOLEAN:
        out.write(v.toboolean() ? 0xc3 : 0xc2);
        break;
      case LuaValue.TNUMBER:
        number(v.todouble(), out);
        break;
      case LuaValue.TSTRING:
        final LuaString s = v.checkstring();
        final int n = s.m_length;
        if (n < 32) {
          out.write(0xa0 | n);
        } else if (n <= 0xff) {
          out.write(0xd9);
          out.write(n);
        } else if (n <= 0xffff) {
          out.write(0xda);
          be(out, n, 2);
        } else {
          out.write(0xdb);
          be(out, n, 4);
        }
        out.write(s.m_bytes, s.m_offset, n);
        break;
      case LuaValue.TTABLE:
        if (level >= MAX_NESTING) {
          out.write(0xc0);
        } else {
          table((LuaTable) v, out, level + 1);
        }
        break;
      default:
        out.write(0xc0);
    }
  }

  private static void number(final double d, final ByteArrayOutputStream out) {
    final long l = (long) d;
    if (l == d && !Double.isInfinite(d)) {
      if (l >= 0) {
        if (l < 128) {
          out.write((int) l);
        } else if (l <= 0xff) {
          out.write(0xcc);
          out.write((int) l);
        } else if (l <= 0xffff) {
          out.write(0xcd);
          be(out, l, 2);
        } else if (l <= 0xffffffffL) {
          out.write(0xce);
          be(out, l, 4);
        } else {
          out.write(0xcf);
          be(out, l, 8);
        }
      } else if (l >= -32) {
        out.write((int) l & 0xff);
      } else if (l >= Byte.MIN_VALUE) {
        out.write(0xd0);
        out.write((int) l & 0xff);
      } else if (l >= Short.MIN_VALUE) {
        out.write(0xd1);
        be(out, l, 2);
      } else if (l >= Integer.MIN_VALUE) {
        out.write(0xd2);
        be(out, l, 4);
      } else {
        out.write(0xd3);
        be(out, l, 8);
      }
    } else if ((float) d == d || Double.isNaN(d)) {
      out.write(0xca);
      be(out, Float.floatToIntBits((float) d), 4);
    } else {
      out.write(0xcb);
      be(out, Double.doubleToLongBits(d), 8);
    }
  }

  private static void table(final LuaTable t, final ByteArrayOutputStream out, final int level) {
    long count = 0;
    double max = 0;
    boolean array = true;
    LuaValue k = LuaValue.NIL;
    while (true) {
      final Varargs next = t.next(k);
      if ((k = next.arg1()).isnil()) {
        break;
      }
      count++;
      if (array && k.type() == LuaValue.TNUMBER && k.todouble() >= 1 && k.todouble() == Math.floor(k.todouble())) {
        max = Math.max(max, k.todouble());
      } else {
        array = false;
      }
    }
    if (array && max == count) {
      header(out, count, 0x90, 0xdc, 0xdd);
      for (int i = 1; i <= count; i++) {
        pack(t.rawget(i), out, level);
      }
      return;
    }
    header(out, count, 0x80, 0xde, 0xdf);
    k = LuaValue.NIL;
    while (true) {
      final Varargs next = t.next(k);
      if ((k = next.arg1()).isnil()) {
        break;
      }
      pack(k, out, level);
      pack(next.arg(2), out, level);
    }
  }

  private static void header(final ByteArrayOutputStream out, final long n, final int fix, final int b16, final int b32) {
    if (n < 16) {
      out.write(fix | (int) n);
    } else if (n <= 0xffff) {
      out.write(b16);
      be(out, n, 2);
    } else {
      out.write(b32);
      be(out, n, 4);
    }
  }

  private static void be(final ByteArrayOutputStream out, final long v, final int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  private static final class Reader {
    final byte[] data;
    int pos;
    final int end;

    Reader(final LuaString s) {
      this.data = s.m_bytes;
      this.pos = s.m_offset;
      this.end = s.m_offset + s.m_length;
    }

    LuaValue value() {
      final int b = u8();
      if (b <= 0x7f) {
        return LuaValue.valueOf(b);
      }
      if (b >= 0xe0) {
        return LuaValue.valueOf(b - 256);
      }
      if ((b & 0xe0) == 0xa0) {
        return str(b & 0x1f);
      }
      if ((b & 0xf0) == 0x90) {
        return array(b & 0x0f);
      }
      if ((b & 0xf0) == 0x80) {
        return map(b & 0x0f);
      }
      switch (b) {
        case 0xc0: return LuaValue.NIL;
        case 0xc2: return LuaValue.FALSE;
        case 0xc3: return LuaValue.TRUE;
        case 0xca: return LuaValue.valueOf(Float.intBitsToFloat((int) be(4)));
        case 0xcb: return LuaValue.valueOf(Double.longBitsToDouble(be(8)));
        case 0xcc: return LuaValue.valueOf(be(1));
        case 0xcd: return LuaValue.valueOf(be(2));
        case 0xce: return LuaValue.valueOf(be(4));
        case 0xcf: return LuaValue.valueOf((double) be(8));
        case 0xd0: return LuaValue.valueOf((byte) be(1));
        case 0xd1: return LuaValue.valueOf((short) be(2));
        case 0xd2: return LuaValue.valueOf((int) be(4));
        case 0xd3: return LuaValue.valueOf((double) be(8));
        case 0xc4: case 0xd9: return str((int) be(1));
        case 0xc5: case 0xda: return str((int) be(2));
        case 0xc6: case 0xdb: return str((int) be(4));
        case 0xdc: return array((int) be(2));
        case 0xdd: return array((int) be(4));
        case 0xde: return map((int) be(2));
        case 0xdf: return map((int) be(4));
        default: throw new LuaError("Bad data format in input.");
      }
    }

    private LuaValue str(final int n) {
      need(n);
      final LuaValue s = LuaValue.valueOf(java.util.Arrays.copyOfRange(data, pos, pos + n));
      pos += n;
      return s;
    }

    private LuaValue array(final int n) {
      final LuaTable t = new LuaTable();
      for (int i = 1; i <= n; i++) {
        t.rawset(i, value());
      }
      return t;
    }

    private LuaValue map(final int n) {
      final LuaTable t = new LuaTable();
      for (int i = 0; i < n; i++) {
        final LuaValue k = value();
        final LuaValue v = value();
        if (!k.isnil()) {
          t.rawset(k, v);
        }
      }
      return t;
    }

    private int u8() {
      need(1);
      return data[pos++] & 0xff;
    }

    private long be(final int bytes) {
      need(bytes);
      long v = 0;
      for (int i = 0; i < bytes; i++) {
        v = (v << 8) | (data[pos++] & 0xff);
      }
      return v;
    }

    private void need(final int n) {
      if (n < 0 || pos + n > end) {
        throw new LuaError("Missing bytes in input.");
      }
    }
  }
}
