package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Effects;
import io.rustyredis.engine.Numbers;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.Parameter;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.signals.KeyspaceSignals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.agrona.UnsafeApi;

/**
 * The string commands of Redis's {@code t_string.c}, and the bitmap commands of its {@code
 * bitops.c} that work on the same values: byte strings.
 *
 * <p>Values live in their key's record off-heap and are always kept as text, even those Redis
 * would hold as a machine integer; {@link Record#encoding} records what Redis would have chosen
 * ({@code int} for a {@code string2ll}-parsable value of at most 20 bytes, {@code embstr} up to 44
 * bytes, {@code raw} beyond, and {@code raw} after any in-place edit) so OBJECT ENCODING tells the
 * same story. GET, SET and the INCR family run for most requests, so they work through reused
 * scratch fields and never allocate; the rarer commands (INCRBYFLOAT, LCS, BITOP, BITFIELD) copy
 * to the heap or build small arrays.
 *
 * <p>Errors are checked in Redis's order, which clients can observe: SET validates its expiry
 * before it looks at the key, INCRBY and SETRANGE parse their number before looking up the key,
 * INCRBYFLOAT looks up the key first.
 */
public final class StringCommands {
  private static final int NX = 1;
  private static final int XX = 1 << 1;
  private static final int GET = 1 << 2;
  private static final int KEEPTTL = 1 << 3;
  private static final int PERSIST = 1 << 4;
  private static final int EX = 1 << 5;
  private static final int PX = 1 << 6;
  private static final int EXAT = 1 << 7;
  private static final int PXAT = 1 << 8;
  private static final int ANY_EXPIRY = EX | PX | EXAT | PXAT;

