package io.rustyredis.engine.scripting;

import io.rustyredis.engine.Reply;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The two conversions Redis documents between RESP and Lua. {@link #toLua} reads the RESP bytes a
 * command replied to the script (RESP2 or RESP3, as the script chose with {@code redis.setresp}):
 * integers become numbers, bulk strings strings, nulls {@code false} (RESP2) or {@code nil}
 * (RESP3), status and error replies tables with an {@code ok} or {@code err} field, RESP3 maps,
 * sets, doubles, big numbers and verbatim strings the tables Redis builds for them. {@link
 * #toResp} writes a script's result in the caller's protocol: numbers truncated to integers, a
 * table as an array up to its first nil unless it has an {@code err}, {@code ok}, {@code double},
 * {@code map}, {@code set} or {@code big_number} field.
 */
public final class LuaReplies {
  private static final LuaString OK = LuaString.valueOf("ok");
  private static final LuaString ERR = LuaString.valueOf("err");
  private static final LuaString DOUBLE = LuaString.valueOf("double");
  private static final LuaString MAP = LuaString.valueOf("map");
  private static final LuaString SET = LuaString.valueOf("set");
  private static final LuaString BIG_NUMBER = LuaString.valueOf("big_number");
  private static final LuaString VERBATIM = LuaString.valueOf("verbatim_string");
  private static final int MAX_DEPTH = 1000;

  private final byte[] data;
  private final int end;
  private int pos;

  private LuaReplies(final byte[] data, final int length) {
    this.data = data;
    this.end = length;
  }

  /** The Lua value of the first RESP reply in {@code data[0..length)}. */
  public static LuaValue toLua(final byte[] data, final int length) {
    return new LuaReplies(data, length).value();
  }

  /** A table {@code {err = message}}, as redis.call's failures and redis.error_reply build it. */
  public static LuaTable errorTable(final String message) {
    final LuaTable t = new LuaTable();
    t.rawset(ERR, LuaValue.valueOf(message));
    return t;
  }

  /**
   * Redis's luaPushErrorBuff: an error text (a {@code -} is added when missing) is split into its
   * code and message at the first space; a text with no space is all message, with code ERR.
   */
  public static String errorText(final String text) {
    final String raw = text.startsWith("-") ? text : "-" + text;
    final int space = raw.indexOf(' ');
    return space < 0 ? "ERR " + raw.substring(1) : raw.substring(1, space) + " " + raw.substring(space + 1);
  }

  private LuaValue value() {
    final byte type = data[pos++];
    final int lineEnd = lineEnd();
    final String line = new String(data, pos, lineEnd - pos, StandardCharsets.UTF_8);
    pos = lineEnd + 2;
    switch (type) {
      case '+': {
        final LuaTable t = new LuaTable();
        t.rawset(OK, LuaValue.valueOf(line));
        return t;
      }
      case '-':
        return errorTable(errorText(line));
      case ':':
        return LuaValue.valueOf((double) Long.parseLong(line));
      case '$':
      case '=': {
        final int n = Integer.parseInt(line);
        if (n < 0) {
          return LuaValue.FALSE;
        }
        final byte[] bytes = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n + 2;
        if (type == '$') {
          return LuaValue.valueOf(bytes);
        }
        final LuaTable inner = new LuaTable();
        inner.rawset("format", LuaValue.valueOf(java.util.Arrays.copyOfRange(bytes, 0, 3)));
        inner.rawset("string", LuaValue.valueOf(java.util.Arrays.copyOfRange(bytes, 4, bytes.length)));
        final LuaTable t = new LuaTable();
        t.rawset(VERBATIM, inner);
        return t;
      }
      case '*':
      case '>': {
        final int n = Integer.parseInt(line);
        if (n < 0) {
          return LuaValue.FALSE;
        }
        final LuaTable t = new LuaTable();
        for (int i = 1; i <= n; i++) {
          t.rawset(i, value());
        }
        return t;
      }
      case '%':
      case '~': {
        final int n = Integer.parseInt(line);
        final LuaTable inner = new LuaTable();
        for (int i = 0; i < n; i++) {
          final LuaValue k = value();
          inner.rawset(k, type == '%' ? value() : LuaValue.TRUE);
        }
        final LuaTable t = new LuaTable();
        t.rawset(type == '%' ? MAP : SET, inner);
        return t;
      }
      case '_':
        return LuaValue.NIL;
      case '#':
        return LuaValue.valueOf(line.equals("t"));
      case ',': {
        final LuaTable t = new LuaTable();
        t.rawset(DOUBLE, LuaValue.valueOf(parseDouble(line)));
        return t;
      }
      case '(': {
        final LuaTable t = new LuaTable();
        t.rawset(BIG_NUMBER, LuaValue.valueOf(line));
        return t;
      }
      default:
        throw new IllegalStateException("unexpected RESP type " + (char) type);
    }
  }

  private static double parseDouble(final String s) {
    switch (s) {
      case "inf": return Double.POSITIVE_INFINITY;
      case "-inf": return Double.NEGATIVE_INFINITY;
      case "nan": return Double.NaN;
      default: return Double.parseDouble(s);
    }
  }

  private int lineEnd() {
    int i = pos;
    while (i < end && data[i] != '\r') {
      i++;
    }
    return i;
  }

  /**
   * Writes {@code value} (a script's result) to {@code reply}; {@code scriptResp} is the protocol
   * the script set with redis.setresp, which decides what a boolean becomes.
   */
  public static void toResp(final LuaValue value, final Reply reply, final int scriptResp) {
    toResp(value, reply, scriptResp, 0);
  }

  private static void toResp(final LuaValue value, final Reply reply, final int scriptResp, final int depth) {
    switch (value.type()) {
      case LuaValue.TSTRING: {
        final LuaString s = value.checkstring();
        reply.bulk(s.m_bytes, io.rustyredis.engine.memory.Bytes.ARRAY_BASE + s.m_offset, s.m_length);
        return;
      }
      case LuaValue.TBOOLEAN:
        if (scriptResp == 2) {
          if (value.toboolean()) {
            reply.integer(1);
          } else {
            reply.nullBulk();
          }
        } else {
          reply.bool(value.toboolean());
        }
        return;
      case LuaValue.TNUMBER:
        reply.integer((long) value.todouble());
        return;
      case LuaValue.TTABLE:
        if (depth >= MAX_DEPTH) {
          reply.error("ERR reached lua stack limit");
          return;
        }
        table((LuaTable) value, reply, scriptResp, depth + 1);
        return;
      default:
        reply.nullBulk();
    }
  }

  private static void table(final LuaTable t, final Reply reply, final int scriptResp, final int depth) {
    final LuaValue err = t.rawget(ERR);
    if (err.type() == LuaValue.TSTRING) {
      reply.error(err.tojstring());
      return;
    }
    final LuaValue ok = t.rawget(OK);
    if (ok.type() == LuaValue.TSTRING) {
      reply.simple(ok.tojstring());
      return;
    }
    final LuaValue dbl = t.rawget(DOUBLE);
    if (dbl.type() == LuaValue.TNUMBER) {
      reply.doubleValue(dbl.todouble());
      return;
    }
    final LuaValue big = t.rawget(BIG_NUMBER);
    if (big.type() == LuaValue.TSTRING) {
      if (reply.protocol() == 3) {
        final byte[] b = ("(" + big.tojstring() + "\r\n").getBytes(StandardCharsets.UTF_8);
        reply.raw(b, 0, b.length);
      } else {
        reply.bulk(big.tojstring());
      }
      return;
    }
    final LuaValue map = t.rawget(MAP);
    if (map.istable()) {
      final LuaTable m = (LuaTable) map;
      reply.map(count(m));
      LuaValue k = LuaValue.NIL;
      while (true) {
        final Varargs next = m.next(k);
        if ((k = next.arg1()).isnil()) {
          break;
        }
        toResp(k, reply, scriptResp, depth);
        toResp(next.arg(2), reply, scriptResp, depth);
      }
      return;
    }
    final LuaValue set = t.rawget(SET);
    if (set.istable()) {
      final LuaTable s = (LuaTable) set;
      reply.set(count(s));
      LuaValue k = LuaValue.NIL;
      while (true) {
        final Varargs next = s.next(k);
        if ((k = next.arg1()).isnil()) {
          break;
        }
        toResp(k, reply, scriptResp, depth);
      }
      return;
    }
    int n = 0;
    while (!t.rawget(n + 1).isnil()) {
      n++;
    }
    reply.array(n);
    for (int i = 1; i <= n; i++) {
      toResp(t.rawget(i), reply, scriptResp, depth);
    }
  }

  private static int count(final LuaTable t) {
    int n = 0;
    LuaValue k = LuaValue.NIL;
    while (!(k = t.next(k).arg1()).isnil()) {
      n++;
    }
    return n;
  }
}
