package io.rustyredis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the engine records as each event's effect: the input of the journal. */
class EffectsTest {
  private EngineHarness redis;

  @BeforeEach
  void journaling() {
    redis = new EngineHarness();
    redis.engine().journaling(true);
  }

  @Test
  void writeIsItsOwnEffectAfterASelectOfItsDatabase() {
    redis.run("SET", "k", "v");
    assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", redis.effects());
  }

  @Test
  void readsAndFailedWritesHaveNoEffect() {
    redis.run("SET", "k", "v");
    redis.run("GET", "k");
    assertEquals("", redis.effects());
    redis.run("INCR", "k");
    assertEquals("", redis.effects());
  }

  @Test
  void effectsFollowTheSelectedDatabase() {
    redis.run("SELECT", "3");
    redis.run("RPUSH", "l", "a");
    assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n*3\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\na\r\n", redis.effects());
  }

  @Test
  void expiredKeyFoundByAReadIsJournaledAsDel() {
    redis.run("SET", "k", "v", "PX", "100");
    redis.advance(200);
    redis.run("GET", "k");
    assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n", redis.effects());
  }

  @Test
  void expiredKeysRemovedByTheActiveCycleAreJournaledAsDel() {
    redis.run("SET", "k", "v", "PX", "100");
    redis.advance(2000);
    redis.tick();
    assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n", redis.effects());
  }

  @Test
  void blockedCommandHasNoEffectUntilServed() {
    redis.run("BLPOP", "l", "0");
    assertEquals("", redis.effects());
    redis.connect();
    redis.run("RPUSH", "l", "a");
    assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\na\r\n"
        + "*2\r\n$4\r\nLPOP\r\n$1\r\nl\r\n", redis.effects());
  }

  @Test
  void nothingIsRecordedWithoutAJournal() {
    redis.engine().journaling(false);
    redis.run("SET", "k", "v");
    assertEquals("", redis.effects());
  }
}
