package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replies checked against redis-server 7.0.15. */
class KeyCommandsTest {
  private static final String OK = "+OK\r\n";
  private static final String ZERO = ":0\r\n";
  private static final String ONE = ":1\r\n";
  private static final String NIL = "$-1\r\n";

  private final EngineHarness redis = new EngineHarness();

  private static String bulk(final String s) {
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  private static String error(final String s) {
    return "-" + s + "\r\n";
  }

  /** Leaves a dead key in the table, as DEBUG SET-ACTIVE-EXPIRE 0 lets one stay in Redis. */
  private void setExpired(final String key) {
    setPx(key, "v", 1);
    redis.advance(2);
  }

  /** SET key value PX ms, spelled as SET then PEXPIRE. */
  private void setPx(final String key, final String value, final long millis) {
    redis.run("SET", key, value);
    assertEquals(ONE, redis.run("PEXPIRE", key, Long.toString(millis)));
  }

  // DEL, UNLINK, EXISTS, TOUCH, TYPE

  @Test
  void delCountsEachKeyOnceAndUnlinkIsTheSame() {
    redis.run("SET", "a", "1");
    redis.run("SET", "b", "1");
    assertEquals(":1\r\n", redis.run("DEL", "a", "a", "nokey"));
    assertEquals(":1\r\n", redis.run("UNLINK", "b", "b"));
    assertEquals(":0\r\n", redis.run("DBSIZE"));
  }

  @Test
  void existsAndTouchCountRepeatedKeys() {
    redis.run("SET", "k", "v");
    assertEquals(":2\r\n", redis.run("EXISTS", "k", "k", "nokey"));
    assertEquals(":2\r\n", redis.run("TOUCH", "k", "k", "nokey"));
  }

  @Test
  void existsTypeAndTtlDoNotCountAsAccessButTouchDoes() {
    redis.run("SET", "k", "v");
    redis.run("TOUCH", "k");
    redis.advance(2_000);
    redis.run("EXISTS", "k");
    redis.run("TYPE", "k");
    redis.run("TTL", "k");
    redis.run("OBJECT", "ENCODING", "k");
    assertEquals(":2\r\n", redis.run("OBJECT", "IDLETIME", "k"));
    assertEquals(ONE, redis.run("TOUCH", "k"));
    assertEquals(ZERO, redis.run("OBJECT", "IDLETIME", "k"));
  }

  @Test
  void typeNamesStringsAndNone() {
    redis.run("SET", "k", "v");
    assertEquals("+string\r\n", redis.run("TYPE", "k"));
    assertEquals("+none\r\n", redis.run("TYPE", "nokey"));
    setExpired("e");
    assertEquals("+none\r\n", redis.run("TYPE", "e"));
  }

  // RENAME, RENAMENX

  @Test
  void renameMovesTheValueAndItsDeadline() {
    setPx("a", "1", 50000);
    redis.run("SET", "b", "2");
    assertEquals(OK, redis.run("RENAME", "a", "b"));
    assertEquals(bulk("1"), redis.run("GET", "b"));
    assertEquals(":50000\r\n", redis.run("PTTL", "b"));
    assertEquals(ZERO, redis.run("EXISTS", "a"));
  }

  @Test
  void renameOfAPersistentKeyDropsTheTargetsDeadline() {
    redis.run("SET", "a", "1");
    setPx("b", "2", 100000);
    assertEquals(OK, redis.run("RENAME", "a", "b"));
    assertEquals(":-1\r\n", redis.run("PTTL", "b"));
    assertEquals(":1\r\n", redis.run("DBSIZE"));
  }

  @Test
  void renameOfAMissingKeyIsAnErrorEvenOntoItself() {
    assertEquals(error("ERR no such key"), redis.run("RENAME", "nokey", "x"));
    assertEquals(error("ERR no such key"), redis.run("RENAME", "nokey", "nokey"));
    assertEquals(error("ERR no such key"), redis.run("RENAMENX", "nokey", "x"));
    setExpired("e");
    assertEquals(error("ERR no such key"), redis.run("RENAME", "e", "x"));
  }

  @Test
  void renameOntoItselfKeepsTheKey() {
    setPx("k", "v", 100000);
    assertEquals(OK, redis.run("RENAME", "k", "k"));
    assertEquals(ZERO, redis.run("RENAMENX", "k", "k"));
    assertEquals(bulk("v"), redis.run("GET", "k"));
    assertEquals(":100\r\n", redis.run("TTL", "k"));
  }

  @Test
  void renamenxRefusesAnExistingTarget() {
    redis.run("SET", "x", "1");
    setPx("y", "2", 100000);
    assertEquals(ZERO, redis.run("RENAMENX", "x", "y"));
    assertEquals(bulk("2"), redis.run("GET", "y"));
    assertEquals(":100\r\n", redis.run("TTL", "y"));
    assertEquals(ONE, redis.run("RENAMENX", "x", "z"));
    assertEquals(bulk("1"), redis.run("GET", "z"));
    assertEquals(ZERO, redis.run("EXISTS", "x"));
  }

  @Test
  void renamenxTreatsAnExpiredTargetAsMissing() {
    redis.run("SET", "x", "1");
    setExpired("y");
    assertEquals(ONE, redis.run("RENAMENX", "x", "y"));
    assertEquals(bulk("1"), redis.run("GET", "y"));
  }

  // MOVE

  @Test
  void moveTakesTheKeyAndItsDeadlineToAnotherDatabase() {
    setPx("m", "1", 100000);
    assertEquals(ONE, redis.run("MOVE", "m", "1"));
    assertEquals(ZERO, redis.run("EXISTS", "m"));
    redis.run("SELECT", "1");
    assertEquals(bulk("1"), redis.run("GET", "m"));
    assertEquals(":100000\r\n", redis.run("PTTL", "m"));
  }

  @Test
  void moveDoesNothingWhenTheKeyIsMissingOrTaken() {
    assertEquals(ZERO, redis.run("MOVE", "nokey", "1"));
    redis.run("SET", "k", "here");
    redis.run("SELECT", "1");
    redis.run("SET", "k", "there");
    redis.run("SELECT", "0");
    assertEquals(ZERO, redis.run("MOVE", "k", "1"));
    assertEquals(bulk("here"), redis.run("GET", "k"));
  }

  @Test
  void moveRejectsBadDatabases() {
    redis.run("SET", "k", "v");
    assertEquals(error("ERR source and destination objects are the same"), redis.run("MOVE", "k", "0"));
    assertEquals(error("ERR source and destination objects are the same"), redis.run("MOVE", "nokey", "0"));
    assertEquals(error("ERR DB index is out of range"), redis.run("MOVE", "k", "16"));
    assertEquals(error("ERR DB index is out of range"), redis.run("MOVE", "k", "-1"));
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("MOVE", "k", "abc"));
    assertEquals(error("ERR value is out of range, value must between -2147483648 and 2147483647"),
        redis.run("MOVE", "k", "99999999999"));
  }

