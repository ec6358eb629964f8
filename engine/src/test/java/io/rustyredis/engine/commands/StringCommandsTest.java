package io.rustyredis.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Replies checked byte for byte against Redis 7.0.15 for the same commands. */
class StringCommandsTest {
  private static final String OK = "+OK\r\n";
  private static final String NIL = "$-1\r\n";
  private static final String EMPTY = "$0\r\n\r\n";
  private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
  private static final String SYNTAX = "-ERR syntax error\r\n";
  private static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
  private static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";

  private final EngineHarness redis = new EngineHarness();

  private static String bulk(final String value) {
    return "$" + value.getBytes(StandardCharsets.UTF_8).length + "\r\n" + value + "\r\n";
  }

  private static String integer(final long value) {
    return ":" + value + "\r\n";
  }

  private Database db() {
    return redis.engine().keyspace().database(0);
  }

  private long record(final String key) {
    final byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return db().find(k, Bytes.ARRAY_BASE, k.length);
  }

  private long deadline(final String key) {
    return Record.expireAt(record(key));
  }

  private String encoding(final String key) {
    switch (Record.encoding(record(key))) {
      case Record.ENCODING_INT:
        return "int";
      case Record.ENCODING_EMBSTR:
        return "embstr";
      default:
        return "raw";
    }
  }

  /** A key of some other type: only strings exist yet, so the record is made by hand. */
  private void otherType(final String key) {
    final byte[] k = key.getBytes(StandardCharsets.UTF_8);
    db().insert(k, Bytes.ARRAY_BASE, k.length, (byte) 1, 0, 0);
  }

  @Test
  void getReturnsNilForMissingAndTheValueOtherwise() {
    assertEquals(NIL, redis.run("GET", "k"));
    assertEquals(OK, redis.run("SET", "k", "hello"));
    assertEquals(bulk("hello"), redis.run("GET", "k"));
    assertEquals(OK, redis.run("SET", "k", ""));
    assertEquals(EMPTY, redis.run("GET", "k"));
  }

  @Test
  void stringReadsRefuseOtherTypes() {
    otherType("l");
    assertEquals(WRONGTYPE, redis.run("GET", "l"));
    assertEquals(WRONGTYPE, redis.run("STRLEN", "l"));
    assertEquals(WRONGTYPE, redis.run("GETRANGE", "l", "0", "1"));
    assertEquals(WRONGTYPE, redis.run("APPEND", "l", "x"));
    assertEquals(WRONGTYPE, redis.run("SETRANGE", "l", "0", "x"));
    assertEquals(WRONGTYPE, redis.run("SETRANGE", "l", "0", ""));
    assertEquals(WRONGTYPE, redis.run("INCR", "l"));
    assertEquals(WRONGTYPE, redis.run("INCRBYFLOAT", "l", "1"));
    assertEquals(WRONGTYPE, redis.run("GETSET", "l", "v"));
    assertEquals(WRONGTYPE, redis.run("GETDEL", "l"));
    assertEquals(WRONGTYPE, redis.run("GETEX", "l", "EX", "0"));
    assertEquals(WRONGTYPE, redis.run("SET", "l", "v", "GET"));
    assertEquals(WRONGTYPE, redis.run("SET", "l", "v", "NX", "GET"));
    assertEquals("*2\r\n$-1\r\n$-1\r\n", redis.run("MGET", "l", "missing"));
  }

  @Test
  void setOverwritesAKeyOfAnyType() {
    otherType("l");
    assertEquals(OK, redis.run("SET", "l", "v"));
    assertEquals(bulk("v"), redis.run("GET", "l"));
  }

  @Test
  void setRejectsConflictingOptions() {
    assertEquals(SYNTAX, redis.run("SET", "k", "v", "NX", "XX"));
    assertEquals(SYNTAX, redis.run("SET", "k", "v", "EX", "10", "PX", "10"));
    assertEquals(SYNTAX, redis.run("SET", "k", "v", "KEEPTTL", "EX", "5"));
    assertEquals(SYNTAX, redis.run("SET", "k", "v", "EX", "5", "KEEPTTL"));
    assertEquals(SYNTAX, redis.run("SET", "k", "v", "EXAT", "5", "PXAT", "5"));
    assertEquals(SYNTAX, redis.run("SET", "k", "v", "PERSIST"));
    assertEquals(SYNTAX, redis.run("SET", "k", "v", "EX"));
    assertEquals(SYNTAX, redis.run("SET", "k", "v", "foo"));
    assertEquals(NIL, redis.run("GET", "k"));
  }

  @Test
  void setAcceptsARepeatedOption() {
    assertEquals(OK, redis.run("SET", "k", "v", "EX", "10", "ex", "20"));
    assertEquals(redis.time() + 20_000, deadline("k"));
    assertEquals(NIL, redis.run("SET", "k", "v", "NX", "nx"));
  }

  @Test
  void setRejectsExpireTimesThatAreNotPositiveOrOverflow() {
    final String invalid = "-ERR invalid expire time in 'set' command\r\n";
    assertEquals(invalid, redis.run("SET", "k", "v", "EX", "0"));
    assertEquals(invalid, redis.run("SET", "k", "v", "PX", "-1"));
    assertEquals(invalid, redis.run("SET", "k", "v", "EXAT", "0"));
    assertEquals(invalid, redis.run("SET", "k", "v", "EX", "9223372036854776"));
    assertEquals(invalid, redis.run("SET", "k", "v", "EX", "9223372036854775"));
    assertEquals(invalid, redis.run("SET", "k", "v", "PX", "9223372036854775807"));
    assertEquals(invalid, redis.run("SET", "k", "v", "EXAT", "9223372036854776"));
    assertEquals(NOT_INTEGER, redis.run("SET", "k", "v", "EX", "abc"));
    assertEquals(NOT_INTEGER, redis.run("SET", "k", "v", "EX", "1.5"));
    assertEquals(NIL, redis.run("GET", "k"));
    assertEquals(OK, redis.run("SET", "k", "v", "EXAT", "9223372036854775"));
    assertEquals(9223372036854775000L, deadline("k"));
    assertEquals(OK, redis.run("SET", "k", "v", "PXAT", "9223372036854775807"));
    assertEquals(Long.MAX_VALUE, deadline("k"));
  }

