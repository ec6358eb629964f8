package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What EXEC leaves for the journal: its queue's effects in one entry, wrapped in MULTI ... EXEC
 * when there is more than one, as Redis 7.0.15 writes them to its AOF (checked there with
 * appendonly yes).
 */
class TransactionEffectsTest {
  private static final String SELECT_0 = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n";
  private static final String MULTI = "*1\r\n$5\r\nMULTI\r\n";
  private static final String EXEC = "*1\r\n$4\r\nEXEC\r\n";
  private EngineHarness redis;

  @BeforeEach
  void journaling() {
    redis = new EngineHarness();
    redis.engine().journaling(true);
  }

  @Test
  void aSingleWriteIsNotWrapped() {
    redis.run("MULTI");
    redis.run("SET", "a", "1");
    redis.run("EXEC");
    assertEquals(SELECT_0 + "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n", redis.effects());
  }

  @Test
  void severalWritesAreWrappedInMultiExecAfterTheSelect() {
    redis.run("MULTI");
    redis.run("SET", "a", "2");
    redis.run("GET", "a");
    redis.run("SET", "b", "3");
    redis.run("EXEC");
    assertEquals(SELECT_0 + MULTI
        + "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n2\r\n"
        + "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n3\r\n" + EXEC, redis.effects());
  }

  @Test
  void readOnlyTransactionHasNoEffect() {
    redis.run("SET", "a", "1");
    redis.run("MULTI");
    redis.run("GET", "a");
    redis.run("EXEC");
    assertEquals("", redis.effects());
  }

  @Test
  void emptyTransactionHasNoEffect() {
    redis.run("MULTI");
    redis.run("EXEC");
    assertEquals("", redis.effects());
  }

  @Test
  void selectsInsideTheTransactionAreKept() {
    redis.run("MULTI");
    redis.run("SELECT", "2");
    redis.run("SET", "c", "1");
    redis.run("SELECT", "3");
    redis.run("SET", "d", "1");
    redis.run("EXEC");
    assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n" + MULTI
        + "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n1\r\n"
        + "*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n"
        + "*3\r\n$3\r\nSET\r\n$1\r\nd\r\n$1\r\n1\r\n" + EXEC, redis.effects());
  }

  @Test
  void keysExpiredInsideTheTransactionCountAsItsEffects() {
    redis.run("SET", "a", "1", "PX", "100");
    redis.advance(200);
    redis.run("MULTI");
    redis.run("GET", "a");
    redis.run("SET", "e", "1");
    redis.run("EXEC");
    assertEquals(SELECT_0 + MULTI + "*2\r\n$3\r\nDEL\r\n$1\r\na\r\n"
        + "*3\r\n$3\r\nSET\r\n$1\r\ne\r\n$1\r\n1\r\n" + EXEC, redis.effects());
  }

  @Test
  void aBlockingPopThatFoundNothingHasNoEffect() {
    redis.run("MULTI");
    redis.run("BLPOP", "empty", "0");
    redis.run("BLMOVE", "empty", "dst", "LEFT", "LEFT", "0");
    redis.run("BZPOPMIN", "emptyz", "0");
    redis.run("SET", "a", "1");
    redis.run("EXEC");
    assertEquals(SELECT_0 + "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n", redis.effects());
  }

  @Test
  void aBlockingPopThatFoundSomethingIsJournaledAsThePlainPop() {
    redis.run("RPUSH", "l", "x", "y");
    redis.run("MULTI");
    redis.run("BLPOP", "l", "0");
    redis.run("BLPOP", "l", "0");
    redis.run("EXEC");
    assertEquals(SELECT_0 + MULTI + "*2\r\n$4\r\nLPOP\r\n$1\r\nl\r\n*2\r\n$4\r\nLPOP\r\n$1\r\nl\r\n" + EXEC,
        redis.effects());
  }

  @Test
  void aWriteThatChangedNothingHasNoEffect() {
    redis.run("MULTI");
    redis.run("DEL", "foo");
    redis.run("EXEC");
    assertEquals("", redis.effects());
  }

  @Test
  void flushallInsideTheTransactionIsWrapped() {
    redis.run("MULTI");
    redis.run("SET", "foo", "bar");
    redis.run("FLUSHALL");
    redis.run("EXEC");
    assertEquals(SELECT_0 + MULTI + "*3\r\n$3\r\nSET\r\n$3\r\nfoo\r\n$3\r\nbar\r\n"
        + "*1\r\n$8\r\nFLUSHALL\r\n" + EXEC, redis.effects());
  }

  @Test
  void abortedTransactionHasNoEffect() {
    redis.run("MULTI");
    redis.run("SET", "a", "1");
    redis.run("SET");
    redis.run("EXEC");
    assertEquals("", redis.effects());
  }

  @Test
  void queueingHasNoEffect() {
    redis.run("MULTI");
    redis.run("SET", "a", "1");
    assertEquals("", redis.effects());
  }
}
