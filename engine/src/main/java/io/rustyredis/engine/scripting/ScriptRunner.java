package io.rustyredis.engine.scripting;

import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Effects;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.command.CommandTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Runs one script or function call on the engine thread: gives it its own client (the caller's
 * database, RESP2 until {@code redis.setresp}), tells the {@link ScriptWatchdog} it runs, turns
 * {@code redis.call}/{@code redis.pcall} into nested commands through {@link CommandContext#execute}
 * after Redis's checks (known command, arity, allowed in scripts, no writes when read-only), and
 * turns the result or the error into the caller's reply in Redis's words.
 *
 * <p>The writes a script makes reach the journal as their own effects (nested commands record
 * them); the script itself is never journaled, and when it wrote more than one command they are
 * wrapped in MULTI/EXEC, as Redis 7.0 propagates a script.
 */
public final class ScriptRunner {
  /** Where a script or function's text comes from, for the error's {@code on @user_script:1}. */
  public static final String SCRIPT_SOURCE = "user_script";
  public static final String FUNCTION_SOURCE = "user_function";
  /** Redis version scripts see in redis.REDIS_VERSION. */
  private static final String VERSION = "7.0.15";

  private final CommandTable table;
  private final ScriptWatchdog watchdog;
  /** The script's own client: MONITOR names it by its address, "lua", as Redis does. */
  private final ClientState client = new ClientState(Long.MAX_VALUE, "lua", "", 0, null);
  private CommandContext context;
  private boolean readOnly;
  private Loading loading;

  /** Receives {@code redis.register_function} calls while a FUNCTION LOAD runs its library. */
  public interface Loading {
    void register(String name, LuaFunction callback, String description, boolean noWrites);
  }

  public ScriptRunner(final CommandTable table, final ScriptWatchdog watchdog) {
    this.table = table;
    this.watchdog = watchdog;
    client.authenticated = true;
  }

  /** The {@code redis} table scripts get; {@code functions} adds {@code register_function}. */
  public LuaTable redisLibrary(final boolean functions) {
    final LuaTable r = new LuaTable();
    r.rawset("call", LuaState.fnv(a -> call(a, true)));
    r.rawset("pcall", LuaState.fnv(a -> call(a, false)));
    r.rawset("error_reply", LuaState.fn1(v -> LuaReplies.errorTable(LuaReplies.errorText(v.checkjstring()))));
    r.rawset("status_reply", LuaState.fn1(v -> {
      final LuaTable t = new LuaTable();
      t.rawset("ok", v.checkstring());
      return t;
    }));
    r.rawset("sha1hex", LuaState.fn1(v -> LuaValue.valueOf(sha1(v.checkstring()))));
    r.rawset("log", LuaState.fnv(a -> LuaValue.NONE));
    r.rawset("setresp", LuaState.fn1(v -> {
      final int resp = v.checkint();
      if (resp != 2 && resp != 3) {
        throw new LuaError(LuaReplies.errorTable("ERR RESP version must be 2 or 3."));
      }
      client.protocol = resp;
      return LuaValue.NONE;
    }));
    r.rawset("set_repl", LuaState.fnv(a -> LuaValue.NONE));
    r.rawset("replicate_commands", LuaState.fnv(a -> LuaValue.TRUE));
    r.rawset("breakpoint", LuaState.fnv(a -> LuaValue.FALSE));
    r.rawset("debug", LuaState.fnv(a -> LuaValue.NONE));
    final String[] logLevels = {"LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING"};
    for (int i = 0; i < logLevels.length; i++) {
      r.rawset(logLevels[i], LuaValue.valueOf(i));
    }
    r.rawset("REPL_NONE", LuaValue.valueOf(0));
    r.rawset("REPL_AOF", LuaValue.valueOf(1));
    r.rawset("REPL_SLAVE", LuaValue.valueOf(2));
    r.rawset("REPL_REPLICA", LuaValue.valueOf(2));
    r.rawset("REPL_ALL", LuaValue.valueOf(3));
    r.rawset("REDIS_VERSION", LuaValue.valueOf(VERSION));
    r.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(0x07000f));
    if (functions) {
      r.rawset("register_function", LuaState.fnv(this::registerFunction));
    }
    return r;
  }

  /**
   * Runs {@code function} for the command in {@code c} and writes its reply. {@code name} is what
   * errors call it (the SHA1 for EVAL, the function's name for FCALL); {@code arguments} are passed
   * to a function callback ({@code keys, args}), null for an EVAL script (KEYS and ARGV are globals).
   */
  public void run(
      final CommandContext c, final LuaState state, final LuaFunction function, final String name,
      final String source, final boolean readOnly, final boolean isFunction, final long thresholdMillis,
      final LuaValue[] arguments) {
    final Effects effects = c.effects();
    final int mark = effects.length();
    final int commandsBefore = effects.commands();
    client.db = c.client().db;
    client.protocol = 2;
    client.replyMode = ClientState.ReplyMode.ON;
    this.context = c;
    this.readOnly = readOnly;
    c.noEffect();
    watchdog.start(thresholdMillis, isFunction);
    LuaValue result = null;
    String error = null;
    try {
      result = arguments == null ? state.call(function) : state.call(function, arguments);
    } catch (final LuaError e) {
      error = failure(e, name, source);
    } catch (final LuaState.Killed e) {
      error = "ERR Script killed by user with SCRIPT KILL... script: " + name + ", on @" + source + ":1.";
    } catch (final StackOverflowError e) {
      error = "ERR " + source + ": stack overflow script: " + name + ", on @" + source + ":1.";
    } finally {
      watchdog.finish();
      this.context = null;
    }
    final Reply reply = c.reply();
    if (error != null) {
      reply.error(error);
    } else {
      LuaReplies.toResp(result, reply, client.protocol);
    }
    if (effects.enabled() && effects.commands() - commandsBefore > 1) {
      effects.transaction(mark);
    }
  }

  /** Redis's error shape: the error table's text (or ERR and Lua's message), the script and line. */
  private static String failure(final LuaError e, final String name, final String source) {
    final LuaValue value = LuaState.errorValue(e);
    final String message;
    if (value.istable() && value.get("err").type() == LuaValue.TSTRING) {
      message = value.get("err").tojstring();
    } else {
      message = "ERR " + (value.isnil() ? "" : value.tojstring());
    }
    final int line = LuaState.errorLine(e);
    return message + " script: " + name + ", on @" + source + ":" + (line < 0 ? 1 : line) + ".";
  }

  private Varargs call(final Varargs a, final boolean raise) {
    if (context == null) {
      throw new LuaError(LuaReplies.errorTable("ERR redis.call can only be called inside a script invocation"));
    }
    final int n = a.narg();
    if (n == 0) {
      return fail("ERR Please specify at least one argument for this redis lib call", raise);
    }
    final byte[][] argv = new byte[n][];
    for (int i = 0; i < n; i++) {
      final LuaValue v = a.arg(i + 1);
      if (v.type() == LuaValue.TSTRING) {
        final LuaString s = v.checkstring();
        argv[i] = java.util.Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length);
      } else if (v.type() == LuaValue.TNUMBER) {
        argv[i] = LuaNumbers.argument(v.todouble()).getBytes(StandardCharsets.US_ASCII);
      } else {
        return fail("ERR Lua redis lib command arguments must be strings or integers", raise);
      }
    }
    CommandSpec spec = table.lookup(argv[0], 0, argv[0].length);
    if (spec == null) {
      return fail("ERR Unknown Redis command called from script", raise);
    }
    if (!spec.subcommands.isEmpty() && n >= 2) {
      final CommandSpec sub = spec.subcommand(new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
      if (sub == null) {
        return fail("ERR Unknown Redis command called from script", raise);
      }
      spec = sub;
    }
    if (spec.arity > 0 ? n != spec.arity : n < -spec.arity) {
      return fail("ERR Wrong number of args calling Redis command from script", raise);
    }
    if (spec.has(CommandFlag.NOSCRIPT)) {
      return fail("ERR This Redis command is not allowed from script", raise);
    }
    if (spec.has(CommandFlag.WRITE)) {
      if (readOnly) {
        return fail("ERR Write commands are not allowed from read-only scripts.", raise);
      }
      watchdog.written();
    }
    final Reply reply = context.execute(client, argv);
    final LuaValue value = reply.length() == 0 ? LuaValue.NIL : LuaReplies.toLua(reply.array(), reply.length());
    if (raise && value.istable() && value.rawget("err").type() == LuaValue.TSTRING) {
      throw new LuaError(value);
    }
    return value;
  }

  private static Varargs fail(final String message, final boolean raise) {
    final LuaTable error = LuaReplies.errorTable(message);
    if (raise) {
      throw new LuaError(error);
    }
    return error;
  }

  /** Starts or ends a FUNCTION LOAD: register_function is valid only in between. */
  public void loading(final Loading loading) {
    this.loading = loading;
  }

  private Varargs registerFunction(final Varargs a) {
    if (loading == null) {
      throw new LuaError(LuaReplies.errorTable("ERR redis.register_function can only be called on FUNCTION LOAD command"));
    }
    String name;
    LuaValue callback;
    String description = null;
    boolean noWrites = false;
    if (a.arg1().istable()) {
      final LuaTable t = (LuaTable) a.arg1();
      name = t.get("function_name").isstring() ? t.get("function_name").tojstring() : null;
      callback = t.get("callback");
      if (t.get("description").isstring()) {
        description = t.get("description").tojstring();
      }
      final LuaValue flags = t.get("flags");
      if (flags.istable()) {
        for (int i = 1; !flags.get(i).isnil(); i++) {
          final String flag = flags.get(i).tojstring();
          if (flag.equals("no-writes")) {
            noWrites = true;
          } else if (!flag.equals("allow-oom") && !flag.equals("allow-stale") && !flag.equals("no-cluster")
              && !flag.equals("allow-cross-slot-keys")) {
            throw new LuaError(LuaReplies.errorTable("ERR unknown flag given"));
          }
        }
      }
      if (name == null) {
        throw new LuaError(LuaReplies.errorTable("ERR function_name argument given to redis.register_function must be a string"));
      }
    } else {
      if (a.narg() != 2) {
        throw new LuaError(LuaReplies.errorTable("ERR wrong number of arguments to redis.register_function"));
      }
      if (!a.arg(1).isstring()) {
        throw new LuaError(LuaReplies.errorTable("ERR first argument to redis.register_function must be a string"));
      }
      name = a.arg(1).tojstring();
      callback = a.arg(2);
    }
    if (!callback.isfunction()) {
      throw new LuaError(LuaReplies.errorTable("ERR callback argument given to redis.register_function must be a function"));
    }
    loading.register(name, (LuaFunction) callback, description, noWrites);
    return LuaValue.NONE;
  }

  /** Lowercase hex SHA1 of the bytes: script cache keys and redis.sha1hex. */
  public static String sha1(final LuaString s) {
    return sha1(s.m_bytes, s.m_offset, s.m_length);
  }

  public static String sha1(final byte[] bytes, final int offset, final int length) {
    try {
      final MessageDigest digest = MessageDigest.getInstance("SHA-1");
      digest.update(bytes, offset, length);
      final byte[] hash = digest.digest();
      final StringBuilder hex = new StringBuilder(40);
      for (final byte b : hash) {
        hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
      }
      return hex.toString();
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
