package io.rustyredis.engine.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EVAL, EVALSHA, SCRIPT and FUNCTION on the engine alone, with real Redis 7.0.15's replies. */
class ScriptingCommandsTest {
  private EngineHarness redis;

  @BeforeEach
  void start() {
    redis = new EngineHarness();
  }

  private String eval(final String script, final String... keysAndArgs) {
    final String[] command = new String[keysAndArgs.length + 2];
    command[0] = "EVAL";
    command[1] = script;
    System.arraycopy(keysAndArgs, 0, command, 2, keysAndArgs.length);
    return redis.run(command);
  }

  private static String sha(final String script) {
    final byte[] b = script.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ScriptRunner.sha1(b, 0, b.length);
  }

  private static String failed(final String message, final String script) {
    return "-" + message + " script: " + sha(script) + ", on @user_script:1.\r\n";
  }

  @Test
  void luaValuesBecomeRespAsRedisDocuments() {
    assertEquals(":3\r\n", eval("return 3.99", "0"));
    assertEquals("$1\r\nx\r\n", eval("return 'x'", "0"));
    assertEquals(":1\r\n", eval("return true", "0"));
    assertEquals("$-1\r\n", eval("return false", "0"));
    assertEquals("$-1\r\n", eval("return nil", "0"));
    assertEquals("*3\r\n:1\r\n:2\r\n:3\r\n", eval("return {1,2,3,nil,4}", "0"));
    assertEquals("+fine\r\n", eval("return redis.status_reply('fine')", "0"));
    assertEquals("-x y\r\n", eval("return redis.error_reply('x y')", "0"));
    assertEquals("-ERR x\r\n", eval("return redis.error_reply('x')", "0"));
    assertEquals("-boom\r\n", eval("return {err='boom'}", "0"));
    assertEquals("*0\r\n", eval("return {err=3}", "0"));
    assertEquals("*3\r\n:1\r\n-a b\r\n:3\r\n", eval("return {1,{err='a b'},3}", "0"));
  }

  @Test
  void keysAndArgvAreTablesOfStrings() {
    assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", eval("return {KEYS[1], KEYS[2], ARGV[1]}", "2", "a", "b", "c"));
    assertEquals("-ERR Number of keys can't be greater than number of args\r\n", eval("return 1", "2", "a"));
    assertEquals("-ERR Number of keys can't be negative\r\n", eval("return 1", "-1"));
    assertEquals("-ERR value is not an integer or out of range\r\n", eval("return 1", "x"));
  }

  @Test
  void redisReplyBecomesLuaValues() {
    redis.run("RPUSH", "l", "a", "b");
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", eval("return redis.call('lrange', KEYS[1], 0, -1)", "1", "l"));
    assertEquals(":1\r\n", eval("return redis.call('get', 'nokey') == false and 1 or 0", "0"));
    assertEquals("$2\r\nOK\r\n", eval("return redis.call('set', 'k', 'v').ok", "0"));
    assertEquals(":6\r\n", eval("return redis.call('incrby', 'n', 6)", "0"));
    assertEquals("$3\r\n2.5\r\n", eval("redis.call('set', 'f', 2.5) return redis.call('get', 'f')", "0"));
  }

  @Test
  void resp3RepliesUnderSetresp3() {
    redis.run("HSET", "h", "a", "1");
    assertEquals("*2\r\n$1\r\na\r\n$1\r\n1\r\n", eval("redis.setresp(3) return redis.call('hgetall','h')", "0"));
    assertEquals(":1\r\n", eval("redis.setresp(3) return redis.call('hgetall','h').map.a == '1' and 1 or 0", "0"));
    assertEquals(":1\r\n", eval("redis.setresp(3) return redis.call('get','nokey') == nil and 1 or 0", "0"));
    assertEquals("$3\r\n3.5\r\n", eval("return {double=3.5}", "0"));
    redis.run("HELLO", "3");
    assertEquals(",3.5\r\n", eval("return {double=3.5}", "0"));
    assertEquals("#t\r\n", eval("redis.setresp(3) return true", "0"));
    assertEquals(":1\r\n", eval("return true", "0"));
    assertEquals("_\r\n", eval("return false", "0"));
    assertEquals("%1\r\n$1\r\na\r\n$1\r\n1\r\n", eval("redis.setresp(3) return redis.call('hgetall','h')", "0"));
  }

