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
}
