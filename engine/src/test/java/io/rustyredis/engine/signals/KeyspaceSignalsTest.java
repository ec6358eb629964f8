package io.rustyredis.engine.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keyspace events each write raises, in Redis 7.0's order and words, as a {@code
 * notify-keyspace-events KEA} subscriber sees them (checked against redis-server 7.0.15). Each
 * event is written {@code class event key}, the class as its notify-keyspace-events letter, with
 * {@code @db} after the key outside database 0; "new" (class n, not in KEA) is left out.
 */
class KeyspaceSignalsTest {
  private EngineHarness redis;
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void listen() {
    redis = new EngineHarness();
    redis.engine().signals().eventListener((type, event, db, base, offset, length) -> {
      if (type != KeyspaceSignals.NEW) {
        final String key = new String(Bytes.toArray(base, offset, length), StandardCharsets.UTF_8);
        events.add(letter(type) + " " + event + " " + key + (db == 0 ? "" : "@" + db));
      }
    });
  }

  private static String letter(final int type) {
    switch (type) {
      case KeyspaceSignals.GENERIC: return "g";
      case KeyspaceSignals.STRING: return "$";
      case KeyspaceSignals.LIST: return "l";
      case KeyspaceSignals.SET: return "s";
      case KeyspaceSignals.HASH: return "h";
      case KeyspaceSignals.ZSET: return "z";
      case KeyspaceSignals.EXPIRED: return "x";
      case KeyspaceSignals.KEY_MISS: return "m";
      default: return "?" + type;
    }
  }

  /** Runs the commands and answers the events they raised, one string, comma separated. */
  private String events(final String[]... commands) {
    events.clear();
    for (final String[] command : commands) {
      redis.run(command);
    }
    return String.join(", ", events);
  }

  private String events(final String... command) {
    return events(new String[][] {command});
  }

  private static String[] cmd(final String... args) {
    return args;
  }

  private long dirty() {
    return redis.engine().signals().dirty();
  }

  // Strings

  @Test
  void setRaisesSetAndExpireWhenGivenATtl() {
    assertEquals("$ set k", events("SET", "k", "v"));
    assertEquals("$ set k, g expire k", events("SET", "k", "v", "EX", "100"));
    assertEquals("$ set k, g expire k", events("SETEX", "k", "100", "v"));
    assertEquals("$ set k, g expire k", events("PSETEX", "k", "100", "v"));
    assertEquals("$ set k", events("SET", "k", "w", "XX", "GET"));
    assertEquals("$ set n", events("SETNX", "n", "1"));
  }

  @Test
  void setThatDoesNotSetRaisesNothing() {
    redis.run("SET", "k", "v");
    final long before = dirty();
    assertEquals("", events("SET", "k", "v", "NX"));
    assertEquals("", events("SET", "missing", "v", "XX", "GET"));
    assertEquals("", events("SETNX", "k", "v"));
    assertEquals("", events("MSETNX", "a", "1", "k", "2"));
    assertEquals(before, dirty());
  }

  @Test
  void stringWritesNameTheirCommand() {
    assertEquals("$ set a, $ set b", events("MSET", "a", "1", "b", "2"));
    assertEquals("$ set c, $ set d", events("MSETNX", "c", "1", "d", "2"));
    assertEquals("$ append a", events("APPEND", "a", "x"));
    assertEquals("$ append n", events("APPEND", "n", "x"));
    assertEquals("$ setrange a", events("SETRANGE", "a", "1", "yy"));
    assertEquals("", events("SETRANGE", "a", "0", ""));
    assertEquals("$ incrby i, $ incrby i, $ incrby i, $ incrby i",
        events(cmd("INCR", "i"), cmd("DECR", "i"), cmd("INCRBY", "i", "3"), cmd("DECRBY", "i", "2")));
    assertEquals("", events("INCR", "a"));
    assertEquals("$ incrbyfloat i", events("INCRBYFLOAT", "i", "1.5"));
    assertEquals("$ set a", events("GETSET", "a", "z"));
  }