  @Test
  void setValidatesTheExpiryBeforeTheType() {
    otherType("l");
    assertEquals("-ERR invalid expire time in 'set' command\r\n", redis.run("SET", "l", "v", "GET", "EX", "0"));
  }

  @Test
  void setExpiryOptionsSetAbsoluteDeadlines() {
    final long now = redis.time();
    assertEquals(OK, redis.run("SET", "a", "v", "EX", "10"));
    assertEquals(now + 10_000, deadline("a"));
    assertEquals(OK, redis.run("SET", "b", "v", "PX", "1500"));
    assertEquals(now + 1500, deadline("b"));
    assertEquals(OK, redis.run("SET", "c", "v", "EXAT", "1800000000"));
    assertEquals(1_800_000_000_000L, deadline("c"));
    assertEquals(OK, redis.run("SET", "d", "v", "PXAT", "1800000000123"));
    assertEquals(1_800_000_000_123L, deadline("d"));
    redis.advance(1500);
    assertEquals(NIL, redis.run("GET", "b"));
    assertEquals(bulk("v"), redis.run("GET", "a"));
  }

  @Test
  void setClearsTheDeadlineUnlessKeepttl() {
    redis.run("SET", "k", "v", "EX", "100");
    assertEquals(OK, redis.run("SET", "k", "w", "KEEPTTL"));
    assertEquals(redis.time() + 100_000, deadline("k"));
    assertEquals(OK, redis.run("SET", "k", "x"));
    assertEquals(Record.NO_EXPIRY, deadline("k"));
    assertEquals(0, db().volatileCount());
  }

  @Test
  void setWithADeadlineInThePastLeavesNoVisibleKey() {
    assertEquals(OK, redis.run("SET", "k", "v", "EXAT", "1"));
    assertEquals("*1\r\n$-1\r\n", redis.run("MGET", "k"));
    redis.run("SET", "k", "1");
    assertEquals(bulk("1"), redis.run("SET", "k", "2", "PXAT", "1", "GET"));
    assertEquals(integer(0), redis.run("EXISTS", "k"));
  }

  @Test
  void setNxAndXxDependOnTheKeyExisting() {
    assertEquals(NIL, redis.run("SET", "k", "v", "XX"));
    assertEquals(NIL, redis.run("GET", "k"));
    assertEquals(OK, redis.run("SET", "k", "v", "NX"));
    assertEquals(NIL, redis.run("SET", "k", "w", "NX"));
    assertEquals(OK, redis.run("SET", "k", "w", "XX"));
    assertEquals(bulk("w"), redis.run("GET", "k"));
  }

  @Test
  void setGetRepliesWithTheOldValue() {
    assertEquals(NIL, redis.run("SET", "k", "v", "GET"));
    assertEquals(bulk("v"), redis.run("SET", "k", "w", "GET"));
    assertEquals(bulk("w"), redis.run("SET", "k", "x", "NX", "GET"));
    assertEquals(bulk("w"), redis.run("GET", "k"));
    assertEquals(NIL, redis.run("SET", "n", "x", "XX", "GET"));
    assertEquals(NIL, redis.run("GET", "n"));
    assertEquals(NIL, redis.run("SET", "m", "x", "NX", "GET"));
    assertEquals(bulk("x"), redis.run("GET", "m"));
  }

  @Test
  void setnxRepliesOneOrZero() {
    assertEquals(integer(1), redis.run("SETNX", "k", "v"));
    assertEquals(integer(0), redis.run("SETNX", "k", "w"));
    assertEquals(bulk("v"), redis.run("GET", "k"));
  }

  @Test
  void setexAndPsetexSetValueAndDeadline() {
    assertEquals(OK, redis.run("SETEX", "k", "100", "v"));
    assertEquals(redis.time() + 100_000, deadline("k"));
    assertEquals(OK, redis.run("PSETEX", "p", "250", "v"));
    assertEquals(redis.time() + 250, deadline("p"));
    assertEquals("-ERR invalid expire time in 'setex' command\r\n", redis.run("SETEX", "k", "0", "v"));
    assertEquals("-ERR invalid expire time in 'psetex' command\r\n", redis.run("PSETEX", "k", "-5", "v"));
    assertEquals(NOT_INTEGER, redis.run("SETEX", "k", "abc", "v"));
    assertEquals("-ERR wrong number of arguments for 'setex' command\r\n", redis.run("SETEX", "k", "1"));
  }

  @Test
  void getsetReturnsTheOldValueAndClearsTheDeadline() {
    assertEquals(NIL, redis.run("GETSET", "k", "v"));
    redis.run("SETEX", "k", "100", "v");
    assertEquals(bulk("v"), redis.run("GETSET", "k", "x"));
    assertEquals(bulk("x"), redis.run("GET", "k"));
    assertEquals(Record.NO_EXPIRY, deadline("k"));
  }

  @Test
  void getdelReturnsAndRemoves() {
    redis.run("SET", "k", "v");
    assertEquals(bulk("v"), redis.run("GETDEL", "k"));
    assertEquals(NIL, redis.run("GETDEL", "k"));
    assertEquals(integer(0), redis.run("EXISTS", "k"));
  }

