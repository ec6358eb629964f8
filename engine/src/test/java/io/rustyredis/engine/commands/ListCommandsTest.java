package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Replies checked byte for byte against Redis 7.0.15 for the same commands. */
class ListCommandsTest {
  private static final String OK = "+OK\r\n";
  private static final String NIL = "$-1\r\n";
  private static final String NIL_ARRAY = "*-1\r\n";
  private static final String NULL3 = "_\r\n";
  private static final String EMPTY_ARRAY = "*0\r\n";
  private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
  private static final String SYNTAX = "-ERR syntax error\r\n";
  private static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
  private static final String OUT_OF_RANGE = "-ERR value is out of range, must be positive\r\n";
  private static final String RANK_ZERO = "-ERR RANK can't be zero: use 1 to start from the first match, 2 from the"
      + " second ... or use negative to start from the end of the list\r\n";

  private final EngineHarness redis = new EngineHarness();

  private static String bulk(final String value) {
    return "$" + value.getBytes(StandardCharsets.UTF_8).length + "\r\n" + value + "\r\n";
  }

  private static String integer(final long value) {
    return ":" + value + "\r\n";
  }

  private static String array(final String... values) {
    final StringBuilder out = new StringBuilder("*").append(values.length).append("\r\n");
    for (final String v : values) {
      out.append(bulk(v));
    }
    return out.toString();
  }

  private static String integers(final long... values) {
    final StringBuilder out = new StringBuilder("*").append(values.length).append("\r\n");
    for (final long v : values) {
      out.append(integer(v));
    }
    return out.toString();
  }

  private static long record(final EngineHarness harness, final String key) {
    final Database db = harness.engine().keyspace().database(0);
    final byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return db.find(k, Bytes.ARRAY_BASE, k.length);
  }