  @Test
  void getdelAndGetexRaiseOnlyWhatTheyChange() {
    redis.run("SET", "k", "1");
    assertEquals("", events("GETEX", "k"));
    assertEquals("", events("GETEX", "k", "PERSIST"));
    assertEquals("g expire k", events("GETEX", "k", "EX", "10"));
    assertEquals("g persist k", events("GETEX", "k", "PERSIST"));
    assertEquals("g del k", events("GETEX", "k", "PXAT", "1"));
    assertEquals("", events("GETEX", "k", "PERSIST"));
    redis.run("SET", "k", "1");
    assertEquals("g del k", events("GETDEL", "k"));
    assertEquals("", events("GETDEL", "k"));
  }

  @Test
  void bitWritesRaiseSetbitOnlyWhenABitOrTheLengthChanges() {
    assertEquals("$ setbit b", events("SETBIT", "b", "3", "1"));
    assertEquals("", events("SETBIT", "b", "3", "1"));
    assertEquals("$ setbit b", events("SETBIT", "b", "100", "0"));
    assertEquals("$ setbit f", events("BITFIELD", "f", "SET", "u8", "0", "1"));
    assertEquals("", events("BITFIELD", "f", "GET", "u8", "0"));
    assertEquals("", events("BITFIELD", "g", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "100"));
    assertEquals("$ set d", events("BITOP", "AND", "d", "b", "missing"));
    assertEquals("g del d", events("BITOP", "AND", "d", "missing", "other"));
    assertEquals("", events("BITOP", "AND", "d", "missing", "other"));
  }

  @Test
  void bitfieldCountsEveryWriteAsAChange() {
    final long before = dirty();
    redis.run("BITFIELD", "f", "SET", "u8", "0", "1", "INCRBY", "u8", "8", "1", "GET", "u8", "0");
    assertEquals(before + 2, dirty());
  }

  // Keys

  @Test
  void delRaisesDelPerRemovedKeyOnly() {
    redis.run("MSET", "a", "1", "b", "2");
    final long before = dirty();
    assertEquals("g del a, g del b", events("DEL", "a", "b", "c"));
    assertEquals(before + 2, dirty());
    assertEquals("", events("DEL", "a"));
    redis.run("SET", "a", "1");
    assertEquals("g del a", events("UNLINK", "a"));
  }

  @Test
  void renameRaisesFromAndToAndCountsOneChange() {
    redis.run("SET", "a", "1");
    assertEquals("", events("RENAME", "a", "a"));
    final long before = dirty();
    assertEquals("g rename_from a, g rename_to b", events("RENAME", "a", "b"));
    assertEquals(before + 1, dirty());
    redis.run("SET", "a", "1");
    assertEquals("", events("RENAMENX", "a", "b"));
    assertEquals("g rename_from a, g rename_to c", events("RENAMENX", "a", "c"));
  }

  @Test
  void moveAndCopyRaiseInTheDatabaseTheyWrite() {
    redis.run("SET", "c", "1");
    assertEquals("g move_from c, g move_to c@1", events("MOVE", "c", "1"));
    redis.run("SET", "c", "1");
    assertEquals("", events("MOVE", "c", "1"));
    redis.run("SET", "b", "2");
    assertEquals("", events("COPY", "b", "c"));
    assertEquals("g copy_to c", events("COPY", "b", "c", "REPLACE"));
    assertEquals("g copy_to c@2", events("COPY", "b", "c", "DB", "2", "REPLACE"));
    assertEquals("", events("COPY", "missing", "z"));
  }