  @Test
  void getexChangesOrClearsTheDeadline() {
    assertEquals(NIL, redis.run("GETEX", "missing", "EX", "0"));
    redis.run("SET", "k", "5");
    assertEquals(bulk("5"), redis.run("GETEX", "k"));
    assertEquals(Record.NO_EXPIRY, deadline("k"));
    assertEquals(bulk("5"), redis.run("GETEX", "k", "EX", "10"));
    assertEquals(redis.time() + 10_000, deadline("k"));
    assertEquals(bulk("5"), redis.run("GETEX", "k", "PXAT", "1800000000000"));
    assertEquals(1_800_000_000_000L, deadline("k"));
    assertEquals(bulk("5"), redis.run("GETEX", "k", "PERSIST"));
    assertEquals(Record.NO_EXPIRY, deadline("k"));
    assertEquals(0, db().volatileCount());
  }

  @Test
  void getexWithAPastAbsoluteDeadlineDeletesAfterReplying() {
    redis.run("SET", "k", "5");
    assertEquals(bulk("5"), redis.run("GETEX", "k", "EXAT", "1"));
    assertEquals(0, db().size());
  }

  @Test
  void getexRejectsBadOptions() {
    redis.run("SET", "k", "5");
    assertEquals("-ERR invalid expire time in 'getex' command\r\n", redis.run("GETEX", "k", "EX", "0"));
    assertEquals(SYNTAX, redis.run("GETEX", "k", "EX", "5", "PX", "5"));
    assertEquals(SYNTAX, redis.run("GETEX", "k", "PERSIST", "EX", "5"));
    assertEquals(SYNTAX, redis.run("GETEX", "k", "EX"));
    assertEquals(SYNTAX, redis.run("GETEX", "k", "KEEPTTL"));
    assertEquals(SYNTAX, redis.run("GETEX", "k", "GET"));
    assertEquals(SYNTAX, redis.run("GETEX", "missing", "foo"));
    otherType("l");
    assertEquals(SYNTAX, redis.run("GETEX", "l", "foo"));
  }

  @Test
  void mgetRepliesNilForMissingKeys() {
    redis.run("MSET", "a", "1", "b", "2");
    assertEquals("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n", redis.run("MGET", "a", "x", "b"));
  }

  @Test
  void msetSetsEveryPairAndClearsDeadlines() {
    redis.run("SETEX", "a", "100", "old");
    assertEquals(OK, redis.run("MSET", "a", "1", "b", "2", "a", "3"));
    assertEquals(bulk("3"), redis.run("GET", "a"));
    assertEquals(Record.NO_EXPIRY, deadline("a"));
    assertEquals("-ERR wrong number of arguments for 'mset' command\r\n", redis.run("MSET", "a", "1", "b"));
    assertEquals("-ERR wrong number of arguments for 'mset' command\r\n", redis.run("MSET", "a"));
  }

  @Test
  void msetnxSetsNothingIfAnyKeyExists() {
    assertEquals(integer(1), redis.run("MSETNX", "a", "1", "b", "2"));
    assertEquals(integer(0), redis.run("MSETNX", "a", "1", "c", "2"));
    assertEquals(NIL, redis.run("GET", "c"));
    assertEquals("-ERR wrong number of arguments for 'msetnx' command\r\n", redis.run("MSETNX", "a", "1", "b"));
  }

  @Test
  void appendCreatesOrExtendsAndKeepsTheDeadline() {
    assertEquals(integer(3), redis.run("APPEND", "k", "123"));
    assertEquals("int", encoding("k"));
    assertEquals(integer(5), redis.run("APPEND", "k", "45"));
    assertEquals("raw", encoding("k"));
    redis.run("PSETEX", "t", "1000", "a");
    assertEquals(integer(2), redis.run("APPEND", "t", "b"));
    assertEquals(redis.time() + 1000, deadline("t"));
    assertEquals(bulk("12345"), redis.run("GET", "k"));
  }

