package io.rustyredis.engine.scripting;

import java.io.ByteArrayOutputStream;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * lua-cjson 2.1 ({@code cjson.encode}, {@code cjson.decode}, {@code cjson.null}) with the defaults
 * Redis ships: numbers in {@code %.14g}, {@code /} escaped, an empty table encoded as {@code {}},
 * a table whose keys are 1..n as an array unless excessively sparse, and Redis's error texts.
 * Works on bytes, as cjson does: strings are not decoded as UTF-8 on the way in or out.
 */
final class Cjson {
  /** {@code cjson.null}: a light userdata in Redis, a unique userdata here. */
  static final LuaUserdata NULL = new LuaUserdata(new Object());
  private static final int MAX_DEPTH = 1000;

  private Cjson() {}

  static LuaTable library() {
    final LuaTable t = new LuaTable();
    t.rawset("encode", LuaState.fn1(v -> {
      final ByteArrayOutputStream out = new ByteArrayOutputStream();
      encode(v, out, 0);
      return LuaValue.valueOf(out.toByteArray());
    }));
    t.rawset("decode", LuaState.fn1(v -> new Decoder(v.checkstring()).document()));
    t.rawset("null", NULL);
    return t;
  }

  private static void encode(final LuaValue v, final ByteArrayOutputStream out, final int depth) {
    switch (v.type()) {
      case LuaValue.TNIL:
        ascii(out, "null");
        break;
      case LuaValue.TBOOLEAN:
        ascii(out, v.toboolean() ? "true" : "false");
        break;
      case LuaValue.TNUMBER:
        final double d = v.todouble();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new LuaError("Cannot serialise number: must not be NaN or Inf");
        }
        ascii(out, LuaNumbers.format(d));
        break;
      case LuaValue.TSTRING:
        string(v.checkstring(), out);
        break;
      case LuaValue.TTABLE:
        if (depth >= MAX_DEPTH) {
          throw new LuaError("Cannot serialise, excessive nesting (" + (depth + 1) + ")");
        }
        table((LuaTable) v, out, depth + 1);
        break;
      case LuaValue.TUSERDATA:
      case LuaValue.TLIGHTUSERDATA:
        if (v == NULL) {
          ascii(out, "null");
          break;
        }
        throw new LuaError("Cannot serialise userdata: type not supported");
      default:
        throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
    }
  }

  private static void table(final LuaTable t, final ByteArrayOutputStream out, final int depth) {
    final int length = arrayLength(t);
    if (length > 0) {
      out.write('[');
      for (int i = 1; i <= length; i++) {
        if (i > 1) {
          out.write(',');
        }
        encode(t.rawget(i), out, depth);
      }
      out.write(']');
      return;
    }
    out.write('{');
    boolean first = true;
    LuaValue k = LuaValue.NIL;
    while (true) {
      final Varargs next = t.next(k);
      if ((k = next.arg1()).isnil()) {
        break;
      }
      if (!first) {
        out.write(',');
      }
      first = false;
      if (k.type() == LuaValue.TNUMBER) {
        out.write('"');
        ascii(out, LuaNumbers.format(k.todouble()));
        out.write('"');
      } else if (k.type() == LuaValue.TSTRING) {
        string(k.checkstring(), out);
      } else {
        throw new LuaError("Cannot serialise " + k.typename() + ": table key must be a number or string");
      }
      out.write(':');
      encode(next.arg(2), out, depth);
    }
    out.write('}');
  }

  /** cjson's lua_array_length: the array size, 0 for an object, error when too sparse. */
  private static int arrayLength(final LuaTable t) {
    double max = 0;
    int items = 0;
    LuaValue k = LuaValue.NIL;
    while (true) {
      final Varargs next = t.next(k);
      if ((k = next.arg1()).isnil()) {
        break;
      }
      if (k.type() != LuaValue.TNUMBER) {
        return 0;
      }
      final double d = k.todouble();
      if (d != Math.floor(d) || d < 1) {
        return 0;
      }
      max = Math.max(max, d);
      items++;
    }
    if (max > items * 2 && max > 10) {
      throw new LuaError("Cannot serialise table: excessively sparse array");
    }
    return (int) max;
  }

  private static void string(final LuaString s, final ByteArrayOutputStream out) {
    out.write('"');
    for (int i = 0; i < s.m_length; i++) {
      final int b = s.m_bytes[s.m_offset + i] & 0xff;
      switch (b) {
        case '"': ascii(out, "\\\""); break;
        case '\\': ascii(out, "\\\\"); break;
        case '/': ascii(out, "\\/"); break;
        case '\b': ascii(out, "\\b"); break;
        case '\f': ascii(out, "\\f"); break;
        case '\n': ascii(out, "\\n"); break;
        case '\r': ascii(out, "\\r"); break;
        case '\t': ascii(out, "\\t"); break;
        default:
          if (b < 0x20 || b == 0x7f) {
            ascii(out, String.format("\\u%04x", b));
          } else {
            out.write(b);
          }
      }
    }
    out.write('"');
  }

  private static void ascii(final ByteArrayOutputStream out, final String s) {
    for (int i = 0; i < s.length(); i++) {
      out.write(s.charAt(i));
    }
  }

  /** A recursive-descent decoder with cjson's token names in its errors. */
  private static final class Decoder {
    private final byte[] data;
    private final int end;
    private int pos;
    private final int base;
    private int depth;

    Decoder(final LuaString s) {
      this.data = s.m_bytes;
      this.base = s.m_offset;
      this.pos = s.m_offset;
      this.end = s.m_offset + s.m_length;
    }

    LuaValue document() {
      final LuaValue v = value("value");
      skipSpace();
      if (pos < end) {
        throw expected("the end", pos, token());
      }
      return v;
    }

    private LuaValue value(final String what) {
      skipSpace();
      final int at = pos;
      if (pos >= end) {
        throw expected(what, at, "T_END");
      }
      final int c = data[pos];
      switch (c) {
        case '{': return object();
        case '[': return array();
        case '"': return LuaValue.valueOf(string());
        case 't': return literal("true", LuaValue.TRUE, what);
        case 'f': return literal("false", LuaValue.FALSE, what);
        case 'n': return literal("null", NULL, what);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number(what);
          }
          throw expected(what, at, token());
      }
    }

    private LuaValue literal(final String word, final LuaValue v, final String what) {
      final int at = pos;
      for (int i = 0; i < word.length(); i++) {
        if (pos + i >= end || data[pos + i] != word.charAt(i)) {
          throw expected(what, at, "invalid token");
        }
      }
      pos += word.length();
      return v;
    }

    private LuaValue number(final String what) {
      final int at = pos;
      int p = pos;
      while (p < end && "+-0123456789.eE".indexOf(data[p]) >= 0) {
        p++;
      }
      try {
        final double d = Double.parseDouble(new String(data, pos, p - pos, java.nio.charset.StandardCharsets.US_ASCII));
        pos = p;
        return LuaValue.valueOf(d);
      } catch (final NumberFormatException e) {
        throw expected(what, at, "invalid number");
      }
    }

    private LuaTable object() {
      enter();
      pos++;
      final LuaTable t = new LuaTable();
      skipSpace();
      if (pos < end && data[pos] == '}') {
        pos++;
        depth--;
        return t;
      }
      while (true) {
        skipSpace();
        if (pos >= end || data[pos] != '"') {
          throw expected("object key string", pos, pos >= end ? "T_END" : token());
        }
        final byte[] key = string();
        skipSpace();
        if (pos >= end || data[pos] != ':') {
          throw expected("colon", pos, pos >= end ? "T_END" : token());
        }
        pos++;
        t.rawset(LuaValue.valueOf(key), value("value"));
        skipSpace();
        if (pos < end && data[pos] == '}') {
          pos++;
          depth--;
          return t;
        }
        if (pos >= end || data[pos] != ',') {
          throw expected("comma or object end", pos, pos >= end ? "T_END" : token());
        }
        pos++;
      }
    }

    private LuaTable array() {
      enter();
      pos++;
      final LuaTable t = new LuaTable();
      skipSpace();
      if (pos < end && data[pos] == ']') {
        pos++;
        depth--;
        return t;
      }
      for (int i = 1; ; i++) {
        t.rawset(i, value("value"));
        skipSpace();
        if (pos < end && data[pos] == ']') {
          pos++;
          depth--;
          return t;
        }
        if (pos >= end || data[pos] != ',') {
          throw expected("comma or array end", pos, pos >= end ? "T_END" : token());
        }
        pos++;
      }
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        throw new LuaError("Found too many nested data structures (" + depth + ") at character " + (pos - base + 1));
      }
    }

    private byte[] string() {
      final int at = pos;
      pos++;
      final ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        if (pos >= end) {
          throw expected("value", at, "unexpected end of string");
        }
        final int b = data[pos++] & 0xff;
        if (b == '"') {
          return out.toByteArray();
        }
        if (b != '\\') {
          out.write(b);
          continue;
        }
        if (pos >= end) {
          throw expected("value", at, "invalid escape code");
        }
        final int e = data[pos++];
        switch (e) {
          case '"': case '\\': case '/': out.write(e); break;
          case 'b': out.write('\b'); break;
          case 'f': out.write('\f'); break;
          case 'n': out.write('\n'); break;
          case 'r': out.write('\r'); break;
          case 't': out.write('\t'); break;
          case 'u':
            if (pos + 4 > end) {
              throw expected("value", at, "invalid unicode escape code");
            }
            final int cp = Integer.parseInt(new String(data, pos, 4, java.nio.charset.StandardCharsets.US_ASCII), 16);
            pos += 4;
            final byte[] utf8 = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(utf8, 0, utf8.length);
            break;
          default:
            throw expected("value", at, "invalid escape code");
        }
      }
    }

    private String token() {
      switch (data[pos]) {
        case '{': return "T_OBJ_BEGIN";
        case '}': return "T_OBJ_END";
        case '[': return "T_ARR_BEGIN";
        case ']': return "T_ARR_END";
        case '"': return "T_STRING";
        case ':': return "T_COLON";
        case ',': return "T_COMMA";
        case 't': case 'f': return "T_BOOLEAN";
        case 'n': return "T_NULL";
        default:
          final int c = data[pos];
          return c == '-' || (c >= '0' && c <= '9') ? "T_NUMBER" : "invalid token";
      }
    }

    private LuaError expected(final String what, final int at, final String found) {
      return new LuaError("Expected " + what + " but found " + found + " at character " + (at - base + 1));
    }

    private void skipSpace() {
      while (pos < end && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\n' || data[pos] == '\r')) {
        pos++;
      }
    }
  }
}