  @Test
  void expireRaisesExpireOrDelForADeadlineAlreadyPast() {
    redis.run("SET", "b", "1");
    assertEquals("g expire b", events("EXPIRE", "b", "100"));
    assertEquals("", events("EXPIRE", "b", "100", "NX"));
    assertEquals("g expire b", events("PEXPIRE", "b", "100"));
    assertEquals("g del b", events("EXPIREAT", "b", "100"));
    assertEquals("", events("EXPIRE", "b", "10"));
    redis.run("SET", "b", "1");
    assertEquals("g expire b", events("PEXPIREAT", "b", "99999999999999"));
    assertEquals("g persist b", events("PERSIST", "b"));
    assertEquals("", events("PERSIST", "b"));
    assertEquals("g del b", events("EXPIRE", "b", "-1"));
  }

  @Test
  void expiryFoundByAReadRaisesExpiredThenKeymiss() {
    redis.run("SET", "k", "v", "PX", "100");
    redis.advance(200);
    assertEquals("x expired k, m keymiss k", events("GET", "k"));
  }

  @Test
  void flushAndSwapTellTheDatabaseListenerAndCountAsRedisDoes() {
    final List<String> databases = new ArrayList<>();
    redis.engine().signals().databaseListener((a, b) -> databases.add(a + "," + b));
    redis.run("MSET", "a", "1", "b", "2");
    redis.run("SELECT", "3");
    redis.run("SET", "c", "1");
    long before = dirty();
    assertEquals("", events("SWAPDB", "3", "4"));
    assertEquals(before + 1, dirty());
    redis.run("SELECT", "0");
    before = dirty();
    assertEquals("", events("FLUSHDB"));
    assertEquals(before + 2, dirty());
    before = dirty();
    assertEquals("", events("FLUSHALL"));
    assertEquals(before + 2, dirty());
    assertEquals(List.of("3,4", "0,-1", "-1,-1"), databases);
  }

  // Lists

  @Test
  void pushesAndPopsNameTheirEndAndAnEmptiedListRaisesDel() {
    assertEquals("l rpush l", events("RPUSH", "l", "a", "b", "c", "d", "e"));
    assertEquals("", events("LPUSHX", "nol", "a"));
    assertEquals("l rpush l", events("RPUSHX", "l", "f"));
    assertEquals("l lpush l", events("LPUSH", "l", "z"));
    assertEquals("l lpop l", events("LPOP", "l"));
    assertEquals("l rpop l", events("RPOP", "l", "2"));
    assertEquals("", events("LPOP", "l", "0"));
    assertEquals("", events("LPOP", "nol"));
    assertEquals("l lpop l, g del l", events("LPOP", "l", "10"));
  }

  @Test
  void listEditsRaiseOnlyWhenTheyChangeTheList() {
    redis.run("RPUSH", "l", "a", "b", "c", "d");
    assertEquals("l lset l", events("LSET", "l", "0", "x"));
    assertEquals("l linsert l", events("LINSERT", "l", "BEFORE", "x", "y"));
    assertEquals("", events("LINSERT", "l", "BEFORE", "zz", "y"));
    assertEquals("", events("LREM", "l", "0", "zz"));
    assertEquals("l lrem l", events("LREM", "l", "1", "x"));
    assertEquals("l ltrim l", events("LTRIM", "l", "0", "-1"));
    assertEquals("l ltrim l", events("LTRIM", "l", "0", "0"));
    assertEquals("l ltrim l, g del l", events("LTRIM", "l", "1", "0"));
    redis.run("RPUSH", "l", "a", "a");
    assertEquals("l lrem l, g del l", events("LREM", "l", "0", "a"));
  }

  @Test
  void lmoveRaisesThePushBeforeThePop() {
    redis.run("RPUSH", "l", "a", "b", "c");
    assertEquals("l rpush l2, l lpop l", events("LMOVE", "l", "l2", "LEFT", "RIGHT"));
    assertEquals("l lpush l2, l rpop l", events("RPOPLPUSH", "l", "l2"));
    assertEquals("l lpush l, l lpop l", events("LMOVE", "l", "l", "LEFT", "LEFT"));
    assertEquals("l lpush l2, l rpop l, g del l", events("BLMOVE", "l", "l2", "RIGHT", "LEFT", "0"));
    assertEquals("", events("LMOVE", "l", "l2", "LEFT", "RIGHT"));
  }