  @Test
  void errorsHaveRedisShape() {
    String s = "return x";
    assertEquals(failed("ERR user_script:1: Script attempted to access nonexistent global variable 'x'", s), eval(s, "0"));
    s = "x = 1";
    assertEquals(failed("ERR user_script:1: Attempt to modify a readonly table", s), eval(s, "0"));
    s = "error('boom')";
    assertEquals(failed("ERR user_script:1: boom", s), eval(s, "0"));
    s = "error({err='MY boom'})";
    assertEquals(failed("MY boom", s), eval(s, "0"));
    redis.run("SET", "s", "a");
    s = "return redis.call('incr','s')";
    assertEquals(failed("ERR value is not an integer or out of range", s), eval(s, "0"));
    assertEquals("-ERR value is not an integer or out of range\r\n", eval("return redis.pcall('incr','s')", "0"));
    s = "return redis.call('nosuch')";
    assertEquals(failed("ERR Unknown Redis command called from script", s), eval(s, "0"));
    s = "return redis.call('get')";
    assertEquals(failed("ERR Wrong number of args calling Redis command from script", s), eval(s, "0"));
    s = "return redis.call('shutdown')";
    assertEquals(failed("ERR This Redis command is not allowed from script", s), eval(s, "0"));
    s = "return redis.call()";
    assertEquals(failed("ERR Please specify at least one argument for this redis lib call", s), eval(s, "0"));
    s = "return redis.call('get', {})";
    assertEquals(failed("ERR Lua redis lib command arguments must be strings or integers", s), eval(s, "0"));
    s = "redis.setresp(4)";
    assertEquals(failed("ERR RESP version must be 2 or 3.", s), eval(s, "0"));
    assertEquals("-ERR This Redis command is not allowed from script\r\n", eval("return redis.pcall('eval','return 1','0')", "0"));
  }

  @Test
  void errorLineIsWhereTheErrorWasRaised() {
    final String s = "local a = 1\nlocal b = 2\nerror('late')";
    assertEquals("-ERR user_script:3: late script: " + sha(s) + ", on @user_script:3.\r\n", eval(s, "0"));
  }

  @Test
  void pcallCatchesErrorsWithLuaPosition() {
    assertEquals("*2\r\n$-1\r\n$16\r\nuser_script:1: x\r\n", eval("return {pcall(function() error('x') end)}", "0"));
    assertEquals("*2\r\n$-1\r\n$1\r\nx\r\n", eval("return {pcall(function() error('x', 0) end)}", "0"));
  }

  @Test
  void compileErrorIsReported() {
    assertEquals("-ERR Error compiling script (new function): user_script:1: unexpected symbol near '+'\r\n",
        eval("return +", "0"));
  }

  @Test
  void readOnlyScriptsRefuseWrites() {
    final String s = "return redis.call('set','a','b')";
    assertEquals("-ERR Write commands are not allowed from read-only scripts. script: " + sha(s) + ", on @user_script:1.\r\n",
        redis.run("EVAL_RO", s, "0"));
    assertEquals("$-1\r\n", redis.run("GET", "a"));
    assertEquals("$-1\r\n", redis.run("EVAL_RO", "return redis.call('get','a')", "0"));
  }

  @Test
  void selectInsideScriptLeavesCallerDatabase() {
    eval("redis.call('select','1') return redis.call('set','x','1')", "0");
    assertEquals("$-1\r\n", redis.run("GET", "x"));
    redis.run("SELECT", "1");
    assertEquals("$1\r\n1\r\n", redis.run("GET", "x"));
    assertEquals("$1\r\n1\r\n", eval("return redis.call('get','x')", "0"));
  }