  /** Returned by {@link #deadline} after it has replied with an error. */
  private static final long INVALID = Long.MIN_VALUE;
  /** Redis's {@code OBJ_ENCODING_EMBSTR_SIZE_LIMIT}. */
  static final int EMBSTR_LIMIT = 44;
  /** Redis's {@code SDS_MAX_PREALLOC}: growth doubles below it and adds this much above. */
  private static final int MAX_PREALLOC = 1 << 20;
  /** Room kept below 2 GiB for the record header, key and allocator rounding. */
  private static final long RECORD_MARGIN = 2L << 20;
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] SET = bytes("SET");
  private static final byte[] DEL = bytes("DEL");
  private static final byte[] PEXPIREAT = bytes("PEXPIREAT");
  private static final byte[] PERSIST_NAME = bytes("PERSIST");
  private static final byte[] KEEPTTL_NAME = bytes("KEEPTTL");
  private static final byte[] PXAT_NAME = bytes("PXAT");
  private static final byte[] MATCHES = "matches".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LEN = "len".getBytes(StandardCharsets.US_ASCII);
  /** BITFIELD operations and overflow modes. */
  private static final int FIELD_GET = 0;
  private static final int FIELD_SET = 1;
  private static final int FIELD_INCRBY = 2;
  private static final int OVERFLOW_WRAP = 0;
  private static final int OVERFLOW_SAT = 1;
  private static final int OVERFLOW_FAIL = 2;
  private static final String RANGE_COMPLEXITY = "O(N) where N is the length of the returned string. The complexity"
      + " is ultimately determined by the returned length, but because creating a substring from an existing"
      + " string is very cheap, it can be considered O(1) for small strings.";

  private final Keyspace keyspace;
  private final Parameter protoMaxBulkLen;
  private final long[] scratch = new long[1];
  private final byte[] digits = new byte[24];
  private String maxBulkText;
  private long maxBulk;
  /** Where the last {@link #parseOptions} found the expiry value, or 0. */
  private int expireIndex;

  public StringCommands(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.protoMaxBulkLen = config.parameter("proto-max-bulk-len");
  }

  public void declare(final CommandTable table) {
    table.add(command("get", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @string @fast")
        .doc("Get the value of a key", "1.0.0", "string", "O(1)").handler(this::get));
    table.add(command("set", -3).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @string @slow")
        .doc("Set the string value of a key", "1.0.0", "string", "O(1)").handler(this::set));
    table.add(command("setnx", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Set the value of a key, only if the key does not exist", "1.0.0", "string", "O(1)")
        .handler(this::setnx));
    table.add(command("setex", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @string @slow")
        .doc("Set the value and expiration of a key", "2.0.0", "string", "O(1)").handler(this::setex));
    table.add(command("psetex", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @string @slow")
        .doc("Set the value and expiration in milliseconds of a key", "2.6.0", "string", "O(1)")
        .handler(this::psetex));
    table.add(command("getset", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Set the string value of a key and return its old value", "1.0.0", "string", "O(1)")
        .handler(this::getset));
    table.add(command("getdel", 2).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Get the value of a key and delete the key", "6.2.0", "string", "O(1)").handler(this::getdel));
    table.add(command("getex", -2).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Get the value of a key and optionally set its expiration", "6.2.0", "string", "O(1)")
        .handler(this::getex));
    table.add(command("mget", -2).flags(READONLY, FAST).keys(1, -1, 1).acl("@read @string @fast")
        .doc("Get the values of all the given keys", "1.0.0", "string",
            "O(N) where N is the number of keys to retrieve.").handler(this::mget));
    table.add(command("mset", -3).flags(WRITE, DENYOOM).keys(1, -1, 2).acl("@write @string @slow")
        .doc("Set multiple keys to multiple values", "1.0.1", "string",
            "O(N) where N is the number of keys to set.").handler(this::mset));
    table.add(command("msetnx", -3).flags(WRITE, DENYOOM).keys(1, -1, 2).acl("@write @string @slow")
        .doc("Set multiple keys to multiple values, only if none of the keys exist", "1.0.1", "string",
            "O(N) where N is the number of keys to set.").handler(this::msetnx));
    table.add(command("append", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Append a value to a key", "2.0.0", "string",
            "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already"
                + " present value is of any size, since the dynamic string library used by Redis will double the"
                + " free space available on every reallocation.").handler(this::append));
    table.add(command("strlen", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @string @fast")
        .doc("Get the length of the value stored in a key", "2.2.0", "string", "O(1)").handler(this::strlen));
    table.add(command("getrange", 4).flags(READONLY).keys(1, 1, 1).acl("@read @string @slow")
        .doc("Get a substring of the string stored at a key", "2.4.0", "string", RANGE_COMPLEXITY)
        .handler(this::getrange));
    table.add(command("substr", 4).flags(READONLY).keys(1, 1, 1).acl("@read @string @slow")
        .doc("Get a substring of the string stored at a key", "1.0.0", "string", RANGE_COMPLEXITY)
        .handler(this::getrange));
    table.add(command("setrange", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @string @slow")
        .doc("Overwrite part of a string at key starting at the specified offset", "2.2.0", "string",
            "O(1), not counting the time taken to copy the new string in place. Usually, this string is very"
                + " small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the"
                + " length of the value argument.").handler(this::setrange));
    table.add(command("incr", 2).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Increment the integer value of a key by one", "1.0.0", "string", "O(1)").handler(this::incr));
    table.add(command("decr", 2).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Decrement the integer value of a key by one", "1.0.0", "string", "O(1)").handler(this::decr));
    table.add(command("incrby", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Increment the integer value of a key by the given amount", "1.0.0", "string", "O(1)")
        .handler(this::incrby));
    table.add(command("decrby", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Decrement the integer value of a key by the given number", "1.0.0", "string", "O(1)")
        .handler(this::decrby));
    table.add(command("incrbyfloat", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @string @fast")
        .doc("Increment the float value of a key by the given amount", "2.6.0", "string", "O(1)")
        .handler(this::incrbyfloat));
    table.add(command("lcs", -3).flags(READONLY).keys(1, 2, 1).acl("@read @string @slow")
        .doc("Find longest common substring", "7.0.0", "string",
            "O(N*M) where N and M are the lengths of s1 and s2, respectively").handler(this::lcs));
    table.add(command("setbit", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @bitmap @slow")
        .doc("Sets or clears the bit at offset in the string value stored at key", "2.2.0", "bitmap", "O(1)")
        .handler(this::setbit));
    table.add(command("getbit", 3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @bitmap @fast")
        .doc("Returns the bit value at offset in the string value stored at key", "2.2.0", "bitmap", "O(1)")
        .handler(this::getbit));
    table.add(command("bitcount", -2).flags(READONLY).keys(1, 1, 1).acl("@read @bitmap @slow")
        .doc("Count set bits in a string", "2.6.0", "bitmap", "O(N)").handler(this::bitcount));
    table.add(command("bitpos", -3).flags(READONLY).keys(1, 1, 1).acl("@read @bitmap @slow")
        .doc("Find first bit set or clear in a string", "2.8.7", "bitmap", "O(N)").handler(this::bitpos));
    table.add(command("bitop", -4).flags(WRITE, DENYOOM).keys(2, -1, 1).acl("@write @bitmap @slow")
        .doc("Perform bitwise operations between strings", "2.6.0", "bitmap", "O(N)").handler(this::bitop));
    table.add(command("bitfield", -2).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @bitmap @slow")
        .doc("Perform arbitrary bitfield integer operations on strings", "3.2.0", "bitmap",
            "O(1) for each subcommand specified").handler(this::bitfield));
    table.add(command("bitfield_ro", -2).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @bitmap @fast")
        .doc("Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD", "6.0.0",
            "bitmap", "O(1) for each subcommand specified").handler(this::bitfieldRo));
  }

  void get(final CommandContext c) {
    replyValue(c, c.lookup(1));
  }

  void set(final CommandContext c) {
    final int flags = parseOptions(c, 3, true);
    if (flags >= 0) {
      setGeneric(c, flags, 2, expireIndex, false);
    }
  }

  void setnx(final CommandContext c) {
    setGeneric(c, NX, 2, 0, true);
  }

  void setex(final CommandContext c) {
    setGeneric(c, EX, 3, 2, false);
  }

  void psetex(final CommandContext c) {
    setGeneric(c, PX, 3, 2, false);
  }

  void getset(final CommandContext c) {
    final long record = c.lookup(1);
    if (!replyValue(c, record)) {
      return;
    }
    final long written = storeArgument(c, record, 2);
    c.database().expireAt(written, Record.NO_EXPIRY);
    c.modified(1, KeyspaceSignals.STRING, "set");
    // Redis rewrites GETSET as the SET it amounts to.
    final Arguments args = c.args();
    c.effect(3).arg(SET).arg(args.array(), args.address(1), args.length(1))
        .arg(args.array(), args.address(2), args.length(2));
  }

  void getdel(final CommandContext c) {
    final long record = c.lookup(1);
    if (replyValue(c, record) && record != 0) {
      c.database().delete(record);
      c.modified(1, KeyspaceSignals.GENERIC, "del");
      final Arguments args = c.args();
      c.effect(2).arg(DEL).arg(args.array(), args.address(1), args.length(1));
    } else {
      c.noEffect();
    }
  }

  void getex(final CommandContext c) {
    final int flags = parseOptions(c, 2, false);
    if (flags < 0) {
      return;
    }
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().nullBulk();
      return;
    }
    if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    long deadline = Record.NO_EXPIRY;
    if (expireIndex > 0) {
      deadline = deadline(c, expireIndex, flags);
      if (deadline == INVALID) {
        return;
      }
    }
    replyValue(c, record);
    final Database db = c.database();
    final Arguments args = c.args();
    if ((flags & (EXAT | PXAT)) != 0 && deadline <= c.now() && !c.keyspace().loading().active()) {
      db.delete(record);
      c.modified(1, KeyspaceSignals.GENERIC, "del");
      c.effect(2).arg(DEL).arg(args.array(), args.address(1), args.length(1));
    } else if (expireIndex > 0) {
      db.expireAt(record, deadline);
      c.modified(1, KeyspaceSignals.GENERIC, "expire");
      c.effect(3).arg(PEXPIREAT).arg(args.array(), args.address(1), args.length(1)).arg(deadline);
    } else if ((flags & PERSIST) != 0 && Record.expireAt(record) != Record.NO_EXPIRY) {
      db.expireAt(record, Record.NO_EXPIRY);
      c.modified(1, KeyspaceSignals.GENERIC, "persist");
      c.effect(2).arg(PERSIST_NAME).arg(args.array(), args.address(1), args.length(1));
    } else {
      c.noEffect();
    }
  }

  void mget(final CommandContext c) {
    final int count = c.args().count();
    final Reply reply = c.reply();
    reply.array(count - 1);
    for (int i = 1; i < count; i++) {
      final long record = c.lookup(i);
      if (record == 0 || Record.type(record) != Record.TYPE_STRING) {
        reply.nullBulk();
      } else {
        reply.bulk(null, Record.valueAddress(record), Record.valueLength(record));
      }
    }
  }

  void mset(final CommandContext c) {
    if (c.args().count() % 2 == 0) {
      c.wrongArity();
      return;
    }
    msetAll(c);
    c.reply().ok();
  }

  void msetnx(final CommandContext c) {
    final int count = c.args().count();
    if (count % 2 == 0) {
      c.wrongArity();
      return;
    }
    for (int i = 1; i < count; i += 2) {
      if (c.lookup(i) != 0) {
        c.reply().integer(0);
        c.noEffect();
        return;
      }
    }
    msetAll(c);
    c.reply().integer(1);
  }

  void append(final CommandContext c) {
    final Arguments args = c.args();
    final long record = c.lookup(1);
    if (record == 0) {
      final long written = storeArgument(c, 0, 2);
      c.modified(1, KeyspaceSignals.STRING, "append");
      c.reply().integer(Record.valueLength(written));
      return;
    }
    if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    final int oldLength = Record.valueLength(record);
    final int extra = args.length(2);
    if (!checkLength(c, record, oldLength, extra)) {
      return;
    }
    final int newLength = oldLength + extra;
    final long grown = grow(c.database(), record, newLength, oldLength);
    Bytes.copy(args.array(), args.address(2), null, Record.valueAddress(grown) + oldLength, extra);
    Record.valueLength(grown, newLength);
    Record.encoding(grown, Record.ENCODING_RAW);
    c.modified(1, KeyspaceSignals.STRING, "append");
    c.reply().integer(newLength);
  }

  void strlen(final CommandContext c) {
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().integer(0);
    } else if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
    } else {
      c.reply().integer(Record.valueLength(record));
    }
  }

  void getrange(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(2, scratch)) {
      c.notAnInteger();
      return;
    }
    long start = scratch[0];
    if (!args.parseLong(3, scratch)) {
      c.notAnInteger();
      return;
    }
    long end = scratch[0];
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().bulk(EMPTY);
      return;
    }
    if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    final long length = Record.valueLength(record);
    if (start < 0 && end < 0 && start > end) {
      c.reply().bulk(EMPTY);
      return;
    }
    if (start < 0) {
      start = Math.max(0, length + start);
    }
    if (end < 0) {
      end = Math.max(0, length + end);
    }
    if (end >= length) {
      end = length - 1;
    }
    if (start > end || length == 0) {
      c.reply().bulk(EMPTY);
    } else {
      c.reply().bulk(null, Record.valueAddress(record) + start, (int) (end - start + 1));
    }
  }

  void setrange(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(2, scratch)) {
      c.notAnInteger();
      return;
    }
    final long offset = scratch[0];
    if (offset < 0) {
      c.reply().error("ERR offset is out of range");
      return;
    }
    final int length = args.length(3);
    long record = c.lookup(1);
    if (record != 0 && Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    if (length == 0) {
      c.reply().integer(record == 0 ? 0 : Record.valueLength(record));
      c.noEffect();
      return;
    }
    if (!checkLength(c, record, offset, length)) {
      return;
    }
    final Database db = c.database();
    final int total = (int) (offset + length);
    final int oldLength;
    if (record == 0) {
      record = db.insert(args.array(), args.address(1), args.length(1), Record.TYPE_STRING, 0, total);
      oldLength = 0;
    } else {
      oldLength = Record.valueLength(record);
      record = grow(db, record, Math.max(total, oldLength), oldLength);
    }
    if (offset > oldLength) {
      UnsafeApi.setMemory(Record.valueAddress(record) + oldLength, offset - oldLength, (byte) 0);
    }
    Bytes.copy(args.array(), args.address(3), null, Record.valueAddress(record) + offset, length);
    Record.valueLength(record, Math.max(total, oldLength));
    Record.encoding(record, Record.ENCODING_RAW);
    c.modified(1, KeyspaceSignals.STRING, "setrange");
    c.reply().integer(Record.valueLength(record));
  }

  void incr(final CommandContext c) {
    incrBy(c, 1);
  }

  void decr(final CommandContext c) {
    incrBy(c, -1);
  }

  void incrby(final CommandContext c) {
    if (c.args().parseLong(2, scratch)) {
      incrBy(c, scratch[0]);
    } else {
      c.notAnInteger();
    }
  }

  void decrby(final CommandContext c) {
    if (!c.args().parseLong(2, scratch)) {
      c.notAnInteger();
    } else if (scratch[0] == Long.MIN_VALUE) {
      c.reply().error("ERR decrement would overflow");
    } else {
      incrBy(c, -scratch[0]);
    }
  }

  void incrbyfloat(final CommandContext c) {
    final Arguments args = c.args();
    final long record = c.lookup(1);
    if (record != 0 && Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    final LongDouble value;
    if (record == 0) {
      value = LongDouble.ZERO;
    } else {
      final int length = Record.valueLength(record);
      value = LongDouble.parse(Bytes.toArray(null, Record.valueAddress(record), length), 0, length);
    }
    final LongDouble increment = value == null ? null : LongDouble.parse(args.array(), args.offset(2), args.length(2));
    if (increment == null) {
      c.reply().error("ERR value is not a valid float");
      return;
    }
    final LongDouble sum = value.add(increment);
    if (sum == null || !sum.isFinite()) {
      c.reply().error("ERR increment would produce NaN or Infinity");
      return;
    }
    final byte[] text = sum.format().getBytes(StandardCharsets.US_ASCII);
    final byte encoding = text.length <= EMBSTR_LIMIT ? Record.ENCODING_EMBSTR : Record.ENCODING_RAW;
    store(c.database(), c.args(), 1, record, text, Bytes.ARRAY_BASE, text.length, encoding);
    c.modified(1, KeyspaceSignals.STRING, "incrbyfloat");
    // Replicas must not redo the float arithmetic: Redis propagates the result, keeping the TTL.
    c.effect(4).arg(SET).arg(args.array(), args.address(1), args.length(1)).arg(text).arg(KEEPTTL_NAME);
    c.reply().bulk(text);
  }

  /**
   * LCS by Redis's dynamic programme: a table of the LCS lengths of every pair of prefixes, then a
   * walk back from the far corner that collects the common string and, for IDX, the matching
   * ranges (last ones first, as Redis emits them). The table is (|a|+1)*(|b|+1) ints, refused
   * beyond proto-max-bulk-len bytes as Redis does.
   */
  void lcs(final CommandContext c) {
    final Arguments args = c.args();
    final long recordA = c.lookup(1);
    final long recordB = c.lookup(2);
    if ((recordA != 0 && Record.type(recordA) != Record.TYPE_STRING)
        || (recordB != 0 && Record.type(recordB) != Record.TYPE_STRING)) {
      c.reply().error("ERR The specified keys must contain string values");
      return;
    }
    boolean getIdx = false;
    boolean getLen = false;
    boolean withMatchLen = false;
    long minMatchLen = 0;
    for (int j = 3; j < args.count(); j++) {
      final boolean moreArgs = j < args.count() - 1;
      if (args.is(j, "idx")) {
        getIdx = true;
      } else if (args.is(j, "len")) {
        getLen = true;
      } else if (args.is(j, "withmatchlen")) {
        withMatchLen = true;
      } else if (args.is(j, "minmatchlen") && moreArgs) {
        if (!args.parseLong(j + 1, scratch)) {
          c.notAnInteger();
          return;
        }
        minMatchLen = Math.max(0, scratch[0]);
        j++;
      } else {
        c.syntaxError();
        return;
      }
    }
    if (getIdx && getLen) {
      c.reply().error("ERR If you want both the length and indexes, please just use IDX.");
      return;
    }
    final byte[] a = recordA == 0 ? EMPTY : Bytes.toArray(null, Record.valueAddress(recordA), Record.valueLength(recordA));
    final byte[] b = recordB == 0 ? EMPTY : Bytes.toArray(null, Record.valueAddress(recordB), Record.valueLength(recordB));
    final int alen = a.length;
    final int blen = b.length;
    final long cells = (alen + 1L) * (blen + 1L);
    if (cells * Integer.BYTES > maxBulkLen()) {
      c.reply().error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
      return;
    }
    if (cells > Integer.MAX_VALUE - 8) {
      c.reply().error("ERR Insufficient memory, failed allocating transient memory for LCS");
      return;
    }
    final int width = blen + 1;
    final int[] table = new int[(int) cells];
    for (int i = 1; i <= alen; i++) {
      for (int j = 1; j <= blen; j++) {
        if (a[i - 1] == b[j - 1]) {
          table[i * width + j] = table[(i - 1) * width + j - 1] + 1;
        } else {
          table[i * width + j] = Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
        }
      }
    }
    final int lcsLength = table[alen * width + blen];
    if (getLen) {
      c.reply().integer(lcsLength);
      return;
    }
    final byte[] result = new byte[lcsLength];
    final List<long[]> ranges = new ArrayList<>();
    int idx = lcsLength;
    int aStart = alen;
    int aEnd = 0;
    int bStart = 0;
    int bEnd = 0;
    int i = alen;
    int j = blen;
    while (i > 0 && j > 0) {
      boolean emit = false;
      if (a[i - 1] == b[j - 1]) {
        result[idx - 1] = a[i - 1];
        if (aStart == alen) {
          aStart = i - 1;
          aEnd = i - 1;
          bStart = j - 1;
          bEnd = j - 1;
        } else if (aStart == i && bStart == j) {
          aStart--;
          bStart--;
        } else {
          emit = true;
        }
        if (aStart == 0 || bStart == 0) {
          emit = true;
        }
        idx--;
        i--;
        j--;
      } else {
        if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
          i--;
        } else {
          j--;
        }
        if (aStart != alen) {
          emit = true;
        }
      }
      if (emit) {
        final long matchLength = aEnd - aStart + 1L;
        if (getIdx && (minMatchLen == 0 || matchLength >= minMatchLen)) {
          ranges.add(new long[] {aStart, aEnd, bStart, bEnd, matchLength});
        }
        aStart = alen;
      }
    }
    final Reply reply = c.reply();
    if (!getIdx) {
      reply.bulk(result);
      return;
    }
    reply.map(2);
    reply.bulk(MATCHES);
    reply.array(ranges.size());
    for (final long[] range : ranges) {
      reply.array(withMatchLen ? 3 : 2);
      reply.array(2);
      reply.integer(range[0]);
      reply.integer(range[1]);
      reply.array(2);
      reply.integer(range[2]);
      reply.integer(range[3]);
      if (withMatchLen) {
        reply.integer(range[4]);
      }
    }
    reply.bulk(LEN);
    reply.integer(lcsLength);
  }

  void setbit(final CommandContext c) {
    if (!bitOffset(c, 2)) {
      return;
    }
    final long offset = scratch[0];
    if (!c.args().parseLong(3, scratch) || (scratch[0] & ~1L) != 0) {
      c.reply().error("ERR bit is not an integer or out of range");
      return;
    }
    final boolean on = scratch[0] == 1;
    long record = c.lookup(1);
    if (record != 0 && Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    final int needed = (int) (offset >> 3) + 1;
    final Database db = c.database();
    final boolean grown = record == 0 || Record.valueLength(record) < needed;
    if (record == 0) {
      final Arguments args = c.args();
      record = db.insert(args.array(), args.address(1), args.length(1), Record.TYPE_STRING, needed, needed);
      UnsafeApi.setMemory(Record.valueAddress(record), needed, (byte) 0);
    } else if (Record.valueLength(record) < needed) {
      final int oldLength = Record.valueLength(record);
      record = grow(db, record, needed, oldLength);
      UnsafeApi.setMemory(Record.valueAddress(record) + oldLength, needed - oldLength, (byte) 0);
      Record.valueLength(record, needed);
    }
    Record.encoding(record, Record.ENCODING_RAW);
    final long address = Record.valueAddress(record) + (offset >> 3);
    final int mask = 0x80 >>> (offset & 7);
    final int value = UnsafeApi.getByte(address);
    UnsafeApi.putByte(address, (byte) (on ? value | mask : value & ~mask));
    if (grown || ((value & mask) != 0) != on) {
      c.modified(1, KeyspaceSignals.STRING, "setbit");
    } else {
      c.noEffect();
    }
    c.reply().integer((value & mask) != 0 ? 1 : 0);
  }

  void getbit(final CommandContext c) {
    if (!bitOffset(c, 2)) {
      return;
    }
    final long offset = scratch[0];
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().integer(0);
    } else if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
    } else if ((offset >> 3) >= Record.valueLength(record)) {
      c.reply().integer(0);
    } else {
      final int value = UnsafeApi.getByte(Record.valueAddress(record) + (offset >> 3));
      c.reply().integer((value & (0x80 >>> (offset & 7))) != 0 ? 1 : 0);
    }
  }

  /**
   * BITCOUNT as Redis 7.0 has it: the key is looked up before the range is parsed, so a missing key
   * answers 0 whatever the other arguments are. Ranges are turned into inclusive bit positions so
   * the BYTE and BIT units share one counting loop.
   */
  void bitcount(final CommandContext c) {
    final Arguments args = c.args();
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().integer(0);
      return;
    }
    if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    final long length = Record.valueLength(record);
    long from = 0;
    long to = length * 8 - 1;
    final int count = args.count();
    if (count == 4 || count == 5) {
      if (!args.parseLong(2, scratch)) {
        c.notAnInteger();
        return;
      }
      long start = scratch[0];
      if (!args.parseLong(3, scratch)) {
        c.notAnInteger();
        return;
      }
      long end = scratch[0];
      boolean bits = false;
      if (count == 5) {
        if (args.is(4, "bit")) {
          bits = true;
        } else if (!args.is(4, "byte")) {
          c.syntaxError();
          return;
        }
      }
      final long total = bits ? length * 8 : length;
      if (start < 0 && end < 0 && start > end) {
        c.reply().integer(0);
        return;
      }
      start = start < 0 ? Math.max(0, total + start) : start;
      end = Math.min(end < 0 ? Math.max(0, total + end) : end, total - 1);
      from = bits ? start : start * 8;
      to = bits ? end : end * 8 + 7;
      if (start > end) {
        c.reply().integer(0);
        return;
      }
    } else if (count != 2) {
      c.syntaxError();
      return;
    }
    c.reply().integer(from > to ? 0 : countBits(Record.valueAddress(record), from, to));
  }

  /**
   * BITPOS as Redis 7.0 has it. A missing key is an endless run of zeros; without an explicit end,
   * a search for a clear bit in an all-ones range answers the first bit past the string (the
   * value is taken as zero-padded on the right), but with one it answers -1.
   */
  void bitpos(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(2, scratch)) {
      c.notAnInteger();
      return;
    }
    final long bit = scratch[0];
    if (bit != 0 && bit != 1) {
      c.reply().error("ERR The bit argument must be 1 or 0.");
      return;
    }
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().integer(bit == 1 ? -1 : 0);
      return;
    }
    if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    final long length = Record.valueLength(record);
    final int count = args.count();
    long from = 0;
    long to = length * 8 - 1;
    boolean endGiven = false;
    if (count >= 4 && count <= 6) {
      if (!args.parseLong(3, scratch)) {
        c.notAnInteger();
        return;
      }
      long start = scratch[0];
      boolean bits = false;
      if (count == 6) {
        if (args.is(5, "bit")) {
          bits = true;
        } else if (!args.is(5, "byte")) {
          c.syntaxError();
          return;
        }
      }
      final long total = bits ? length * 8 : length;
      long end = total - 1;
      if (count >= 5) {
        if (!args.parseLong(4, scratch)) {
          c.notAnInteger();
          return;
        }
        end = scratch[0];
        endGiven = true;
      }
      start = start < 0 ? Math.max(0, total + start) : start;
      end = Math.min(end < 0 ? Math.max(0, total + end) : end, total - 1);
      if (start > end) {
        c.reply().integer(-1);
        return;
      }
      from = bits ? start : start * 8;
      to = bits ? end : end * 8 + 7;
    } else if (count != 3) {
      c.syntaxError();
      return;
    }
    if (from > to) {
      c.reply().integer(-1);
      return;
    }
    final long found = findBit(Record.valueAddress(record), from, to, bit == 1);
    if (found >= 0) {
      c.reply().integer(found);
    } else {
      c.reply().integer(bit == 1 || endGiven ? -1 : to + 1);
    }
  }

  void bitop(final CommandContext c) {
    final Arguments args = c.args();
    final int op;
    if (args.is(1, "and")) {
      op = 0;
    } else if (args.is(1, "or")) {
      op = 1;
    } else if (args.is(1, "xor")) {
      op = 2;
    } else if (args.is(1, "not")) {
      op = 3;
    } else {
      c.syntaxError();
      return;
    }
    if (op == 3 && args.count() != 4) {
      c.reply().error("ERR BITOP NOT must be called with a single source key.");
      return;
    }
    final int sources = args.count() - 3;
    final long[] records = new long[sources];
    int maxLength = 0;
    for (int i = 0; i < sources; i++) {
      records[i] = c.lookup(i + 3);
      if (records[i] != 0) {
        if (Record.type(records[i]) != Record.TYPE_STRING) {
          c.wrongType();
          return;
        }
        maxLength = Math.max(maxLength, Record.valueLength(records[i]));
      }
    }
    final Database db = c.database();
    final long target = c.lookup(2);
    if (maxLength == 0) {
      if (target != 0) {
        db.delete(target);
        c.modified(2, KeyspaceSignals.GENERIC, "del");
      } else {
        c.noEffect();
      }
      c.reply().integer(0);
      return;
    }
    final byte[] result = new byte[maxLength];
    for (int i = 0; i < sources; i++) {
      final int length = records[i] == 0 ? 0 : Record.valueLength(records[i]);
      final long address = records[i] == 0 ? 0 : Record.valueAddress(records[i]);
      for (int j = 0; j < maxLength; j++) {
        final byte b = j < length ? UnsafeApi.getByte(address + j) : 0;
        if (i == 0) {
          result[j] = op == 3 ? (byte) ~b : b;
        } else if (op == 0) {
          result[j] &= b;
        } else if (op == 1) {
          result[j] |= b;
        } else {
          result[j] ^= b;
        }
      }
    }
    final long written = store(db, args, 2, target, result, Bytes.ARRAY_BASE, maxLength, Record.ENCODING_RAW);
    db.expireAt(written, Record.NO_EXPIRY);
    c.modified(2, KeyspaceSignals.STRING, "set");
    c.reply().integer(maxLength);
  }

  void bitfield(final CommandContext c) {
    bitfieldGeneric(c, false);
  }

  void bitfieldRo(final CommandContext c) {
    bitfieldGeneric(c, true);
  }

  /**
   * Redis's {@code bitfieldGeneric}: every operation is parsed (and any error reported) before the
   * key is touched; a command with a SET or INCRBY then grows the value to its farthest written bit,
   * creating the key if needed, even when every write ends up refused by OVERFLOW FAIL. Fields are
   * read and written most significant bit first, as Redis lays them out.
   */
  private void bitfieldGeneric(final CommandContext c, final boolean readOnlyCommand) {
    final Arguments args = c.args();
    final int count = args.count();
    final long[] ops = new long[(count - 2) / 3 * 5 + 5];
    int numOps = 0;
    int overflow = OVERFLOW_WRAP;
    boolean readOnly = true;
    long highestWrite = 0;
    for (int j = 2; j < count; j++) {
      final int remaining = count - j - 1;
      final int opcode;
      if (args.is(j, "get") && remaining >= 2) {
        opcode = FIELD_GET;
      } else if (args.is(j, "set") && remaining >= 3) {
        opcode = FIELD_SET;
      } else if (args.is(j, "incrby") && remaining >= 3) {
        opcode = FIELD_INCRBY;
      } else if (args.is(j, "overflow") && remaining >= 1) {
        j++;
        if (args.is(j, "wrap")) {
          overflow = OVERFLOW_WRAP;
        } else if (args.is(j, "sat")) {
          overflow = OVERFLOW_SAT;
        } else if (args.is(j, "fail")) {
          overflow = OVERFLOW_FAIL;
        } else {
          c.reply().error("ERR Invalid OVERFLOW type specified");
          return;
        }
        continue;
      } else {
        c.syntaxError();
        return;
      }
      final int type = bitfieldType(args, j + 1);
      if (type == 0) {
        c.reply().error("ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
        return;
      }
      final int bits = Math.abs(type);
      if (!bitfieldOffset(c, j + 2, bits)) {
        return;
      }
      final long offset = scratch[0];
      long value = 0;
      if (opcode != FIELD_GET) {
        readOnly = false;
        highestWrite = Math.max(highestWrite, offset + bits - 1);
        if (!args.parseLong(j + 3, scratch)) {
          c.notAnInteger();
          return;
        }
        value = scratch[0];
      }
      final int at = numOps * 5;
      ops[at] = opcode;
      ops[at + 1] = type;
      ops[at + 2] = offset;
      ops[at + 3] = value;
      ops[at + 4] = overflow;
      numOps++;
      j += opcode == FIELD_GET ? 2 : 3;
    }
    if (!readOnly && readOnlyCommand) {
      c.reply().error("ERR BITFIELD_RO only supports the GET subcommand");
      return;
    }
    long record = c.lookup(1);
    if (record != 0 && Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return;
    }
    if (!readOnly) {
      record = growForBits(c, record, highestWrite);
    }
    final Reply reply = c.reply();
    reply.array(numOps);
    int changes = 0;
    for (int i = 0; i < numOps; i++) {
      final int at = i * 5;
      final int type = (int) ops[at + 1];
      final int bits = Math.abs(type);
      final boolean signed = type < 0;
      final long offset = ops[at + 2];
      final long address = record == 0 ? 0 : Record.valueAddress(record);
      final int length = record == 0 ? 0 : Record.valueLength(record);
      final long old = readField(address, length, offset, bits, signed);
      if (ops[at] == FIELD_GET) {
        reply.integer(old);
        continue;
      }
      final boolean incr = ops[at] == FIELD_INCRBY;
      final long operand = ops[at + 3];
      final int mode = (int) ops[at + 4];
      final boolean overflowed = signed
          ? signedOverflow(incr ? old : operand, incr ? operand : 0, bits, mode)
          : unsignedOverflow(incr ? old : operand, incr ? operand : 0, bits, mode);
      if (overflowed && mode == OVERFLOW_FAIL) {
        reply.nullBulk();
        continue;
      }
      final long stored = overflowed ? scratch[0] : (incr ? old + operand : operand);
      writeField(address, offset, bits, stored);
      reply.integer(incr ? stored : old);
      changes++;
    }
    if (changes > 0) {
      c.modified(1, KeyspaceSignals.STRING, "setbit");
      c.signals().dirty(changes - 1);
    }
  }

  /**
   * Redis's {@code getBitfieldTypeFromArgument}: {@code i1..i64} or {@code u1..u63} (lower case
   * only), answered as minus the width for signed types, the width for unsigned, 0 when invalid.
   */
  private int bitfieldType(final Arguments args, final int index) {
    final int length = args.length(index);
    final byte[] data = args.array();
    final int offset = args.offset(index);
    if (length == 0 || (data[offset] != 'i' && data[offset] != 'u')) {
      return 0;
    }
    final boolean signed = data[offset] == 'i';
    if (!Numbers.parseLong(data, offset + 1, length - 1, scratch)
        || scratch[0] < 1 || scratch[0] > (signed ? 64 : 63)) {
      return 0;
    }
    return signed ? (int) -scratch[0] : (int) scratch[0];
  }

  /** A field offset, plain or {@code #n} (n fields of this width), into {@code scratch[0]}. */
  private boolean bitfieldOffset(final CommandContext c, final int index, final int bits) {
    final Arguments args = c.args();
    final boolean hash = args.length(index) > 0 && args.array()[args.offset(index)] == '#';
    if (hash) {
      if (!Numbers.parseLong(args.array(), args.offset(index) + 1, args.length(index) - 1, scratch)) {
        c.reply().error("ERR bit offset is not an integer or out of range");
        return false;
      }
      scratch[0] *= bits;
      return checkBitOffset(c, scratch[0]);
    }
    return bitOffset(c, index);
  }

  /** Makes the value (created if missing) at least long enough to hold bit {@code highestBit}. */
  private long growForBits(final CommandContext c, final long record, final long highestBit) {
    final int needed = (int) (highestBit >> 3) + 1;
    final Database db = c.database();
    long target = record;
    if (target == 0) {
      final Arguments args = c.args();
      target = db.insert(args.array(), args.address(1), args.length(1), Record.TYPE_STRING, needed, needed);
      UnsafeApi.setMemory(Record.valueAddress(target), needed, (byte) 0);
    } else if (Record.valueLength(target) < needed) {
      final int oldLength = Record.valueLength(target);
      target = grow(db, target, needed, oldLength);
      UnsafeApi.setMemory(Record.valueAddress(target) + oldLength, needed - oldLength, (byte) 0);
      Record.valueLength(target, needed);
    }
    Record.encoding(target, Record.ENCODING_RAW);
    return target;
  }

  /** The field's value; bytes past {@code length} read as zeros. */
  private static long readField(final long address, final int length, final long offset, final int bits, final boolean signed) {
    long value = 0;
    for (long bit = offset; bit < offset + bits; bit++) {
      final long index = bit >> 3;
      final int b = index < length ? UnsafeApi.getByte(address + index) : 0;
      value = (value << 1) | ((b >> (7 - (bit & 7))) & 1);
    }
    if (signed && bits < 64 && (value & (1L << (bits - 1))) != 0) {
      value |= -1L << bits;
    }
    return value;
  }

  private static void writeField(final long address, final long offset, final int bits, final long value) {
    for (int j = 0; j < bits; j++) {
      final long bit = offset + j;
      final long at = address + (bit >> 3);
      final int mask = 0x80 >>> (bit & 7);
      final int b = UnsafeApi.getByte(at);
      final boolean on = (value & (1L << (bits - 1 - j))) != 0;
      UnsafeApi.putByte(at, (byte) (on ? b | mask : b & ~mask));
    }
  }

  /**
   * Redis's {@code checkUnsignedBitfieldOverflow}: whether {@code value + incr} leaves the range of
   * a {@code bits}-wide unsigned field ({@code value} taken as unsigned); if so the wrapped or
   * saturated result goes to {@code scratch[0]}.
   */
  private boolean unsignedOverflow(final long value, final long incr, final int bits, final int mode) {
    final long max = (1L << bits) - 1;
    final long maxIncr = max - value;
    final long minIncr = -value;
    final boolean high = Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr);
    if (!high && !(incr < 0 && incr < minIncr)) {
      return false;
    }
    if (mode == OVERFLOW_WRAP) {
      scratch[0] = (value + incr) & max;
    } else {
      scratch[0] = high ? max : 0;
    }
    return true;
  }

  /** Redis's {@code checkSignedBitfieldOverflow}, with the same result convention. */
  private boolean signedOverflow(final long value, final long incr, final int bits, final int mode) {
    final long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    final long min = -max - 1;
    final long maxIncr = max - value;
    final long minIncr = min - value;
    final boolean high = value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr);
    final boolean low = !high
        && (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr));
    if (!high && !low) {
      return false;
    }
    if (mode == OVERFLOW_WRAP) {
      long sum = value + incr;
      if (bits < 64) {
        final long mask = -1L << bits;
        sum = (sum & (1L << (bits - 1))) != 0 ? sum | mask : sum & ~mask;
      }
      scratch[0] = sum;
    } else {
      scratch[0] = high ? max : min;
    }
    return true;
  }

  /**
   * Redis's {@code getBitOffsetFromArgument} without the {@code #} form: the offset goes to {@code
   * scratch[0]}; false after replying when it is not an integer, negative, or addresses a byte at
   * or past proto-max-bulk-len (or past what a record can hold).
   */
  private boolean bitOffset(final CommandContext c, final int index) {
    if (!c.args().parseLong(index, scratch)) {
      c.reply().error("ERR bit offset is not an integer or out of range");
      return false;
    }
    return checkBitOffset(c, scratch[0]);
  }

  private boolean checkBitOffset(final CommandContext c, final long offset) {
    if (offset < 0 || (offset >> 3) >= maxBulkLen()
        || (offset >> 3) >= Integer.MAX_VALUE - RECORD_MARGIN - c.args().length(1)) {
      c.reply().error("ERR bit offset is not an integer or out of range");
      return false;
    }
    return true;
  }

  /** Set bits between bit positions {@code from} and {@code to}, both included, MSB first. */
  private static long countBits(final long address, final long from, final long to) {
    final long firstByte = from >> 3;
    final long lastByte = to >> 3;
    long count = 0;
    long b = firstByte;
    while (b <= lastByte) {
      if (b != firstByte && b + 8 <= lastByte) {
        count += Long.bitCount(UnsafeApi.getLong(address + b));
        b += 8;
        continue;
      }
      int value = UnsafeApi.getByte(address + b) & 0xFF;
      if (b == firstByte) {
        value &= 0xFF >>> (from & 7);
      }
      if (b == lastByte) {
        value &= 0xFF << (7 - (to & 7));
      }
      count += Integer.bitCount(value);
      b++;
    }
    return count;
  }

  /** The first bit equal to {@code set} between bit positions {@code from} and {@code to}, or -1. */
  private static long findBit(final long address, final long from, final long to, final boolean set) {
    final long firstByte = from >> 3;
    final long lastByte = to >> 3;
    for (long b = firstByte; b <= lastByte; b++) {
      int value = UnsafeApi.getByte(address + b) & 0xFF;
      if (!set) {
        value = ~value & 0xFF;
      }
      if (b == firstByte) {
        value &= 0xFF >>> (from & 7);
      }
      if (b == lastByte) {
        value &= 0xFF << (7 - (to & 7));
      }
      if (value != 0) {
        return b * 8 + Integer.numberOfLeadingZeros(value) - 24;
      }
    }
    return -1;
  }

  /**
   * Redis's {@code parseExtendedStringArgumentsOrReply} for SET ({@code forSet}) and GETEX: each
   * option may repeat, but not combine with one it excludes. Returns the flags, with the expiry's
   * argument in {@link #expireIndex}, or -1 after replying with a syntax error.
   */
  private int parseOptions(final CommandContext c, final int first, final boolean forSet) {
    final Arguments args = c.args();
    final int count = args.count();
    int flags = 0;
    expireIndex = 0;
    for (int j = first; j < count; j++) {
      final boolean hasNext = j < count - 1;
      if (forSet && args.is(j, "nx") && (flags & XX) == 0) {
        flags |= NX;
      } else if (forSet && args.is(j, "xx") && (flags & NX) == 0) {
        flags |= XX;
      } else if (forSet && args.is(j, "get")) {
        flags |= GET;
      } else if (forSet && args.is(j, "keepttl") && (flags & (PERSIST | ANY_EXPIRY)) == 0) {
        flags |= KEEPTTL;
      } else if (!forSet && args.is(j, "persist") && (flags & (KEEPTTL | ANY_EXPIRY)) == 0) {
        flags |= PERSIST;
      } else if (hasNext && (flags & (KEEPTTL | PERSIST)) == 0 && expiryOption(args, j) != 0
          && (flags & ANY_EXPIRY & ~expiryOption(args, j)) == 0) {
        flags |= expiryOption(args, j);
        expireIndex = ++j;
      } else {
        c.syntaxError();
        return -1;
      }
    }
    return flags;
  }

  private static int expiryOption(final Arguments args, final int index) {
    if (args.is(index, "ex")) {
      return EX;
    } else if (args.is(index, "px")) {
      return PX;
    } else if (args.is(index, "exat")) {
      return EXAT;
    } else if (args.is(index, "pxat")) {
      return PXAT;
    }
    return 0;
  }

  /**
   * Redis's {@code getExpireMillisecondsOrReply}: the absolute deadline in unix ms for the expiry
   * at argument {@code index}, or {@link #INVALID} after replying. A value that is not positive,
   * or whose conversion to an absolute millisecond time overflows, is an invalid expire time.
   */
  private long deadline(final CommandContext c, final int index, final int flags) {
    if (!c.args().parseLong(index, scratch)) {
      c.notAnInteger();
      return INVALID;
    }
    long millis = scratch[0];
    final boolean seconds = (flags & (EX | EXAT)) != 0;
    if (millis <= 0 || (seconds && millis > Long.MAX_VALUE / 1000)) {
      invalidExpireTime(c);
      return INVALID;
    }
    if (seconds) {
      millis *= 1000;
    }
    if ((flags & (EX | PX)) != 0) {
      millis += c.now();
    }
    if (millis <= 0) {
      invalidExpireTime(c);
      return INVALID;
    }
    return millis;
  }

  private static void invalidExpireTime(final CommandContext c) {
    c.reply().error("ERR invalid expire time in '" + c.spec().fullName + "' command");
  }

  /**
   * Redis's {@code setGenericCommand} for SET, SETNX, SETEX and PSETEX: the key is argument 1, the
   * value argument {@code valueIndex}, the expiry (if any) argument {@code expiry}.
   */
  private void setGeneric(
      final CommandContext c, final int flags, final int valueIndex, final int expiry, final boolean integerReply) {
    long deadline = Record.NO_EXPIRY;
    if (expiry > 0) {
      deadline = deadline(c, expiry, flags);
      if (deadline == INVALID) {
        return;
      }
    }
    final long record = c.lookup(1);
    if ((flags & GET) != 0 && !replyValue(c, record)) {
      return;
    }
    final boolean found = record != 0;
    if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
      c.noEffect();
      if ((flags & GET) == 0) {
        if (integerReply) {
          c.reply().integer(0);
        } else {
          c.reply().nullBulk();
        }
      }
      return;
    }
    final long written = storeArgument(c, record, valueIndex);
    if (expiry > 0 || (flags & KEEPTTL) == 0) {
      c.database().expireAt(written, deadline);
    }
    c.modified(1, KeyspaceSignals.STRING, "set");
    final Arguments args = c.args();
    if (expiry > 0) {
      c.notify(KeyspaceSignals.GENERIC, "expire", 1);
      // A relative expiry means another moment on replay: Redis propagates the absolute deadline.
      c.effect(5).arg(SET).arg(args.array(), args.address(1), args.length(1))
          .arg(args.array(), args.address(valueIndex), args.length(valueIndex)).arg(PXAT_NAME).arg(deadline);
    } else if ((flags & GET) != 0) {
      setWithoutGet(c);
    }
    if ((flags & GET) == 0) {
      if (integerReply) {
        c.reply().integer(1);
      } else {
        c.reply().ok();
      }
    }
  }

  /** Redis propagates SET ... GET without its GET options: replay has no one to answer. */
  private static void setWithoutGet(final CommandContext c) {
    final Arguments args = c.args();
    int argc = 0;
    for (int j = 0; j < args.count(); j++) {
      if (j < 3 || !args.is(j, "get")) {
        argc++;
      }
    }
    final Effects effect = c.effect(argc);
    for (int j = 0; j < args.count(); j++) {
      if (j < 3 || !args.is(j, "get")) {
        effect.arg(args.array(), args.address(j), args.length(j));
      }
    }
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Replies with a string key's value (nil when absent); false after a WRONGTYPE reply. */
  private static boolean replyValue(final CommandContext c, final long record) {
    if (record == 0) {
      c.reply().nullBulk();
    } else if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
      return false;
    } else {
      c.reply().bulk(null, Record.valueAddress(record), Record.valueLength(record));
    }
    return true;
  }

  private void msetAll(final CommandContext c) {
    final Database db = c.database();
    for (int i = 1; i < c.args().count(); i += 2) {
      final long written = storeArgument(c, c.lookup(i), i, i + 1);
      db.expireAt(written, Record.NO_EXPIRY);
      c.modified(i, KeyspaceSignals.STRING, "set");
    }
  }

  private void incrBy(final CommandContext c, final long increment) {
    final long record = c.lookup(1);
    long value = 0;
    if (record != 0) {
      if (Record.type(record) != Record.TYPE_STRING) {
        c.wrongType();
        return;
      }
      final int length = Record.valueLength(record);
      if (length > 20) {
        c.notAnInteger();
        return;
      }
      Bytes.copy(null, Record.valueAddress(record), digits, Bytes.ARRAY_BASE, length);
      if (!Numbers.parseLong(digits, 0, length, scratch)) {
        c.notAnInteger();
        return;
      }
      value = scratch[0];
    }
    if (Numbers.sumOverflows(value, increment)) {
      c.reply().error("ERR increment or decrement would overflow");
      return;
    }
    value += increment;
    final int length = Numbers.putLong(digits, 0, value);
    store(c.database(), c.args(), 1, record, digits, Bytes.ARRAY_BASE, length, Record.ENCODING_INT);
    c.modified(1, KeyspaceSignals.STRING, "incrby");
    c.reply().integer(value);
  }

  /** Stores argument {@code valueIndex} under argument 1; see {@link #store}. */
  private long storeArgument(final CommandContext c, final long record, final int valueIndex) {
    return storeArgument(c, record, 1, valueIndex);
  }

  private long storeArgument(final CommandContext c, final long record, final int keyIndex, final int valueIndex) {
    final Arguments args = c.args();
    final int length = args.length(valueIndex);
    final byte encoding = encodingOf(args, valueIndex);
    return store(c.database(), args, keyIndex, record, args.array(), args.address(valueIndex), length, encoding);
  }

  /**
   * Redis's {@code tryObjectEncoding} for a value about to be stored: {@code int} when {@code
   * string2ll} accepts it (at most 20 bytes), {@code embstr} up to 44 bytes, else {@code raw}.
   */
  private byte encodingOf(final Arguments args, final int index) {
    final int length = args.length(index);
    if (length <= 20 && args.parseLong(index, scratch)) {
      return Record.ENCODING_INT;
    }
    return length <= EMBSTR_LIMIT ? Record.ENCODING_EMBSTR : Record.ENCODING_RAW;
  }

  /**
   * Writes a string value for argument {@code keyIndex}, whose live record is {@code record} (0 when
   * absent), and returns the record to use from now on. A string record is reused in place when
   * the value fits and does not leave most of the block idle; otherwise the key gets a new record.
   * The deadline survives either way: callers clear or set it as their command says.
   */
  static long store(
      final Database db, final Arguments args, final int keyIndex, final long record,
      final Object base, final long offset, final int length, final byte encoding) {
    long target = record;
    if (target != 0 && Record.type(target) == Record.TYPE_STRING
        && Record.valueCapacity(target) >= length && Record.valueCapacity(target) <= 2L * length + 64) {
      Record.valueLength(target, length);
    } else {
      long deadline = Record.NO_EXPIRY;
      if (target != 0) {
        deadline = Record.expireAt(target);
        db.delete(target);
      }
      target = db.insert(args.array(), args.address(keyIndex), args.length(keyIndex), Record.TYPE_STRING, length, length);
      if (deadline != Record.NO_EXPIRY) {
        db.expireAt(target, deadline);
      }
    }
    Bytes.copy(base, offset, null, Record.valueAddress(target), length);
    Record.encoding(target, encoding);
    return target;
  }

  /**
   * Makes room for {@code length} value bytes, keeping the first {@code keep}; spare room grows as
   * Redis's sds does (double below 1 MiB, plus 1 MiB above) so repeated APPENDs stay amortised O(1).
   */
  private static long grow(final Database db, final long record, final int length, final int keep) {
    if (Record.valueCapacity(record) >= length) {
      return record;
    }
    final long wanted = length < MAX_PREALLOC ? 2L * length : (long) length + MAX_PREALLOC;
    final long ceiling = Integer.MAX_VALUE - RECORD_MARGIN - Record.keyLength(record);
    return db.reserve(record, Math.max(length, Math.min(wanted, ceiling)), keep);
  }

  /**
   * Redis's {@code checkStringLength}: a value of {@code size + append} bytes must stay within
   * proto-max-bulk-len. Our records also cap a value a little under 2 GiB, refused the same way.
   */
  private boolean checkLength(final CommandContext c, final long record, final long size, final long append) {
    final long total = size + append;
    final int keyLength = record == 0 ? c.args().length(1) : Record.keyLength(record);
    if (total > maxBulkLen() || total < size || total > Integer.MAX_VALUE - RECORD_MARGIN - keyLength) {
      c.reply().error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
      return false;
    }
    return true;
  }

  /** proto-max-bulk-len, reparsed only when CONFIG SET has replaced its text. */
  private long maxBulkLen() {
    final String text = protoMaxBulkLen.value();
    if (text != maxBulkText) {
      maxBulk = Parameter.parseMemory(text);
      maxBulkText = text;
    }
    return maxBulk;
  }
}
