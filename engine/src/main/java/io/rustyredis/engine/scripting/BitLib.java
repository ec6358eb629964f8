package io.rustyredis.engine.scripting;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * LuaBitOp ({@code bit.*}) as Redis bundles it: 32-bit operations on numbers, results signed.
 * Numbers are normalised as LuaBitOp does, modulo 2^32 with the fraction rounded.
 */
final class BitLib {
  private BitLib() {}

  static LuaTable library() {
    final LuaTable t = new LuaTable();
    t.rawset("tobit", LuaState.fn1(v -> LuaValue.valueOf(bit(v))));
    t.rawset("bnot", LuaState.fn1(v -> LuaValue.valueOf(~bit(v))));
    t.rawset("bswap", LuaState.fn1(v -> LuaValue.valueOf(Integer.reverseBytes(bit(v)))));
    t.rawset("band", LuaState.fnv(a -> fold(a, 0)));
    t.rawset("bor", LuaState.fnv(a -> fold(a, 1)));
    t.rawset("bxor", LuaState.fnv(a -> fold(a, 2)));
    t.rawset("lshift", LuaState.fnv(a -> LuaValue.valueOf(bit(a.arg(1)) << (bit(a.arg(2)) & 31))));
    t.rawset("rshift", LuaState.fnv(a -> LuaValue.valueOf(bit(a.arg(1)) >>> (bit(a.arg(2)) & 31))));
    t.rawset("arshift", LuaState.fnv(a -> LuaValue.valueOf(bit(a.arg(1)) >> (bit(a.arg(2)) & 31))));
    t.rawset("rol", LuaState.fnv(a -> LuaValue.valueOf(Integer.rotateLeft(bit(a.arg(1)), bit(a.arg(2)) & 31))));
    t.rawset("ror", LuaState.fnv(a -> LuaValue.valueOf(Integer.rotateRight(bit(a.arg(1)), bit(a.arg(2)) & 31))));
    t.rawset("tohex", LuaState.fnv(BitLib::tohex));
    return t;
  }

  /** LuaBitOp's normalisation: add 2^52+2^51 and keep the low 32 bits, i.e. round to nearest even. */
  static int bit(final LuaValue v) {
    final double d = v.checkdouble();
    return (int) (long) Math.rint(d);
  }

  private static Varargs fold(final Varargs a, final int op) {
    int r = bit(a.arg(1));
    for (int i = 2; i <= a.narg(); i++) {
      final int b = bit(a.arg(i));
      r = op == 0 ? r & b : op == 1 ? r | b : r ^ b;
    }
    return LuaValue.valueOf(r);
  }

  private static Varargs tohex(final Varargs a) {
    int b = bit(a.arg(1));
    int n = a.isnoneornil(2) ? 8 : bit(a.arg(2));
    final boolean upper = n < 0;
    if (upper) {
      n = -n;
    }
    if (n > 8) {
      n = 8;
    }
    final char[] out = new char[n];
    final String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (int i = n - 1; i >= 0; i--) {
      out[i] = digits.charAt(b & 15);
      b >>>= 4;
    }
    return LuaValue.valueOf(new String(out));
  }
}
