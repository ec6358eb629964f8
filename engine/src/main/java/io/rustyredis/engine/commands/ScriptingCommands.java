package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ALLOW_BUSY;
import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.MOVABLEKEYS;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.NO_MANDATORY_KEYS;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.SKIP_MONITOR;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Glob;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.rdb.FunctionLibraries;
import io.rustyredis.engine.rdb.RdbFormatException;
import io.rustyredis.engine.rdb.RdbReader;
import io.rustyredis.engine.rdb.RdbWriter;
import io.rustyredis.engine.scripting.LuaState;
import io.rustyredis.engine.scripting.ScriptRunner;
import io.rustyredis.engine.scripting.ScriptWatchdog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Redis's scripting family ({@code eval.c}, {@code functions.c}): EVAL and EVALSHA with their
 * read-only variants, the SCRIPT container, Redis 7 functions (FUNCTION container, FCALL,
 * FCALL_RO). Scripts are compiled once and kept by SHA1; function libraries live in a Lua state of
 * their own, as in Redis. The running itself is {@link ScriptRunner}'s.
 *
 * <p>SCRIPT KILL and FUNCTION KILL only reach the engine when no script runs (the transport
 * answers them while one does), so here they always reply NOTBUSY.
 */
public final class ScriptingCommands {
  private static final String[] SCRIPT_HELP = {
    "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "DEBUG (YES|SYNC|NO)",
    "    Set the debug mode for subsequent scripts executed.",
    "EXISTS <sha1> [<sha1> ...]",
    "    Return information about the existence of the scripts in the script cache.",
    "FLUSH [ASYNC|SYNC]",
    "    Flush the Lua scripts cache. Very dangerous on replicas.",
    "    When called without the optional mode argument, the behavior is determined by the",
    "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
    "    * ASYNC: Asynchronously flush the scripts cache.",
    "    * SYNC: Synchronously flush the scripts cache.",
    "KILL",
    "    Kill the currently executing Lua script.",
    "LOAD <script>",
    "    Load a script into the scripts cache without executing it.",
    "HELP",
    "    Prints this help.",
  };
  private static final String[] FUNCTION_HELP = {
    "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "LOAD [REPLACE] <FUNCTION CODE>",
    "    Create a new library with the given library name and code.",
    "DELETE <LIBRARY NAME>",
    "    Delete the given library.",
    "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
    "    Return general information on all the libraries:",
    "    * Library name",
    "    * The engine used to run the Library",
    "    * Library description",
    "    * Functions list",
    "    * Library code (if WITHCODE is given)",
    "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
    "STATS",
    "    Return information about the current function running:",
    "    * Function name",
    "    * Command used to run the function",
    "    * Duration in MS that the function is running",
    "    If no function is running, return nil",
    "    In addition, returns a list of available engines.",
    "KILL",
    "    Kill the current running function.",
    "FLUSH [ASYNC|SYNC]",
    "    Delete all the libraries.",
    "    When called without the optional mode argument, the behavior is determined by the",
    "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
    "    * ASYNC: Asynchronously flush the libraries.",
    "    * SYNC: Synchronously flush the libraries.",
    "DUMP",
    "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
    "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
    "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
    "    control how to handle existing libraries (default APPEND):",
    "    * FLUSH: delete all existing libraries.",
    "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
    "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
    "      libraries with the new libraries (notice that even on this option there is a chance of failure",
    "      in case of functions name collision with another library).",
    "HELP",
    "    Prints this help.",
  };
  private static final String NOTBUSY = "NOTBUSY No scripts in execution right now.";

  private final Config config;
  private final ScriptWatchdog watchdog;
  private final RdbWriter writer;
  private final RdbReader reader;
  private ScriptRunner runner;
  private LuaState scripts;
  private LuaState functionState;
  /** Compiled scripts by SHA1. */
  private final Map<String, LuaFunction> cache = new HashMap<>();
  /** Libraries by name, in name order as FUNCTION LIST shows them. */
  private final Map<String, Library> libraries = new TreeMap<>();
  /** Every library's functions by function name. */
  private final Map<String, Function> functions = new HashMap<>();
  private final long[] number = new long[1];

  /** One registered function. */
  private static final class Function {
    final String name;
    final LuaFunction callback;
    final String description;
    final boolean noWrites;

    Function(final String name, final LuaFunction callback, final String description, final boolean noWrites) {
      this.name = name;
      this.callback = callback;
      this.description = description;
      this.noWrites = noWrites;
    }
  }

