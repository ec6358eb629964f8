package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.EventType;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replies checked against redis-server 7.0.15. */
class HashCommandsTest {
  private static final String OK = "+OK\r\n";
  private static final String ZERO = ":0\r\n";
  private static final String ONE = ":1\r\n";
  private static final String NIL = "$-1\r\n";
  private static final String EMPTY = "*0\r\n";
  private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

  private final EngineHarness redis = new EngineHarness();

  private static String bulk(final String s) {
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  private static String error(final String s) {
    return "-" + s + "\r\n";
  }

  private static String array(final String... items) {
    return "*" + items.length + "\r\n" + String.join("", items);
  }

  private static String bulks(final String... items) {
    final StringBuilder out = new StringBuilder("*" + items.length + "\r\n");
    for (final String item : items) {
      out.append(bulk(item));
    }
    return out.toString();
  }

  private static String repeat(final char c, final int n) {
    return String.valueOf(c).repeat(n);
  }

  /** The bulk strings of a flat RESP array reply, in order. */
  private static List<String> elements(final String reply) {
    final List<String> out = new ArrayList<>();
    int i = reply.indexOf("\r\n") + 2;
    while (i < reply.length()) {
      final int lineEnd = reply.indexOf("\r\n", i);
      if (reply.charAt(i) == '$') {
        final int length = Integer.parseInt(reply.substring(i + 1, lineEnd));
        out.add(reply.substring(lineEnd + 2, lineEnd + 2 + length));
        i = lineEnd + 2 + length + 2;
      } else {
        i = lineEnd + 2;
      }
    }
    return out;
  }

  private static Map<String, String> pairs(final List<String> flat) {
    final Map<String, String> out = new HashMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      out.put(flat.get(i), flat.get(i + 1));
    }
    return out;
  }

  @Test
  void hsetCountsNewFieldsAndRefusesAnOddArgumentCount() {
    assertEquals(error("ERR wrong number of arguments for 'hset' command"), redis.run("HSET", "h", "f"));
    assertEquals(error("ERR wrong number of arguments for 'hset' command"), redis.run("HSET", "h", "f", "v", "f2"));
    assertEquals(ZERO, redis.run("EXISTS", "h"));
    assertEquals(":2\r\n", redis.run("HSET", "h", "f", "v", "f2", "v2"));
    assertEquals(ONE, redis.run("HSET", "h", "f", "v2", "f3", "v3"));
    assertEquals(bulk("v2"), redis.run("HGET", "h", "f"));
    assertEquals("+hash\r\n", redis.run("TYPE", "h"));
    assertEquals(bulk("listpack"), redis.run("OBJECT", "ENCODING", "h"));
  }

  @Test
  void hsetnxSetsOnlyAbsentFields() {
    assertEquals(ONE, redis.run("HSETNX", "h", "f", "v"));
    assertEquals(ZERO, redis.run("HSETNX", "h", "f", "x"));
    assertEquals(bulk("v"), redis.run("HGET", "h", "f"));
  }

  @Test
  void hmsetRepliesOk() {
    assertEquals(OK, redis.run("HMSET", "h", "a", "1", "b", "2"));
    assertEquals(error("ERR wrong number of arguments for 'hmset' command"), redis.run("HMSET", "h", "a"));
    assertEquals(error("ERR wrong number of arguments for 'hmset' command"), redis.run("HMSET", "h", "a", "1", "b"));
    assertEquals(bulks("1", "2"), redis.run("HMGET", "h", "a", "b"));
  }

  @Test
  void readsOfMissingFieldsAndKeysReplyAsForAnEmptyHash() {
    redis.run("HSET", "h", "f", "v", "a", "1");
    assertEquals(NIL, redis.run("HGET", "h", "nope"));
    assertEquals(NIL, redis.run("HGET", "nokey", "f"));
    assertEquals("*3\r\n$1\r\nv\r\n$-1\r\n$1\r\n1\r\n", redis.run("HMGET", "h", "f", "nope", "a"));
    assertEquals("*2\r\n$-1\r\n$-1\r\n", redis.run("HMGET", "nokey", "a", "b"));
    assertEquals(ZERO, redis.run("HLEN", "nokey"));
    assertEquals(ZERO, redis.run("HSTRLEN", "h", "nope"));
    assertEquals(ZERO, redis.run("HSTRLEN", "nokey", "f"));
    assertEquals(ZERO, redis.run("HEXISTS", "h", "nope"));
    assertEquals(ZERO, redis.run("HDEL", "nokey", "f"));
    assertEquals(EMPTY, redis.run("HKEYS", "nokey"));
    assertEquals(EMPTY, redis.run("HVALS", "nokey"));
    assertEquals(EMPTY, redis.run("HGETALL", "nokey"));
  }

