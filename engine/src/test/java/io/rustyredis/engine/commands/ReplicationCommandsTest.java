package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** ROLE, REPLCONF and the rdb-only SYNC of redis-cli --rdb, with redis-server 7.0.15's replies. */
class ReplicationCommandsTest {
  private final EngineHarness redis = new EngineHarness();

  @Test
  void roleIsAMasterWithoutReplicas() {
    assertEquals("*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n", redis.run("ROLE"));
  }

  @Test
  void replconfAcceptsWhatReplicasAndRedisCliSay() {
    assertEquals("+OK\r\n", redis.run("REPLCONF"));
    assertEquals("+OK\r\n", redis.run("REPLCONF", "listening-port", "1234", "capa", "eof", "capa", "psync2"));
    assertEquals("+OK\r\n", redis.run("REPLCONF", "rdb-filter-only", "functions"));
    assertEquals("-ERR Unsupported rdb-filter-only option: foo\r\n", redis.run("REPLCONF", "rdb-filter-only", "foo"));
    assertEquals("-ERR Unrecognized REPLCONF option: foo\r\n", redis.run("REPLCONF", "foo", "bar"));
    assertEquals("-ERR value is not an integer or out of range\r\n", redis.run("REPLCONF", "rdb-only", "x"));
    assertEquals("-ERR syntax error\r\n", redis.run("REPLCONF", "rdb-only"));
  }

  @Test
  void syncIsRefusedToReplicasAndServedAsOneFileToRdbOnlyClients() {
    redis.run("SET", "k", "v");
    assertEquals("-" + ReplicationCommands.NOT_REPLICATING + "\r\n", redis.run("SYNC"));
    assertEquals("-" + ReplicationCommands.NOT_REPLICATING + "\r\n", redis.run("PSYNC", "?", "-1"));
    assertEquals("+OK\r\n", redis.run("REPLCONF", "rdb-only", "1"));
    final String reply = redis.runBytes("SYNC".getBytes());
    final int end = reply.indexOf("\r\n");
    final int length = Integer.parseInt(reply.substring(1, end));
    assertEquals(reply.length(), end + 2 + length, "the file follows its length with no CRLF after it");
    assertTrue(reply.startsWith("REDIS0010", end + 2));
    assertTrue(reply.contains("\u0000\u0001k\u0001v"), "the key is in the file");
    assertTrue(redis.lastEvent().closeAfterReply, "the connection closes after the file");
  }

  @Test
  void syncIsNotAllowedInsideMulti() {
    assertEquals("+OK\r\n", redis.run("MULTI"));
    assertEquals("-ERR Command not allowed inside a transaction\r\n", redis.run("SYNC"));
  }

  @Test
  void waitAnswersZeroAtOnceOrAtItsTimeout() {
    final long waiter = redis.client;
    assertEquals(":0\r\n", redis.run("WAIT", "0", "0"));
    assertEquals("-ERR value is not an integer or out of range\r\n", redis.run("WAIT", "x", "0"));
    assertEquals("-ERR timeout is negative\r\n", redis.run("WAIT", "1", "-1"));
    assertEquals("-ERR timeout is not an integer or out of range\r\n", redis.run("WAIT", "1", "x"));
    assertEquals("", redis.run("WAIT", "1", "100"));
    redis.connect();
    assertTrue(redis.run("INFO", "clients").contains("\r\nblocked_clients:1\r\n"));
    redis.client = waiter;
    redis.advance(99);
    redis.tick();
    assertEquals("", redis.delivered(waiter));
    redis.advance(1);
    redis.tick();
    assertEquals(":0\r\n", redis.delivered(waiter));
    assertEquals("", redis.run("WAIT", "1", Long.toString(Long.MAX_VALUE)), "redis-server 7.0.15 waits too");
    redis.connect();
    assertEquals(":1\r\n", redis.run("CLIENT", "UNBLOCK", Long.toString(waiter)));
    redis.client = waiter;
    redis.run("MULTI");
    redis.run("WAIT", "1", "0");
    assertEquals("*1\r\n:0\r\n", redis.run("EXEC"), "nothing blocks inside a transaction");
  }

  @Test
  void clientUnblockEndsAWaitAsATimeoutOrAnError() {
    final long waiter = redis.client;
    redis.run("WAIT", "1", "0");
    assertEquals("", redis.run("PING"), "held behind the blocked command");
    final long other = redis.connect();
    assertEquals(":1\r\n", redis.run("CLIENT", "UNBLOCK", Long.toString(waiter)));
    assertEquals(":0\r\n+PONG\r\n", redis.delivered(waiter));
    redis.client = waiter;
    redis.run("BLPOP", "q", "0");
    redis.client = other;
    assertEquals(":1\r\n", redis.run("CLIENT", "UNBLOCK", Long.toString(waiter), "ERROR"));
    assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n", redis.delivered(waiter));
    assertEquals(":0\r\n", redis.run("CLIENT", "UNBLOCK", Long.toString(waiter)), "no longer blocked");
    assertEquals(":0\r\n", redis.run("CLIENT", "UNBLOCK", "999999"));
    assertEquals("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n",
        redis.run("CLIENT", "UNBLOCK", Long.toString(waiter), "bad"));
    assertEquals("-ERR value is not an integer or out of range\r\n", redis.run("CLIENT", "UNBLOCK", "x"));
    redis.run("RPUSH", "q", "x");
    assertEquals("", redis.delivered(waiter), "the unblocked BLPOP is gone, not served later");
    assertEquals(":1\r\n", redis.run("LLEN", "q"));
  }
}