  @Test
  void sandboxEscapesFail() {
    String s = "return os.execute('ls')";
    assertEquals(failed("ERR user_script:1: Script attempted to access nonexistent global variable 'os'", s), eval(s, "0"));
    s = "return io.open('/etc/passwd')";
    assertEquals(failed("ERR user_script:1: Script attempted to access nonexistent global variable 'io'", s), eval(s, "0"));
    s = "return luajava.bindClass('java.lang.System')";
    assertEquals(failed("ERR user_script:1: Script attempted to access nonexistent global variable 'luajava'", s), eval(s, "0"));
    s = "return debug.getinfo(1)";
    assertEquals(failed("ERR user_script:1: Script attempted to access nonexistent global variable 'debug'", s), eval(s, "0"));
    s = "return require('os')";
    assertEquals(failed("ERR user_script:1: Script attempted to access nonexistent global variable 'require'", s), eval(s, "0"));
    s = "setmetatable(_G, nil)";
    assertEquals(failed("ERR Attempt to modify a readonly table", s), eval(s, "0"));
    s = "rawset(_G, 'a', 1) return a";
    assertEquals(failed("ERR Attempt to modify a readonly table", s), eval(s, "0"));
    s = "string.x = 1";
    assertEquals(failed("ERR user_script:1: Attempt to modify a readonly table", s), eval(s, "0"));
    s = "redis.call = nil";
    assertEquals(failed("ERR user_script:1: Attempt to modify a readonly table", s), eval(s, "0"));
    s = "return string.dump(function() end)";
    assertEquals(failed("ERR user_script:1: attempt to call nil", s), eval(s, "0"));
    assertEquals("$-1\r\n", eval("return load('\\27LuaR\\0\\1\\4\\8\\4\\8\\0')", "0"));
    assertEquals("$30\r\nattempt to load a binary chunk\r\n", eval("local f, e = loadstring('\\27Lua') return e", "0"));
    assertEquals(":7\r\n", eval("return loadstring('return 7')()", "0"));
    s = "return print('x')";
    assertEquals(failed("ERR user_script:1: Script attempted to access nonexistent global variable 'print'", s), eval(s, "0"));
  }

  @Test
  void globalsAreRedisList() {
    assertEquals("*3\r\n:35\r\n$21\r\n__redis__err__handler\r\n$6\r\nxpcall\r\n",
        eval("local t = {} for k in pairs(_G) do t[#t+1]=k end table.sort(t) return {#t, t[5], t[35]}", "0"));
    assertEquals("$7\r\nLua 5.1\r\n", eval("return _VERSION", "0"));
  }

  @Test
  void scriptsAreCachedBySha() {
    final String s = "return 1";
    assertEquals("-NOSCRIPT No matching script. Please use EVAL.\r\n", redis.run("EVALSHA", sha(s), "0"));
    assertEquals("*2\r\n:0\r\n:0\r\n", redis.run("SCRIPT", "EXISTS", sha(s), "abc"));
    assertEquals("$40\r\n" + sha(s) + "\r\n", redis.run("SCRIPT", "LOAD", s));
    assertEquals(":1\r\n", redis.run("EVALSHA", sha(s), "0"));
    assertEquals(":1\r\n", redis.run("EVALSHA", sha(s).toUpperCase(), "0"));
    assertEquals("*2\r\n:1\r\n:0\r\n", redis.run("SCRIPT", "EXISTS", sha(s), "abc"));
    assertEquals("+OK\r\n", redis.run("SCRIPT", "FLUSH"));
    assertEquals("*1\r\n:0\r\n", redis.run("SCRIPT", "EXISTS", sha(s)));
    eval("return 2", "0");
    assertEquals(":2\r\n", redis.run("EVALSHA", sha("return 2"), "0"));
    assertEquals("-NOTBUSY No scripts in execution right now.\r\n", redis.run("SCRIPT", "KILL"));
    assertEquals("-NOTBUSY No scripts in execution right now.\r\n", redis.run("FUNCTION", "KILL"));
  }

