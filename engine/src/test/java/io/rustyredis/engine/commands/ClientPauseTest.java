package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/**
 * CLIENT PAUSE / UNPAUSE and CLIENT KILL MAXAGE. As redis-server 7.0.15: WRITE holds writes only,
 * ALL holds everything (CLIENT UNPAUSE too), a held client's later commands wait behind it, and the
 * held commands run in order once the pause is over.
 */
class ClientPauseTest {
  private final EngineHarness redis = new EngineHarness();

  @Test
  void writePauseHoldsWritesUntilTheDeadline() {
    final long writer = redis.client;
    assertEquals("+OK\r\n", redis.run("CLIENT", "PAUSE", "100", "WRITE"));
    assertEquals("", redis.run("SET", "k", "v"));
    assertEquals("", redis.run("PING"));
    final long reader = redis.connect();
    assertEquals("$-1\r\n", redis.run("GET", "k"));
    redis.advance(50).tick();
    assertEquals("", redis.delivered(writer));
    redis.advance(50).tick();
    assertEquals("+OK\r\n+PONG\r\n", redis.delivered(writer));
    redis.client = reader;
    assertEquals("$1\r\nv\r\n", redis.run("GET", "k"));
  }

  @Test
  void allPauseHoldsEverythingAndUnpauseReleasesInOrder() {
    final long first = redis.client;
    assertEquals("+OK\r\n", redis.run("CLIENT", "PAUSE", "10000"));
    assertEquals("", redis.run("GET", "k"));
    final long second = redis.connect();
    assertEquals("", redis.run("CLIENT", "UNPAUSE"));
    redis.advance(10_000).tick();
    assertEquals("$-1\r\n", redis.delivered(first));
    assertEquals("+OK\r\n", redis.delivered(second));
    assertEquals("+OK\r\n", redis.run("CLIENT", "PAUSE", "10000", "WRITE"));
    final long writer = redis.connect();
    assertEquals("", redis.run("INCR", "n"));
    redis.client = second;
    assertEquals("+OK\r\n", redis.run("CLIENT", "UNPAUSE"));
    assertEquals(":1\r\n", redis.delivered(writer));
  }

  @Test
  void theLargestTimeoutPausesAsLongAsItSays() {
    assertEquals("+OK\r\n", redis.run("CLIENT", "PAUSE", Long.toString(Long.MAX_VALUE), "WRITE"));
    redis.connect();
    redis.advance(86_400_000).tick();
    assertEquals("", redis.run("INCR", "n"), "still paused a day later, as in redis-server 7.0.15");
  }

  @Test
  void pauseArgumentsAreCheckedAsRedis() {
    assertEquals("-ERR timeout is not an integer or out of range\r\n", redis.run("CLIENT", "PAUSE", "abc"));
    assertEquals("-ERR timeout is negative\r\n", redis.run("CLIENT", "PAUSE", "-1"));
    assertEquals("-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n", redis.run("CLIENT", "PAUSE", "10", "read"));
    assertEquals("-ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP.\r\n",
        redis.run("CLIENT", "PAUSE", "10", "write", "extra"));
    assertEquals("+OK\r\n", redis.run("CLIENT", "UNPAUSE"));
  }

  @Test
  void killMaxageKillsOnlyOlderClients() {
    final long old = redis.client;
    redis.advance(5_000);
    final long young = redis.connect();
    redis.advance(1_000);
    assertEquals(":1\r\n", redis.run("CLIENT", "KILL", "MAXAGE", "3", "SKIPME", "no"));
    assertEquals(old, redis.lastEvent().killConnections.getLong(0));
    assertEquals(young, redis.client);
    assertEquals("-ERR maxage is not an integer or out of range\r\n", redis.run("CLIENT", "KILL", "MAXAGE", "x"));
  }
}