  // COPY

  @Test
  void copyDuplicatesValueAndDeadlineAndKeepsTheSource() {
    setPx("k", "v", 100000);
    assertEquals(ONE, redis.run("COPY", "k", "k2"));
    assertEquals(bulk("v"), redis.run("GET", "k2"));
    assertEquals(":100000\r\n", redis.run("PTTL", "k2"));
    redis.run("SET", "k2", "changed");
    assertEquals(bulk("v"), redis.run("GET", "k"));
  }

  @Test
  void copyNeedsReplaceToOverwrite() {
    redis.run("SET", "k", "v");
    setPx("k2", "old", 100000);
    assertEquals(ZERO, redis.run("COPY", "k", "k2"));
    assertEquals(bulk("old"), redis.run("GET", "k2"));
    assertEquals(ONE, redis.run("COPY", "k", "k2", "REPLACE", "replace"));
    assertEquals(bulk("v"), redis.run("GET", "k2"));
    assertEquals(":-1\r\n", redis.run("TTL", "k2"));
    assertEquals(ZERO, redis.run("COPY", "nokey", "k2"));
  }

  @Test
  void copyToAnotherDatabaseMayKeepTheName() {
    redis.run("SET", "k", "v");
    assertEquals(ONE, redis.run("COPY", "k", "k", "DB", "1"));
    redis.run("SELECT", "1");
    assertEquals(bulk("v"), redis.run("GET", "k"));
    assertEquals(ZERO, redis.run("COPY", "k", "k", "db", "0"));
  }