  @Test
  void scriptIsNotJournaledButItsWritesAreAsOneTransaction() {
    redis.engine().journaling(true);
    eval("redis.call('set','a','1') redis.call('set','b','2') return 1", "0");
    assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nset\r\n$1\r\na\r\n$1\r\n1\r\n"
        + "*3\r\n$3\r\nset\r\n$1\r\nb\r\n$1\r\n2\r\n*1\r\n$4\r\nEXEC\r\n", redis.effects());
    eval("return redis.call('incr','n')", "0");
    assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*2\r\n$4\r\nincr\r\n$1\r\nn\r\n", redis.effects());
    eval("return redis.call('get','n')", "0");
    assertEquals("", redis.effects());
  }

  @Test
  void scriptSeesEventTime() {
    redis.time(1_700_000_000_000L);
    assertEquals("$10\r\n1700000000\r\n", eval("return redis.call('time')[1]", "0"));
  }

  @Test
  void mathRandomIsSeededSoTwoEnginesAgree() {
    final String script = "return {math.random(1000), math.random(5, 6), math.random() < 1}";
    final String first = eval(script, "0");
    assertEquals(first, new EngineHarness().run("EVAL", script, "0"));
    assertTrue(first.startsWith("*3\r\n:"), first);
    final String s = "return math.random(0)";
    assertEquals(failed("ERR user_script:1: bad argument #1 to 'random' (interval is empty)", s), eval(s, "0"));
  }

  @Test
  void cjsonBehavesAsRedis() {
    assertEquals("$2\r\n{}\r\n", eval("return cjson.encode({})", "0"));
    assertEquals("$13\r\n[1,2,{\"a\":1}]\r\n", eval("return cjson.encode({1,2,{a=1}})", "0"));
    assertEquals("$27\r\n{\"a\":[1,2.5,null,true,\"x\"]}\r\n",
        eval("return cjson.encode(cjson.decode('{\"a\":[1,2.5,null,true,\"x\"]}'))", "0"));
    final String s = "return cjson.decode('[1,2')";
    assertEquals(failed("ERR user_script:1: Expected comma or array end but found T_END at character 5", s), eval(s, "0"));
    assertEquals("$8\r\n\"a\\/b\\n\"\r\n", eval("return cjson.encode('a/b\\n')", "0"));
  }

  @Test
  void cmsgpackBitAndStructAsRedis() {
    assertEquals("$5\r\n\u0093\u0001\u0002\u00a1a\r\n".length(), eval("return cmsgpack.pack({1,2,'a'})", "0").length());
    assertEquals("*3\r\n:1\r\n:2\r\n$1\r\na\r\n", eval("return cmsgpack.unpack(cmsgpack.pack({1,2,'a'}))", "0"));
    assertEquals("$23\r\n15 000000ff -2147483648\r\n",
        eval("return bit.band(0xff, 0x0f)..' '..bit.tohex(255)..' '..bit.lshift(1,31)", "0"));
    assertEquals("*2\r\n:258\r\n:3\r\n", eval("return {struct.unpack('>I2', struct.pack('>I2', 258))}", "0"));
  }

  @Test
  void functionsLoadListCallAndDelete() {
    final String lib = "#!lua name=mylib\n"
        + "redis.register_function('f1', function(keys, args) return keys[1] end)\n"
        + "redis.register_function{function_name='f2', callback=function(keys, args) return redis.call('set',keys[1],'v') end, flags={'no-writes'}}";
    assertEquals("$5\r\nmylib\r\n", redis.run("FUNCTION", "LOAD", lib));
    assertEquals("$1\r\nk\r\n", redis.run("FCALL", "f1", "1", "k"));
    assertEquals("-ERR Write commands are not allowed from read-only scripts. script: f2, on @user_function:3.\r\n",
        redis.run("FCALL", "f2", "1", "k"));
    assertEquals("-ERR Can not execute a script with write flag using *_ro command.\r\n", redis.run("FCALL_RO", "f1", "1", "k"));
    assertEquals("-ERR Function not found\r\n", redis.run("FCALL", "nope", "0"));
    assertEquals("-ERR Library 'mylib' already exists\r\n", redis.run("FUNCTION", "LOAD", lib));
    assertEquals("$5\r\nmylib\r\n", redis.run("FUNCTION", "LOAD", "REPLACE", lib));
    assertEquals("*1\r\n*6\r\n$12\r\nlibrary_name\r\n$5\r\nmylib\r\n$6\r\nengine\r\n$3\r\nLUA\r\n$9\r\nfunctions\r\n*2\r\n"
        + "*6\r\n$4\r\nname\r\n$2\r\nf1\r\n$11\r\ndescription\r\n$-1\r\n$5\r\nflags\r\n*0\r\n"
        + "*6\r\n$4\r\nname\r\n$2\r\nf2\r\n$11\r\ndescription\r\n$-1\r\n$5\r\nflags\r\n*1\r\n+no-writes\r\n",
        redis.run("FUNCTION", "LIST"));
    assertEquals("*4\r\n$14\r\nrunning_script\r\n$-1\r\n$7\r\nengines\r\n*2\r\n$3\r\nLUA\r\n*4\r\n$15\r\nlibraries_count\r\n:1\r\n"
        + "$15\r\nfunctions_count\r\n:2\r\n", redis.run("FUNCTION", "STATS"));
    assertEquals("-ERR Missing library metadata\r\n", redis.run("FUNCTION", "LOAD", "return 1"));
    assertEquals("-ERR Library name was not given\r\n", redis.run("FUNCTION", "LOAD", "#!lua\nreturn 1"));
    assertEquals("-ERR No functions registered\r\n", redis.run("FUNCTION", "LOAD", "#!lua name=x\nreturn 1"));
    assertEquals("-ERR Library not found\r\n", redis.run("FUNCTION", "DELETE", "nope"));
    assertEquals("+OK\r\n", redis.run("FUNCTION", "DELETE", "mylib"));
    assertEquals("-ERR Function not found\r\n", redis.run("FCALL", "f1", "0"));
  }

  private static final String LIB = "#!lua name=mylib\nredis.register_function('f1', function(keys, args) return 1 end)";
  private static final String LIB2 = "#!lua name=lib2\nredis.register_function{function_name=\"f2\", "
      + "callback=function(keys, args) return 2 end, flags={\"no-writes\"}, description=\"d2\"}";

  /** FUNCTION DUMP as redis-server 7.0.15 answered it after loading LIB2 then LIB (LZF-compressed source included). */
  private static final byte[] REDIS_DUMP = latin1("\u00f5\u00c3@\u0084@\u008e\u001f#!lua name=lib2\nredis.register_f"
      + "\u0007unction{\u00c0\b\u0000_`*\u000e\"f2\", callback=\u00c0\u001c\u001f(keys, args) return 2 end, flags"
      + "\u0016={\"no-writes\"}, descrip@`\u0005=\"d2\"}\u00f5@Q#!lua name=mylib\nredis.register_function(\"f1\", "
      + "function(keys, args) return 1 end)\n\u0000\t\u00d5(W-\u00a1Ni");

  private static byte[] latin1(final String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private byte[] functionDump() {
    final String reply = redis.runBytes(latin1("FUNCTION"), latin1("DUMP"));
    return latin1(reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2));
  }

  private String restore(final byte[] payload, final String... policy) {
    final byte[][] args = new byte[3 + policy.length][];
    args[0] = latin1("FUNCTION");
    args[1] = latin1("RESTORE");
    args[2] = payload;
    for (int i = 0; i < policy.length; i++) {
      args[3 + i] = latin1(policy[i]);
    }
    return redis.runBytes(args);
  }

  @Test
  void functionRestoreReadsWhatRedisDumpsUnderEachPolicy() {
    assertEquals("+OK\r\n", restore(REDIS_DUMP));
    assertEquals(":1\r\n", redis.run("FCALL", "f1", "0"));
    assertEquals(":2\r\n", redis.run("FCALL_RO", "f2", "0"));
    assertEquals("-ERR Library lib2 already exists\r\n", restore(REDIS_DUMP));
    assertEquals("-ERR Library lib2 already exists\r\n", restore(REDIS_DUMP, "APPEND"));
    assertEquals("+OK\r\n", restore(REDIS_DUMP, "REPLACE"));
    assertEquals("+OK\r\n", redis.run("FUNCTION", "DELETE", "mylib"));
    assertEquals("$5\r\nother\r\n",
        redis.run("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('f1', function() return 9 end)"));
    assertEquals("-ERR Function f1 already exists\r\n", restore(REDIS_DUMP, "REPLACE"));
    assertEquals(":9\r\n", redis.run("FCALL", "f1", "0"), "a refused restore changes nothing");
    assertEquals("+OK\r\n", restore(REDIS_DUMP, "flush"));
    assertEquals(":1\r\n", redis.run("FCALL", "f1", "0"));
    assertTrue(redis.run("FUNCTION", "STATS").endsWith("$15\r\nlibraries_count\r\n:2\r\n$15\r\nfunctions_count\r\n:2\r\n"));
    redis.run("SCRIPT", "LOAD", "return 1");
    final String memory = redis.run("INFO", "memory");
    assertTrue(memory.contains("\r\nnumber_of_cached_scripts:1\r\nnumber_of_functions:2\r\nnumber_of_libraries:2\r\n"),
        memory);
  }

  @Test
  void functionRestoreRefusesBadPayloadsAndPolicies() {
    assertEquals("-ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.\r\n",
        restore(REDIS_DUMP, "bad"));
    assertEquals("-ERR unknown subcommand or wrong number of arguments for 'restore'. Try FUNCTION HELP.\r\n",
        restore(REDIS_DUMP, "FLUSH", "x"));
    assertEquals("-ERR wrong number of arguments for 'function|restore' command\r\n", redis.run("FUNCTION", "RESTORE"));
    assertEquals("-ERR wrong number of arguments for 'function|dump' command\r\n", redis.run("FUNCTION", "DUMP", "x"));
    assertEquals("-ERR DUMP payload version or checksum are wrong\r\n", restore(latin1("xx")));
    final byte[] damaged = REDIS_DUMP.clone();
    damaged[20] ^= 1;
    assertEquals("-ERR DUMP payload version or checksum are wrong\r\n", restore(damaged));
    redis.run("SET", "k", "hello");
    final String dump = redis.runBytes(latin1("DUMP"), latin1("k"));
    final byte[] stringPayload = latin1(dump.substring(dump.indexOf("\r\n") + 2, dump.length() - 2));
    assertEquals("-ERR given type is not a function\r\n", restore(stringPayload));
    assertEquals("*0\r\n", redis.run("FUNCTION", "LIST"), "nothing was restored");
  }

  @Test
  void functionDumpRoundTripsThroughRestore() {
    redis.run("FUNCTION", "LOAD", LIB);
    redis.run("FUNCTION", "LOAD", LIB2);
    final String list = redis.run("FUNCTION", "LIST", "WITHCODE");
    final byte[] payload = functionDump();
    assertEquals("+OK\r\n", redis.run("FUNCTION", "FLUSH"));
    assertEquals("*0\r\n", redis.run("FUNCTION", "LIST"));
    redis.engine().journaling(true);
    assertEquals("+OK\r\n", restore(payload));
    assertTrue(redis.effects().contains("$8\r\nFUNCTION\r\n$7\r\nRESTORE\r\n"), "the journal replays the restore");
    assertEquals(list, redis.run("FUNCTION", "LIST", "WITHCODE"));
    assertEquals("+OK\r\n", redis.run("FUNCTION", "FLUSH"));
    // redis-server 7.0.15's answer with no libraries: only the version and the CRC-64 footer.
    assertEquals("$10\r\n\n\u0000]\u009b\\@\u000f\u007f\u00a2\u00da\r\n",
        redis.runBytes(latin1("FUNCTION"), latin1("DUMP")));
  }
}