  @Test
  void pushesReturnTheNewLengthAndKeepOrder() {
    assertEquals(integer(3), redis.run("RPUSH", "l", "a", "b", "c"));
    assertEquals(integer(5), redis.run("LPUSH", "l", "x", "y"));
    assertEquals(array("y", "x", "a", "b", "c"), redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(integer(5), redis.run("LLEN", "l"));
    assertEquals(bulk("quicklist"), redis.run("OBJECT", "ENCODING", "l"));
    assertEquals("+list\r\n", redis.run("TYPE", "l"));
  }

  @Test
  void elementsAreBinarySafe() {
    assertEquals(integer(2), redis.run("RPUSH", "l", "a\r\nb", "\0"));
    assertEquals("*2\r\n$4\r\na\r\nb\r\n$1\r\n\0\r\n", redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(integer(1), redis.run("LPOS", "l", "\0"));
  }

  @Test
  void pushxOnlyPushesOntoAnExistingList() {
    assertEquals(integer(0), redis.run("LPUSHX", "nokey", "a", "b"));
    assertEquals(integer(0), redis.run("EXISTS", "nokey"));
    redis.run("RPUSH", "l", "a");
    assertEquals(integer(3), redis.run("LPUSHX", "l", "b", "c"));
    assertEquals(integer(4), redis.run("RPUSHX", "l", "z"));
    assertEquals(array("c", "b", "a", "z"), redis.run("LRANGE", "l", "0", "-1"));
  }

  @Test
  void popsWithoutCountOnMissingKeyReplyNullBulkAndWithCountNullArray() {
    assertEquals(NIL, redis.run("LPOP", "nokey"));
    assertEquals(NIL_ARRAY, redis.run("LPOP", "nokey", "0"));
    assertEquals(NIL_ARRAY, redis.run("RPOP", "nokey", "2"));
    redis.run("HELLO", "3");
    assertEquals(NULL3, redis.run("LPOP", "nokey"));
    assertEquals(NULL3, redis.run("LPOP", "nokey", "0"));
    assertEquals(NULL3, redis.run("RPOP", "nokey", "2"));
  }

  @Test
  void popsWithCount() {
    redis.run("RPUSH", "l", "a", "b", "c");
    assertEquals(EMPTY_ARRAY, redis.run("LPOP", "l", "0"));
    assertEquals(OUT_OF_RANGE, redis.run("LPOP", "l", "-1"));
    assertEquals(OUT_OF_RANGE, redis.run("LPOP", "l", "x"));
    assertEquals("-ERR wrong number of arguments for 'lpop' command\r\n", redis.run("LPOP", "l", "1", "2"));
    assertEquals(array("c", "b"), redis.run("RPOP", "l", "2"));
    assertEquals(array("a"), redis.run("LPOP", "l", "5"));
    assertEquals(integer(0), redis.run("EXISTS", "l"));
    assertEquals(NIL_ARRAY, redis.run("LPOP", "l", "1"));
  }

  @Test
  void singlePopsTakeFromEachEndAndDeleteTheEmptiedKey() {
    redis.run("RPUSH", "l", "a", "b", "c");
    assertEquals(bulk("a"), redis.run("LPOP", "l"));
    assertEquals(bulk("c"), redis.run("RPOP", "l"));
    assertEquals(bulk("b"), redis.run("RPOP", "l"));
    assertEquals(integer(0), redis.run("EXISTS", "l"));
    assertEquals(0, record(redis, "l"));
  }

  @Test
  void everyCommandRefusesAKeyOfAnotherType() {
    redis.run("SET", "s", "v");
    for (final String[] command : new String[][] {
        {"LPUSH", "s", "a"}, {"RPUSH", "s", "a"}, {"LPUSHX", "s", "a"}, {"RPUSHX", "s", "a"}, {"LPOP", "s"},
        {"LPOP", "s", "0"}, {"RPOP", "s"}, {"LLEN", "s"}, {"LRANGE", "s", "0", "-1"}, {"LINDEX", "s", "0"},
        {"LINDEX", "s", "x"}, {"LSET", "s", "0", "x"}, {"LSET", "s", "x", "x"}, {"LINSERT", "s", "after", "z", "y"},
        {"LREM", "s", "1", "a"}, {"LTRIM", "s", "0", "1"}, {"LPOS", "s", "a"}, {"LMOVE", "s", "d", "LEFT", "LEFT"},
        {"RPOPLPUSH", "s", "d"}, {"LMPOP", "1", "s", "LEFT"}}) {
      assertEquals(WRONGTYPE, redis.run(command), String.join(" ", command));
    }
    assertEquals(bulk("v"), redis.run("GET", "s"));
  }

  @Test
  void argumentErrorsComeBeforeTheKeyWhereRedisParsesFirst() {
    redis.run("SET", "s", "v");
    assertEquals(OUT_OF_RANGE, redis.run("LPOP", "s", "-1"));
    assertEquals(NOT_INTEGER, redis.run("LRANGE", "s", "x", "1"));
    assertEquals(NOT_INTEGER, redis.run("LTRIM", "nokey", "x", "1"));
    assertEquals(NOT_INTEGER, redis.run("LREM", "s", "x", "a"));
    assertEquals(SYNTAX, redis.run("LINSERT", "s", "middle", "a", "b"));
    assertEquals(SYNTAX, redis.run("LMOVE", "nokey", "s", "UP", "LEFT"));
    assertEquals(RANK_ZERO, redis.run("LPOS", "s", "a", "RANK", "0"));
    assertEquals(NIL, redis.run("LINDEX", "nokey", "x"));
    assertEquals("-ERR no such key\r\n", redis.run("LSET", "nokey", "x", "v"));
  }

  @Test
  void lrangeClampsNegativeAndOutOfRangeIndexes() {
    redis.run("RPUSH", "l", "a", "b", "c", "d", "e");
    assertEquals(array("a", "b", "c", "d", "e"), redis.run("LRANGE", "l", "-100", "100"));
    assertEquals(EMPTY_ARRAY, redis.run("LRANGE", "l", "3", "1"));
    assertEquals(EMPTY_ARRAY, redis.run("LRANGE", "l", "5", "10"));
    assertEquals(array("d", "e"), redis.run("LRANGE", "l", "-2", "-1"));
    assertEquals(array("b", "c"), redis.run("LRANGE", "l", "1", "2"));
    assertEquals(EMPTY_ARRAY, redis.run("LRANGE", "nokey", "0", "-1"));
    assertEquals(NOT_INTEGER, redis.run("LRANGE", "l", "x", "1"));
    redis.run("HELLO", "3");
    assertEquals(EMPTY_ARRAY, redis.run("LRANGE", "nokey", "0", "-1"));
  }

  @Test
  void lindexCountsFromEitherEnd() {
    redis.run("RPUSH", "l", "a", "b", "c", "d", "e");
    assertEquals(bulk("e"), redis.run("LINDEX", "l", "-1"));
    assertEquals(bulk("a"), redis.run("LINDEX", "l", "-5"));
    assertEquals(bulk("c"), redis.run("LINDEX", "l", "2"));
    assertEquals(NIL, redis.run("LINDEX", "l", "5"));
    assertEquals(NIL, redis.run("LINDEX", "l", "-6"));
    assertEquals(NOT_INTEGER, redis.run("LINDEX", "l", "x"));
    assertEquals(NIL, redis.run("LINDEX", "nokey", "0"));
  }

  @Test
  void lsetReplacesByIndexOrSaysWhyNot() {
    assertEquals("-ERR no such key\r\n", redis.run("LSET", "nokey", "0", "x"));
    redis.run("RPUSH", "l", "a", "b", "c", "d", "e");
    assertEquals("-ERR index out of range\r\n", redis.run("LSET", "l", "10", "x"));
    assertEquals("-ERR index out of range\r\n", redis.run("LSET", "l", "-6", "x"));
    assertEquals(NOT_INTEGER, redis.run("LSET", "l", "x", "z"));
    assertEquals(OK, redis.run("LSET", "l", "-5", "z"));
    assertEquals(OK, redis.run("LSET", "l", "2", "longer value"));
    assertEquals(OK, redis.run("LSET", "l", "4", ""));
    assertEquals(array("z", "b", "longer value", "d", ""), redis.run("LRANGE", "l", "0", "-1"));
  }

  @Test
  void linsertFindsThePivot() {
    assertEquals(integer(0), redis.run("LINSERT", "nokey", "BEFORE", "a", "y"));
    redis.run("RPUSH", "l", "a", "b", "c");
    assertEquals(integer(-1), redis.run("LINSERT", "l", "before", "zz", "y"));
    assertEquals(SYNTAX, redis.run("LINSERT", "l", "middle", "a", "y"));
    assertEquals(integer(4), redis.run("LINSERT", "l", "AFTER", "c", "d"));
    assertEquals(integer(5), redis.run("LINSERT", "l", "BEFORE", "a", "0"));
    assertEquals(integer(6), redis.run("LINSERT", "l", "after", "a", "a2"));
    assertEquals(array("0", "a", "a2", "b", "c", "d"), redis.run("LRANGE", "l", "0", "-1"));
  }

  @Test
  void lremRemovesFromHeadTailOrEverywhere() {
    redis.run("RPUSH", "l", "a", "b", "a", "c", "a");
    assertEquals(integer(0), redis.run("LREM", "l", "0", "zz"));
    assertEquals(integer(1), redis.run("LREM", "l", "-1", "a"));
    assertEquals(array("a", "b", "a", "c"), redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(integer(1), redis.run("LREM", "l", "1", "a"));
    assertEquals(array("b", "a", "c"), redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(integer(1), redis.run("LREM", "l", "0", "a"));
    assertEquals(integer(0), redis.run("LREM", "nokey", "1", "a"));
    assertEquals(NOT_INTEGER, redis.run("LREM", "l", "x", "a"));
    assertEquals(integer(1), redis.run("LREM", "l", "0", "b"));
    assertEquals(integer(1), redis.run("LREM", "l", "0", "c"));
    assertEquals(integer(0), redis.run("EXISTS", "l"));
  }

  @Test
  void lremWithTheMostNegativeCountRemovesEveryMatch() {
    redis.run("RPUSH", "l", "a", "b", "a");
    assertEquals(integer(2), redis.run("LREM", "l", "-9223372036854775808", "a"));
    assertEquals(array("b"), redis.run("LRANGE", "l", "0", "-1"));
  }

  @Test
  void ltrimKeepsARangeAndDeletesAnEmptiedKey() {
    redis.run("RPUSH", "l", "a", "b", "c", "d", "e");
    assertEquals(OK, redis.run("LTRIM", "l", "1", "-2"));
    assertEquals(array("b", "c", "d"), redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(OK, redis.run("LTRIM", "l", "-100", "100"));
    assertEquals(integer(3), redis.run("LLEN", "l"));
    assertEquals(OK, redis.run("LTRIM", "l", "5", "10"));
    assertEquals(integer(0), redis.run("EXISTS", "l"));
    assertEquals(OK, redis.run("LTRIM", "nokey", "0", "1"));
    redis.run("RPUSH", "l", "a", "b", "c", "d", "e");
    assertEquals(OK, redis.run("LTRIM", "l", "-2", "-10"));
    assertEquals(integer(0), redis.run("EXISTS", "l"));
  }

  @Test
  void lposFindsMatchesWithRankCountAndMaxlen() {
    redis.run("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
    assertEquals(integer(2), redis.run("LPOS", "l", "c"));
    assertEquals(integer(6), redis.run("LPOS", "l", "c", "RANK", "2"));
    assertEquals(integer(7), redis.run("LPOS", "l", "c", "RANK", "-1"));
    assertEquals(RANK_ZERO, redis.run("LPOS", "l", "c", "RANK", "0"));
    assertEquals(integers(2, 6, 7), redis.run("LPOS", "l", "c", "COUNT", "0"));
    assertEquals(integers(7, 6), redis.run("LPOS", "l", "c", "COUNT", "2", "RANK", "-1"));
    assertEquals("-ERR COUNT can't be negative\r\n", redis.run("LPOS", "l", "c", "COUNT", "-1"));
    assertEquals("-ERR COUNT can't be negative\r\n", redis.run("LPOS", "l", "c", "COUNT", "x"));
    assertEquals("-ERR MAXLEN can't be negative\r\n", redis.run("LPOS", "l", "c", "MAXLEN", "-1"));
    assertEquals(integer(2), redis.run("LPOS", "l", "c", "MAXLEN", "3"));
    assertEquals(NIL, redis.run("LPOS", "l", "c", "MAXLEN", "2"));
    assertEquals(integers(2), redis.run("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "3"));
    assertEquals(NIL, redis.run("LPOS", "l", "zz"));
    assertEquals(EMPTY_ARRAY, redis.run("LPOS", "l", "zz", "COUNT", "2"));
    assertEquals(NIL, redis.run("LPOS", "nokey", "a"));
    assertEquals(EMPTY_ARRAY, redis.run("LPOS", "nokey", "a", "COUNT", "1"));
    assertEquals(NOT_INTEGER, redis.run("LPOS", "l", "c", "RANK", "x"));
    assertEquals(integer(7), redis.run("LPOS", "l", "c", "RANK", "-9223372036854775808"));
    assertEquals(SYNTAX, redis.run("LPOS", "l", "c", "foo"));
    assertEquals(SYNTAX, redis.run("LPOS", "l", "c", "RANK"));
    assertEquals(NIL, redis.run("LPOS", "l", "c", "RANK", "10"));
    assertEquals(EMPTY_ARRAY, redis.run("LPOS", "l", "c", "RANK", "10", "COUNT", "1"));
  }

  @Test
  void lmoveMovesBetweenEndsAndRotatesOnOneKey() {
    redis.run("RPUSH", "l", "a", "b", "c");
    assertEquals(bulk("a"), redis.run("LMOVE", "l", "d", "LEFT", "RIGHT"));
    assertEquals(bulk("c"), redis.run("LMOVE", "l", "d", "right", "left"));
    assertEquals(array("c", "a"), redis.run("LRANGE", "d", "0", "-1"));
    assertEquals(bulk("b"), redis.run("LMOVE", "l", "l", "LEFT", "RIGHT"));
    assertEquals(array("b"), redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(NIL, redis.run("LMOVE", "nokey", "d", "LEFT", "LEFT"));
    assertEquals(SYNTAX, redis.run("LMOVE", "l", "d", "UP", "LEFT"));
    assertEquals(bulk("b"), redis.run("RPOPLPUSH", "l", "d"));
    assertEquals(NIL, redis.run("RPOPLPUSH", "nokey", "d"));
    assertEquals(array("b", "c", "a"), redis.run("LRANGE", "d", "0", "-1"));
    assertEquals(integer(0), redis.run("EXISTS", "l"));
    assertEquals(bulk("a"), redis.run("RPOPLPUSH", "d", "d"));
    assertEquals(array("a", "b", "c"), redis.run("LRANGE", "d", "0", "-1"));
  }

  @Test
  void lmoveChecksTheDestinationTypeBeforePopping() {
    redis.run("SET", "s", "v");
    redis.run("RPUSH", "l", "a");
    assertEquals(WRONGTYPE, redis.run("LMOVE", "l", "s", "LEFT", "LEFT"));
    assertEquals(array("a"), redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(NIL, redis.run("LMOVE", "nokey", "s", "LEFT", "LEFT"));
  }

  @Test
  void lmpopPopsFromTheFirstNonEmptyKey() {
    redis.run("RPUSH", "l", "a", "b", "c");
    assertEquals("*2\r\n" + bulk("l") + array("a"), redis.run("LMPOP", "2", "nokey", "l", "LEFT"));
    assertEquals("*2\r\n" + bulk("l") + array("c", "b"), redis.run("LMPOP", "2", "nokey", "l", "RIGHT", "COUNT", "5"));
    assertEquals(integer(0), redis.run("EXISTS", "l"));
    assertEquals(NIL_ARRAY, redis.run("LMPOP", "1", "nokey", "LEFT"));
    assertEquals(NIL_ARRAY, redis.run("LMPOP", "1", "nokey", "LEFT", "COUNT", "2"));
    redis.run("HELLO", "3");
    assertEquals(NULL3, redis.run("LMPOP", "1", "nokey", "LEFT"));
  }

  @Test
  void lmpopArgumentErrors() {
    redis.run("SET", "s", "v");
    redis.run("RPUSH", "l", "x");
    final String numkeys = "-ERR numkeys should be greater than 0\r\n";
    final String count = "-ERR count should be greater than 0\r\n";
    assertEquals(numkeys, redis.run("LMPOP", "0", "l", "LEFT"));
    assertEquals(numkeys, redis.run("LMPOP", "-1", "l", "LEFT"));
    assertEquals(numkeys, redis.run("LMPOP", "x", "l", "LEFT"));
    assertEquals(SYNTAX, redis.run("LMPOP", "3", "l", "LEFT"));
    assertEquals(SYNTAX, redis.run("LMPOP", "9999999999999", "l", "LEFT"));
    assertEquals(SYNTAX, redis.run("LMPOP", "1", "l", "MIDDLE"));
    assertEquals(count, redis.run("LMPOP", "1", "l", "LEFT", "COUNT", "0"));
    assertEquals(count, redis.run("LMPOP", "1", "l", "LEFT", "COUNT", "-1"));
    assertEquals(count, redis.run("LMPOP", "1", "l", "LEFT", "COUNT", "x"));
    assertEquals(count, redis.run("LMPOP", "1", "s", "LEFT", "COUNT", "0"));
    assertEquals(SYNTAX, redis.run("LMPOP", "1", "l", "LEFT", "COUNT"));
    assertEquals(SYNTAX, redis.run("LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "2"));
    assertEquals(SYNTAX, redis.run("LMPOP", "1", "l", "LEFT", "foo"));
    assertEquals(SYNTAX, redis.run("LMPOP", "1", "l", "LEFT", "COUNT", "1", "extra"));
    assertEquals(WRONGTYPE, redis.run("LMPOP", "2", "s", "l", "LEFT"));
    assertEquals("-ERR wrong number of arguments for 'lmpop' command\r\n", redis.run("LMPOP", "1", "l"));
    assertEquals(integer(1), redis.run("LLEN", "l"));
  }

  @Test
  void crossingTheCompactLimitByCountKeepsRepliesAndChangesTheInternalEncoding() {
    final List<String> model = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      redis.run("RPUSH", "l", "e" + i);
      model.add("e" + i);
    }
    assertEquals(Record.ENCODING_QUICKLIST_PACKED, Record.encoding(record(redis, "l")));
    assertEquals(integer(129), redis.run("LPUSH", "l", "first"));
    model.add(0, "first");
    assertEquals(Record.ENCODING_QUICKLIST, Record.encoding(record(redis, "l")));
    assertEquals(bulk("quicklist"), redis.run("OBJECT", "ENCODING", "l"));
    assertEquals(array(model.toArray(new String[0])), redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(bulk("e99"), redis.run("LINDEX", "l", "100"));
    assertEquals(bulk("e127"), redis.run("LINDEX", "l", "-1"));
    assertEquals(integer(100), redis.run("LPOS", "l", "e99"));
    assertEquals(array("e125", "e126", "e127"), redis.run("LRANGE", "l", "-3", "-1"));
    assertEquals(array("first", "e0"), redis.run("LPOP", "l", "2"));
    assertEquals(bulk("e127"), redis.run("RPOP", "l"));
    assertEquals(OK, redis.run("LTRIM", "l", "0", "0"));
    assertEquals(array("e1"), redis.run("LRANGE", "l", "0", "-1"));
    assertEquals(bulk("e1"), redis.run("LPOP", "l"));
    assertEquals(integer(0), redis.run("EXISTS", "l"));
    assertEquals(0, redis.engine().keyspace().heapValues().bytes());
  }

  @Test
  void crossingTheCompactLimitByBytesConverts() {
    final String big = "x".repeat(3000);
    redis.run("RPUSH", "l", big, big);
    assertEquals(Record.ENCODING_QUICKLIST_PACKED, Record.encoding(record(redis, "l")));
    assertEquals(integer(3), redis.run("RPUSH", "l", big));
    assertEquals(Record.ENCODING_QUICKLIST, Record.encoding(record(redis, "l")));
    assertEquals(bulk(big), redis.run("LINDEX", "l", "2"));
    redis.run("RPUSH", "m", "a");
    assertEquals(OK, redis.run("LSET", "m", "0", "y".repeat(9000)));
    assertEquals(Record.ENCODING_QUICKLIST, Record.encoding(record(redis, "m")));
    assertEquals(bulk("y".repeat(9000)), redis.run("LPOP", "m"));
  }

  @Test
  void conversionKeepsTheDeadlineAndGivesBackTheCompactBytes() {
    final String value = "x".repeat(50);
    for (int i = 0; i < 128; i++) {
      redis.run("RPUSH", "l", value);
    }
    assertTrue(Record.valueCapacity(record(redis, "l")) > 6000);
    assertEquals(integer(1), redis.run("EXPIRE", "l", "100"));
    assertEquals(integer(129), redis.run("RPUSH", "l", "last"));
    assertEquals(Record.ENCODING_QUICKLIST, Record.encoding(record(redis, "l")));
    assertTrue(Record.valueCapacity(record(redis, "l")) < 256);
    assertEquals(integer(100), redis.run("TTL", "l"));
    assertEquals(bulk("last"), redis.run("LINDEX", "l", "-1"));
    assertEquals(integer(129), redis.run("LLEN", "l"));
    redis.advance(100_001);
    assertEquals(integer(0), redis.run("EXISTS", "l"));
    assertEquals(0, redis.engine().keyspace().heapValues().bytes());
  }

  @Test
  void largerListpackSizeKeepsListsCompactLonger() {
    redis.run("CONFIG", "SET", "list-max-listpack-size", "-3");
    final String big = "x".repeat(3000);
    redis.run("RPUSH", "l", big, big, big, big, big);
    assertEquals(Record.ENCODING_QUICKLIST_PACKED, Record.encoding(record(redis, "l")));
    redis.run("CONFIG", "SET", "list-max-listpack-size", "4");
    redis.run("RPUSH", "m", "a", "b", "c", "d");
    assertEquals(Record.ENCODING_QUICKLIST_PACKED, Record.encoding(record(redis, "m")));
    redis.run("RPUSH", "m", "e");
    assertEquals(Record.ENCODING_QUICKLIST, Record.encoding(record(redis, "m")));
  }

  @Test
  void heapMemoryIsAccountedAndReleasedWithTheKey() {
    for (int i = 0; i < 300; i++) {
      redis.run("RPUSH", "l", "element-" + i);
    }
    assertTrue(redis.engine().keyspace().heapValues().bytes() > 300 * 24);
    redis.run("COPY", "l", "c");
    assertEquals(redis.run("LRANGE", "l", "0", "-1"), redis.run("LRANGE", "c", "0", "-1"));
    redis.run("DEL", "l", "c");
    assertEquals(0, redis.engine().keyspace().heapValues().bytes());
  }

  /**
   * The same random commands against a harness whose lists are always compact (a huge entry cap)
   * and one whose lists always live on the heap: every reply must be the same.
   */
  @Test
  void compactAndHeapEncodingsReplyIdentically() {
    final Config heapConfig = new Config();
    heapConfig.set("list-max-listpack-size", "0");
    final EngineHarness heap = new EngineHarness(heapConfig);
    final SplittableRandom random = new SplittableRandom(42);
    final String[] keys = {"a", "b"};
    for (int step = 0; step < 5000; step++) {
      final String key = keys[random.nextInt(2)];
      final String other = keys[random.nextInt(2)];
      final String value = "v" + random.nextInt(6);
      final String n = Integer.toString(random.nextInt(14) - 7);
      final String[] command = switch (random.nextInt(14)) {
        case 0 -> new String[] {"LPUSH", key, value, "v" + random.nextInt(6)};
        case 1 -> new String[] {"RPUSH", key, value};
        case 2 -> new String[] {"LPOP", key};
        case 3 -> new String[] {"RPOP", key, Integer.toString(random.nextInt(3))};
        case 4 -> new String[] {"LRANGE", key, n, Integer.toString(random.nextInt(14) - 7)};
        case 5 -> new String[] {"LINDEX", key, n};
        case 6 -> new String[] {"LSET", key, n, value};
        case 7 -> new String[] {"LINSERT", key, random.nextBoolean() ? "BEFORE" : "AFTER", "v" + random.nextInt(6), value};
        case 8 -> new String[] {"LREM", key, n, value};
        case 9 -> new String[] {"LTRIM", key, n, Integer.toString(random.nextInt(14) - 7)};
        case 10 -> new String[] {"LPOS", key, value, "RANK", random.nextBoolean() ? "1" : "-2", "COUNT", "0"};
        case 11 -> new String[] {"LMOVE", key, other, random.nextBoolean() ? "LEFT" : "RIGHT", "RIGHT"};
        case 12 -> new String[] {"LMPOP", "2", key, other, "LEFT", "COUNT", "2"};
        default -> new String[] {"RPUSH", key, value, value, value};
      };
      assertEquals(redis.run(command), heap.run(command), String.join(" ", command));
    }
    for (final String key : keys) {
      assertEquals(redis.run("LRANGE", key, "0", "-1"), heap.run("LRANGE", key, "0", "-1"));
    }
  }
}