  @Test
  void copyRejectsBadOptions() {
    redis.run("SET", "k", "v");
    assertEquals(error("ERR source and destination objects are the same"), redis.run("COPY", "k", "k"));
    assertEquals(error("ERR source and destination objects are the same"),
        redis.run("COPY", "nokey", "nokey", "DB", "0"));
    assertEquals(error("ERR syntax error"), redis.run("COPY", "k", "k2", "DB"));
    assertEquals(error("ERR syntax error"), redis.run("COPY", "k", "k2", "foo"));
    assertEquals(error("ERR DB index is out of range"), redis.run("COPY", "k", "k2", "DB", "16"));
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("COPY", "k", "k2", "DB", "x"));
    assertEquals(error("ERR value is out of range, value must between -2147483648 and 2147483647"),
        redis.run("COPY", "k", "k2", "DB", "99999999999"));
    assertEquals(error("ERR wrong number of arguments for 'copy' command"), redis.run("COPY", "k"));
  }

  // KEYS

  @Test
  void keysFiltersByPattern() {
    redis.run("SET", "hello", "1");
    redis.run("SET", "hallo", "1");
    redis.run("SET", "hxllo", "1");
    redis.run("SET", "other", "1");
    assertEquals(Set.of("hello", "hallo"), keys(redis.run("KEYS", "h[ae]llo")));
    assertEquals(Set.of("hello", "hallo", "hxllo"), keys(redis.run("KEYS", "h?llo")));
    assertEquals(Set.of("hello", "hallo", "hxllo", "other"), keys(redis.run("KEYS", "*")));
    assertEquals("*0\r\n", redis.run("KEYS", "nomatch*"));
  }

  @Test
  void keysSkipsExpiredKeysWithoutDeletingThem() {
    redis.run("SET", "k", "v");
    setExpired("e");
    assertEquals("*1\r\n$1\r\nk\r\n", redis.run("KEYS", "*"));
    assertEquals(":2\r\n", redis.run("DBSIZE"));
  }

  // SCAN

  @Test
  void scanOfASmallDatabaseReturnsEverythingAtOnce() {
    redis.run("SET", "a", "1");
    redis.run("SET", "b", "1");
    final String reply = redis.run("SCAN", "0");
    assertTrue(reply.startsWith("*2\r\n$1\r\n0\r\n*2\r\n"), reply);
    assertEquals(Set.of("a", "b"), keys(reply.substring("*2\r\n$1\r\n0\r\n".length())));
  }

  @Test
  void scanWalksEveryKeyWithTheReturnedCursor() {
    final Set<String> expected = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      redis.run("SET", "key:" + i, "v");
      expected.add("key:" + i);
    }
    final Set<String> seen = new HashSet<>();
    String cursor = "0";
    int calls = 0;
    do {
      final String reply = redis.run("SCAN", cursor, "COUNT", "7");
      final int cursorStart = reply.indexOf("\r\n", 4) + 2;
      final int cursorEnd = reply.indexOf("\r\n", cursorStart);
      cursor = reply.substring(cursorStart, cursorEnd);
      final Set<String> batch = keys(reply.substring(cursorEnd + 2));
      assertTrue(batch.size() <= 14, "a bucket or two beyond COUNT at most: " + batch.size());
      seen.addAll(batch);
      calls++;
    } while (!cursor.equals("0"));
    assertEquals(expected, seen);
    assertTrue(calls > 100, "COUNT 7 over 1000 keys takes many calls: " + calls);
  }

  @Test
  void scanFiltersByMatchAndTypeAfterVisiting() {
    redis.run("SET", "user:1", "a");
    redis.run("SET", "user:2", "b");
    redis.run("SET", "item:1", "c");
    assertEquals(Set.of("user:1", "user:2"), keys(scanKeys("SCAN", "0", "MATCH", "user:*")));
    assertEquals(Set.of("user:1", "user:2", "item:1"), keys(scanKeys("SCAN", "0", "TYPE", "STRING")));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SCAN", "0", "TYPE", "hash"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SCAN", "0", "TYPE", "nosuch"));
    assertEquals(Set.of("item:1"), keys(scanKeys("SCAN", "0", "count", "5", "match", "item*", "type", "string")));
  }

  @Test
  void scanDeletesTheExpiredKeysItMeetsButNotThoseFilteredByPattern() {
    redis.run("SET", "k", "v");
    setExpired("e");
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SCAN", "0", "MATCH", "nomatch*"));
    assertEquals(":2\r\n", redis.run("DBSIZE"));
    assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$1\r\nk\r\n", redis.run("SCAN", "0"));
    assertEquals(":1\r\n", redis.run("DBSIZE"));
    setExpired("e");
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SCAN", "0", "TYPE", "hash"));
    assertEquals(":1\r\n", redis.run("DBSIZE"));
  }

  @Test
  void scanOfAnEmptyDatabaseEndsWhateverTheCursor() {
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SCAN", "5", "COUNT", "1"));
    redis.run("SET", "a", "1");
    redis.run("DEL", "a");
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SCAN", "0", "COUNT", "1"));
  }

  @Test
  void scanReadsCursorsAsRedisStrtoulDoes() {
    redis.run("SET", "k", "v");
    final String all = "*2\r\n$1\r\n0\r\n*1\r\n$1\r\nk\r\n";
    assertEquals(all, redis.run("SCAN", ""));
    assertEquals(all, redis.run("SCAN", "+0"));
    assertEquals(all, redis.run("SCAN", "00"));
    assertEquals("*2\r\n$1\r\n0\r\n", redis.run("SCAN", "-1").substring(0, 11));
    assertEquals("*2\r\n$1\r\n0\r\n", redis.run("SCAN", "18446744073709551615").substring(0, 11));
    for (final String bad : new String[] {"x", "1x", "0 ", " 1", "+", "-", "18446744073709551616", "0x10"}) {
      assertEquals(error("ERR invalid cursor"), redis.run("SCAN", bad), bad);
    }
    assertEquals(error("ERR invalid cursor"), redis.run("SCAN", "x", "COUNT", "0"));
  }

  @Test
  void scanRejectsBadOptions() {
    assertEquals(error("ERR syntax error"), redis.run("SCAN", "0", "COUNT", "0"));
    assertEquals(error("ERR syntax error"), redis.run("SCAN", "0", "COUNT", "-1"));
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("SCAN", "0", "COUNT", "x"));
    assertEquals(error("ERR syntax error"), redis.run("SCAN", "0", "COUNT"));
    assertEquals(error("ERR syntax error"), redis.run("SCAN", "0", "MATCH"));
    assertEquals(error("ERR syntax error"), redis.run("SCAN", "0", "foo"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SCAN", "0", "COUNT", "9223372036854775807"));
  }

  // RANDOMKEY, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB

  @Test
  void randomkeyReturnsALiveKeyOrNil() {
    assertEquals(NIL, redis.run("RANDOMKEY"));
    redis.run("SET", "k", "v");
    assertEquals(bulk("k"), redis.run("RANDOMKEY"));
    redis.run("HELLO", "3");
    redis.run("DEL", "k");
    assertEquals("_\r\n", redis.run("RANDOMKEY"));
  }

  @Test
  void randomkeyDeletesTheExpiredKeysItDraws() {
    for (int i = 0; i < 20; i++) {
      setExpired("e" + i);
    }
    assertEquals(NIL, redis.run("RANDOMKEY"));
    assertEquals(ZERO, redis.run("DBSIZE"));
    redis.run("SET", "live", "v");
    setExpired("dead");
    for (int i = 0; i < 20; i++) {
      assertEquals(bulk("live"), redis.run("RANDOMKEY"));
    }
  }

  @Test
  void flushdbEmptiesOnlyTheSelectedDatabase() {
    redis.run("SET", "a", "1");
    redis.run("SELECT", "1");
    redis.run("SET", "b", "1");
    assertEquals(OK, redis.run("FLUSHDB", "ASYNC"));
    assertEquals(ZERO, redis.run("DBSIZE"));
    redis.run("SELECT", "0");
    assertEquals(ONE, redis.run("DBSIZE"));
    assertEquals(OK, redis.run("FLUSHDB", "sync"));
    assertEquals(OK, redis.run("FLUSHDB"));
  }

  @Test
  void flushallEmptiesEveryDatabase() {
    redis.run("SET", "a", "1");
    redis.run("SELECT", "1");
    redis.run("SET", "b", "1");
    assertEquals(OK, redis.run("FLUSHALL", "SYNC"));
    assertEquals(ZERO, redis.run("DBSIZE"));
    redis.run("SELECT", "0");
    assertEquals(ZERO, redis.run("DBSIZE"));
    assertEquals(OK, redis.run("FLUSHALL", "async"));
    assertEquals(OK, redis.run("FLUSHALL"));
  }

  @Test
  void flushRejectsAnythingButSyncOrAsync() {
    assertEquals(error("ERR syntax error"), redis.run("FLUSHDB", "foo"));
    assertEquals(error("ERR syntax error"), redis.run("FLUSHDB", "ASYNC", "SYNC"));
    assertEquals(error("ERR syntax error"), redis.run("FLUSHALL", "foo"));
  }

  @Test
  void swapdbExchangesWholeDatabases() {
    setPx("a", "1", 100000);
    redis.run("SELECT", "1");
    redis.run("SET", "b", "1");
    assertEquals(OK, redis.run("SWAPDB", "0", "1"));
    assertEquals(bulk("1"), redis.run("GET", "a"));
    assertEquals(":100\r\n", redis.run("TTL", "a"));
    assertEquals(NIL, redis.run("GET", "b"));
    assertEquals(OK, redis.run("SWAPDB", "1", "1"));
  }

  @Test
  void swapdbNamesTheBadIndex() {
    assertEquals(error("ERR invalid first DB index"), redis.run("SWAPDB", "x", "0"));
    assertEquals(error("ERR invalid second DB index"), redis.run("SWAPDB", "0", "x"));
    assertEquals(error("ERR invalid second DB index"), redis.run("SWAPDB", "0", "99999999999"));
    assertEquals(error("ERR DB index is out of range"), redis.run("SWAPDB", "0", "16"));
    assertEquals(error("ERR DB index is out of range"), redis.run("SWAPDB", "-1", "0"));
  }

  // EXPIRE family, TTL family, PERSIST

  @Test
  void expireFamilySetsDeadlines() {
    final long now = redis.time();
    redis.run("SET", "k", "v");
    assertEquals(ONE, redis.run("EXPIRE", "k", "10"));
    assertEquals(":10000\r\n", redis.run("PTTL", "k"));
    assertEquals(ONE, redis.run("PEXPIRE", "k", "1500"));
    assertEquals(":2\r\n", redis.run("TTL", "k"));
    assertEquals(ONE, redis.run("EXPIREAT", "k", Long.toString(now / 1000 + 100)));
    assertEquals(":" + (now / 1000 + 100) * 1000 + "\r\n", redis.run("PEXPIRETIME", "k"));
    assertEquals(ONE, redis.run("PEXPIREAT", "k", Long.toString(now + 1499)));
    assertEquals(":" + (now + 1499) + "\r\n", redis.run("PEXPIRETIME", "k"));
    assertEquals(":" + (now + 1499 + 500) / 1000 + "\r\n", redis.run("EXPIRETIME", "k"));
    assertEquals(ZERO, redis.run("EXPIRE", "nokey", "10"));
  }

  @Test
  void aDeadlineNotInTheFutureDeletesTheKeyAndReturnsOne() {
    redis.run("SET", "k", "v");
    assertEquals(ONE, redis.run("PEXPIRE", "k", "0"));
    assertEquals(ZERO, redis.run("EXISTS", "k"));
    redis.run("SET", "k", "v");
    assertEquals(ONE, redis.run("EXPIRE", "k", "-1"));
    assertEquals(ZERO, redis.run("EXISTS", "k"));
    redis.run("SET", "k", "v");
    assertEquals(ONE, redis.run("EXPIREAT", "k", "100"));
    assertEquals(ZERO, redis.run("DBSIZE"));
  }

  @Test
  void expiredKeysExpireAtTheirDeadline() {
    redis.run("SET", "k", "v");
    redis.run("PEXPIRE", "k", "100");
    redis.advance(99);
    assertEquals(":1\r\n", redis.run("PTTL", "k"));
    redis.advance(1);
    assertEquals(":-2\r\n", redis.run("PTTL", "k"));
  }

  @Test
  void expireConditionsFollowRedis() {
    redis.run("SET", "k", "v");
    assertEquals(ZERO, redis.run("EXPIRE", "k", "10", "XX"));
    assertEquals(ZERO, redis.run("EXPIRE", "k", "10", "GT"));
    assertEquals(ONE, redis.run("EXPIRE", "k", "10", "NX"));
    assertEquals(ZERO, redis.run("EXPIRE", "k", "20", "NX"));
    assertEquals(ZERO, redis.run("EXPIRE", "k", "5", "GT"));
    assertEquals(ZERO, redis.run("EXPIRE", "k", "10", "GT"));
    assertEquals(ONE, redis.run("EXPIRE", "k", "20", "gt"));
    assertEquals(ZERO, redis.run("EXPIRE", "k", "30", "LT"));
    assertEquals(ONE, redis.run("EXPIRE", "k", "5", "xx", "lt"));
    assertEquals(":5\r\n", redis.run("TTL", "k"));
    redis.run("PERSIST", "k");
    assertEquals(ONE, redis.run("EXPIRE", "k", "1000", "LT"));
    redis.run("PERSIST", "k");
    assertEquals(ZERO, redis.run("EXPIRE", "k", "-5", "GT"));
    assertEquals(ONE, redis.run("EXPIRE", "k", "-5", "LT"));
    assertEquals(ZERO, redis.run("EXISTS", "k"));
  }

  @Test
  void expireRejectsBadOptionsBeforeReadingTheNumber() {
    redis.run("SET", "k", "v");
    final String nxError = error("ERR NX and XX, GT or LT options at the same time are not compatible");
    assertEquals(nxError, redis.run("EXPIRE", "k", "10", "NX", "XX"));
    assertEquals(nxError, redis.run("EXPIRE", "k", "10", "NX", "GT"));
    assertEquals(nxError, redis.run("PEXPIRE", "k", "10", "lt", "nx"));
    assertEquals(error("ERR GT and LT options at the same time are not compatible"),
        redis.run("EXPIRE", "k", "10", "GT", "LT"));
    assertEquals(error("ERR Unsupported option foo"), redis.run("EXPIRE", "k", "abc", "foo"));
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("EXPIRE", "k", "abc"));
    assertEquals(error("ERR wrong number of arguments for 'expire' command"), redis.run("EXPIRE", "k"));
  }

  @Test
  void expireOverflowNamesTheCommand() {
    redis.run("SET", "k", "v");
    assertEquals(error("ERR invalid expire time in 'expire' command"), redis.run("EXPIRE", "k", "9223372036854775807"));
    assertEquals(error("ERR invalid expire time in 'expire' command"),
        redis.run("EXPIRE", "k", "-9223372036854775808"));
    assertEquals(error("ERR invalid expire time in 'pexpire' command"),
        redis.run("PEXPIRE", "k", "9223372036854775807"));
    assertEquals(error("ERR invalid expire time in 'pexpire' command"),
        redis.run("PEXPIRE", "k", "9223372036854775000"));
    assertEquals(error("ERR invalid expire time in 'expireat' command"),
        redis.run("EXPIREAT", "k", "9223372036854775807"));
    assertEquals(error("ERR invalid expire time in 'expire' command"),
        redis.run("EXPIRE", "nokey", "9223372036854775807"));
    assertEquals(ONE, redis.run("PEXPIREAT", "k", "9223372036854775807"));
    assertEquals(":9223372036854775807\r\n", redis.run("PEXPIRETIME", "k"));
    assertEquals(":9223372036854776\r\n", redis.run("EXPIRETIME", "k"));
  }

  @Test
  void ttlFamilySaysMinusTwoForMissingAndMinusOneForPersistent() {
    redis.run("SET", "k", "v");
    for (final String cmd : new String[] {"TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"}) {
      assertEquals(":-2\r\n", redis.run(cmd, "nokey"), cmd);
      assertEquals(":-1\r\n", redis.run(cmd, "k"), cmd);
    }
  }

  @Test
  void ttlRoundsToTheNearestSecond() {
    setPx("k", "v", 1499);
    assertEquals(":1\r\n", redis.run("TTL", "k"));
    setPx("k", "v", 1500);
    assertEquals(":2\r\n", redis.run("TTL", "k"));
  }

  @Test
  void persistRemovesOnlyAnExistingDeadline() {
    setPx("k", "v", 100000);
    assertEquals(ONE, redis.run("PERSIST", "k"));
    assertEquals(ZERO, redis.run("PERSIST", "k"));
    assertEquals(ZERO, redis.run("PERSIST", "nokey"));
    assertEquals(":-1\r\n", redis.run("TTL", "k"));
    redis.advance(200_000);
    assertEquals(bulk("v"), redis.run("GET", "k"));
  }

  // OBJECT

  @Test
  void idleTimeCountsFromTheWrite() {
    redis.run("SET", "k", "v");
    redis.advance(5_000);
    assertEquals(":5\r\n", redis.run("OBJECT", "IDLETIME", "k"));
  }

  @Test
  void objectEncodingNamesHowTheStringIsStored() {
    redis.run("SET", "k", "v");
    assertEquals(bulk("embstr"), redis.run("object", "encoding", "k"));
    redis.run("SET", "k", "12345");
    assertEquals(bulk("int"), redis.run("OBJECT", "ENCODING", "k"));
    redis.run("SET", "k", "x".repeat(45));
    assertEquals(bulk("raw"), redis.run("OBJECT", "ENCODING", "k"));
    assertEquals(NIL, redis.run("OBJECT", "ENCODING", "nokey"));
    redis.run("HELLO", "3");
    assertEquals("_\r\n", redis.run("OBJECT", "ENCODING", "nokey"));
  }

  @Test
  void objectRefcountIsSharedForSmallIntegers() {
    redis.run("SET", "n", "5");
    redis.run("SET", "big", "10000");
    redis.run("SET", "neg", "-1");
    redis.run("SET", "s", "v");
    for (final String key : new String[] {"n", "big", "neg"}) {
      Record.encoding(record(key), Record.ENCODING_INT);
    }
    assertEquals(":2147483647\r\n", redis.run("OBJECT", "REFCOUNT", "n"));
    assertEquals(ONE, redis.run("OBJECT", "REFCOUNT", "big"));
    assertEquals(ONE, redis.run("OBJECT", "REFCOUNT", "neg"));
    assertEquals(ONE, redis.run("OBJECT", "REFCOUNT", "s"));
    assertEquals(NIL, redis.run("OBJECT", "REFCOUNT", "nokey"));
  }

  @Test
  void objectIdletimeCountsSecondsSinceTheLastAccess() {
    redis.run("SET", "k", "v");
    redis.run("GET", "k");
    redis.advance(5_999);
    assertEquals(":5\r\n", redis.run("OBJECT", "IDLETIME", "k"));
    assertEquals(NIL, redis.run("OBJECT", "IDLETIME", "nokey"));
  }

  @Test
  void objectFreqAndIdletimeDependOnTheEvictionPolicy() {
    redis.run("SET", "k", "v");
    assertEquals(error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
        + "that when switching between policies at runtime LRU and LFU data will take some time to adjust."),
        redis.run("OBJECT", "FREQ", "k"));
    assertEquals(NIL, redis.run("OBJECT", "FREQ", "nokey"));
    redis.config().set("maxmemory-policy", "allkeys-lfu");
    assertEquals(error("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when "
        + "switching between policies at runtime LRU and LFU data will take some time to adjust."),
        redis.run("OBJECT", "IDLETIME", "k"));
    assertEquals(NIL, redis.run("OBJECT", "IDLETIME", "nokey"));
  }

  @Test
  void objectFreqOfAnUnreadKeyStartsAtFiveAndDecaysByOneAMinute() {
    redis.config().set("maxmemory-policy", "allkeys-lfu");
    redis.run("SET", "k", "v");
    // Redis stamps every new object with its creation time; SET does not stamp records yet.
    Record.accessTime(record("k"), redis.time());
    assertEquals(":5\r\n", redis.run("OBJECT", "FREQ", "k"));
    redis.advance(125_000);
    assertEquals(":3\r\n", redis.run("OBJECT", "FREQ", "k"));
  }

  @Test
  void objectHelpAndErrors() {
    final String help = redis.run("OBJECT", "HELP");
    assertTrue(help.startsWith("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        + "+ENCODING <key>\r\n"), help);
    assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"), help);
    assertEquals(error("ERR wrong number of arguments for 'object' command"), redis.run("OBJECT"));
    assertEquals(error("ERR unknown subcommand 'foo'. Try OBJECT HELP."), redis.run("OBJECT", "foo"));
    assertEquals(error("ERR wrong number of arguments for 'object|encoding' command"), redis.run("OBJECT", "ENCODING"));
  }

  private long record(final String key) {
    final byte[] k = key.getBytes(StandardCharsets.UTF_8);
    final Database db = redis.engine().keyspace().database(0);
    return db.find(k, Bytes.ARRAY_BASE, k.length);
  }

  private String scanKeys(final String... args) {
    final String reply = redis.run(args);
    final String head = "*2\r\n$1\r\n0\r\n";
    assertTrue(reply.startsWith(head), reply);
    return reply.substring(head.length());
  }

  /** The keys of a RESP2 array of bulk strings. */
  private static Set<String> keys(final String array) {
    final String[] lines = array.split("\r\n");
    final int count = Integer.parseInt(lines[0].substring(1));
    final Set<String> keys = new HashSet<>();
    for (int i = 0; i < count; i++) {
      keys.add(lines[2 + 2 * i]);
    }
    assertEquals(count, keys.size(), "no key twice in one reply");
    return keys;
  }
}
