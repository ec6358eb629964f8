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

  /** The journal text of commands run in database 0: a SELECT, then each command in RESP. */
  private static String db0(final String[]... commands) {
    final StringBuilder out = new StringBuilder(resp("SELECT", "0"));
    for (final String[] command : commands) {
      out.append(resp(command));
    }
    return out.toString();
  }

  private static String resp(final String... args) {
    final StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
    for (final String arg : args) {
      out.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
    }
    return out.toString();
  }

  private static String[] cmd(final String... args) {
    return args;
  }

  private String deadline(final long millisFromNow) {
    return Long.toString(redis.time() + millisFromNow);
  }

  @Test
  void setWithARelativeExpiryIsJournaledWithItsAbsoluteDeadline() {
    redis.run("SET", "k", "v", "EX", "100");
    assertEquals(db0(cmd("SET", "k", "v", "PXAT", deadline(100_000))), redis.effects());
    redis.run("SET", "k", "v", "NX", "PX", "100", "GET");
    assertEquals("", redis.effects());
    redis.run("SET", "k", "w", "XX", "PX", "100", "GET");
    assertEquals(db0(cmd("SET", "k", "w", "PXAT", deadline(100))), redis.effects());
    redis.run("SET", "k", "v", "EXAT", "1800000000");
    assertEquals(db0(cmd("SET", "k", "v", "PXAT", "1800000000000")), redis.effects());
    redis.run("SETEX", "k", "10", "v");
    assertEquals(db0(cmd("SET", "k", "v", "PXAT", deadline(10_000))), redis.effects());
    redis.run("PSETEX", "k", "10", "v");
    assertEquals(db0(cmd("SET", "k", "v", "PXAT", deadline(10))), redis.effects());
  }

  @Test
  void setWithGetIsJournaledWithoutItsGet() {
    redis.run("SET", "k", "v");
    redis.run("SET", "k", "w", "get", "XX", "GET");
    assertEquals(db0(cmd("SET", "k", "w", "XX")), redis.effects());
    redis.run("SET", "k", "x", "KEEPTTL", "GET");
    assertEquals(db0(cmd("SET", "k", "x", "KEEPTTL")), redis.effects());
  }

  @Test
  void writesThatChangeNothingAreNotJournaled() {
    redis.run("SET", "k", "v");
    redis.run("SET", "k", "v", "NX");
    assertEquals("", redis.effects());
    redis.run("DEL", "missing");
    assertEquals("", redis.effects());
    redis.run("EXPIRE", "missing", "10");
    assertEquals("", redis.effects());
    redis.run("PERSIST", "k");
    assertEquals("", redis.effects());
    redis.run("LPOP", "missing");
    assertEquals("", redis.effects());
    redis.run("SADD", "s", "a");
    redis.run("SADD", "s", "a");
    assertEquals("", redis.effects());
    redis.run("ZADD", "z", "1", "a");
    redis.run("ZADD", "z", "1", "a");
    assertEquals("", redis.effects());
    redis.run("HSETNX", "h", "f", "1");
    redis.run("HSETNX", "h", "f", "2");
    assertEquals("", redis.effects());
    redis.run("RPUSH", "l", "a");
    redis.run("LTRIM", "l", "0", "-1");
    assertEquals("", redis.effects());
    redis.run("SORT", "l");
    assertEquals("", redis.effects());
  }

  @Test
  void getsetGetdelAndGetexAreJournaledAsWhatTheyDid() {
    redis.run("SET", "k", "v");
    redis.run("GETSET", "k", "w");
    assertEquals(db0(cmd("SET", "k", "w")), redis.effects());
    redis.run("GETEX", "k", "EX", "10");
    assertEquals(db0(cmd("PEXPIREAT", "k", deadline(10_000))), redis.effects());
    redis.run("GETEX", "k", "PERSIST");
    assertEquals(db0(cmd("PERSIST", "k")), redis.effects());
    redis.run("GETEX", "k");
    assertEquals("", redis.effects());
    redis.run("GETEX", "k", "PXAT", "1");
    assertEquals(db0(cmd("DEL", "k")), redis.effects());
    redis.run("SET", "k", "v");
    redis.run("GETDEL", "k");
    assertEquals(db0(cmd("DEL", "k")), redis.effects());
    redis.run("GETDEL", "k");
    assertEquals("", redis.effects());
  }

  @Test
  void expireIsJournaledAsPexpireatOrDelWhenAlreadyPast() {
    redis.run("SET", "k", "v");
    redis.run("EXPIRE", "k", "100", "NX");
    assertEquals(db0(cmd("PEXPIREAT", "k", deadline(100_000))), redis.effects());
    redis.run("PEXPIRE", "k", "100");
    assertEquals(db0(cmd("PEXPIREAT", "k", deadline(100))), redis.effects());
    redis.run("EXPIREAT", "k", "1800000000");
    assertEquals(db0(cmd("PEXPIREAT", "k", "1800000000000")), redis.effects());
    redis.run("PEXPIREAT", "k", "1800000000001");
    assertEquals(db0(cmd("PEXPIREAT", "k", "1800000000001")), redis.effects());
    redis.run("EXPIRE", "k", "-1");
    assertEquals(db0(cmd("DEL", "k")), redis.effects());
  }

  @Test
  void floatIncrementsAreJournaledAsTheirResult() {
    redis.run("SET", "i", "5", "EX", "100");
    redis.run("INCRBYFLOAT", "i", "1.5");
    assertEquals(db0(cmd("SET", "i", "6.5", "KEEPTTL")), redis.effects());
    redis.run("HINCRBYFLOAT", "h", "f", "1.5");
    assertEquals(db0(cmd("HSET", "h", "f", "1.5")), redis.effects());
  }

  @Test
  void spopIsJournaledAsTheSremOfWhatItDrewOrDelWhenItTookAll() {
    redis.run("SADD", "s", "1", "2", "3");
    final String member = redis.run("SPOP", "s").split("\r\n")[1];
    assertEquals(db0(cmd("SREM", "s", member)), redis.effects());
    final String[] lines = redis.run("SPOP", "s", "1").split("\r\n");
    assertEquals(db0(cmd("SREM", "s", lines[2])), redis.effects());
    redis.run("SPOP", "s", "5");
    assertEquals(db0(cmd("DEL", "s")), redis.effects());
    redis.run("SADD", "t", "a", "b", "c");
    final String[] two = redis.run("SPOP", "t", "2").split("\r\n");
    assertEquals(db0(cmd("SREM", "t", two[2]), cmd("SREM", "t", two[4])), redis.effects());
  }

  @Test
  void listPopsThatCouldBlockAreJournaledAsThePlainPop() {
    redis.run("RPUSH", "l", "a", "b", "c", "d", "e", "f");
    redis.run("BLPOP", "nol", "l", "0");
    assertEquals(db0(cmd("LPOP", "l")), redis.effects());
    redis.run("BRPOP", "l", "0");
    assertEquals(db0(cmd("RPOP", "l")), redis.effects());
    redis.run("BLMOVE", "l", "l2", "right", "LEFT", "0");
    assertEquals(db0(cmd("LMOVE", "l", "l2", "right", "LEFT")), redis.effects());
    redis.run("BRPOPLPUSH", "l", "l2", "0");
    assertEquals(db0(cmd("RPOPLPUSH", "l", "l2")), redis.effects());
    redis.run("LMPOP", "2", "nol", "l2", "LEFT", "COUNT", "10");
    assertEquals(db0(cmd("LPOP", "l2", "2")), redis.effects());
    redis.run("BLMPOP", "0", "1", "l", "RIGHT");
    assertEquals(db0(cmd("RPOP", "l", "1")), redis.effects());
  }

  @Test
  void blockedMoveIsJournaledAsLmoveWhenServed() {
    redis.run("BLMOVE", "w", "w2", "LEFT", "LEFT", "0");
    assertEquals("", redis.effects());
    redis.connect();
    redis.run("RPUSH", "w", "x");
    assertEquals(db0(cmd("RPUSH", "w", "x"), cmd("LMOVE", "w", "w2", "LEFT", "LEFT")), redis.effects());
  }

  @Test
  void zsetPopsThatCouldBlockAreJournaledAsThePlainPop() {
    redis.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
    redis.run("BZPOPMIN", "z", "0");
    assertEquals(db0(cmd("ZPOPMIN", "z")), redis.effects());
    redis.run("BZPOPMAX", "z", "0");
    assertEquals(db0(cmd("ZPOPMAX", "z")), redis.effects());
    redis.run("ZMPOP", "1", "z", "MAX", "COUNT", "1");
    assertEquals(db0(cmd("ZPOPMAX", "z", "1")), redis.effects());
    redis.run("BZMPOP", "0", "1", "z", "MIN", "COUNT", "9");
    assertEquals(db0(cmd("ZPOPMIN", "z", "1")), redis.effects());
  }
}
