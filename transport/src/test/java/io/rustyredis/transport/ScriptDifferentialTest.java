package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs a corpus of Lua scripts on a real redis-server 7.0.15 and on rusty-redis and requires
 * byte-identical replies, in RESP2 and in RESP3. The corpus is built from templates (every value
 * of a list returned as is and after {@code redis.setresp(3)}, every command through redis.call and
 * redis.pcall, JSON documents through cjson, values through cmsgpack, bit and struct operations)
 * plus hand-written cases for error shapes and the sandbox. Each case starts from the same small
 * dataset. What luaj cannot say as Lua 5.1 does (the text of number-to-string conversion of
 * non-integers, the variable names in "attempt to index" errors, a {@code -0.0} literal, which luaj
 * folds to 0) is left out; the engine README lists it.
 *
 * <p>redis-server must be on the PATH (Debian's package); the test starts its own on a free port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptDifferentialTest {
  private static final String[] VALUES = {
    "1", "-1", "0", "3.99", "-3.99", "1e3", "2^31", "-2^31", "2^53", "0.5", "-0.5", "'x'", "''", "'a\\0b'",
    "true", "false", "nil", "{}", "{1,2,3}", "{1,nil,3}", "{'a',{'b',{'c'}}}", "{ok='fine'}", "{err='E bad'}",
    "{err='bad'}", "{ok=1}", "{err=1}", "redis.status_reply('s')", "redis.error_reply('x y')",
    "redis.error_reply('x')", "redis.error_reply('')", "redis.error_reply('-WRONG z')", "{double=1.5}",
    "{double=0}", "{1,{ok='x'},{err='y z'}}", "{true,false,true}", "{'a',1,false,'b'}", "{map={a=1}}",
    "{set={a=true}}", "{big_number='12345678901234567890'}", "{1,2,{map={k='v'}}}", "{{},{{}}}",
  };
  private static final String[] COMMANDS = {
    "'set','k','v'", "'get','k'", "'get','nokey'", "'incr','n'", "'incrby','n',5", "'incrbyfloat','f','1.5'",
    "'lpush','l','a','b'", "'lrange','l',0,-1", "'lrange','nolist',0,-1", "'hset','h','f','v'", "'hgetall','h'",
    "'hget','h','f'", "'hget','h','nofield'", "'ping'", "'echo','x'", "'exists','k'", "'del','nokey'", "'type','k'",
    "'sadd','s','a'", "'smembers','s'", "'sismember','s','a'", "'zadd','z',1,'m'", "'zrange','z',0,-1,'withscores'",
    "'zscore','z','m'", "'incr','str'", "'get','l'", "'lpush','str','x'", "'nosuch'", "'get'", "'set','k'",
    "'eval','return 1','0'", "'strlen','str'", "'append','k','x'", "'getrange','str',0,1", "'mget','k','nokey','str'",
    "'set','k2',3.5", "'set','k3',100", "'hincrby','h','n',1", "'llen','l'", "'rpop','nolist'",
  };
  private static final String[] JSON = {
    "{}", "[]", "[1,2,3]", "{\"a\":1}", "{\"a\":[1,2.5,null,true,\"x\"]}", "\"str\"", "1", "-1", "0.5", "1e2",
    "true", "false", "null", "[[[]]]", "[{\"k\":\"v\"}]", "\"a\\/b\"", "\"tab\\tnl\\n\"", "\"\\u0041\"", "[1,2",
    "{\"a\"}", "{\"a\":}", "[1,]", "tru", "", "  [ 1 , 2 ]  ", "{\"a\":1} x", "[1e3,-2.25,3]", "\"\\\"q\\\"\"",
  };
  private static final String[] LUA_TO_JSON = {
    "{}", "{1,2,3}", "{a=1}", "{1,{a={2}}}", "'x/y'", "'q\"'", "1", "2.5", "-0.25", "true", "nil", "{true,false}",
    "cjson.null", "{[1]=1,[2]=2}", "{[1]=1,[20]=2}", "'\\1\\31'", "function() end", "{[true]=1}",
  };
  private static final String[] MSGPACK = {
    "0", "127", "128", "255", "256", "65535", "65536", "4294967295", "4294967296", "-1", "-32", "-33", "-128",
    "-129", "-32768", "-32769", "-2147483648", "-2147483649", "1.5", "0.1", "''", "'abc'", "string.rep('x',31)",
    "string.rep('x',32)", "string.rep('x',255)", "string.rep('x',256)", "true", "false", "{}", "{1,2,3}",
    "{a=1}", "{1,{2,{3}}}", "{string.rep('y',40)}",
  };
  private static final String[] BIT = {
    "bit.tobit(0xffffffff)", "bit.tobit(2^32+1)", "bit.bnot(0)", "bit.band(0xff,0x0f)", "bit.bor(1,2,4)",
    "bit.bxor(0xff,0x0f)", "bit.lshift(1,31)", "bit.lshift(1,32)", "bit.rshift(-1,28)", "bit.arshift(-16,2)",
    "bit.rol(1,33)", "bit.ror(1,1)", "bit.bswap(0x12345678)", "bit.tohex(255)", "bit.tohex(255,-4)", "bit.tohex(-1)",
    "bit.tohex(0x1234,2)", "bit.band(-1,3.4)", "bit.tobit(-0.5)", "bit.tobit(1.5)", "bit.tobit(2.5)",
  };
  private static final String[] STRUCT = {
    "struct.pack('>I2', 258)", "struct.pack('<I2', 258)", "struct.pack('b', -1)", "struct.pack('B', 255)",
    "struct.pack('>h', -2)", "struct.pack('>i4', 1)", "struct.pack('<l', 1)", "struct.pack('s', 'ab')",
    "struct.pack('c3', 'abcdef')", "struct.pack('>d', 1.5)", "struct.pack('>f', 0.5)",
    "{struct.unpack('>I2', '\\1\\2')}", "{struct.unpack('<i2', '\\255\\255')}", "{struct.unpack('s', 'ab\\0cd')}",
    "{struct.unpack('c2c1', 'abc')}", "struct.size('>I2I4')", "struct.size('!4bi')", "struct.pack('!4bi', 1, 2)",
    "{struct.unpack('>I2', struct.pack('>I2', 65535))}", "{struct.unpack('B', 'a', 1)}",
  };
  private static final String[] HAND_WRITTEN = {
    "return x", "x = 1", "error('boom')", "error({err='MY boom'})", "error({err='boom'})", "error('x', 0)",
    "return redis.call('incr','str')", "return redis.pcall('incr','str')", "return redis.call('nosuch')",
    "return redis.call('get')", "return redis.call('shutdown')", "return redis.call()", "return redis.call('get', {})",
    "return redis.pcall()", "redis.setresp(4)", "return os", "return io", "return debug", "return require",
    "return luajava", "return print", "return loadfile", "return dofile", "setmetatable(_G, nil)",
    "rawset(_G, 'a', 1)", "string.x = 1", "redis.call = nil", "table.insert = nil", "cjson.x = 1",
    "local t = {} for k in pairs(_G) do t[#t+1]=k end table.sort(t) return t",
    "return {pcall(function() error('x') end)}", "return {pcall(function() error({err='t'}) end)}",
    "return {pcall(error)}", "return {pcall(redis.call, 'nosuch')}", "return {pcall(redis.call, 'incr', 'str')}",
    "return {xpcall(function() error('x') end, function(e) return 'handled ' .. e end)}",
    "return redis.sha1hex('')", "return redis.sha1hex('abc')", "return redis.REDIS_VERSION",
    "return redis.LOG_WARNING", "return KEYS", "return ARGV", "return #KEYS", "return _VERSION",
    "return type(load)", "return type(loadstring)", "return {loadstring('return 7')()}",
    "local f, e = loadstring('\\27Lua') return {f == nil, e ~= nil}", "return unpack({1,2,3})",
    "return {unpack({1,2,3})}", "return select('#', 1, 2, 3)", "return string.format('%d %s', 3, 'x')",
    "return string.rep('ab', 3)", "return string.upper('abc')", "return string.byte('A')", "return string.char(72, 105)",
    "return string.sub('hello', 2, 4)", "return {string.find('hello', 'll')}", "return string.gsub('aaa', 'a', 'b')",
    "return table.concat({1,2,3}, ',')", "local t = {3,1,2} table.sort(t) return t", "return math.floor(3.7)",
    "return math.max(1, 5, 3)", "return math.abs(-4)", "return math.huge > 1", "return tonumber('12')",
    "return tonumber('x')", "return tostring(12)", "return tostring(nil)", "return type({})",
    "return 7 % 3", "return -7 % 3", "return 2^10", "return 10 / 4", "return #'abc'", "return 'a' .. 'b' .. 1",
    "redis.call('select', '1') return redis.call('set', 'x', '1')", "return redis.call('get', 'x')",
    "return redis.set_repl(redis.REPL_ALL)", "return redis.replicate_commands()",
    "redis.setresp(3) return redis.call('hgetall', 'h')", "redis.setresp(3) return redis.call('get', 'nokey')",
    "redis.setresp(3) local r = redis.call('hgetall', 'h') return r.map.f",
    "redis.setresp(3) return redis.call('smembers', 's')", "redis.setresp(3) return redis.call('zscore', 'z', 'm')",
    "redis.setresp(3) return {redis.call('exists', 'k') == 1}", "redis.setresp(2) return redis.call('hgetall', 'h')",
    "return cjson.decode('[1,2,3]')[2]", "return cjson.encode(cjson.decode('{\"a\":{\"b\":[1,2]}}'))",
    "return cmsgpack.unpack(cmsgpack.pack(1, 2, 3))", "return {cmsgpack.unpack(cmsgpack.pack(1, 'a', {2}))}",
    "return cmsgpack.unpack('')", "return {cmsgpack.unpack('\\145')}", "return struct.pack('x')",
    "return coroutine.wrap(function() coroutine.yield(5) end)()", "return type(coroutine)", "return gcinfo() >= 0",
    "local a = 1\nlocal b = 2\nerror('line three')",
    "local out = {} for _, n in ipairs({0.1, 1/3, -2.5, 1e14, 1e15, 123456789012345678, 99999999999999, 1e-5, 0.0001, "
        + "2^63, -2^63, 1e300, 3.14159265358979, 5e-324}) do out[#out+1] = redis.call('echo', n) end return out",
    "return cjson.encode({0.1, 1/3, 1e14, 1e-5, 2^53})", "return cmsgpack.pack(2^53, -2^53, 1e300)", "local t = nil\nlocal u = 2\nreturn redis.call('nosuch')",
  };

  private Process redis;
  private Path redisDir;
  private int redisPort;
  private TestServer rusty;

  @BeforeAll
  void startServers() throws IOException, InterruptedException {
    redisDir = Files.createTempDirectory("lua-difftest-redis");
    redisPort = freePort();
    redis = new ProcessBuilder(redisServer(), "--port", Integer.toString(redisPort), "--save", "",
        "--appendonly", "no", "--dir", redisDir.toString(), "--bind", "127.0.0.1")
        .redirectErrorStream(true)
        .redirectOutput(redisDir.resolve("redis.log").toFile())
        .start();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", redisPort), 1_000);
        break;
      } catch (final IOException e) {
        if (!redis.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("redis-server did not start", e);
        }
        Thread.sleep(20);
      }
    }
    rusty = TestServer.start();
  }

  @AfterAll
  void stopServers() throws IOException, InterruptedException {
    if (rusty != null) {
      rusty.close();
    }
    if (redis != null) {
      redis.destroy();
      if (!redis.waitFor(10, TimeUnit.SECONDS)) {
        redis.destroyForcibly();
      }
    }
    if (redisDir != null) {
      try (var files = Files.walk(redisDir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The corpus: templates expanded, then the hand-written cases. */
  static List<String> corpus() {
    final List<String> scripts = new ArrayList<>();
    for (final String v : VALUES) {
      scripts.add("return " + v);
      scripts.add("redis.setresp(3) return " + v);
    }
    for (final String c : COMMANDS) {
      scripts.add("return redis.call(" + c + ")");
      scripts.add("return redis.pcall(" + c + ")");
      scripts.add("redis.setresp(3) return redis.pcall(" + c + ")");
      scripts.add("local r = redis.pcall(" + c + ") return type(r)");
    }
    for (final String json : JSON) {
      scripts.add("return cjson.encode(cjson.decode('" + json.replace("\\", "\\\\").replace("'", "\\'") + "'))");
    }
    for (final String lua : LUA_TO_JSON) {
      scripts.add("return cjson.encode(" + lua + ")");
    }
    for (final String v : MSGPACK) {
      scripts.add("return cmsgpack.pack(" + v + ")");
      scripts.add("return {cmsgpack.unpack(cmsgpack.pack(" + v + "))}");
    }
    for (final String b : BIT) {
      scripts.add("return " + b);
    }
    for (final String s : STRUCT) {
      scripts.add("return " + s);
    }
    for (final String s : HAND_WRITTEN) {
      scripts.add(s);
    }
    return scripts;
  }

  @Test
  void corpusOfScriptsGetsIdenticalRepliesFromRedisAndRustyRedis() throws IOException {
    final List<String> scripts = corpus();
    assertTrue(scripts.size() >= 200, "corpus of " + scripts.size());
    final List<String> differences = new ArrayList<>();
    try (Connection reference = new Connection(redisPort); Connection subject = new Connection(rusty.port())) {
      for (final int protocol : new int[] {2, 3}) {
        reference.call("HELLO", Integer.toString(protocol));
        subject.call("HELLO", Integer.toString(protocol));
        for (final String script : scripts) {
          final String[][] setup = {
            {"FLUSHALL"}, {"SET", "str", "abc"}, {"SET", "k", "v"}, {"HSET", "h", "f", "v"}, {"RPUSH", "l", "x"},
            {"SADD", "s", "a"}, {"ZADD", "z", "1", "m"}, {"SCRIPT", "FLUSH"},
          };
          for (final String[] command : setup) {
            reference.call(command);
            subject.call(command);
          }
          final String[] eval = {"EVAL", script, "2", "key1", "key2", "arg1", "{\"j\":1}"};
          final String expected = reference.call(eval);
          final String actual = subject.call(eval);
          if (!expected.equals(actual)) {
            differences.add("RESP" + protocol + " " + script + "\n    redis: " + printable(expected) + "\n    rusty: " + printable(actual));
          }
        }
      }
    }
    assertTrue(differences.isEmpty(), differences.size() + " of " + (2 * scripts.size()) + " replies differ:\n"
        + String.join("\n", differences.subList(0, Math.min(60, differences.size()))));
  }

  private static String printable(final String reply) {
    return reply.replace("\r\n", "\\r\\n");
  }

  /** One RESP connection that sends a command and reads exactly one reply, as raw text. */
  private static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Connection(final int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = new BufferedOutputStream(socket.getOutputStream());
    }

    String call(final String... args) throws IOException {
      final ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      for (final String arg : args) {
        final byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        request.writeBytes(bytes);
        request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(request.toByteArray());
      out.flush();
      final ByteArrayOutputStream reply = new ByteArrayOutputStream();
      readReply(reply);
      return reply.toString(StandardCharsets.ISO_8859_1);
    }

    private void readReply(final ByteArrayOutputStream reply) throws IOException {
      final String line = readLine(reply);
      final char type = line.charAt(0);
      switch (type) {
        case '$':
        case '=':
        case '!': {
          final int n = Integer.parseInt(line.substring(1));
          for (int i = 0; n >= 0 && i < n + 2; i++) {
            reply.write(readByte());
          }
          break;
        }
        case '*':
        case '~':
        case '>': {
          final int n = Integer.parseInt(line.substring(1));
          for (int i = 0; i < n; i++) {
            readReply(reply);
          }
          break;
        }
        case '%':
        case '|': {
          final int n = Integer.parseInt(line.substring(1));
          for (int i = 0; i < 2 * n; i++) {
            readReply(reply);
          }
          break;
        }
        default:
          break;
      }
    }

    private String readLine(final ByteArrayOutputStream reply) throws IOException {
      final StringBuilder line = new StringBuilder();
      while (true) {
        final int b = readByte();
        reply.write(b);
        if (b == '\r') {
          reply.write(readByte());
          return line.toString();
        }
        line.append((char) b);
      }
    }

    private int readByte() throws IOException {
      final int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed");
      }
      return b;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String redisServer() {
    for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      final File candidate = new File(dir, "redis-server");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    throw new AssertionError("redis-server is not on the PATH: install Debian's redis-server package");
  }
}
