package io.rustyredis.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** The expire cycle the clock runs: keys nobody reads still go once their deadline passes. */
class ActiveExpiryTest {
  private final EngineHarness redis = new EngineHarness();

  @Test
  void expiredKeyIsGoneWithoutBeingRead() {
    for (int i = 0; i < 1000; i++) {
      redis.run("SET", "volatile:" + i, "v", "PX", "100");
    }
    redis.run("SET", "stays", "v");
    redis.run("SET", "later", "v", "PX", "100000");
    redis.advance(200);
    // DBSIZE counts dead keys until something removes them; nothing here reads them.
    assertEquals(":1002\r\n", redis.run("DBSIZE"));
    for (int tick = 0; tick < 100 && !redis.run("DBSIZE").equals(":2\r\n"); tick++) {
      redis.advance(100);
      redis.tick();
    }
    assertEquals(":2\r\n", redis.run("DBSIZE"));
    assertTrue(redis.run("INFO", "stats").contains("expired_keys:1000\r\n"));
  }

  @Test
  void theCycleRunsHzTimesASecondNotOnEveryTick() {
    redis.run("SET", "k", "v", "PX", "5");
    redis.advance(10);
    redis.tick();
    final String afterFirst = redis.run("DBSIZE");
    redis.run("SET", "k2", "v", "PX", "5");
    redis.advance(10);
    redis.tick();
    assertEquals(":0\r\n", afterFirst);
    assertEquals(":1\r\n", redis.run("DBSIZE"));
    redis.advance(100);
    redis.tick();
    assertEquals(":0\r\n", redis.run("DBSIZE"));
  }
}