  @Test
  void multiAndBlockingPopsRaiseThePopOfTheKeyServed() {
    redis.run("RPUSH", "l", "a", "b", "c", "d");
    assertEquals("l rpop l", events("LMPOP", "2", "nol", "l", "RIGHT"));
    assertEquals("l lpop l", events("BLPOP", "nol", "l", "0"));
    assertEquals("l rpop l", events("BRPOP", "l", "0"));
    assertEquals("l lpop l, g del l", events("BLMPOP", "0", "1", "l", "LEFT", "COUNT", "5"));
    assertEquals("", events("LMPOP", "1", "l", "LEFT"));
  }

  @Test
  void blockedPopRaisesItsPopWhenServed() {
    assertEquals("", events("BLPOP", "w", "0"));
    redis.connect();
    assertEquals("l rpush w, l lpop w, g del w", events("RPUSH", "w", "x"));
  }

  // Hashes

  @Test
  void hashWritesNameTheirCommandAndAnEmptiedHashRaisesDel() {
    assertEquals("h hset h", events("HSET", "h", "a", "1", "b", "2"));
    assertEquals("h hset h", events("HSET", "h", "a", "1"));
    assertEquals("h hset h", events("HMSET", "h", "a", "1"));
    assertEquals("", events("HSETNX", "h", "a", "1"));
    assertEquals("h hset h", events("HSETNX", "h", "c", "1"));
    assertEquals("", events("HDEL", "h", "zz"));
    final long before = dirty();
    assertEquals("h hdel h", events("HDEL", "h", "a", "b"));
    assertEquals(before + 2, dirty());
    assertEquals("h hdel h, g del h", events("HDEL", "h", "c"));
    assertEquals("h hincrby h", events("HINCRBY", "h", "x", "1"));
    assertEquals("h hincrbyfloat h", events("HINCRBYFLOAT", "h", "y", "1.5"));
    assertEquals("", events("HINCRBY", "h", "y", "1"));
  }

  // Sets

  @Test
  void setWritesRaiseOnlyWhenMembersChange() {
    assertEquals("s sadd s", events("SADD", "s", "a", "b", "c", "d", "e", "f"));
    assertEquals("", events("SADD", "s", "a"));
    assertEquals("", events("SREM", "s", "zz"));
    assertEquals("s srem s", events("SREM", "s", "a"));
    assertEquals("s spop s", events("SPOP", "s"));
    assertEquals("s spop s", events("SPOP", "s", "2"));
    assertEquals("", events("SPOP", "s", "0"));
    assertEquals("s spop s, g del s", events("SPOP", "s", "10"));
    assertEquals("", events("SPOP", "s"));
    redis.run("SADD", "s", "a", "b");
    assertEquals("s srem s, g del s", events("SREM", "s", "a", "b"));
  }

  @Test
  void smoveRaisesSremThenSadd() {
    redis.run("SADD", "s", "a", "b");
    redis.run("SADD", "t", "b");
    assertEquals("", events("SMOVE", "s", "s", "a"));
    assertEquals("", events("SMOVE", "s", "t", "zz"));
    assertEquals("s srem s, s sadd t2", events("SMOVE", "s", "t2", "a"));
    assertEquals("s srem s, g del s", events("SMOVE", "s", "t", "b"));
  }

  @Test
  void setStoresRaiseTheirNameOrDelForAnEmptyResult() {
    redis.run("SADD", "s", "a", "b");
    redis.run("SADD", "t", "b", "c");
    assertEquals("s sinterstore d", events("SINTERSTORE", "d", "s", "t"));
    assertEquals("s sunionstore d", events("SUNIONSTORE", "d", "s", "t"));
    assertEquals("s sdiffstore d", events("SDIFFSTORE", "d", "s", "t"));
    assertEquals("g del d", events("SINTERSTORE", "d", "nos", "t"));
    assertEquals("", events("SINTERSTORE", "d", "nos", "t"));
  }

