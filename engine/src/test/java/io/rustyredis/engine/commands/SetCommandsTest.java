package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Replies checked against redis-server 7.0.15. */
class SetCommandsTest {
  private static final String OK = "+OK\r\n";
  private static final String ZERO = ":0\r\n";
  private static final String ONE = ":1\r\n";
  private static final String NIL = "$-1\r\n";
  private static final String INTSET = "$6\r\nintset\r\n";
  private static final String HASHTABLE = "$9\r\nhashtable\r\n";
  private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

  private final EngineHarness redis = new EngineHarness();

  private static String array(final String... members) {
    final StringBuilder out = new StringBuilder("*").append(members.length).append("\r\n");
    for (final String m : members) {
      out.append('$').append(m.length()).append("\r\n").append(m).append("\r\n");
    }
    return out.toString();
  }

  /** The members of a RESP array or set reply, in any order. */
  private static Set<String> members(final String reply) {
    final Set<String> out = new HashSet<>();
    final Matcher m = Pattern.compile("\\$\\d+\r\n([^\r]*)\r\n").matcher(reply);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void integerMembersStayAnIntsetInAscendingOrder() {
    assertEquals(":3\r\n", redis.run("SADD", "s", "3", "1", "2", "2"));
    assertEquals(array("1", "2", "3"), redis.run("SMEMBERS", "s"));
    assertEquals(INTSET, redis.run("OBJECT", "ENCODING", "s"));
    assertEquals(":3\r\n", redis.run("SADD", "n", "-5", "10", "0"));
    assertEquals(array("-5", "0", "10"), redis.run("SMEMBERS", "n"));
    assertEquals(":3\r\n", redis.run("SCARD", "s"));
  }

  @Test
  void aNonIntegerMemberConvertsToHashtable() {
    redis.run("SADD", "s", "3", "1", "2");
    assertEquals(ONE, redis.run("SADD", "s", "a"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "s"));
    assertEquals(":4\r\n", redis.run("SCARD", "s"));
    assertEquals(Set.of("1", "2", "3", "a"), members(redis.run("SMEMBERS", "s")));
    assertEquals(ONE, redis.run("SADD", "h", "x"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "h"));
    // Leading zeros and decimals are not string2ll integers; the extremes are.
    assertEquals(":4\r\n", redis.run("SADD", "i", "9223372036854775807", "-9223372036854775808", "007", "1.0"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "i"));
    assertEquals(ONE, redis.run("SISMEMBER", "i", "007"));
    assertEquals(ZERO, redis.run("SISMEMBER", "i", "7"));
  }

  @Test
  void tooManyIntegersConvertToHashtableAndNeverBack() {
    assertEquals(OK, redis.run("CONFIG", "SET", "set-max-intset-entries", "3"));
    assertEquals(":3\r\n", redis.run("SADD", "c", "1", "2", "3"));
    assertEquals(INTSET, redis.run("OBJECT", "ENCODING", "c"));
    assertEquals(ONE, redis.run("SADD", "c", "4"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "c"));
    assertEquals(":2\r\n", redis.run("SREM", "c", "4", "3"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "c"));
    assertEquals(Set.of("1", "2"), members(redis.run("SMEMBERS", "c")));
    assertEquals(":4\r\n", redis.run("SADD", "d", "1", "2", "3", "4"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "d"));
    // A stored result is built afresh, so it is an intset again when small and all integers.
    assertEquals(":2\r\n", redis.run("SUNIONSTORE", "e", "c"));
    assertEquals(INTSET, redis.run("OBJECT", "ENCODING", "e"));
    assertEquals(":4\r\n", redis.run("SUNIONSTORE", "e", "d"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "e"));
  }

  @Test
  void crossingTheDefaultThresholdKeepsRepliesIdentical() {
    for (int i = 511; i >= 0; i--) {
      redis.run("SADD", "s", Integer.toString(i));
    }
    assertEquals(INTSET, redis.run("OBJECT", "ENCODING", "s"));
    assertEquals(":512\r\n", redis.run("SCARD", "s"));
    assertEquals(ONE, redis.run("SADD", "s", "512"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "s"));
    assertEquals(":513\r\n", redis.run("SCARD", "s"));
    final Set<String> all = members(redis.run("SMEMBERS", "s"));
    assertEquals(513, all.size());
    assertTrue(all.contains("0") && all.contains("512"));
    assertEquals("*3\r\n:1\r\n:0\r\n:1\r\n", redis.run("SMISMEMBER", "s", "0", "513", "512"));
    assertEquals(ZERO, redis.run("SADD", "s", "7"));
    assertEquals(ONE, redis.run("SREM", "s", "7"));
    assertEquals(ZERO, redis.run("SISMEMBER", "s", "7"));
  }

  @Test
  void removingTheLastMemberDeletesTheKey() {
    redis.run("SADD", "n", "-5", "10", "0");
    assertEquals(ONE, redis.run("SREM", "n", "10", "99", "x"));
    assertEquals(":2\r\n", redis.run("SREM", "n", "-5", "0"));
    assertEquals(ZERO, redis.run("EXISTS", "n"));
    redis.run("SADD", "h", "a", "b");
    assertEquals(":2\r\n", redis.run("SREM", "h", "a", "b", "c"));
    assertEquals(ZERO, redis.run("EXISTS", "h"));
    assertEquals(ZERO, redis.run("SREM", "nokey", "1"));
  }

  @Test
  void missingKeysReadAsEmptySets() {
    assertEquals(ZERO, redis.run("SCARD", "nokey"));
    assertEquals(ZERO, redis.run("SISMEMBER", "nokey", "a"));
    assertEquals("*1\r\n:0\r\n", redis.run("SMISMEMBER", "nokey", "a"));
    assertEquals("*0\r\n", redis.run("SMEMBERS", "nokey"));
    assertEquals(NIL, redis.run("SPOP", "nokey"));
    assertEquals("*0\r\n", redis.run("SPOP", "nokey", "3"));
    assertEquals(NIL, redis.run("SRANDMEMBER", "nokey"));
    assertEquals("*0\r\n", redis.run("SRANDMEMBER", "nokey", "5"));
    assertEquals("*0\r\n", redis.run("SRANDMEMBER", "nokey", "-5"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SSCAN", "nokey", "0"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SSCAN", "nokey", "0", "COUNT", "0"));
    assertEquals(ZERO, redis.run("SMOVE", "nokey", "s", "1"));
  }

  @Test
  void resp3RepliesSetsWhereRedisDoes() {
    redis.run("HELLO", "3");
    redis.run("SADD", "s", "1", "2", "3");
    assertEquals("~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", redis.run("SMEMBERS", "s"));
    assertEquals("~0\r\n", redis.run("SMEMBERS", "nokey"));
    assertEquals("~0\r\n", redis.run("SINTER", "nokey"));
    assertEquals("~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", redis.run("SUNION", "s", "nokey"));
    assertEquals("~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", redis.run("SDIFF", "s", "nokey"));
    assertEquals("~0\r\n", redis.run("SPOP", "s", "0"));
    assertEquals("~0\r\n", redis.run("SPOP", "nokey", "1"));
    assertEquals("*0\r\n", redis.run("SRANDMEMBER", "nokey", "1"));
    assertEquals("*0\r\n", redis.run("SRANDMEMBER", "s", "0"));
    assertEquals("_\r\n", redis.run("SRANDMEMBER", "nokey"));
    assertEquals("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", redis.run("SRANDMEMBER", "s", "5"));
    assertEquals("~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", redis.run("SPOP", "s", "9"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("SSCAN", "nokey", "0"));
  }

  @Test
  void algebraOnIntsetsRepliesInAscendingOrder() {
    redis.run("SADD", "a", "1", "2", "3", "4");
    redis.run("SADD", "b", "3", "4", "5");
    assertEquals(array("3", "4"), redis.run("SINTER", "a", "b"));
    assertEquals(array("1", "2", "3", "4", "5"), redis.run("SUNION", "b", "a"));
    assertEquals(array("1", "2"), redis.run("SDIFF", "a", "b"));
    assertEquals("*0\r\n", redis.run("SINTER", "a", "nokey"));
    assertEquals("*0\r\n", redis.run("SDIFF", "nokey", "a"));
    assertEquals(":2\r\n", redis.run("SINTERCARD", "2", "a", "b"));
    assertEquals(ONE, redis.run("SINTERCARD", "2", "a", "b", "LIMIT", "1"));
    assertEquals(":4\r\n", redis.run("SINTERCARD", "1", "a", "LIMIT", "0"));
    assertEquals(ONE, redis.run("SINTERCARD", "1", "a", "limit", "5", "limit", "1"));
    assertEquals(ZERO, redis.run("SINTERCARD", "2", "a", "nokey"));
  }

  @Test
  void algebraMixesEncodings() {
    redis.run("SADD", "i", "1", "2", "3");
    redis.run("SADD", "h", "2", "3", "x");
    assertEquals(array("2", "3"), redis.run("SINTER", "h", "i"));
    assertEquals(Set.of("1", "2", "3", "x"), members(redis.run("SUNION", "i", "h")));
    assertEquals(array("x"), redis.run("SDIFF", "h", "i"));
    assertEquals(array("1"), redis.run("SDIFF", "i", "h"));
    assertEquals(":2\r\n", redis.run("SINTERCARD", "2", "i", "h"));
  }

  @Test
  void storeCommandsReplaceAnyTypeAndDeleteOnEmpty() {
    redis.run("SADD", "a", "1", "2", "3", "4");
    redis.run("SADD", "b", "3", "4", "5");
    assertEquals(":2\r\n", redis.run("SINTERSTORE", "d", "a", "b"));
    assertEquals(INTSET, redis.run("OBJECT", "ENCODING", "d"));
    assertEquals(array("3", "4"), redis.run("SMEMBERS", "d"));
    redis.run("SET", "str", "v");
    assertEquals(":5\r\n", redis.run("SUNIONSTORE", "str", "a", "b"));
    assertEquals("+set\r\n", redis.run("TYPE", "str"));
    assertEquals(array("1", "2", "3", "4", "5"), redis.run("SMEMBERS", "str"));
    assertEquals(ZERO, redis.run("SDIFFSTORE", "str", "a", "a"));
    assertEquals(ZERO, redis.run("EXISTS", "str"));
    redis.run("SADD", "x", "a", "b");
    assertEquals(ZERO, redis.run("SINTERSTORE", "y", "x", "a"));
    assertEquals(NIL, redis.run("OBJECT", "ENCODING", "y"));
    assertEquals(":2\r\n", redis.run("SUNIONSTORE", "y", "x"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "y"));
    assertEquals(ZERO, redis.run("SINTERSTORE", "y", "x", "nokey"));
    assertEquals(ZERO, redis.run("EXISTS", "y"));
  }

  @Test
  void storeOverASourceDropsItsDeadline() {
    redis.run("SADD", "big", "1", "2", "3");
    assertEquals(ONE, redis.run("EXPIRE", "big", "100"));
    assertEquals(":3\r\n", redis.run("SINTERSTORE", "big", "big"));
    assertEquals(":-1\r\n", redis.run("TTL", "big"));
    assertEquals(array("1", "2", "3"), redis.run("SMEMBERS", "big"));
  }

  @Test
  void smoveMovesOneMemberAndCreatesOrDeletesKeys() {
    redis.run("SADD", "a", "1", "2", "3", "4");
    redis.run("SADD", "b", "3", "4", "5");
    assertEquals(ONE, redis.run("SMOVE", "a", "b", "1"));
    assertEquals(array("2", "3", "4"), redis.run("SMEMBERS", "a"));
    assertEquals(array("1", "3", "4", "5"), redis.run("SMEMBERS", "b"));
    assertEquals(ZERO, redis.run("SMOVE", "a", "b", "1"));
    assertEquals(ONE, redis.run("SMOVE", "b", "b", "1"));
    assertEquals(ZERO, redis.run("SMOVE", "b", "b", "9"));
    assertEquals(ONE, redis.run("SMOVE", "b", "new", "1"));
    assertEquals(INTSET, redis.run("OBJECT", "ENCODING", "new"));
    assertEquals(ZERO, redis.run("SMOVE", "b", "new", "x"));
    redis.run("SADD", "x", "a", "b");
    assertEquals(ONE, redis.run("SMOVE", "x", "new2", "a"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "new2"));
    assertEquals(array("b"), redis.run("SMEMBERS", "x"));
    assertEquals(ONE, redis.run("SMOVE", "x", "new", "b"));
    assertEquals(ZERO, redis.run("EXISTS", "x"));
    assertEquals(HASHTABLE, redis.run("OBJECT", "ENCODING", "new"));
  }

  @Test
  void wrongTypeEverywhere() {
    redis.run("SET", "str", "x");
    redis.run("SADD", "s", "1");
    for (final String[] command : new String[][] {
        {"SADD", "str", "1"}, {"SREM", "str", "1"}, {"SCARD", "str"}, {"SISMEMBER", "str", "1"},
        {"SMISMEMBER", "str", "1"}, {"SMEMBERS", "str"}, {"SRANDMEMBER", "str"}, {"SRANDMEMBER", "str", "2"},
        {"SPOP", "str"}, {"SPOP", "str", "0"}, {"SINTER", "nokey", "str"}, {"SINTER", "str", "nokey"},
        {"SUNION", "nokey", "str"}, {"SDIFF", "nokey", "str"}, {"SDIFF", "str", "nokey"},
        {"SINTERSTORE", "d", "str"}, {"SINTERCARD", "1", "str"}, {"SINTERCARD", "2", "nokey", "str"},
        {"SSCAN", "str", "0"}, {"SSCAN", "str", "0", "COUNT", "0"}, {"SMOVE", "s", "str", "1"},
        {"SMOVE", "str", "s", "1"}, {"SMOVE", "s", "str", "9"}}) {
      assertEquals(WRONGTYPE, redis.run(command), String.join(" ", command));
    }
    assertEquals(ZERO, redis.run("SMOVE", "nokey", "str", "1"));
    assertEquals("+string\r\n", redis.run("TYPE", "str"));
  }

  @Test
  void countArgumentsAreCheckedAsRedisChecksThem() {
    redis.run("SADD", "s", "1", "2", "3");
    redis.run("SET", "str", "x");
    assertEquals("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
        redis.run("SRANDMEMBER", "s", "-9223372036854775808"));
    assertEquals("-ERR value is not an integer or out of range\r\n", redis.run("SRANDMEMBER", "s", "abc"));
    assertEquals("-ERR value is not an integer or out of range\r\n", redis.run("SRANDMEMBER", "str", "abc"));
    assertEquals("-ERR syntax error\r\n", redis.run("SRANDMEMBER", "s", "1", "2"));
    assertEquals("-ERR value is out of range, must be positive\r\n", redis.run("SPOP", "s", "-1"));
    assertEquals("-ERR value is out of range, must be positive\r\n", redis.run("SPOP", "s", "abc"));
    assertEquals("-ERR value is out of range, must be positive\r\n", redis.run("SPOP", "str", "-1"));
    assertEquals("-ERR syntax error\r\n", redis.run("SPOP", "s", "1", "2"));
    assertEquals("-ERR wrong number of arguments for 'sadd' command\r\n", redis.run("SADD", "s"));
    assertEquals("-ERR wrong number of arguments for 'sintercard' command\r\n", redis.run("SINTERCARD", "1"));
  }

  @Test
  void sintercardValidatesBeforeLookingAtKeys() {
    redis.run("SADD", "s", "1");
    redis.run("SET", "str", "x");
    final String numkeys = "-ERR numkeys should be greater than 0\r\n";
    assertEquals(numkeys, redis.run("SINTERCARD", "0", "s"));
    assertEquals(numkeys, redis.run("SINTERCARD", "-1", "s"));
    assertEquals(numkeys, redis.run("SINTERCARD", "abc", "s"));
    final String tooMany = "-ERR Number of keys can't be greater than number of args\r\n";
    assertEquals(tooMany, redis.run("SINTERCARD", "3", "s"));
    assertEquals(tooMany, redis.run("SINTERCARD", "9223372036854775807", "s"));
    assertEquals("-ERR LIMIT can't be negative\r\n", redis.run("SINTERCARD", "1", "s", "LIMIT", "-1"));
    assertEquals("-ERR LIMIT can't be negative\r\n", redis.run("SINTERCARD", "2", "str", "s", "limit", "x"));
    assertEquals("-ERR syntax error\r\n", redis.run("SINTERCARD", "1", "s", "foo"));
    assertEquals("-ERR syntax error\r\n", redis.run("SINTERCARD", "1", "s", "limit"));
  }

  @Test
  void spopAndSrandmemberOnOneMember() {
    redis.run("SADD", "w", "a");
    assertEquals("$1\r\na\r\n", redis.run("SRANDMEMBER", "w"));
    assertEquals(array("a"), redis.run("SRANDMEMBER", "w", "5"));
    assertEquals(array("a", "a", "a"), redis.run("SRANDMEMBER", "w", "-3"));
    assertEquals(array("a"), redis.run("SPOP", "w", "1"));
    assertEquals(ZERO, redis.run("EXISTS", "w"));
    redis.run("SADD", "z", "5");
    assertEquals("$1\r\n5\r\n", redis.run("SPOP", "z"));
    assertEquals(ZERO, redis.run("EXISTS", "z"));
    assertEquals(NIL, redis.run("SPOP", "z"));
  }

  @Test
  void spopWithCountTakesDistinctMembersOfBothEncodings() {
    for (final String key : new String[] {"i", "h"}) {
      final Set<String> all = new HashSet<>();
      for (int i = 0; i < 50; i++) {
        final String m = key.equals("i") ? Integer.toString(i) : "m" + i;
        all.add(m);
        redis.run("SADD", key, m);
      }
      final Set<String> popped = members(redis.run("SPOP", key, "20"));
      assertEquals(20, popped.size());
      assertTrue(all.containsAll(popped));
      assertEquals(":30\r\n", redis.run("SCARD", key));
      final Set<String> rest = members(redis.run("SMEMBERS", key));
      rest.addAll(popped);
      assertEquals(all, rest);
      final Set<String> last = members(redis.run("SPOP", key, "30"));
      assertEquals(30, last.size());
      assertEquals(ZERO, redis.run("EXISTS", key));
    }
  }

  @Test
  void srandmemberCountsGiveDistinctOrRepeatedMembers() {
    for (int i = 0; i < 40; i++) {
      redis.run("SADD", "h", "m" + i);
    }
    final String distinct = redis.run("SRANDMEMBER", "h", "30");
    assertTrue(distinct.startsWith("*30\r\n"));
    assertEquals(30, members(distinct).size());
    final String few = redis.run("SRANDMEMBER", "h", "3");
    assertTrue(few.startsWith("*3\r\n"));
    assertEquals(3, members(few).size());
    final String repeated = redis.run("SRANDMEMBER", "h", "-100");
    assertTrue(repeated.startsWith("*100\r\n"));
    assertTrue(members(repeated).size() <= 40);
    assertEquals(":40\r\n", redis.run("SCARD", "h"));
  }

  @Test
  void sscanReturnsAnIntsetWholeWithCursorZero() {
    redis.run("SADD", "z", "5", "-1", "3");
    assertEquals("*2\r\n$1\r\n0\r\n" + array("-1", "3", "5"), redis.run("SSCAN", "z", "0"));
    assertEquals("*2\r\n$1\r\n0\r\n" + array("-1"), redis.run("SSCAN", "z", "7", "MATCH", "-*"));
    assertEquals("*2\r\n$1\r\n0\r\n" + array("3"), redis.run("SSCAN", "z", "0", "COUNT", "1", "MATCH", "3"));
    assertEquals("*2\r\n$1\r\n0\r\n" + array("-1", "3", "5"), redis.run("SSCAN", "z", "18446744073709551615"));
  }

  @Test
  void sscanValidatesCursorThenKeyThenOptions() {
    redis.run("SADD", "s", "1");
    redis.run("SET", "str", "x");
    assertEquals("-ERR invalid cursor\r\n", redis.run("SSCAN", "s", "abc"));
    assertEquals("-ERR invalid cursor\r\n", redis.run("SSCAN", "str", "abc"));
    assertEquals("-ERR invalid cursor\r\n", redis.run("SSCAN", "s", "18446744073709551616"));
    assertEquals("-ERR syntax error\r\n", redis.run("SSCAN", "s", "0", "COUNT", "0"));
    assertEquals("-ERR syntax error\r\n", redis.run("SSCAN", "s", "0", "COUNT", "-1"));
    assertEquals("-ERR value is not an integer or out of range\r\n", redis.run("SSCAN", "s", "0", "COUNT", "abc"));
    assertEquals("-ERR syntax error\r\n", redis.run("SSCAN", "s", "0", "foo"));
    assertEquals("-ERR syntax error\r\n", redis.run("SSCAN", "s", "0", "MATCH"));
    assertEquals("-ERR syntax error\r\n", redis.run("SSCAN", "s", "0", "TYPE", "set"));
  }

  @Test
  void sscanOfAHashtableVisitsEveryMemberAcrossCalls() {
    final Set<String> all = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      all.add("m" + i);
      redis.run("SADD", "h", "m" + i);
    }
    final Set<String> seen = new HashSet<>();
    final Pattern cursorPattern = Pattern.compile("^\\*2\r\n\\$\\d+\r\n(\\d+)\r\n");
    String cursor = "0";
    int calls = 0;
    do {
      final String reply = redis.run("SSCAN", "h", cursor, "COUNT", "7");
      final Matcher m = cursorPattern.matcher(reply);
      assertTrue(m.find(), reply);
      cursor = m.group(1);
      seen.addAll(members(reply.substring(m.end())));
      // Shrinking and growing the table mid-walk must not lose members present throughout.
      if (calls == 3) {
        for (int i = 300; i < 700; i++) {
          redis.run("SADD", "h", "extra" + i);
        }
      }
      if (calls == 6) {
        for (int i = 300; i < 700; i++) {
          redis.run("SREM", "h", "extra" + i);
        }
      }
      calls++;
    } while (!cursor.equals("0"));
    assertTrue(seen.containsAll(all));
    final String matched = redis.run("SSCAN", "h", "0", "COUNT", "1000", "MATCH", "m1?");
    assertEquals(Set.of("m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17", "m18", "m19"),
        members(matched.substring(matched.indexOf("*", 1))));
  }

  @Test
  void copyOfAHashtableSetIsIndependent() {
    redis.run("SADD", "h", "a", "b");
    assertEquals(ONE, redis.run("COPY", "h", "c"));
    assertEquals(ONE, redis.run("SREM", "c", "a"));
    assertEquals(":2\r\n", redis.run("SCARD", "h"));
    assertEquals(array("b"), redis.run("SMEMBERS", "c"));
    redis.run("SADD", "i", "1", "2");
    assertEquals(ONE, redis.run("COPY", "i", "j"));
    assertEquals(ONE, redis.run("SREM", "j", "1"));
    assertEquals(array("1", "2"), redis.run("SMEMBERS", "i"));
  }

  @Test
  void heapMemoryReturnsToZeroWhenHashtableSetsAreGone() {
    for (int i = 0; i < 600; i++) {
      redis.run("SADD", "a", Integer.toString(i));
      redis.run("SADD", "b", "m" + i);
    }
    redis.run("SREM", "a", "1", "2", "3");
    redis.run("SPOP", "b", "100");
    redis.run("SPOP", "a");
    redis.run("SADD", "c", "x", "y");
    assertEquals(ONE, redis.run("SMOVE", "c", "b", "x"));
    redis.run("SUNIONSTORE", "d", "a", "b");
    redis.run("COPY", "d", "e");
    assertTrue(redis.engine().keyspace().heapValues().bytes() > 600 * 40);
    assertEquals(":5\r\n", redis.run("DEL", "a", "b", "c", "d", "e"));
    assertEquals(0, redis.engine().keyspace().heapValues().bytes());
  }

  /** Redis 7.0.15 dies on this request (verified); we refuse a reply that cannot fit in memory. */
  @Test
  void srandmemberRefusesARepeatCountNoReplyCouldHold() {
    redis.run("SADD", "s", "1", "2", "3");
    assertEquals("-ERR value is out of range\r\n", redis.run("SRANDMEMBER", "s", "-4611686018427387904"));
    assertEquals(":3\r\n", redis.run("SCARD", "s"));
  }
}