  @Test
  void lengthsAndExistence() {
    redis.run("HSET", "h", "f", "v2", "e", "");
    assertEquals(":2\r\n", redis.run("HLEN", "h"));
    assertEquals(":2\r\n", redis.run("HSTRLEN", "h", "f"));
    assertEquals(ZERO, redis.run("HSTRLEN", "h", "e"));
    assertEquals(ONE, redis.run("HEXISTS", "h", "f"));
    assertEquals(ONE, redis.run("HEXISTS", "h", "e"));
  }

  @Test
  void emptyFieldAndValueAreOrdinaryEntries() {
    assertEquals(ONE, redis.run("HSET", "h", "", ""));
    assertEquals("*2\r\n$0\r\n\r\n$0\r\n\r\n", redis.run("HGETALL", "h"));
    assertEquals(ONE, redis.run("HEXISTS", "h", ""));
  }

  @Test
  void hdelCountsRemovedFieldsAndDeletesTheEmptiedKey() {
    redis.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertEquals(ZERO, redis.run("HDEL", "h", "nope"));
    assertEquals(":2\r\n", redis.run("HDEL", "h", "a", "b", "nope"));
    assertEquals(ONE, redis.run("HDEL", "h", "c", "a"));
    assertEquals(ZERO, redis.run("EXISTS", "h"));
  }

  @Test
  void listpackKeepsInsertionOrderThroughUpdatesAndDeletes() {
    redis.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertEquals(ZERO, redis.run("HSET", "h", "a", "10"));
    assertEquals(ONE, redis.run("HDEL", "h", "b"));
    assertEquals(ONE, redis.run("HSET", "h", "b", "20"));
    assertEquals(bulks("a", "10", "c", "3", "b", "20"), redis.run("HGETALL", "h"));
    assertEquals(bulks("a", "c", "b"), redis.run("HKEYS", "h"));
    assertEquals(bulks("10", "3", "20"), redis.run("HVALS", "h"));
  }

  @Test
  void hgetallIsAMapInResp3() {
    redis.run("HSET", "h", "a", "1", "b", "2");
    redis.run("HELLO", "3");
    assertEquals("%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n", redis.run("HGETALL", "h"));
    assertEquals("%0\r\n", redis.run("HGETALL", "nokey"));
    assertEquals(EMPTY, redis.run("HKEYS", "nokey"));
    assertEquals("_\r\n", redis.run("HGET", "h", "zz"));
    assertEquals("*2\r\n$1\r\n1\r\n_\r\n", redis.run("HMGET", "h", "a", "zz"));
    assertEquals(ONE, redis.run("HEXISTS", "h", "a"));
  }

