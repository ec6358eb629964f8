package io.rustyredis.engine.scripting;

import java.io.ByteArrayInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.MathLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * One sandboxed Lua interpreter, as Redis keeps one for EVAL scripts and one for function
 * libraries: the globals scripts see (Redis 7.0's list exactly, everything read-only), the compiler
 * (text only: bytecode could break out of the VM's checks, so no undumper is installed and {@code
 * string.dump} is gone), an instruction hook that lets SCRIPT KILL stop a loop, and the
 * translation of luaj's error shapes into Lua 5.1's ({@code user_script:1: msg}), which is what
 * Redis's replies are made of.
 *
 * <p>The hook is luaj's {@link DebugLib} with the {@code debug} table itself kept from scripts:
 * luaj calls it for every instruction, we count and look at the kill flag every {@value
 * #HOOK_PERIOD} instructions, as Redis's count hook does.
 */
public final class LuaState {
  /** Instructions between two looks at the kill flag (Redis's hook runs every 100000). */
  static final int HOOK_PERIOD = 100_000;
  private static final Pattern POSITION = Pattern.compile("^@?([^\\s:]+):(\\d+|\\?|-1) (.*)$", Pattern.DOTALL);
  private static final Pattern TOKEN = Pattern.compile(" (\\d+) \\((.*?)\\)$");
  /** luaj's code for the end of the chunk. */
  private static final int EOS_TOKEN = 286;
  /** Redis 7.0's global names; anything else a library installs is removed. */
  private static final String[] GLOBALS = {
    "_G", "assert", "collectgarbage", "coroutine", "error", "gcinfo", "getmetatable",
    "ipairs", "load", "loadstring", "math", "next", "pairs", "pcall", "rawequal", "rawget", "rawset",
    "select", "setmetatable", "string", "table", "tonumber", "tostring", "type", "unpack", "xpcall",
  };

  /** Thrown by the hook through every pcall: a killed script must not be able to catch it. */
  public static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("Script killed by user with SCRIPT KILL...", null, false, false);
    }
  }

  private final ReadOnlyTable globals = new ReadOnlyTable();
  private final ScriptWatchdog watchdog;
  private final Hook hook = new Hook();
  /** math.random's generator: seeded, as everything random in the engine, not luaj's unseeded one. */
  private final java.util.Random random = new java.util.Random(0);

  public LuaState(final ScriptWatchdog watchdog, final LuaTable redis) {
    this.watchdog = watchdog;
    globals.load(new BaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    globals.load(new StringLib());
    globals.load(new MathLib());
    globals.load(new CoroutineLib());
    globals.load(hook);
    LuaC.install(globals);
    final LuaTable all = new LuaTable();
    for (final String name : GLOBALS) {
      all.rawset(name, globals.rawget(name));
    }
    LuaValue k = LuaValue.NIL;
    while (!(k = globals.next(k).arg1()).isnil()) {
      globals.rawset(k, LuaValue.NIL);
    }
    for (final String name : GLOBALS) {
      globals.rawset(name, all.rawget(name));
    }
    final LuaTable table = (LuaTable) globals.rawget("table");
    globals.rawset("unpack", table.rawget("unpack"));
    globals.rawset("loadstring", new LoadString());
    globals.rawset("load", new LoadString());
    globals.rawset("gcinfo", new ZeroFunction());
    globals.rawset("error", new ErrorFunction());
    globals.rawset("pcall", new PCall());
    globals.rawset("xpcall", new XPCall());
    globals.rawset("_G", globals);
    globals.rawset("_VERSION", LuaValue.valueOf("Lua 5.1"));
    globals.rawset("__redis__err__handler", fn1(LuaState::errorHandler));
    final ReadOnlyTable string = ReadOnlyTable.copyOf((LuaTable) globals.rawget("string"), "dump");
    globals.rawset("string", string);
    // luaj keeps the string metatable in a static: point it at the copy without dump.
    LuaString.s_metatable = ReadOnlyTable.copyOf(LuaValue.tableOf(new LuaValue[] {LuaValue.INDEX, string}));
    final LuaTable math = (LuaTable) globals.rawget("math");
    math.rawset("random", fnv(this::random));
    math.rawset("randomseed", fnv(a -> {
      random.setSeed(a.checklong(1));
      return LuaValue.NONE;
    }));
    for (final String lib : new String[] {"table", "math", "coroutine"}) {
      globals.rawset(lib, ReadOnlyTable.copyOf((LuaTable) globals.rawget(lib)));
    }
    globals.rawset("cjson", ReadOnlyTable.copyOf(Cjson.library()));
    globals.rawset("cmsgpack", ReadOnlyTable.copyOf(Cmsgpack.library()));
    globals.rawset("bit", ReadOnlyTable.copyOf(BitLib.library()));
    globals.rawset("struct", ReadOnlyTable.copyOf(StructLib.library()));
    globals.rawset("redis", redis instanceof ReadOnlyTable ? redis : ReadOnlyTable.copyOf(redis));
    final LuaTable meta = new LuaTable();
    meta.rawset(LuaValue.INDEX, new MissingGlobal());
    meta.rawset(LuaValue.NEWINDEX, new NewGlobal());
    globals.setmetatable(meta);
    globals.lock();
  }

  /** Sets KEYS or ARGV (or any name the engine owns) for the next run. */
  public void define(final String name, final LuaValue value) {
    globals.define(name, value);
  }

  /**
   * Compiles {@code body} under Redis's chunk name ({@code user_script}); the error's text is
   * Lua's ({@code user_script:1: ...}).
   */
  public LuaFunction compile(final byte[] body, final String chunk) {
    try {
      final LuaFunction function = globals.load(new ByteArrayInputStream(body), "@" + chunk, "t", globals).checkfunction();
      noTailCalls(((LuaClosure) function).p);
      return function;
    } catch (final LuaError e) {
      throw new LuaError(LuaValue.valueOf(compileMessage(errorValue(e).tojstring())));
    }
  }

  /**
   * Turns every tail call into a call followed by the return the compiler already put after it.
   * Lua 5.1 keeps the caller's frame when it tail-calls a C function, so an error raised by
   * {@code cjson.decode} or {@code redis.call} in {@code return redis.call(...)} carries the
   * script's line; luaj drops the frame first and the error would have no position. The price is
   * that deep tail recursion in a script uses stack, which Redis scripts have no need for.
   */
  private static void noTailCalls(final Prototype p) {
    for (int pc = 0; pc < p.code.length; pc++) {
      if ((p.code[pc] & Lua.MASK_OP) == Lua.OP_TAILCALL) {
        p.code[pc] = (p.code[pc] & Lua.MASK_NOT_OP & ~Lua.MASK_C) | Lua.OP_CALL;
      }
    }
    for (final Prototype child : p.p) {
      noTailCalls(child);
    }
  }

  /**
   * luaj names the offending token by its code ({@code unexpected symbol 43 (+)}); Lua 5.1 says
   * {@code unexpected symbol near '+'}, which is what Redis replies.
   */
  static String compileMessage(final String message) {
    final Matcher m = TOKEN.matcher(message);
    if (!m.find()) {
      return message;
    }
    final int code = Integer.parseInt(m.group(1));
    final String token = code == EOS_TOKEN ? "<eof>" : m.group(2);
    return message.substring(0, m.start()) + " near '" + token + "'" + message.substring(m.end());
  }

  /** Runs {@code function}, counting instructions for the watchdog. */
  public LuaValue call(final LuaFunction function) {
    hook.count = 0;
    return function.call();
  }

  /** Runs a function callback with {@code arguments} (FCALL's keys and args tables); its first result. */
  public LuaValue call(final LuaFunction function, final LuaValue[] arguments) {
    hook.count = 0;
    return function.invoke(LuaValue.varargsOf(arguments)).arg1();
  }

  /** The Lua 5.1 text of an error value, as {@code pcall} hands it to a script. */
  public static LuaValue errorValue(final LuaError e) {
    final LuaValue value = e.getMessageObject();
    if (value != null && value.type() == LuaValue.TSTRING) {
      final Matcher m = POSITION.matcher(firstLine(value.tojstring()));
      if (m.matches()) {
        return LuaValue.valueOf(m.group(1) + ":" + m.group(2) + ": " + m.group(3));
      }
    }
    return value == null ? LuaValue.NIL : value;
  }

  /** The line the error was raised on, or -1 when luaj did not say. */
  public static int errorLine(final LuaError e) {
    final String message = e.getMessage();
    if (message != null) {
      final Matcher m = POSITION.matcher(firstLine(message));
      if (m.matches() && Character.isDigit(m.group(2).charAt(0))) {
        return Integer.parseInt(m.group(2));
      }
    }
    return -1;
  }

  private static String firstLine(final String s) {
    final int nl = s.indexOf("\nstack traceback");
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The instruction hook: every {@value #HOOK_PERIOD} instructions, is a kill asked for? */
  private final class Hook extends DebugLib {
    int count;

    @Override
    public void onInstruction(final int pc, final Varargs v, final int top) {
      super.onInstruction(pc, v, top);
      if (++count >= HOOK_PERIOD) {
        count = 0;
        if (watchdog.killRequested()) {
          throw new Killed();
        }
      }
    }
  }

  /** Lua 5.1's math.random: [0,1), [1,m] or [m,n]. */
  private Varargs random(final Varargs a) {
    final double r = random.nextDouble();
    switch (a.narg()) {
      case 0:
        return LuaValue.valueOf(r);
      case 1: {
        final int m = a.checkint(1);
        if (m < 1) {
          throw new LuaError("bad argument #1 to 'random' (interval is empty)");
        }
        return LuaValue.valueOf(Math.floor(r * m) + 1);
      }
      default: {
        final int m = a.checkint(1);
        final int n = a.checkint(2);
        if (m > n) {
          throw new LuaError("bad argument #2 to 'random' (interval is empty)");
        }
        return LuaValue.valueOf(Math.floor(r * (n - m + 1)) + m);
      }
    }
  }

  /** Redis's {@code __redis__err__handler}, visible to scripts: an error as the table Redis makes of it. */
  private static LuaValue errorHandler(final LuaValue error) {
    if (error.istable()) {
      return error;
    }
    final LuaTable t = new LuaTable();
    t.rawset("err", LuaValue.valueOf("ERR " + error.tojstring()));
    return t;
  }

  /** Lua 5.1's {@code error}: a string at level > 0 gets the caller's position. */
  private static final class ErrorFunction extends TwoArgFunction {
    @Override
    public LuaValue call(final LuaValue message, final LuaValue level) {
      if (message.type() == LuaValue.TSTRING && level.optint(1) > 0) {
        throw new LuaError(message.tojstring());
      }
      throw new LuaError(message);
    }
  }

  private static final class PCall extends VarArgFunction {
    @Override
    public Varargs invoke(final Varargs args) {
      final LuaValue f = args.checkvalue(1);
      try {
        return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(args.subargs(2)));
      } catch (final LuaError e) {
        // Redis 7.0's pcall hands a script the text of an error table, not the table.
        final LuaValue error = errorValue(e);
        final LuaValue text = error.istable() ? error.rawget("err") : LuaValue.NIL;
        return LuaValue.varargsOf(LuaValue.FALSE, text.isstring() ? text : error);
      } catch (final StackOverflowError e) {
        return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf("stack overflow"));
      }
    }
  }

  private static final class XPCall extends VarArgFunction {
    @Override
    public Varargs invoke(final Varargs args) {
      final LuaValue f = args.checkvalue(1);
      final LuaValue handler = args.arg(2);
      try {
        return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(args.subargs(3)));
      } catch (final LuaError e) {
        return LuaValue.varargsOf(LuaValue.FALSE, handler.call(errorValue(e)));
      }
    }
  }

  /** {@code loadstring}/{@code load} of text only: a binary chunk is refused, as Redis does. */
  private final class LoadString extends VarArgFunction {
    @Override
    public Varargs invoke(final Varargs args) {
      final LuaValue chunk = args.arg1();
      if (!chunk.isstring()) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("bad argument #1 to 'loadstring' (string expected)"));
      }
      final LuaString text = chunk.checkstring();
      if (text.m_length > 0 && text.m_bytes[text.m_offset] == 27) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("attempt to load a binary chunk"));
      }
      final String name = args.optjstring(2, "=(load)");
      try {
        return globals.load(new ByteArrayInputStream(text.m_bytes, text.m_offset, text.m_length), name, "t", globals);
      } catch (final LuaError e) {
        return LuaValue.varargsOf(LuaValue.NIL, errorValue(e));
      }
    }
  }

  private static final class ZeroFunction extends VarArgFunction {
    @Override
    public Varargs invoke(final Varargs args) {
      return LuaValue.ZERO;
    }
  }

  private static final class MissingGlobal extends TwoArgFunction {
    @Override
    public LuaValue call(final LuaValue table, final LuaValue key) {
      throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring() + "'");
    }
  }

  private static final class NewGlobal extends VarArgFunction {
    @Override
    public Varargs invoke(final Varargs args) {
      throw new LuaError(ReadOnlyTable.READONLY);
    }
  }

  /** A one-argument library function from a lambda. */
  static LuaValue fn1(final java.util.function.UnaryOperator<LuaValue> body) {
    return new OneArgFunction() {
      @Override
      public LuaValue call(final LuaValue arg) {
        return body.apply(arg);
      }
    };
  }

  /** A vararg library function from a lambda. */
  static LuaValue fnv(final java.util.function.Function<Varargs, Varargs> body) {
    return new VarArgFunction() {
      @Override
      public Varargs invoke(final Varargs args) {
        return body.apply(args);
      }
    };
  }
}