  /** One library loaded by FUNCTION LOAD. */
  private static final class Library {
    final String name;
    final String code;
    final Map<String, Function> functions = new LinkedHashMap<>();

    Library(final String name, final String code) {
      this.name = name;
      this.code = code;
    }
  }

  /** {@code writer} and {@code reader} give FUNCTION DUMP and RESTORE the RDB encoding of libraries. */
  public ScriptingCommands(final Config config, final ScriptWatchdog watchdog, final RdbWriter writer,
      final RdbReader reader) {
    this.config = config;
    this.watchdog = watchdog;
    this.writer = writer;
    this.reader = reader;
  }

  /** Scripts in the EVAL cache, for INFO memory. */
  public int cachedScripts() {
    return cache.size();
  }

  public int libraryCount() {
    return libraries.size();
  }

  public int functionCount() {
    return functions.size();
  }

  /** The libraries as RDB images carry them: their sources out, and back in when a file loads. */
  public FunctionLibraries libraries() {
    return new FunctionLibraries() {
      @Override
      public List<byte[]> sources() {
        final List<byte[]> sources = new ArrayList<>(libraries.size());
        for (final Library library : libraries.values()) {
          sources.add(library.code.getBytes(StandardCharsets.UTF_8));
        }
        return sources;
      }

      @Override
      public String load(final byte[] source) {
        return create(new String(source, StandardCharsets.UTF_8), false, libraries, functions, new String[1]);
      }
    };
  }