  @Test
  void appendGrowsAValueManyTimes() {
    final StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      final String piece = Integer.toString(i);
      expected.append(piece);
      assertEquals(integer(expected.length()), redis.run("APPEND", "k", piece));
    }
    assertEquals(bulk(expected.toString()), redis.run("GET", "k"));
  }

  @Test
  void appendRefusesToPassProtoMaxBulkLen() {
    redis.config().set("proto-max-bulk-len", "1mb");
    redis.run("SETRANGE", "k", "1048570", "x");
    assertEquals("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n", redis.run("APPEND", "k", "123456"));
    assertEquals(integer(1048576), redis.run("APPEND", "k", "12345"));
  }

  @Test
  void strlenCountsBytes() {
    assertEquals(integer(0), redis.run("STRLEN", "k"));
    redis.run("SET", "k", "héllo");
    assertEquals(integer(6), redis.run("STRLEN", "k"));
  }

  @Test
  void getrangeClampsLikeRedis() {
    redis.run("SET", "k", "  abcd");
    assertEquals(bulk("  abcd"), redis.run("GETRANGE", "k", "0", "-1"));
    assertEquals(bulk("  abcd"), redis.run("GETRANGE", "k", "-100", "100"));
    assertEquals(EMPTY, redis.run("GETRANGE", "k", "-1", "-5"));
    assertEquals(EMPTY, redis.run("GETRANGE", "k", "3", "1"));
    assertEquals(bulk("d"), redis.run("GETRANGE", "k", "-1", "-1"));
    assertEquals(bulk("bc"), redis.run("GETRANGE", "k", "3", "4"));
    assertEquals(EMPTY, redis.run("GETRANGE", "k", "9223372036854775807", "-9223372036854775808"));
    assertEquals(bulk("  abcd"), redis.run("GETRANGE", "k", "-9223372036854775808", "9223372036854775807"));
    assertEquals(bulk(" a"), redis.run("SUBSTR", "k", "1", "2"));
    assertEquals(EMPTY, redis.run("GETRANGE", "missing", "0", "1"));
    assertEquals(NOT_INTEGER, redis.run("GETRANGE", "k", "x", "1"));
    redis.run("SET", "e", "");
    assertEquals(EMPTY, redis.run("GETRANGE", "e", "0", "-1"));
  }

  @Test
  void getrangeParsesIndexesBeforeLookingAtTheKey() {
    otherType("l");
    assertEquals(NOT_INTEGER, redis.run("GETRANGE", "l", "a", "1"));
  }

  @Test
  void setrangePadsWithZeroBytes() {
    assertEquals(integer(4), redis.run("SETRANGE", "k", "2", "ab"));
    assertEquals("$4\r\n\0\0ab\r\n", redis.run("GET", "k"));
    assertEquals("raw", encoding("k"));
    redis.run("SET", "s", "hello world");
    assertEquals(integer(11), redis.run("SETRANGE", "s", "6", "Redis"));
    assertEquals(bulk("hello Redis"), redis.run("GET", "s"));
    assertEquals(integer(13), redis.run("SETRANGE", "s", "12", "!"));
    assertEquals("$13\r\nhello Redis\0!\r\n", redis.run("GET", "s"));
  }

  @Test
  void setrangeWithAnEmptyValueChangesNothing() {
    assertEquals(integer(0), redis.run("SETRANGE", "k", "5", ""));
    assertEquals(integer(0), redis.run("EXISTS", "k"));
    redis.run("SET", "e", "abc");
    assertEquals(integer(3), redis.run("SETRANGE", "e", "100", ""));
    assertEquals("embstr", encoding("e"));
    assertEquals(integer(0), redis.run("SETRANGE", "k", "536870912", ""));
  }

  @Test
  void setrangeRejectsBadOffsets() {
    assertEquals("-ERR offset is out of range\r\n", redis.run("SETRANGE", "k", "-1", "x"));
    assertEquals(NOT_INTEGER, redis.run("SETRANGE", "k", "abc", "x"));
    assertEquals("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n",
        redis.run("SETRANGE", "k", "536870912", "x"));
    assertEquals("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n",
        redis.run("SETRANGE", "k", "9223372036854775807", "x"));
    assertEquals(integer(0), redis.run("EXISTS", "k"));
  }

  @Test
  void incrFamilyCountsFromZero() {
    assertEquals(integer(1), redis.run("INCR", "k"));
    assertEquals(integer(0), redis.run("DECR", "k"));
    assertEquals(integer(5), redis.run("INCRBY", "k", "5"));
    assertEquals(integer(-95), redis.run("DECRBY", "k", "100"));
    assertEquals(integer(-100), redis.run("INCRBY", "k", "-5"));
    assertEquals(bulk("-100"), redis.run("GET", "k"));
    assertEquals("int", encoding("k"));
    assertEquals(integer(9999999999L), redis.run("INCRBY", "n", "9999999999"));
    assertEquals(integer(10000000000L), redis.run("INCR", "n"));
    assertEquals(bulk("10000000000"), redis.run("GET", "n"));
  }

  @Test
  void incrKeepsTheDeadline() {
    redis.run("SETEX", "k", "100", "10");
    assertEquals(integer(11), redis.run("INCR", "k"));
    assertEquals(redis.time() + 100_000, deadline("k"));
  }

  @Test
  void incrRefusesValuesThatAreNotStrictIntegers() {
    for (final String value : new String[] {" 1", "01", "", "+1", "1.0", "abc", "9223372036854775808", "1 "}) {
      redis.run("SET", "k", value);
      assertEquals(NOT_INTEGER, redis.run("INCR", "k"), value);
    }
    assertEquals(NOT_INTEGER, redis.run("INCRBY", "k", "abc"));
    assertEquals(NOT_INTEGER, redis.run("INCRBY", "k", " 1"));
    assertEquals(NOT_INTEGER, redis.run("DECRBY", "k", "1.5"));
  }

  @Test
  void incrRefusesToOverflow() {
    redis.run("SET", "k", "9223372036854775807");
    assertEquals("-ERR increment or decrement would overflow\r\n", redis.run("INCR", "k"));
    redis.run("SET", "k", "-9223372036854775808");
    assertEquals("-ERR increment or decrement would overflow\r\n", redis.run("DECR", "k"));
    assertEquals("-ERR increment or decrement would overflow\r\n", redis.run("INCRBY", "k", "-1"));
    assertEquals(integer(-1), redis.run("INCRBY", "k", "9223372036854775807"));
    assertEquals("-ERR decrement would overflow\r\n", redis.run("DECRBY", "k", "-9223372036854775808"));
    otherType("l");
    assertEquals("-ERR decrement would overflow\r\n", redis.run("DECRBY", "l", "-9223372036854775808"));
    assertEquals(NOT_INTEGER, redis.run("INCRBY", "l", "x"));
  }

  @Test
  void encodingFollowsRedisRules() {
    final String[][] cases = {
        {"5", "int"}, {"-1", "int"}, {"100005", "int"}, {"01", "embstr"}, {"abc", "embstr"}, {"", "embstr"},
        {"12345678901234567890", "embstr"}, {"-9223372036854775808", "int"},
        {"01234567890123456789012345678901234567890123", "embstr"},
        {"012345678901234567890123456789012345678901234", "raw"},
    };
    for (final String[] c : cases) {
      redis.run("SET", "k", c[0]);
      assertEquals(c[1], encoding("k"), c[0]);
    }
    redis.run("MSET", "m", "12");
    assertEquals("int", encoding("m"));
    redis.run("GETSET", "g", "x");
    assertEquals("embstr", encoding("g"));
    redis.run("SET", "a", "1");
    redis.run("APPEND", "a", "");
    assertEquals("raw", encoding("a"));
    redis.run("INCR", "a");
    assertEquals("int", encoding("a"));
  }

  @Test
  void incrbyfloatUsesLongDoublePrecision() {
    redis.run("SET", "k", "10.5");
    assertEquals(bulk("10.6"), redis.run("INCRBYFLOAT", "k", "0.1"));
    assertEquals("embstr", encoding("k"));
    assertEquals(bulk("11.6"), redis.run("INCRBYFLOAT", "k", "1"));
    assertEquals(bulk("0.1"), redis.run("INCRBYFLOAT", "new", "0.1"));
    redis.run("SET", "k", "3.0");
    assertEquals(bulk("3"), redis.run("INCRBYFLOAT", "k", "0"));
    assertEquals("embstr", encoding("k"));
    redis.run("SET", "k", "1");
    assertEquals(bulk("0"), redis.run("INCRBYFLOAT", "k", "-1.00000000000000000001"));
    assertEquals(bulk("4.23456789012345679"), redis.run("INCRBYFLOAT", "k", "4.23456789012345678901234"));
  }

  @Test
  void incrbyfloatPrintsWithSeventeenDecimalsRoundedHalfEven() {
    assertEquals(bulk("0.00000381469726562"), redis.run("INCRBYFLOAT", "a", "0.000003814697265625"));
    assertEquals(bulk("0"), redis.run("INCRBYFLOAT", "b", "1e-300"));
    assertEquals(bulk("0"), redis.run("INCRBYFLOAT", "c", "-1e-20"));
    assertEquals(bulk("1000000000000000000008997324079559193870523944273290747938260082321265646596180935755849152083750"
        + "4971903503725086142748359035925561846729839130962605207486462873271356418436532940842551076060167897266"
        + "52932370030551382947620994540294772781889620606179267611627097410650567187386105690089424915104006144"),
        redis.run("INCRBYFLOAT", "d", "1e300"));
    assertEquals(bulk("123456789012345678899921813504"), redis.run("INCRBYFLOAT", "e", "123456789012345678901234567890"));
  }

  @Test
  void incrbyfloatAcceptsWhatStrtoldAccepts() {
    redis.run("SET", "k", "1");
    assertEquals(bulk("9"), redis.run("INCRBYFLOAT", "k", "0x1p3"));
    assertEquals(bulk("10.5"), redis.run("INCRBYFLOAT", "k", "+1.5"));
    assertEquals(bulk("11"), redis.run("INCRBYFLOAT", "k", ".5"));
    assertEquals(bulk("16"), redis.run("INCRBYFLOAT", "k", "5."));
    assertEquals(bulk("16"), redis.run("INCRBYFLOAT", "k", "0e999999999999"));
    assertEquals(bulk("100016"), redis.run("INCRBYFLOAT", "k", "1E+5"));
    assertEquals(bulk("100016.00999999999999801"), redis.run("INCRBYFLOAT", "k", "1e-2"));
    redis.run("SET", "k", "0");
    assertEquals(bulk("0"), redis.run("INCRBYFLOAT", "k", "5e-4951"));
  }

  @Test
  void incrbyfloatRejectsWhatIsNotAFloat() {
    redis.run("SET", "k", "1");
    for (final String bad : new String[] {" 1", "1 ", "1e", ".", "e5", "0x", "abc", "", "nan", "1e99999", "1e-99999"}) {
      assertEquals(NOT_FLOAT, redis.run("INCRBYFLOAT", "k", bad), bad);
    }
    redis.run("SET", "k", "abc");
    assertEquals(NOT_FLOAT, redis.run("INCRBYFLOAT", "k", "1"));
    redis.run("SET", "k", "");
    assertEquals(NOT_FLOAT, redis.run("INCRBYFLOAT", "k", "1"));
    redis.run("SET", "k", "1\0");
    assertEquals(NOT_FLOAT, redis.run("INCRBYFLOAT", "k", "1"));
    redis.run("SET", "k", "1");
    assertEquals(NOT_FLOAT, redis.run("INCRBYFLOAT", "k", "1\0"));
    redis.run("SET", "k", "\0");
    assertEquals(NOT_FLOAT, redis.run("INCRBYFLOAT", "k", "1"));
  }

  @Test
  void incrbyfloatRefusesInfinity() {
    final String error = "-ERR increment would produce NaN or Infinity\r\n";
    redis.run("SET", "k", "1");
    assertEquals(error, redis.run("INCRBYFLOAT", "k", "inf"));
    assertEquals(error, redis.run("INCRBYFLOAT", "k", "-INFINITY"));
    redis.run("SET", "k", "1e4932");
    assertEquals(error, redis.run("INCRBYFLOAT", "k", "1e4932"));
    assertEquals(bulk("1e4932"), redis.run("GETSET", "k", "inf"));
    assertEquals(error, redis.run("INCRBYFLOAT", "k", "-inf"));
  }

  /**
   * Each line of the resource is a starting value, an increment and the exact reply Redis 7.0.15
   * gave for INCRBYFLOAT (CRLF written as the four characters {@code \r\n}): a mix of chosen edge
   * cases and random decimal and exponent forms across magnitudes.
   */
  @Test
  void incrbyfloatMatchesRecordedRedisReplies() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("incrbyfloat-redis-7.0.15.tsv")) {
      final String table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (final String line : table.split("\n")) {
        final String[] fields = line.split("\t", -1);
        redis.run("SET", "k", fields[0]);
        assertEquals(fields[2].replace("\\r\\n", "\r\n"), redis.run("INCRBYFLOAT", "k", fields[1]),
            fields[0] + " + " + fields[1]);
      }
    }
  }

  @Test
  void incrbyfloatKeepsTheDeadline() {
    redis.run("SETEX", "k", "100", "1.5");
    assertEquals(bulk("3"), redis.run("INCRBYFLOAT", "k", "1.5"));
    assertEquals(redis.time() + 100_000, deadline("k"));
  }

  @Test
  void lcsReturnsTheCommonSubsequence() {
    redis.run("MSET", "a", "ohmytext", "b", "mynewtext");
    assertEquals(bulk("mytext"), redis.run("LCS", "a", "b"));
    assertEquals(integer(6), redis.run("LCS", "a", "b", "LEN"));
    assertEquals(EMPTY, redis.run("LCS", "a", "missing"));
    assertEquals(EMPTY, redis.run("LCS", "x", "y"));
  }

  @Test
  void lcsIdxListsMatchesLastFirst() {
    redis.run("MSET", "a", "ohmytext", "b", "mynewtext");
    assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n"
        + "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n$3\r\nlen\r\n:6\r\n", redis.run("LCS", "a", "b", "IDX"));
    assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n$3\r\nlen\r\n:6\r\n",
        redis.run("LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"));
    assertEquals("*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", redis.run("LCS", "x", "y", "IDX"));
  }

  @Test
  void lcsIdxIsAMapInResp3() {
    redis.run("MSET", "a", "ohmytext", "b", "mynewtext");
    redis.run("HELLO", "3");
    assertEquals("%2\r\n$7\r\nmatches\r\n*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n"
        + "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n$3\r\nlen\r\n:6\r\n", redis.run("LCS", "a", "b", "IDX"));
    assertEquals("%2\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", redis.run("LCS", "x", "y", "IDX"));
  }

  @Test
  void lcsRejectsBadArguments() {
    redis.run("MSET", "a", "ohmytext", "b", "mynewtext");
    assertEquals("-ERR If you want both the length and indexes, please just use IDX.\r\n",
        redis.run("LCS", "a", "b", "IDX", "LEN"));
    assertEquals(SYNTAX, redis.run("LCS", "a", "b", "foo"));
    assertEquals(SYNTAX, redis.run("LCS", "a", "b", "MINMATCHLEN"));
    assertEquals(NOT_INTEGER, redis.run("LCS", "a", "b", "MINMATCHLEN", "x"));
    assertEquals(NOT_INTEGER, redis.run("LCS", "a", "b", "LEN", "IDX", "MINMATCHLEN", "x"));
    otherType("l");
    assertEquals("-ERR The specified keys must contain string values\r\n", redis.run("LCS", "a", "l"));
  }

  @Test
  void lcsRefusesATableLargerThanProtoMaxBulkLen() {
    redis.run("SETRANGE", "big", "11999", "a");
    assertEquals("-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n",
        redis.run("LCS", "big", "big", "LEN"));
  }

  private static byte[] b(final int... values) {
    final byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private String runBytes(final Object... args) {
    final byte[][] raw = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      raw[i] = args[i] instanceof byte[] ? (byte[]) args[i] : ((String) args[i]).getBytes(StandardCharsets.UTF_8);
    }
    return redis.runBytes(raw);
  }

  @Test
  void setbitReturnsTheOldBitAndGrowsWithZeros() {
    assertEquals(integer(0), redis.run("SETBIT", "n", "9", "1"));
    assertEquals("$2\r\n\0@\r\n", redis.run("GET", "n"));
    assertEquals("raw", encoding("n"));
    assertEquals(integer(1), redis.run("SETBIT", "n", "9", "0"));
    assertEquals(integer(0), redis.run("GETBIT", "n", "9"));
    assertEquals(integer(0), redis.run("SETBIT", "n", "0", "1"));
    assertEquals("$2\r\n\u0080\0\r\n", redis.runBytes("GET".getBytes(), "n".getBytes()));
    assertEquals(integer(1), redis.run("GETBIT", "n", "0"));
    assertEquals(integer(0), redis.run("GETBIT", "n", "100"));
    assertEquals(integer(0), redis.run("GETBIT", "missing", "5"));
  }

  @Test
  void setbitRejectsBadOffsetsAndBits() {
    final String badOffset = "-ERR bit offset is not an integer or out of range\r\n";
    assertEquals(badOffset, redis.run("SETBIT", "k", "-1", "1"));
    assertEquals(badOffset, redis.run("SETBIT", "k", "x", "1"));
    assertEquals(badOffset, redis.run("SETBIT", "k", "#1", "1"));
    assertEquals(badOffset, redis.run("SETBIT", "k", "4294967296", "1"));
    assertEquals(badOffset, redis.run("GETBIT", "k", "4294967296"));
    assertEquals("-ERR bit is not an integer or out of range\r\n", redis.run("SETBIT", "k", "7", "2"));
    assertEquals("-ERR bit is not an integer or out of range\r\n", redis.run("SETBIT", "k", "7", "-1"));
    otherType("l");
    assertEquals(WRONGTYPE, redis.run("SETBIT", "l", "7", "1"));
    assertEquals(WRONGTYPE, redis.run("GETBIT", "l", "7"));
    assertEquals(WRONGTYPE, redis.run("BITCOUNT", "l"));
    assertEquals(WRONGTYPE, redis.run("BITPOS", "l", "1"));
    assertEquals(WRONGTYPE, redis.run("BITOP", "AND", "d", "l"));
  }

  @Test
  void bitcountCountsBytesOrBitRanges() {
    redis.run("SET", "k", "foobar");
    assertEquals(integer(26), redis.run("BITCOUNT", "k"));
    assertEquals(integer(4), redis.run("BITCOUNT", "k", "0", "0"));
    assertEquals(integer(6), redis.run("BITCOUNT", "k", "1", "1"));
    assertEquals(integer(17), redis.run("BITCOUNT", "k", "5", "30", "BIT"));
    assertEquals(integer(26), redis.run("BITCOUNT", "k", "0", "-1", "bit"));
    assertEquals(integer(0), redis.run("BITCOUNT", "k", "-1", "-5"));
    assertEquals(SYNTAX, redis.run("BITCOUNT", "k", "0"));
    assertEquals(SYNTAX, redis.run("BITCOUNT", "k", "0", "-1", "foo"));
    assertEquals(NOT_INTEGER, redis.run("BITCOUNT", "k", "a", "b"));
    redis.run("SET", "e", "");
    assertEquals(integer(0), redis.run("BITCOUNT", "e"));
    assertEquals(integer(0), redis.run("BITCOUNT", "e", "0", "-1"));
  }

  @Test
  void bitcountAndBitposOnAMissingKeyIgnoreTheRange() {
    assertEquals(integer(0), redis.run("BITCOUNT", "missing", "a", "b"));
    assertEquals(integer(0), redis.run("BITCOUNT", "missing", "0"));
    assertEquals(integer(-1), redis.run("BITPOS", "missing", "1", "a"));
    assertEquals(integer(0), redis.run("BITPOS", "missing", "0"));
    assertEquals("-ERR The bit argument must be 1 or 0.\r\n", redis.run("BITPOS", "missing", "2"));
  }

  @Test
  void bitposFindsTheFirstMatchingBit() {
    runBytes("SET", "a", b(0xff, 0xf0, 0x00));
    assertEquals(integer(12), redis.run("BITPOS", "a", "0"));
    runBytes("SET", "b", b(0x00, 0xff, 0xf0));
    assertEquals(integer(8), redis.run("BITPOS", "b", "1", "0"));
    assertEquals(integer(16), redis.run("BITPOS", "b", "1", "2"));
    assertEquals(integer(16), redis.run("BITPOS", "b", "1", "2", "-1", "BYTE"));
    assertEquals(integer(8), redis.run("BITPOS", "b", "1", "7", "15", "BIT"));
    assertEquals(integer(8), redis.run("BITPOS", "b", "1", "7", "-3", "BIT"));
    runBytes("SET", "c", b(0, 0, 0));
    assertEquals(integer(-1), redis.run("BITPOS", "c", "1"));
    assertEquals(NOT_INTEGER, redis.run("BITPOS", "c", "1", "a"));
    assertEquals(NOT_INTEGER, redis.run("BITPOS", "c", "1", "0", "a"));
    assertEquals(SYNTAX, redis.run("BITPOS", "c", "1", "0", "-1", "foo"));
  }

  @Test
  void bitposForAClearBitPadsOnlyWithoutAnExplicitEnd() {
    runBytes("SET", "d", b(0xff, 0xff));
    assertEquals(integer(16), redis.run("BITPOS", "d", "0"));
    assertEquals(integer(16), redis.run("BITPOS", "d", "0", "0"));
    assertEquals(integer(-1), redis.run("BITPOS", "d", "0", "0", "-1"));
    assertEquals(integer(-1), redis.run("BITPOS", "d", "0", "0", "-1", "BIT"));
    assertEquals(integer(-1), redis.run("BITPOS", "d", "0", "9"));
    redis.run("SET", "e", "");
    assertEquals(integer(-1), redis.run("BITPOS", "e", "0"));
  }

  @Test
  void bitopCombinesPaddingShorterInputsWithZeros() {
    runBytes("SET", "x", b(0xf0, 0x0f));
    runBytes("SET", "y", b(0xff));
    assertEquals(integer(2), redis.run("BITOP", "AND", "r", "x", "y"));
    assertEquals("$2\r\n\u00f0\0\r\n", redis.runBytes("GET".getBytes(), "r".getBytes()));
    assertEquals(integer(2), redis.run("BITOP", "or", "r", "x", "y", "nokey"));
    assertEquals("$2\r\n\u00ff\u000f\r\n", redis.runBytes("GET".getBytes(), "r".getBytes()));
    assertEquals(integer(2), redis.run("BITOP", "XOR", "r", "x", "y"));
    assertEquals("$2\r\n\u000f\u000f\r\n", redis.runBytes("GET".getBytes(), "r".getBytes()));
    assertEquals(integer(2), redis.run("BITOP", "NOT", "x", "x"));
    assertEquals("$2\r\n\u000f\u00f0\r\n", redis.runBytes("GET".getBytes(), "x".getBytes()));
    assertEquals("raw", encoding("x"));
  }

  @Test
  void bitopWithOnlyEmptyInputsDeletesTheTarget() {
    redis.run("SETEX", "r", "100", "v");
    assertEquals(integer(0), redis.run("BITOP", "AND", "r", "nokey"));
    assertEquals(integer(0), redis.run("EXISTS", "r"));
  }

  @Test
  void bitopRejectsBadOperations() {
    assertEquals(SYNTAX, redis.run("BITOP", "foo", "d", "a"));
    assertEquals("-ERR BITOP NOT must be called with a single source key.\r\n", redis.run("BITOP", "NOT", "d", "a", "b"));
    assertEquals("-ERR wrong number of arguments for 'bitop' command\r\n", redis.run("BITOP", "AND", "d"));
  }

  @Test
  void bitfieldReadsAndWritesFieldsOfAnyWidth() {
    assertEquals("*0\r\n", redis.run("BITFIELD", "k"));
    assertEquals("*1\r\n:0\r\n", redis.run("BITFIELD", "k", "GET", "i8", "0"));
    assertEquals(integer(0), redis.run("EXISTS", "k"));
    redis.run("SET", "k", "5");
    assertEquals("*1\r\n:53\r\n", redis.run("BITFIELD", "k", "GET", "u8", "0"));
    assertEquals("int", encoding("k"));
    assertEquals("*1\r\n:53\r\n", redis.run("BITFIELD", "k", "SET", "u8", "0", "54"));
    assertEquals("raw", encoding("k"));
    assertEquals(bulk("6"), redis.run("GET", "k"));
    assertEquals("*2\r\n:124\r\n:0\r\n",
        redis.run("BITFIELD", "a", "INCRBY", "i50", "#0", "124", "INCRBY", "i44", "#2", "-9223372036854775808"));
    assertEquals("*1\r\n:3968\r\n", redis.run("BITFIELD", "a", "GET", "u55", "#0"));
  }

  @Test
  void bitfieldOverflowModesWrapSaturateOrFail() {
    assertEquals("*5\r\n:0\r\n:-9223372036854775808\r\n:9223372036854775807\r\n:9223372036854775806\r\n"
        + ":9223372036854775805\r\n", redis.run("BITFIELD", "k", "SET", "i64", "0", "-9223372036854775808",
            "GET", "i64", "0", "INCRBY", "i64", "0", "-1", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "-1",
            "OVERFLOW", "FAIL", "INCRBY", "i64", "0", "-1"));
    assertEquals("*4\r\n:9223372036854775805\r\n:-9223372036854775808\r\n:-9223372036854775807\r\n"
        + ":-9223372036854775806\r\n", redis.run("BITFIELD", "k", "SET", "i64", "0", "9223372036854775807",
            "INCRBY", "i64", "0", "1", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "1",
            "OVERFLOW", "FAIL", "INCRBY", "i64", "0", "1"));
    assertEquals("*4\r\n:4611686018427387905\r\n:9223372036854775807\r\n$-1\r\n:9223372036854775807\r\n",
        redis.run("BITFIELD", "k", "SET", "u63", "0", "-1", "OVERFLOW", "SAT", "SET", "u63", "0", "-1",
            "OVERFLOW", "FAIL", "SET", "u63", "0", "-1", "GET", "u63", "0"));
    assertEquals("*7\r\n:0\r\n:9\r\n:0\r\n:0\r\n:127\r\n:27\r\n:127\r\n", redis.run("BITFIELD", "w",
        "SET", "u8", "0", "255", "INCRBY", "u8", "0", "10", "OVERFLOW", "SAT", "INCRBY", "u8", "0", "-20",
        "SET", "i8", "0", "200", "GET", "i8", "0", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "-100",
        "INCRBY", "i8", "0", "100"));
  }

  @Test
  void bitfieldWriteCreatesTheKeyEvenWhenTheWriteFails() {
    assertEquals("*1\r\n$-1\r\n", redis.run("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u8", "100", "1000"));
    assertEquals(integer(14), redis.run("STRLEN", "k"));
    assertEquals("raw", encoding("k"));
  }

  @Test
  void bitfieldRejectsBadArguments() {
    final String badType = "-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n";
    final String badOffset = "-ERR bit offset is not an integer or out of range\r\n";
    assertEquals(badType, redis.run("BITFIELD", "k", "GET", "u64", "0"));
    assertEquals(badType, redis.run("BITFIELD", "k", "GET", "I8", "0"));
    assertEquals(badType, redis.run("BITFIELD", "k", "GET", "i65", "0"));
    assertEquals(badType, redis.run("BITFIELD", "k", "GET", "i0", "0"));
    assertEquals(SYNTAX, redis.run("BITFIELD", "k", "GET", "i8"));
    assertEquals(SYNTAX, redis.run("BITFIELD", "k", "FOO"));
    assertEquals(SYNTAX, redis.run("BITFIELD", "k", "OVERFLOW"));
    assertEquals("-ERR Invalid OVERFLOW type specified\r\n", redis.run("BITFIELD", "k", "OVERFLOW", "foo", "GET", "i8", "0"));
    assertEquals(badOffset, redis.run("BITFIELD", "k", "GET", "i8", "-1"));
    assertEquals(badOffset, redis.run("BITFIELD", "k", "GET", "i8", "#-1"));
    assertEquals(badOffset, redis.run("BITFIELD", "k", "GET", "i8", "#x"));
    assertEquals(badOffset, redis.run("BITFIELD", "k", "GET", "i8", "4294967296"));
    assertEquals(badOffset, redis.run("BITFIELD", "k", "GET", "i8", "#536870912"));
    assertEquals("*1\r\n:0\r\n", redis.run("BITFIELD", "k", "GET", "i8", "#536870911"));
    assertEquals(NOT_INTEGER, redis.run("BITFIELD", "k", "SET", "i8", "0", "x"));
    otherType("l");
    assertEquals(WRONGTYPE, redis.run("BITFIELD", "l", "GET", "i8", "0"));
    assertEquals(SYNTAX, redis.run("BITFIELD", "l", "FOO"));
  }

  @Test
  void bitfieldRoOnlyReads() {
    assertEquals("*0\r\n", redis.run("BITFIELD_RO", "k"));
    assertEquals("*2\r\n:0\r\n:0\r\n", redis.run("BITFIELD_RO", "k", "GET", "i8", "0", "GET", "u4", "#3"));
    assertEquals("-ERR BITFIELD_RO only supports the GET subcommand\r\n", redis.run("BITFIELD_RO", "k", "SET", "i8", "0", "1"));
    otherType("l");
    assertEquals("-ERR BITFIELD_RO only supports the GET subcommand\r\n", redis.run("BITFIELD_RO", "l", "SET", "i8", "0", "1"));
  }

  @Test
  void resp3NullsForMissingValues() {
    redis.run("HELLO", "3");
    assertEquals("_\r\n", redis.run("GET", "k"));
    assertEquals("_\r\n", redis.run("SET", "k", "v", "XX"));
    redis.run("SET", "k", "v");
    assertEquals("*2\r\n$1\r\nv\r\n_\r\n", redis.run("MGET", "k", "x"));
  }
}
