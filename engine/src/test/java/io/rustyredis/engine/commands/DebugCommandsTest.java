package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.config.Config;
import org.junit.jupiter.api.Test;

/** DEBUG as redis-server 7.0.15 answers it, refused by default and with enable-debug-command yes. */
class DebugCommandsTest {
  private static EngineHarness debugging(final String enabled) {
    final Config config = new Config();
    config.set("enable-debug-command", enabled);
    return new EngineHarness(config);
  }

  @Test
  void refusedUnlessEnableDebugCommandAllowsIt() {
    final EngineHarness off = new EngineHarness();
    assertEquals("-" + DebugCommands.NOT_ALLOWED + "\r\n", off.run("DEBUG", "SLEEP", "0"));
    assertEquals("-ERR CONFIG SET failed (possibly related to argument 'enable-debug-command') - can't set "
        + "immutable config\r\n", off.run("CONFIG", "SET", "enable-debug-command", "yes"));
    assertEquals("+OK\r\n", debugging("local").run("DEBUG", "SLEEP", "0"), "the harness's peer is 127.0.0.1");
    assertEquals("+OK\r\n", debugging("yes").run("DEBUG", "SLEEP", "0"));
  }

  @Test
  void populateCreatesMissingKeysOnlyWithoutJournaling() {
    final EngineHarness redis = debugging("yes");
    redis.engine().journaling(true);
    redis.run("SET", "key:1", "mine");
    assertEquals("+OK\r\n", redis.run("DEBUG", "POPULATE", "3"));
    assertEquals("", redis.effects());
    assertEquals("*3\r\n$7\r\nvalue:0\r\n$4\r\nmine\r\n$7\r\nvalue:2\r\n", redis.run("MGET", "key:0", "key:1", "key:2"));
    assertEquals("+OK\r\n", redis.run("DEBUG", "POPULATE", "2", "pre", "5"));
    assertEquals("$5\r\nvalue\r\n", redis.run("GET", "pre:1"));
    assertEquals("+OK\r\n", redis.run("DEBUG", "POPULATE", "1", "big", "50"));
    assertEquals("$50\r\nvalue:0" + "\u0000".repeat(43) + "\r\n", redis.run("GET", "big:0"));
    assertEquals("$3\r\nraw\r\n", redis.run("OBJECT", "ENCODING", "big:0"));
    assertEquals(":6\r\n", redis.run("DBSIZE"));
    assertEquals("-ERR value is out of range, must be positive\r\n", redis.run("DEBUG", "POPULATE", "-1"));
    assertEquals("-ERR value is out of range, must be positive\r\n", redis.run("DEBUG", "POPULATE", "x"));
  }

  @Test
  void objectDescribesTheValue() {
    final EngineHarness redis = debugging("yes");
    redis.run("SET", "k", "v");
    final String line = redis.run("DEBUG", "OBJECT", "k");
    assertTrue(line.matches("\\+Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:2 lru:\\d+ "
        + "lru_seconds_idle:0\r\n"), line);
    redis.run("SET", "n", "123");
    assertTrue(redis.run("DEBUG", "OBJECT", "n").contains(" refcount:2147483647 encoding:int serializedlength:2 "));
    assertEquals("-ERR no such key\r\n", redis.run("DEBUG", "OBJECT", "nokey"));
    assertEquals("-ERR unknown subcommand or wrong number of arguments for 'OBJECT'. Try DEBUG HELP.\r\n",
        redis.run("DEBUG", "OBJECT"));
    assertEquals("-ERR unknown subcommand or wrong number of arguments for 'SEGFAULT'. Try DEBUG HELP.\r\n",
        redis.run("DEBUG", "SEGFAULT"));
    assertEquals("-my err\r\n", redis.run("DEBUG", "ERROR", "my err"));
  }

  @Test
  void protocolRepliesInEachProtocol() {
    final EngineHarness redis = debugging("yes");
    assertEquals("*6\r\n:0\r\n:0\r\n:1\r\n:1\r\n:2\r\n:0\r\n", redis.run("DEBUG", "PROTOCOL", "map"));
    assertEquals("-ERR RESP2 is not supported by this command\r\n", redis.run("DEBUG", "PROTOCOL", "push"));
    assertEquals("$37\r\n1234567999999999999999999999999999999\r\n", redis.run("DEBUG", "PROTOCOL", "bignum"));
    redis.run("HELLO", "3");
    assertEquals("%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n", redis.run("DEBUG", "PROTOCOL", "map"));
    assertEquals("(1234567999999999999999999999999999999\r\n", redis.run("DEBUG", "PROTOCOL", "bignum"));
    assertEquals("|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n"
        + "$39\r\nSome real reply following the attribute\r\n", redis.run("DEBUG", "PROTOCOL", "attrib"));
    assertEquals(",3.141\r\n", redis.run("DEBUG", "PROTOCOL", "double"));
    assertEquals("=29\r\ntxt:This is a verbatim\nstring\r\n", redis.run("DEBUG", "PROTOCOL", "verbatim"));
  }

  @Test
  void setActiveExpireZeroLeavesKeysToBeTouched() {
    final EngineHarness redis = debugging("yes");
    assertEquals("+OK\r\n", redis.run("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
    redis.run("SET", "k", "v", "PX", "10");
    redis.advance(1000);
    assertEquals(0, redis.engine().keyspace().expireCycle());
    assertEquals(":1\r\n", redis.run("DBSIZE"), "nobody touched it, so it is still counted");
    redis.run("DEBUG", "SET-ACTIVE-EXPIRE", "1");
    assertEquals(1, redis.engine().keyspace().expireCycle());
    assertEquals(":0\r\n", redis.run("DBSIZE"));
  }
}