  public void declare(final CommandTable t) {
    runner = new ScriptRunner(t, watchdog);
    scripts = new LuaState(watchdog, runner.redisLibrary(false));
    functionState = new LuaState(watchdog, runner.redisLibrary(true));
    t.add(command("eval", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, MOVABLEKEYS).keys(0, 0, 0)
        .acl("@slow @scripting")
        .doc("Execute a Lua script server side", "2.6.0", "scripting", "Depends on the script that is executed.")
        .handler(c -> eval(c, false, false)));
    t.add(command("evalsha", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, MOVABLEKEYS).keys(0, 0, 0)
        .acl("@slow @scripting")
        .doc("Execute a Lua script server side", "2.6.0", "scripting", "Depends on the script that is executed.")
        .handler(c -> eval(c, true, false)));
    t.add(command("eval_ro", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, READONLY, MOVABLEKEYS)
        .keys(0, 0, 0).acl("@slow @scripting")
        .doc("Execute a read-only Lua script server side", "7.0.0", "scripting", "Depends on the script that is executed.")
        .handler(c -> eval(c, false, true)));
    t.add(command("evalsha_ro", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, READONLY, MOVABLEKEYS)
        .keys(0, 0, 0).acl("@slow @scripting")
        .doc("Execute a read-only Lua script server side", "7.0.0", "scripting", "Depends on the script that is executed.")
        .handler(c -> eval(c, true, true)));
    t.add(command("fcall", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, MOVABLEKEYS).keys(0, 0, 0)
        .acl("@slow @scripting")
        .doc("Invoke a function", "7.0.0", "scripting", "Depends on the function that is executed.")
        .handler(c -> fcall(c, false)));
    t.add(command("fcall_ro", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, READONLY, MOVABLEKEYS)
        .keys(0, 0, 0).acl("@slow @scripting")
        .doc("Invoke a read-only function", "7.0.0", "scripting", "Depends on the function that is executed.")
        .handler(c -> fcall(c, true)));
    t.add(command("script", -2).acl("@slow")
        .doc("A container for Lua scripts management commands", "2.6.0", "scripting", "Depends on subcommand.")
        .sub(command("load", 3).flags(NOSCRIPT, STALE).acl("@slow @scripting")
            .doc("Load the specified Lua script into the script cache.", "2.6.0", "scripting", "O(N) with N being the length in bytes of the script body.")
            .handler(this::scriptLoad))
        .sub(command("exists", -3).flags(NOSCRIPT).acl("@slow @scripting")
            .doc("Check existence of scripts in the script cache.", "2.6.0", "scripting", "O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).")
            .handler(this::scriptExists))
        .sub(command("flush", -2).flags(NOSCRIPT).acl("@slow @scripting")
            .doc("Remove all the scripts from the script cache.", "2.6.0", "scripting", "O(N) with N being the number of scripts in cache")
            .handler(this::scriptFlush))
        .sub(command("kill", 2).flags(NOSCRIPT, ALLOW_BUSY).acl("@slow @scripting")
            .doc("Kill the script currently in execution.", "2.6.0", "scripting", "O(1)")
            .handler(c -> c.reply().error(NOTBUSY)))
        .sub(command("help", 2).flags(io.rustyredis.engine.command.CommandFlag.LOADING, STALE).acl("@slow @scripting")
            .doc("Show helpful text about the different subcommands", "5.0.0", "scripting", "O(1)")
            .handler(c -> ConnectionCommands.help(c.reply(), SCRIPT_HELP))));
    t.add(command("function", -2).acl("@slow")
        .doc("A container for function commands", "7.0.0", "scripting", "Depends on subcommand.")
        .sub(command("load", -3).flags(WRITE, DENYOOM, NOSCRIPT).acl("@write @slow @scripting")
            .doc("Create a function with the given arguments (name, code, description)", "7.0.0", "scripting", "O(1) (considering compilation time is redundant)")
            .handler(this::functionLoad))
        .sub(command("list", -2).flags(NOSCRIPT).acl("@slow @scripting")
            .doc("List information about all the functions", "7.0.0", "scripting", "O(N) where N is the number of functions")
            .handler(this::functionList))
        .sub(command("delete", 3).flags(WRITE, NOSCRIPT).acl("@write @slow @scripting")
            .doc("Delete a function by name", "7.0.0", "scripting", "O(1)")
            .handler(this::functionDelete))
        .sub(command("flush", -2).flags(WRITE, NOSCRIPT).acl("@write @slow @scripting")
            .doc("Deleting all functions", "7.0.0", "scripting", "O(N) where N is the number of functions deleted")
            .handler(this::functionFlush))
        .sub(command("dump", 2).flags(NOSCRIPT).acl("@slow @scripting")
            .doc("Dump all functions into a serialized binary payload", "7.0.0", "scripting", "O(N) where N is the number of functions")
            .handler(this::functionDump))
        .sub(command("restore", -3).flags(WRITE, DENYOOM, NOSCRIPT).acl("@write @slow @scripting")
            .doc("Restore all the functions on the given payload", "7.0.0", "scripting", "O(N) where N is the number of functions on the payload")
            .handler(this::functionRestore))
        .sub(command("stats", 2).flags(NOSCRIPT, ALLOW_BUSY).acl("@slow @scripting")
            .doc("Return information about the function currently running (name, description, duration)", "7.0.0", "scripting", "O(1)")
            .handler(this::functionStats))
        .sub(command("kill", 2).flags(NOSCRIPT, ALLOW_BUSY).acl("@slow @scripting")
            .doc("Kill the function currently in execution.", "7.0.0", "scripting", "O(1)")
            .handler(c -> c.reply().error(NOTBUSY)))
        .sub(command("help", 2).flags(io.rustyredis.engine.command.CommandFlag.LOADING, STALE).acl("@slow @scripting")
            .doc("Show helpful text about the different subcommands", "7.0.0", "scripting", "O(1)")
            .handler(c -> ConnectionCommands.help(c.reply(), FUNCTION_HELP))));
  }

  /** EVAL / EVALSHA (and _RO): script body or SHA1, numkeys, keys, args. */
  void eval(final CommandContext c, final boolean bySha, final boolean readOnly) {
    final Arguments args = c.args();
    final int keys = numkeys(c);
    if (keys < 0) {
      return;
    }
    final LuaFunction function;
    final String sha;
    if (bySha) {
      sha = args.string(1).toLowerCase(java.util.Locale.ROOT);
      function = cache.get(sha);
      if (function == null) {
        c.reply().error("NOSCRIPT No matching script. Please use EVAL.");
        return;
      }
    } else {
      final byte[] body = args.bytes(1);
      sha = ScriptRunner.sha1(body, 0, body.length);
      final LuaFunction cached = cache.get(sha);
      function = cached != null ? cached : compile(c, body, sha);
      if (function == null) {
        return;
      }
    }
    final LuaTable keyTable = new LuaTable(keys, 0);
    for (int i = 0; i < keys; i++) {
      keyTable.rawset(i + 1, LuaValue.valueOf(args.bytes(3 + i)));
    }
    final int argc = args.count() - 3 - keys;
    final LuaTable argTable = new LuaTable(argc, 0);
    for (int i = 0; i < argc; i++) {
      argTable.rawset(i + 1, LuaValue.valueOf(args.bytes(3 + keys + i)));
    }
    scripts.define("KEYS", keyTable);
    scripts.define("ARGV", argTable);
    runner.run(c, scripts, function, sha, ScriptRunner.SCRIPT_SOURCE, readOnly, false, threshold(), null);
  }