  @Test
  void everyCommandRefusesAnotherType() {
    redis.run("SET", "s", "x");
    for (final String[] command : new String[][] {
        {"HGET", "s", "f"}, {"HSET", "s", "f", "v"}, {"HMSET", "s", "f", "v"}, {"HSETNX", "s", "a", "b"},
        {"HLEN", "s"}, {"HMGET", "s", "a"}, {"HGETALL", "s"}, {"HKEYS", "s"}, {"HVALS", "s"},
        {"HINCRBY", "s", "f", "1"}, {"HINCRBYFLOAT", "s", "f", "1"}, {"HDEL", "s", "f"}, {"HSTRLEN", "s", "f"},
        {"HEXISTS", "s", "f"}, {"HRANDFIELD", "s"}, {"HRANDFIELD", "s", "0"}, {"HRANDFIELD", "s", "1"},
        {"HSCAN", "s", "0"}, {"HSCAN", "s", "0", "COUNT", "0"}}) {
      assertEquals(WRONGTYPE, redis.run(command), String.join(" ", command));
    }
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("HINCRBY", "s", "f", "x"));
    assertEquals(error("ERR value is not a valid float"), redis.run("HINCRBYFLOAT", "s", "f", "x"));
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("HRANDFIELD", "s", "x"));
    assertEquals(error("ERR invalid cursor"), redis.run("HSCAN", "s", "x"));
    assertEquals(bulk("x"), redis.run("GET", "s"));
  }

  @Test
  void hincrbyAddsWithinSignedSixtyFourBits() {
    assertEquals(":5\r\n", redis.run("HINCRBY", "h", "i", "5"));
    assertEquals(":2\r\n", redis.run("HINCRBY", "h", "i", "-3"));
    assertEquals(error("ERR increment or decrement would overflow"),
        redis.run("HINCRBY", "h", "i", "9223372036854775807"));
    redis.run("HSET", "h", "m", "-9223372036854775808");
    assertEquals(error("ERR increment or decrement would overflow"), redis.run("HINCRBY", "h", "m", "-1"));
    assertEquals(":-9223372036854775807\r\n", redis.run("HINCRBY", "h", "m", "1"));
    assertEquals(bulk("-9223372036854775807"), redis.run("HGET", "h", "m"));
  }

  @Test
  void hincrbyRefusesValuesThatAreNotStrictIntegers() {
    redis.run("HSET", "h", "f", "v", "s", " 1", "z", "01", "e", "");
    for (final String field : new String[] {"f", "s", "z", "e"}) {
      assertEquals(error("ERR hash value is not an integer"), redis.run("HINCRBY", "h", field, "1"), field);
    }
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("HINCRBY", "h", "n", "x"));
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("HINCRBY", "new", "n", "x"));
    assertEquals(ZERO, redis.run("EXISTS", "new"));
  }

  @Test
  void hincrbyfloatPrintsLikeIncrbyfloat() {
    assertEquals(bulk("10.5"), redis.run("HINCRBYFLOAT", "h", "fl", "10.5"));
    assertEquals(bulk("10.6"), redis.run("HINCRBYFLOAT", "h", "fl", "0.1"));
    assertEquals(bulk("0"), redis.run("HINCRBYFLOAT", "h", "fl", "-10.6"));
    assertEquals(bulk("3000"), redis.run("HINCRBYFLOAT", "h", "x", "3.0e3"));
    assertEquals(bulk("0.005"), redis.run("HINCRBYFLOAT", "h", "y", "5.0e-3"));
    assertEquals(bulk("16"), redis.run("HINCRBYFLOAT", "h", "w", "0x10"));
    redis.run("HSET", "h", "z", "01");
    assertEquals(bulk("2"), redis.run("HINCRBYFLOAT", "h", "z", "1"));
    assertEquals(bulk("2"), redis.run("HGET", "h", "z"));
  }

  @Test
  void hincrbyfloatErrorsInRedisOrder() {
    redis.run("HSET", "h", "f", "v", "fl", "1");
    assertEquals(error("ERR hash value is not a float"), redis.run("HINCRBYFLOAT", "h", "f", "1"));
    assertEquals(error("ERR value is not a valid float"), redis.run("HINCRBYFLOAT", "h", "fl", "abc"));
    assertEquals(error("ERR value is not a valid float"), redis.run("HINCRBYFLOAT", "h", "fl", "nan"));
    assertEquals(error("ERR value is not a valid float"), redis.run("HINCRBYFLOAT", "h", "fl", " 1"));
    assertEquals(error("ERR value is NaN or Infinity"), redis.run("HINCRBYFLOAT", "h", "fl", "inf"));
    assertEquals(error("ERR value is NaN or Infinity"), redis.run("HINCRBYFLOAT", "h", "fl", "-inf"));
    redis.run("HSET", "h", "i", "inf");
    assertEquals(error("ERR increment would produce NaN or Infinity"), redis.run("HINCRBYFLOAT", "h", "i", "1"));
    assertEquals(bulk("1"), redis.run("HGET", "h", "fl"));
  }

  @Test
  void hrandfieldValidatesItsCountBeforeTheKey() {
    redis.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("HRANDFIELD", "h", "x"));
    assertEquals(error("ERR value is not an integer or out of range"),
        redis.run("HRANDFIELD", "h", "9223372036854775808"));
    assertEquals(error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"),
        redis.run("HRANDFIELD", "h", "-9223372036854775808"));
    assertEquals(error("ERR syntax error"), redis.run("HRANDFIELD", "h", "1", "x"));
    assertEquals(error("ERR syntax error"), redis.run("HRANDFIELD", "h", "1", "withvalues", "x"));
    final String outOfRange = error("ERR value is out of range");
    assertEquals(outOfRange, redis.run("HRANDFIELD", "h", "9223372036854775807", "withvalues"));
    assertEquals(outOfRange, redis.run("HRANDFIELD", "h", "4611686018427387904", "WITHVALUES"));
    assertEquals(outOfRange, redis.run("HRANDFIELD", "h", "-4611686018427387904", "withvalues"));
    assertEquals(bulks("a", "1", "b", "2", "c", "3"),
        redis.run("HRANDFIELD", "h", "4611686018427387903", "withvalues"));
  }

  @Test
  void hrandfieldOnMissingKeysAndZeroCounts() {
    redis.run("HSET", "h", "a", "1");
    assertEquals(NIL, redis.run("HRANDFIELD", "nokey"));
    assertEquals(EMPTY, redis.run("HRANDFIELD", "nokey", "3"));
    assertEquals(EMPTY, redis.run("HRANDFIELD", "nokey", "0"));
    assertEquals(EMPTY, redis.run("HRANDFIELD", "h", "0"));
    assertEquals(bulk("a"), redis.run("HRANDFIELD", "h"));
    redis.run("HELLO", "3");
    assertEquals("_\r\n", redis.run("HRANDFIELD", "nokey"));
    assertEquals(EMPTY, redis.run("HRANDFIELD", "nokey", "2", "withvalues"));
  }

  @Test
  void hrandfieldCountAtLeastTheSizeReturnsTheWholeHashInOrder() {
    redis.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertEquals(bulks("a", "1", "b", "2", "c", "3"), redis.run("HRANDFIELD", "h", "5", "withvalues"));
    assertEquals(bulks("a", "b", "c"), redis.run("HRANDFIELD", "h", "5"));
    redis.run("HELLO", "3");
    assertEquals("*3\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
        redis.run("HRANDFIELD", "h", "3", "withvalues"));
    assertEquals(bulks("a", "b", "c"), redis.run("HRANDFIELD", "h", "3"));
  }

  @Test
  void hrandfieldShapesInBothProtocols() {
    redis.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    final Map<String, String> all = Map.of("a", "1", "b", "2", "c", "3");
    final List<String> repeats = elements(redis.run("HRANDFIELD", "h", "-5", "WITHVALUES"));
    assertEquals(10, repeats.size());
    for (int i = 0; i < repeats.size(); i += 2) {
      assertEquals(all.get(repeats.get(i)), repeats.get(i + 1));
    }
    final List<String> distinct = elements(redis.run("HRANDFIELD", "h", "2"));
    assertEquals(2, new HashSet<>(distinct).size());
    assertTrue(all.keySet().containsAll(distinct));
    redis.run("HELLO", "3");
    final String one = redis.run("HRANDFIELD", "h", "1", "withvalues");
    assertTrue(one.startsWith("*1\r\n*2\r\n"), one);
    final String nested = redis.run("HRANDFIELD", "h", "-2", "withvalues");
    assertTrue(nested.startsWith("*2\r\n*2\r\n"), nested);
    assertEquals(4, elements(nested).size());
  }

  @Test
  void hrandfieldWithRepeatsEventuallyReturnsEveryField() {
    redis.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertEquals(Set.of("a", "b", "c"), new HashSet<>(elements(redis.run("HRANDFIELD", "h", "-200"))));
  }

  @Test
  void hscanReturnsACompactHashWholeWithCursorZero() {
    redis.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertEquals("*2\r\n$1\r\n0\r\n" + bulks("a", "1", "b", "2", "c", "3"), redis.run("HSCAN", "h", "0"));
    assertEquals("*2\r\n$1\r\n0\r\n" + bulks("a", "1", "b", "2", "c", "3"), redis.run("HSCAN", "h", "123"));
    assertEquals("*2\r\n$1\r\n0\r\n" + bulks("a", "1", "b", "2"),
        redis.run("HSCAN", "h", "0", "match", "[ab]", "count", "1"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("HSCAN", "h", "0", "MATCH", "z*"));
  }

  @Test
  void hscanMatchNeverMatchesAnEmptyFieldWithANonEmptyPattern() {
    redis.run("HSET", "h", "", "1", "a", "2");
    assertEquals("*2\r\n$1\r\n0\r\n" + bulks("a", "2"), redis.run("HSCAN", "h", "0", "MATCH", "**"));
    assertEquals("*2\r\n$1\r\n0\r\n" + bulks("", "1", "a", "2"), redis.run("HSCAN", "h", "0", "MATCH", "*"));
  }

  @Test
  void hscanErrorsAndMissingKey() {
    redis.run("HSET", "h", "a", "1");
    assertEquals(error("ERR invalid cursor"), redis.run("HSCAN", "h", "x"));
    assertEquals(error("ERR invalid cursor"), redis.run("HSCAN", "nokey", "x"));
    assertEquals(error("ERR syntax error"), redis.run("HSCAN", "h", "0", "count", "0"));
    assertEquals(error("ERR value is not an integer or out of range"), redis.run("HSCAN", "h", "0", "count", "x"));
    assertEquals(error("ERR syntax error"), redis.run("HSCAN", "h", "0", "type", "string"));
    assertEquals(error("ERR syntax error"), redis.run("HSCAN", "h", "0", "match"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("HSCAN", "nokey", "0"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", redis.run("HSCAN", "nokey", "0", "count", "0"));
  }

  @Test
  void hscanOfAHashTableVisitsEveryFieldAcrossCalls() {
    for (int i = 0; i < 1000; i++) {
      redis.run("HSET", "h", "f" + i, "v" + i);
    }
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "h"));
    final Map<String, String> seen = new HashMap<>();
    String cursor = "0";
    int calls = 0;
    do {
      final List<String> reply = elements(redis.run("HSCAN", "h", cursor, "COUNT", "50"));
      cursor = reply.get(0);
      seen.putAll(pairs(reply.subList(1, reply.size())));
      calls++;
      if (calls == 5) {
        // Growing the table mid-scan must not hide the fields present from the start.
        for (int i = 1000; i < 3000; i++) {
          redis.run("HSET", "h", "f" + i, "v" + i);
        }
      }
    } while (!cursor.equals("0"));
    assertTrue(calls > 5);
    for (int i = 0; i < 1000; i++) {
      assertEquals("v" + i, seen.get("f" + i));
    }
  }

  @Test
  void hscanMatchFiltersFieldsOfAHashTable() {
    for (int i = 0; i < 600; i++) {
      redis.run("HSET", "h", "f" + i, "v" + i);
    }
    final Set<String> fields = new HashSet<>();
    String cursor = "0";
    do {
      final List<String> reply = elements(redis.run("HSCAN", "h", cursor, "MATCH", "f1?"));
      cursor = reply.get(0);
      fields.addAll(pairs(reply.subList(1, reply.size())).keySet());
    } while (!cursor.equals("0"));
    final Set<String> expected = new HashSet<>();
    for (int i = 10; i < 20; i++) {
      expected.add("f" + i);
    }
    assertEquals(expected, fields);
  }

  @Test
  void crossingTheEntryCountThresholdKeepsRepliesAndChangesEncoding() {
    for (int i = 1; i <= 512; i++) {
      redis.run("HSET", "big", "f" + i, "v" + i);
    }
    assertEquals(bulk("listpack"), redis.run("OBJECT", "ENCODING", "big"));
    assertEquals(ZERO, redis.run("HSET", "big", "f1", "new"));
    assertEquals(bulk("listpack"), redis.run("OBJECT", "ENCODING", "big"));
    assertEquals(ONE, redis.run("HSET", "big", "f513", "v"));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "big"));
    assertEquals(":513\r\n", redis.run("HLEN", "big"));
    assertEquals(bulk("new"), redis.run("HGET", "big", "f1"));
    assertEquals(bulk("v512"), redis.run("HGET", "big", "f512"));
    assertEquals(":4\r\n", redis.run("HSTRLEN", "big", "f512"));
    assertEquals(":2\r\n", redis.run("HDEL", "big", "f513", "f1"));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "big"));
    assertEquals(":511\r\n", redis.run("HLEN", "big"));
    final Map<String, String> all = pairs(elements(redis.run("HGETALL", "big")));
    assertEquals(511, all.size());
    assertEquals("v2", all.get("f2"));
    assertEquals(511, elements(redis.run("HKEYS", "big")).size());
    assertEquals(":7\r\n", redis.run("HINCRBY", "big", "n", "7"));
    assertEquals(bulk("7.5"), redis.run("HINCRBYFLOAT", "big", "n", "0.5"));
    assertEquals(error("ERR hash value is not an integer"), redis.run("HINCRBY", "big", "n", "1"));
    assertEquals(ZERO, redis.run("HSETNX", "big", "n", "x"));
    assertEquals("+hash\r\n", redis.run("TYPE", "big"));
  }

  @Test
  void aLongFieldOrValueConvertsTheHash() {
    final String v64 = repeat('x', 64);
    final String v65 = repeat('x', 65);
    assertEquals(ONE, redis.run("HSET", "a", "f", v64));
    assertEquals(bulk("listpack"), redis.run("OBJECT", "ENCODING", "a"));
    assertEquals(ZERO, redis.run("HSET", "a", "f", v65));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "a"));
    assertEquals(bulk(v65), redis.run("HGET", "a", "f"));

    assertEquals(ONE, redis.run("HSET", "b", v65, "1"));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "b"));

    assertEquals(ONE, redis.run("HSETNX", "c", "f", "1"));
    assertEquals(ZERO, redis.run("HSETNX", "c", "f", v65));
    assertEquals(bulk("listpack"), redis.run("OBJECT", "ENCODING", "c"));
    assertEquals(ONE, redis.run("HSETNX", "c", v65, "1"));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "c"));

    assertEquals(ONE, redis.run("HINCRBY", "e", v65, "1"));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "e"));

    redis.run("HSET", "y", "a", v64);
    assertEquals(OK, redis.run("HMSET", "y", "b", v65));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "y"));
    assertEquals(bulks(v64, v65), redis.run("HMGET", "y", "a", "b"));
  }

  @Test
  void aLongHincrbyfloatResultConvertsTheHash() {
    redis.run("HSET", "d", "f", "1");
    assertEquals(bulk("10000000000000000000222479489586148259025995410601157579323600873193472"),
        redis.run("HINCRBYFLOAT", "d", "f", "1e70"));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "d"));
  }

  @Test
  void thresholdsAreReadFromTheConfigAtEachWrite() {
    redis.run("CONFIG", "SET", "hash-max-listpack-entries", "2");
    redis.run("HSET", "h", "a", "1", "b", "2");
    assertEquals(bulk("listpack"), redis.run("OBJECT", "ENCODING", "h"));
    redis.run("HSET", "h", "c", "3");
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "h"));
    redis.run("CONFIG", "SET", "hash-max-listpack-value", "3");
    redis.run("HSET", "k", "f", "1234");
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "k"));
  }

  @Test
  void emptiedHashTableDeletesItsKeyAndReleasesItsMemory() {
    final long before = redis.engine().keyspace().heapValues().bytes();
    final List<String> args = new ArrayList<>(Arrays.asList("HDEL", "h"));
    for (int i = 0; i < 600; i++) {
      redis.run("HSET", "h", "f" + i, "v" + i);
      args.add("f" + i);
    }
    assertTrue(redis.engine().keyspace().heapValues().bytes() > before + 600 * 32);
    assertEquals(":600\r\n", redis.run(args.toArray(new String[0])));
    assertEquals(ZERO, redis.run("EXISTS", "h"));
    assertEquals(before, redis.engine().keyspace().heapValues().bytes());
  }

  private void bigHash(final String key) {
    for (int i = 0; i < 600; i++) {
      redis.run("HSET", key, "f" + i, "v" + i);
    }
  }

  @Test
  void everyWayAHashTableKeyGoesAwayReleasesItsMemory() {
    final long before = redis.engine().keyspace().heapValues().bytes();
    bigHash("a");
    assertEquals(ONE, redis.run("DEL", "a"));
    bigHash("b");
    bigHash("c");
    assertEquals(OK, redis.run("RENAME", "b", "c"));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "c"));
    assertEquals(":600\r\n", redis.run("HLEN", "c"));
    assertEquals(ONE, redis.run("PEXPIRE", "c", "10"));
    redis.advance(20);
    assertEquals(ZERO, redis.run("HLEN", "c"));
    bigHash("d");
    assertEquals(OK, redis.run("FLUSHALL"));
    assertEquals(before, redis.engine().keyspace().heapValues().bytes());
  }

  @Test
  void copyOfAHashTableIsIndependent() {
    for (int i = 0; i < 600; i++) {
      redis.run("HSET", "h", "f" + i, "v" + i);
    }
    assertEquals(ONE, redis.run("COPY", "h", "h2"));
    redis.run("HSET", "h2", "f0", "changed");
    assertEquals(bulk("v0"), redis.run("HGET", "h", "f0"));
    assertEquals(bulk("changed"), redis.run("HGET", "h2", "f0"));
    assertEquals(bulk("hashtable"), redis.run("OBJECT", "ENCODING", "h2"));
  }

  @Test
  void hrandfieldOfAHashTableReturnsDistinctFieldsForEveryCase() {
    for (int i = 0; i < 600; i++) {
      redis.run("HSET", "h", "f" + i, "v" + i);
    }
    for (final String count : new String[] {"1", "10", "300", "599", "600", "1000"}) {
      final List<String> reply = elements(redis.run("HRANDFIELD", "h", count, "WITHVALUES"));
      final Map<String, String> got = pairs(reply);
      assertEquals(Math.min(600, Integer.parseInt(count)), got.size(), count);
      assertEquals(reply.size() / 2, got.size(), count);
      got.forEach((f, v) -> assertEquals("v" + f.substring(1), v));
    }
    assertEquals(50, elements(redis.run("HRANDFIELD", "h", "-50")).size());
    assertTrue(redis.run("HRANDFIELD", "h").startsWith("$"));
  }

  @Test
  void compactHashWritesAndReadsAllocateNothingOnceWarm() {
    final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    final CommandEvent event = new CommandEvent();
    final byte[][] keys = new byte[16][];
    final byte[][] fields = new byte[16][];
    for (int i = 0; i < 16; i++) {
      keys[i] = ("key:" + i).getBytes(StandardCharsets.US_ASCII);
      fields[i] = ("field:" + i).getBytes(StandardCharsets.US_ASCII);
    }
    final byte[] hset = "HSET".getBytes(StandardCharsets.US_ASCII);
    final byte[] hget = "HGET".getBytes(StandardCharsets.US_ASCII);
    final byte[] hincrby = "HINCRBY".getBytes(StandardCharsets.US_ASCII);
    final byte[] value = "xxx".getBytes(StandardCharsets.US_ASCII);
    final byte[] one = "1".getBytes(StandardCharsets.US_ASCII);
    long sequence = 1_000_000;
    long allocated = 0;
    for (int round = 0; round < 2; round++) {
      final long start = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
      for (int i = 0; i < 20_000; i++) {
        final byte[] key = keys[i & 15];
        final byte[] field = fields[(i >> 4) & 15];
        event.reset(EventType.COMMAND, redis.client, null, redis.time());
        event.args.add(hset).add(key).add(field).add(value);
        redis.engine().onEvent(event, sequence++, true);
        event.reset(EventType.COMMAND, redis.client, null, redis.time());
        event.args.add(hget).add(key).add(field);
        redis.engine().onEvent(event, sequence++, true);
        event.reset(EventType.COMMAND, redis.client, null, redis.time());
        event.args.add(hincrby).add(key).add(one).add(one);
        redis.engine().onEvent(event, sequence++, true);
      }
      allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - start;
    }
    // The second round runs on warm records and buffers: nothing per command, a little slack for the probe.
    assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
    assertEquals(bulk("xxx"), redis.run("HGET", "key:3", "field:0"));
  }
}