  // Sorted sets

  @Test
  void zaddRaisesZaddOrZincrOnlyWhenAScoreOrMemberChanged() {
    assertEquals("z zadd z", events("ZADD", "z", "1", "a", "2", "b", "3", "c"));
    assertEquals("", events("ZADD", "z", "1", "a"));
    assertEquals("", events("ZADD", "nokey", "XX", "1", "a"));
    assertEquals("", events("ZADD", "z", "NX", "9", "a"));
    assertEquals("z zadd z", events("ZADD", "z", "CH", "7", "a", "8", "f"));
    assertEquals("z zadd z", events("ZADD", "z", "LT", "5", "a", "1", "b"));
    assertEquals("z zincr z", events("ZADD", "z", "INCR", "1", "a"));
    assertEquals("", events("ZADD", "z", "NX", "INCR", "1", "a"));
    assertEquals("z zincr z", events("ZINCRBY", "z", "1", "a"));
  }

  @Test
  void zsetRemovalsNameTheirCommandAndAnEmptiedSetRaisesDel() {
    redis.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
    assertEquals("", events("ZREM", "z", "zz"));
    assertEquals("z zrem z", events("ZREM", "z", "a"));
    assertEquals("z zremrangebyrank z", events("ZREMRANGEBYRANK", "z", "0", "0"));
    assertEquals("", events("ZREMRANGEBYRANK", "z", "10", "20"));
    assertEquals("z zremrangebyscore z", events("ZREMRANGEBYSCORE", "z", "3", "3"));
    assertEquals("", events("ZREMRANGEBYSCORE", "z", "30", "40"));
    assertEquals("z zremrangebylex z, g del z", events("ZREMRANGEBYLEX", "z", "-", "+"));
  }

  @Test
  void zsetPopsRaiseTheirEnd() {
    redis.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f");
    assertEquals("z zpopmin z", events("ZPOPMIN", "z"));
    assertEquals("z zpopmax z", events("ZPOPMAX", "z", "2"));
    assertEquals("", events("ZPOPMAX", "z", "0"));
    assertEquals("z zpopmin z", events("ZMPOP", "2", "noz", "z", "MIN"));
    assertEquals("z zpopmax z", events("BZPOPMAX", "z", "0"));
    assertEquals("z zpopmin z, g del z", events("BZMPOP", "0", "1", "z", "MIN", "COUNT", "5"));
    assertEquals("", events("ZPOPMIN", "z"));
  }

  @Test
  void zsetStoresRaiseTheirNameOrDelForAnEmptyResult() {
    redis.run("ZADD", "z", "1", "a", "2", "b");
    assertEquals("z zrangestore dst", events("ZRANGESTORE", "dst", "z", "0", "-1"));
    assertEquals("g del dst", events("ZRANGESTORE", "dst", "z", "5", "6"));
    assertEquals("", events("ZRANGESTORE", "dst", "z", "5", "6"));
    assertEquals("z zunionstore d", events("ZUNIONSTORE", "d", "1", "z"));
    assertEquals("z zinterstore d", events("ZINTERSTORE", "d", "1", "z"));
    assertEquals("z zdiffstore d", events("ZDIFFSTORE", "d", "1", "z"));
    assertEquals("g del d", events("ZINTERSTORE", "d", "2", "z", "noz"));
  }

  // SORT

  @Test
  void sortStoreRaisesSortstoreOrDelForAnEmptyResult() {
    redis.run("RPUSH", "l", "3", "1", "2");
    assertEquals("", events("SORT", "l"));
    assertEquals("l sortstore d", events("SORT", "l", "STORE", "d"));
    assertEquals("g del d", events("SORT", "nol", "STORE", "d"));
    assertEquals("", events("SORT", "nol", "STORE", "d"));
  }
}