  /** Reads numkeys (argument 2) with Redis's checks; -1 after replying an error. */
  private int numkeys(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return -1;
    }
    if (number[0] > args.count() - 3) {
      c.reply().error("ERR Number of keys can't be greater than number of args");
      return -1;
    }
    if (number[0] < 0) {
      c.reply().error("ERR Number of keys can't be negative");
      return -1;
    }
    return (int) number[0];
  }

  private long threshold() {
    return config.getLong("busy-reply-threshold");
  }

  /** Compiles and caches a script, or replies Redis's compile error and returns null. */
  private LuaFunction compile(final CommandContext c, final byte[] body, final String sha) {
    try {
      final LuaFunction function = scripts.compile(body, ScriptRunner.SCRIPT_SOURCE);
      cache.put(sha, function);
      return function;
    } catch (final LuaError e) {
      c.reply().error("ERR Error compiling script (new function): " + LuaState.errorValue(e).tojstring());
      return null;
    }
  }

  void scriptLoad(final CommandContext c) {
    final byte[] body = c.args().bytes(2);
    final String sha = ScriptRunner.sha1(body, 0, body.length);
    if (cache.containsKey(sha) || compile(c, body, sha) != null) {
      c.reply().bulk(sha);
    }
  }

  void scriptExists(final CommandContext c) {
    final Arguments args = c.args();
    c.reply().array(args.count() - 2);
    for (int i = 2; i < args.count(); i++) {
      c.reply().integer(cache.containsKey(args.string(i).toLowerCase(java.util.Locale.ROOT)) ? 1 : 0);
    }
  }

  void scriptFlush(final CommandContext c) {
    if (!flushMode(c)) {
      return;
    }
    cache.clear();
    c.reply().ok();
  }

  /** The optional ASYNC|SYNC of the FLUSH subcommands; false after replying an error. */
  private static boolean flushMode(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 3 || (args.count() == 3 && !args.is(2, "sync") && !args.is(2, "async"))) {
      c.reply().error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
      return false;
    }
    return true;
  }

  /** FCALL / FCALL_RO function numkeys key... arg... */
  void fcall(final CommandContext c, final boolean readOnly) {
    final Arguments args = c.args();
    final int keys = numkeys(c);
    if (keys < 0) {
      return;
    }
    final Function function = functions.get(args.string(1));
    if (function == null) {
      c.reply().error("ERR Function not found");
      return;
    }
    if (readOnly && !function.noWrites) {
      c.reply().error("ERR Can not execute a script with write flag using *_ro command.");
      return;
    }
    final LuaTable keyTable = new LuaTable(keys, 0);
    for (int i = 0; i < keys; i++) {
      keyTable.rawset(i + 1, LuaValue.valueOf(args.bytes(3 + i)));
    }
    final int argc = args.count() - 3 - keys;
    final LuaTable argTable = new LuaTable(argc, 0);
    for (int i = 0; i < argc; i++) {
      argTable.rawset(i + 1, LuaValue.valueOf(args.bytes(3 + keys + i)));
    }
    runner.run(c, functionState, function.callback, function.name, ScriptRunner.FUNCTION_SOURCE,
        readOnly || function.noWrites, true, threshold(), new LuaValue[] {keyTable, argTable});
  }

  /** FUNCTION LOAD [REPLACE] code: runs the library's body, which registers its functions. */
  void functionLoad(final CommandContext c) {
    final Arguments args = c.args();
    final boolean replace;
    if (args.count() == 4) {
      if (!args.is(2, "replace")) {
        c.reply().error("ERR Unknown option given: " + args.string(2));
        return;
      }
      replace = true;
    } else if (args.count() == 3) {
      replace = false;
    } else {
      c.wrongArity();
      return;
    }
    final String[] name = new String[1];
    final String error = create(args.string(args.count() - 1), replace, libraries, functions, name);
    if (error != null) {
      c.reply().error(error);
    } else {
      c.reply().bulk(name[0]);
    }
  }

  /**
   * Redis's {@code functionsCreateWithLibraryCtx}: reads the shebang, runs the body and links the
   * library into {@code libs}/{@code fns} (the live ones, or FUNCTION RESTORE's staging pair).
   * Returns Redis's error text, or null with the library's name in {@code name[0]}.
   */
  private String create(final String code, final boolean replace, final Map<String, Library> libs,
      final Map<String, Function> fns, final String[] name) {
    if (!code.startsWith("#!")) {
      return "ERR Missing library metadata";
    }
    final int eol = code.indexOf('\n');
    final String[] shebang = (eol < 0 ? code.substring(2) : code.substring(2, eol)).split(" ");
    if (!shebang[0].equals("lua")) {
      return "ERR Engine '" + shebang[0] + "' not found";
    }
    String libraryName = null;
    for (int i = 1; i < shebang.length; i++) {
      if (shebang[i].startsWith("name=")) {
        libraryName = shebang[i].substring(5);
      } else {
        return "ERR Invalid metadata value given: " + shebang[i];
      }
    }
    if (libraryName == null) {
      return "ERR Library name was not given";
    }
    if (!validName(libraryName)) {
      return "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one "
          + "character long";
    }
    final Library old = libs.get(libraryName);
    if (old != null && !replace) {
      return "ERR Library '" + libraryName + "' already exists";
    }
    final Library library = new Library(libraryName, code);
    final String error = loadLibrary(library, code);
    if (error != null) {
      return error;
    }
    for (final String f : library.functions.keySet()) {
      final Function existing = fns.get(f);
      if (existing != null && (old == null || !old.functions.containsKey(f))) {
        return "ERR Function " + f + " already exists";
      }
    }
    if (old != null) {
      old.functions.keySet().forEach(fns::remove);
    }
    libs.put(libraryName, library);
    fns.putAll(library.functions);
    name[0] = libraryName;
    return null;
  }

  /** Runs the library body with register_function enabled; Redis's error text, or null. */
  private String loadLibrary(final Library library, final String code) {
    // The shebang is line 1 of the library for error positions: comment it out rather than cut it.
    final byte[] body = ("--" + code).getBytes(StandardCharsets.UTF_8);
    final LuaFunction chunk;
    try {
      chunk = functionState.compile(body, ScriptRunner.FUNCTION_SOURCE);
    } catch (final LuaError e) {
      return "ERR Error compiling function: " + LuaState.errorValue(e).tojstring();
    }
    final List<String> problems = new ArrayList<>();
    runner.loading((fname, callback, description, noWrites) -> {
      if (!validName(fname)) {
        throw new LuaError(io.rustyredis.engine.scripting.LuaReplies.errorTable(
            "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long"));
      }
      if (library.functions.containsKey(fname)) {
        throw new LuaError(io.rustyredis.engine.scripting.LuaReplies.errorTable("ERR Function already exists in the library"));
      }
      library.functions.put(fname, new Function(fname, callback, description, noWrites));
    });
    try {
      functionState.call(chunk);
    } catch (final LuaError e) {
      final LuaValue v = LuaState.errorValue(e);
      problems.add(v.istable() ? v.get("err").tojstring() : v.tojstring());
    } finally {
      runner.loading(null);
    }
    if (!problems.isEmpty()) {
      return "ERR Error registering functions: " + problems.get(0);
    }
    if (library.functions.isEmpty()) {
      return "ERR No functions registered";
    }
    return null;
  }

  private static boolean validName(final String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      final char ch = name.charAt(i);
      if (!(Character.isLetterOrDigit(ch) && ch < 128) && ch != '_') {
        return false;
      }
    }
    return true;
  }

  /** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]. */
  void functionList(final CommandContext c) {
    final Arguments args = c.args();
    boolean withCode = false;
    String pattern = null;
    for (int i = 2; i < args.count(); i++) {
      if (args.is(i, "withcode")) {
        withCode = true;
      } else if (args.is(i, "libraryname") && i + 1 < args.count() && pattern == null) {
        pattern = args.string(++i);
      } else {
        c.reply().error("ERR Unknown argument " + args.string(i));
        return;
      }
    }
    final List<Library> shown = new ArrayList<>();
    for (final Library library : libraries.values()) {
      if (pattern == null || Glob.matchesIgnoreCase(pattern, library.name)) {
        shown.add(library);
      }
    }
    final Reply reply = c.reply();
    reply.array(shown.size());
    for (final Library library : shown) {
      reply.map(withCode ? 4 : 3);
      reply.bulk("library_name");
      reply.bulk(library.name);
      reply.bulk("engine");
      reply.bulk("LUA");
      reply.bulk("functions");
      reply.array(library.functions.size());
      for (final Function f : library.functions.values()) {
        reply.map(3);
        reply.bulk("name");
        reply.bulk(f.name);
        reply.bulk("description");
        if (f.description == null) {
          reply.nullBulk();
        } else {
          reply.bulk(f.description);
        }
        reply.bulk("flags");
        reply.set(f.noWrites ? 1 : 0);
        if (f.noWrites) {
          reply.simple("no-writes");
        }
      }
      if (withCode) {
        reply.bulk("library_code");
        reply.bulk(library.code);
      }
    }
  }

  void functionDelete(final CommandContext c) {
    final Library library = libraries.remove(c.args().string(2));
    if (library == null) {
      c.reply().error("ERR Library not found");
      return;
    }
    library.functions.keySet().forEach(functions::remove);
    c.reply().ok();
  }

  /** FUNCTION DUMP: every library's source as RDB entries, with DUMP's version and CRC-64 footer. */
  void functionDump(final CommandContext c) {
    c.reply().bulk(writer.dumpFunctions(config.getBoolean("rdbcompression")));
  }

  /**
   * FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE], as Redis 7.0's {@code functionRestoreCommand}:
   * the payload's libraries are built apart first, so a bad one changes nothing, then either
   * replace everything (FLUSH) or join the live ones (APPEND refuses a library that exists,
   * REPLACE swaps it), refusing any function name another library already holds.
   */
  void functionRestore(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 4) {
      c.reply().error("ERR unknown subcommand or wrong number of arguments for 'restore'. Try FUNCTION HELP.");
      return;
    }
    final boolean flush = args.count() == 4 && args.is(3, "flush");
    final boolean replace = args.count() == 4 && args.is(3, "replace");
    if (args.count() == 4 && !flush && !replace && !args.is(3, "append")) {
      c.reply().error("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
      return;
    }
    final byte[] payload = args.bytes(2);
    if (!RdbReader.verifyPayload(payload)) {
      c.reply().error("ERR DUMP payload version or checksum are wrong");
      return;
    }
    final Map<String, Library> staged = new TreeMap<>();
    final Map<String, Function> stagedFunctions = new HashMap<>();
    try {
      for (final byte[] source : reader.readFunctions(payload)) {
        final String error = create(new String(source, StandardCharsets.UTF_8), false, staged, stagedFunctions,
            new String[1]);
        if (error != null) {
          c.reply().error(error);
          return;
        }
      }
    } catch (final RdbFormatException e) {
      c.reply().error("ERR " + e.getMessage());
      return;
    }
    if (flush) {
      libraries.clear();
      functions.clear();
    } else {
      final String error = joinable(staged, stagedFunctions, replace);
      if (error != null) {
        c.reply().error(error);
        return;
      }
      for (final String name : staged.keySet()) {
        final Library old = libraries.remove(name);
        if (old != null) {
          old.functions.keySet().forEach(functions::remove);
        }
      }
    }
    libraries.putAll(staged);
    functions.putAll(stagedFunctions);
    c.reply().ok();
  }

  /** Redis's {@code libraryJoin} checks: why the staged libraries cannot join the live ones, or null. */
  private String joinable(final Map<String, Library> staged, final Map<String, Function> stagedFunctions,
      final boolean replace) {
    for (final String name : staged.keySet()) {
      if (libraries.containsKey(name) && !replace) {
        return "ERR Library " + name + " already exists";
      }
    }
    for (final String f : stagedFunctions.keySet()) {
      final Function existing = functions.get(f);
      if (existing != null && !staged.containsKey(owner(existing))) {
        return "ERR Function " + f + " already exists";
      }
    }
    return null;
  }

  private String owner(final Function function) {
    for (final Library library : libraries.values()) {
      if (library.functions.get(function.name) == function) {
        return library.name;
      }
    }
    return null;
  }

  void functionFlush(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 3 || (args.count() == 3 && !args.is(2, "sync") && !args.is(2, "async"))) {
      c.reply().error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
      return;
    }
    libraries.clear();
    functions.clear();
    c.reply().ok();
  }

  /** FUNCTION STATS: nothing runs when the engine can answer, so running_script is always nil. */
  void functionStats(final CommandContext c) {
    final Reply reply = c.reply();
    reply.map(2);
    reply.bulk("running_script");
    reply.nullBulk();
    reply.bulk("engines");
    reply.map(1);
    reply.bulk("LUA");
    reply.map(2);
    reply.bulk("libraries_count");
    reply.integer(libraries.size());
    reply.bulk("functions_count");
    reply.integer(functions.size());
  }
}
