package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Glob;
import io.rustyredis.engine.Numbers;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.Parameter;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Listpack;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.signals.KeyspaceSignals;
import io.rustyredis.engine.types.HashTable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The hash commands of Redis's {@code t_hash.c}.
 *
 * <p>A hash starts as a {@link Listpack} in its record (field, value, field, value, in insertion
 * order, as Redis's listpack keeps them) and becomes a {@link HashTable} on the heap once it holds
 * more than {@code hash-max-listpack-entries} fields or is given a field or value longer than
 * {@code hash-max-listpack-value} bytes; both are read from the config at each write and, as in
 * Redis, a hash never converts back. Values are kept as the bytes the client sent; Redis keeps
 * integer-looking listpack values as integers, which changes nothing a client can see (HSTRLEN and
 * HINCRBY read the same digits back).
 *
 * <p>The single-field commands on a compact hash (HSET, HGET, HINCRBY, ...; HINCRBYFLOAT aside,
 * whose long double arithmetic allocates as INCRBYFLOAT's does) allocate nothing once warm: the
 * listpack is searched and edited in place and values are replied straight from native memory. The
 * heap encoding copies fields and values into arrays as a {@code HashMap} would.
 *
 * <p>Errors come in Redis's order: HSET checks its argument count before the key, HINCRBY and
 * HINCRBYFLOAT parse the increment before looking at the key, HRANDFIELD validates its count before
 * the key, HSCAN parses the cursor, then looks at the key (a missing key answers an empty scan
 * whatever the options), then the options.
 */
public final class HashCommands {
  /** {@link #hash} replied WRONGTYPE. */
  private static final long WRONG_TYPE = -1;
  private static final byte[] HSET = "HSET".getBytes(StandardCharsets.US_ASCII);
  private static final int INITIAL_CAPACITY = 64;
  /**
   * Redis answers HRANDFIELD with a huge negative count until its output buffer limit closes the
   * client (or, with no limit, until memory runs out). Past this many reply bytes we drop the reply
   * and close the connection, which is what the limit would have done.
   */
  private static final int MAX_RANDOM_REPLY_BYTES = 256 << 20;
  private static final String RANDOM_COUNT_RANGE =
      "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

  private final Keyspace keyspace;
  private final HeapValues heap;
  private final Parameter maxEntriesParameter;
  private final Parameter maxValueParameter;
  private String maxEntriesText;
  private long maxEntries;
  private String maxValueText;
  private long maxValue;
  private final long[] number = new long[1];
  private final ScanOptions scanOptions = new ScanOptions();
  private final byte[] digits = new byte[24];
  /** The record after the last {@link #setField}, which may have moved it. */
  private long current;
  /** Where the last successful {@link #findValue} found the value. */
  private Object valueBase;
  private long valueOffset;
  private int valueLength;
  /** Scratch for HSCAN and HRANDFIELD over the heap encoding. */
  private HashTable.Entry[] found = new HashTable.Entry[16];
  private int foundCount;
  private final HashTable.EntryVisitor collect = this::collect;
  /** The reply the {@link #replyEntry} visitors write to, and what they write. */
  private Reply out;
  private boolean outFields;
  private boolean outValues;
  private final HashTable.EntryVisitor replyEntry = this::replyEntry;

  public HashCommands(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.heap = keyspace.heapValues();
    this.maxEntriesParameter = config.parameter("hash-max-listpack-entries");
    this.maxValueParameter = config.parameter("hash-max-listpack-value");
  }

  public void declare(final CommandTable table) {
    table.add(command("hset", -4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @hash @fast")
        .doc("Set the string value of a hash field", "2.0.0", "hash",
            "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called"
                + " with multiple field/value pairs.").handler(this::hset));
    table.add(command("hsetnx", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @hash @fast")
        .doc("Set the value of a hash field, only if the field does not exist", "2.0.0", "hash", "O(1)")
        .handler(this::hsetnx));
    table.add(command("hmset", -4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @hash @fast")
        .doc("Set multiple hash fields to multiple values", "2.0.0", "hash",
            "O(N) where N is the number of fields being set.").handler(this::hmset));
    table.add(command("hget", 3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @hash @fast")
        .doc("Get the value of a hash field", "2.0.0", "hash", "O(1)").handler(this::hget));
    table.add(command("hmget", -3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @hash @fast")
        .doc("Get the values of all the given hash fields", "2.0.0", "hash",
            "O(N) where N is the number of fields being requested.").handler(this::hmget));
    table.add(command("hdel", -3).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @hash @fast")
        .doc("Delete one or more hash fields", "2.0.0", "hash",
            "O(N) where N is the number of fields to be removed.").handler(this::hdel));
    table.add(command("hlen", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @hash @fast")
        .doc("Get the number of fields in a hash", "2.0.0", "hash", "O(1)").handler(this::hlen));
    table.add(command("hstrlen", 3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @hash @fast")
        .doc("Get the length of the value of a hash field", "3.2.0", "hash", "O(1)").handler(this::hstrlen));
    table.add(command("hexists", 3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @hash @fast")
        .doc("Determine if a hash field exists", "2.0.0", "hash", "O(1)").handler(this::hexists));
    table.add(command("hkeys", 2).flags(READONLY).keys(1, 1, 1).acl("@read @hash @slow")
        .tips("nondeterministic_output_order")
        .doc("Get all the fields in a hash", "2.0.0", "hash", "O(N) where N is the size of the hash.")
        .handler(this::hkeys));
    table.add(command("hvals", 2).flags(READONLY).keys(1, 1, 1).acl("@read @hash @slow")
        .tips("nondeterministic_output_order")
        .doc("Get all the values in a hash", "2.0.0", "hash", "O(N) where N is the size of the hash.")
        .handler(this::hvals));
    table.add(command("hgetall", 2).flags(READONLY).keys(1, 1, 1).acl("@read @hash @slow")
        .tips("nondeterministic_output_order")
        .doc("Get all the fields and values in a hash", "2.0.0", "hash", "O(N) where N is the size of the hash.")
        .handler(this::hgetall));
    table.add(command("hincrby", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @hash @fast")
        .doc("Increment the integer value of a hash field by the given number", "2.0.0", "hash", "O(1)")
        .handler(this::hincrby));
    table.add(command("hincrbyfloat", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @hash @fast")
        .doc("Increment the float value of a hash field by the given amount", "2.6.0", "hash", "O(1)")
        .handler(this::hincrbyfloat));
    table.add(command("hrandfield", -2).flags(READONLY).keys(1, 1, 1).acl("@read @hash @slow")
        .tips("nondeterministic_output")
        .doc("Get one or multiple random fields from a hash", "6.2.0", "hash",
            "O(N) where N is the number of fields returned").handler(this::hrandfield));
    table.add(command("hscan", -3).flags(READONLY).keys(1, 1, 1).acl("@read @hash @slow")
        .tips("nondeterministic_output")
        .doc("Incrementally iterate hash fields and associated values", "2.8.0", "hash",
            "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to"
                + " return back to 0. N is the number of elements inside the collection..").handler(this::hscan));
  }

  void hset(final CommandContext c) {
    setMany(c, false);
  }

  void hmset(final CommandContext c) {
    setMany(c, true);
  }

  void hsetnx(final CommandContext c) {
    final Arguments args = c.args();
    long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    if (record != 0 && findValue(record, args.array(), args.address(2), args.length(2))) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    if (record == 0) {
      record = create(c);
    }
    setField(c.database(), record, args.array(), args.address(2), args.length(2),
        args.array(), args.address(3), args.length(3));
    c.modified(1, KeyspaceSignals.HASH, "hset");
    c.reply().integer(1);
  }

  void hget(final CommandContext c) {
    final Arguments args = c.args();
    final long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    if (record != 0 && findValue(record, args.array(), args.address(2), args.length(2))) {
      c.reply().bulk(valueBase, valueOffset, valueLength);
    } else {
      c.reply().nullBulk();
    }
  }

  void hmget(final CommandContext c) {
    final Arguments args = c.args();
    final long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    final Reply reply = c.reply();
    reply.array(args.count() - 2);
    for (int i = 2; i < args.count(); i++) {
      if (record != 0 && findValue(record, args.array(), args.address(i), args.length(i))) {
        reply.bulk(valueBase, valueOffset, valueLength);
      } else {
        reply.nullBulk();
      }
    }
  }

  void hdel(final CommandContext c) {
    final Arguments args = c.args();
    final long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    int deleted = 0;
    boolean keyRemoved = false;
    if (record != 0) {
      for (int i = 2; i < args.count(); i++) {
        if (deleteField(record, args.array(), args.address(i), args.length(i))) {
          deleted++;
          if (size(record) == 0) {
            c.database().delete(record);
            keyRemoved = true;
            break;
          }
        }
      }
    }
    if (deleted == 0) {
      c.noEffect();
    } else {
      c.modified(1, KeyspaceSignals.HASH, "hdel");
      c.signals().dirty(deleted - 1);
      if (keyRemoved) {
        c.notify(KeyspaceSignals.GENERIC, "del", 1);
      }
    }
    c.reply().integer(deleted);
  }

  void hlen(final CommandContext c) {
    final long record = hash(c);
    if (record != WRONG_TYPE) {
      c.reply().integer(record == 0 ? 0 : size(record));
    }
  }

  void hstrlen(final CommandContext c) {
    final Arguments args = c.args();
    final long record = hash(c);
    if (record != WRONG_TYPE) {
      final boolean present = record != 0 && findValue(record, args.array(), args.address(2), args.length(2));
      c.reply().integer(present ? valueLength : 0);
    }
  }

  void hexists(final CommandContext c) {
    final Arguments args = c.args();
    final long record = hash(c);
    if (record != WRONG_TYPE) {
      final boolean present = record != 0 && findValue(record, args.array(), args.address(2), args.length(2));
      c.reply().integer(present ? 1 : 0);
    }
  }

  void hkeys(final CommandContext c) {
    replyAll(c, true, false);
  }

  void hvals(final CommandContext c) {
    replyAll(c, false, true);
  }

  void hgetall(final CommandContext c) {
    replyAll(c, true, true);
  }

  void hincrby(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(3, number)) {
      c.notAnInteger();
      return;
    }
    final long increment = number[0];
    long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    long value = 0;
    if (record != 0 && findValue(record, args.array(), args.address(2), args.length(2))) {
      if (valueLength > 20) {
        c.reply().error("ERR hash value is not an integer");
        return;
      }
      Bytes.copy(valueBase, valueOffset, digits, Bytes.ARRAY_BASE, valueLength);
      if (!Numbers.parseLong(digits, 0, valueLength, number)) {
        c.reply().error("ERR hash value is not an integer");
        return;
      }
      value = number[0];
    }
    if (Numbers.sumOverflows(value, increment)) {
      c.reply().error("ERR increment or decrement would overflow");
      return;
    }
    value += increment;
    final int length = Numbers.putLong(digits, 0, value);
    if (record == 0) {
      record = create(c);
    }
    setField(c.database(), record, args.array(), args.address(2), args.length(2), digits, Bytes.ARRAY_BASE, length);
    c.modified(1, KeyspaceSignals.HASH, "hincrby");
    c.reply().integer(value);
  }

  void hincrbyfloat(final CommandContext c) {
    final Arguments args = c.args();
    final LongDouble increment = LongDouble.parse(args.array(), args.offset(3), args.length(3));
    if (increment == null) {
      c.reply().error("ERR value is not a valid float");
      return;
    }
    if (!increment.isFinite()) {
      c.reply().error("ERR value is NaN or Infinity");
      return;
    }
    long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    LongDouble value = LongDouble.ZERO;
    if (record != 0 && findValue(record, args.array(), args.address(2), args.length(2))) {
      value = LongDouble.parse(Bytes.toArray(valueBase, valueOffset, valueLength), 0, valueLength);
      if (value == null) {
        c.reply().error("ERR hash value is not a float");
        return;
      }
    }
    final LongDouble sum = value.add(increment);
    if (sum == null || !sum.isFinite()) {
      c.reply().error("ERR increment would produce NaN or Infinity");
      return;
    }
    final byte[] text = sum.format().getBytes(StandardCharsets.US_ASCII);
    if (record == 0) {
      record = create(c);
    }
    setField(c.database(), record, args.array(), args.address(2), args.length(2), text, Bytes.ARRAY_BASE, text.length);
    c.modified(1, KeyspaceSignals.HASH, "hincrbyfloat");
    // Replicas must not redo the float arithmetic: Redis propagates the field's new value.
    c.effect(4).arg(HSET).arg(args.array(), args.address(1), args.length(1))
        .arg(args.array(), args.address(2), args.length(2)).arg(text);
    c.reply().bulk(text);
  }

  void hrandfield(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() >= 3) {
      if (!args.parseLong(2, number)) {
        c.notAnInteger();
        return;
      }
      final long count = number[0];
      if (count < -Long.MAX_VALUE) {
        c.reply().error(RANDOM_COUNT_RANGE);
        return;
      }
      if (args.count() > 4 || (args.count() == 4 && !args.is(3, "withvalues"))) {
        c.syntaxError();
        return;
      }
      final boolean withValues = args.count() == 4;
      if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
        c.reply().error("ERR value is out of range");
        return;
      }
      randomFields(c, count, withValues);
      return;
    }
    final long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    if (record == 0) {
      c.reply().nullBulk();
    } else if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int field = Listpack.offsetOf(record, 2 * keyspace.random().nextInt(size(record)));
      c.reply().bulk(null, Listpack.address(record, field), Listpack.length(record, field));
    } else {
      c.reply().bulk(table(record).random(keyspace.random()).field());
    }
  }

  /**
   * HSCAN. A listpack hash is returned whole in one call with cursor 0, whatever the cursor, as
   * Redis does; a hash table is walked with {@link HashTable#scan} as SCAN walks the keyspace: until
   * COUNT entries are gathered, the walk ends, or ten buckets per requested entry were looked at.
   * MATCH filters fields after the walk, so a call may return fewer entries than COUNT.
   */
  void hscan(final CommandContext c) {
    final Arguments args = c.args();
    if (!KeyCommands.parseCursor(args, 2, number)) {
      c.reply().error("ERR invalid cursor");
      return;
    }
    long cursor = number[0];
    final long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    final Reply reply = c.reply();
    if (record == 0) {
      reply.array(2);
      reply.bulkLong(0);
      reply.array(0);
      return;
    }
    if (!scanOptions.parse(c, 3, false)) {
      return;
    }
    final long count = scanOptions.count;
    final int pattern = scanOptions.pattern;
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      scanListpack(args, reply, record, pattern);
      return;
    }
    final HashTable table = table(record);
    foundCount = 0;
    long maxIterations = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
    do {
      cursor = table.scan(cursor, collect);
    } while (cursor != 0 && maxIterations-- != 0 && foundCount < count);
    int kept = 0;
    for (int i = 0; i < foundCount; i++) {
      final byte[] field = found[i].field();
      if (pattern < 0 || matches(args, pattern, field, Bytes.ARRAY_BASE, field.length)) {
        found[kept++] = found[i];
      }
    }
    reply.array(2);
    reply.bulkLong(cursor);
    reply.array(2L * kept);
    for (int i = 0; i < kept; i++) {
      reply.bulk(found[i].field());
      reply.bulk(found[i].value());
    }
    releaseFound();
  }

  private void scanListpack(final Arguments args, final Reply reply, final long record, final int pattern) {
    int kept = 0;
    final int end = Listpack.end(record);
    for (int e = Listpack.first(); e < end; e = Listpack.next(record, Listpack.next(record, e))) {
      if (pattern < 0 || matches(args, pattern, null, Listpack.address(record, e), Listpack.length(record, e))) {
        kept++;
      }
    }
    reply.array(2);
    reply.bulkLong(0);
    reply.array(2L * kept);
    for (int e = Listpack.first(); e < end; e = Listpack.next(record, Listpack.next(record, e))) {
      if (pattern < 0 || matches(args, pattern, null, Listpack.address(record, e), Listpack.length(record, e))) {
        replyPair(reply, record, e, true, true);
      }
    }
  }

  /**
   * HRANDFIELD with a count, by Redis's cases: a negative count samples with repeats (in random
   * order); a count at least the size returns the whole hash; otherwise distinct fields, picked by
   * selection sampling over a listpack (so they come in listpack order, as Redis's {@code
   * lpRandomPairsUnique} returns them), by a partial shuffle when most of a table is wanted, and by
   * rejection sampling when few are.
   */
  private void randomFields(final CommandContext c, final long requested, final boolean withValues) {
    final long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    final Reply reply = c.reply();
    if (record == 0) {
      reply.array(0);
      return;
    }
    final int size = size(record);
    final boolean unique = requested >= 0;
    final long count = unique ? requested : -requested;
    if (count == 0) {
      reply.array(0);
      return;
    }
    final boolean nested = withValues && reply.protocol() == 3;
    final SplittableRandom random = keyspace.random();
    final boolean listpack = Record.encoding(record) == Record.ENCODING_LISTPACK;
    if (!unique || count == 1) {
      final int mark = reply.length();
      reply.array(withValues && !nested ? count * 2 : count);
      for (long i = 0; i < count; i++) {
        if (nested) {
          reply.array(2);
        }
        if (listpack) {
          replyPair(reply, record, Listpack.offsetOf(record, 2 * random.nextInt(size)), true, withValues);
        } else {
          replyEntry(reply, table(record).random(random), true, withValues);
        }
        if (reply.length() > MAX_RANDOM_REPLY_BYTES) {
          reply.truncate(mark);
          c.event().closeAfterReply = true;
          return;
        }
      }
      return;
    }
    final long replySize = Math.min(count, size);
    reply.array(withValues && !nested ? replySize * 2 : replySize);
    if (count >= size) {
      forEachPair(reply, record, true, withValues, nested);
    } else if (listpack) {
      int needed = (int) count;
      int remaining = size;
      final int end = Listpack.end(record);
      for (int e = Listpack.first(); e < end && needed > 0; e = Listpack.next(record, Listpack.next(record, e))) {
        if (random.nextInt(remaining) < needed) {
          if (nested) {
            reply.array(2);
          }
          replyPair(reply, record, e, true, withValues);
          needed--;
        }
        remaining--;
      }
    } else if (count * 3 > size) {
      final HashTable table = table(record);
      foundCount = 0;
      table.forEach(collect);
      for (int i = 0; i < count; i++) {
        final int pick = i + random.nextInt(foundCount - i);
        final HashTable.Entry chosen = found[pick];
        found[pick] = found[i];
        found[i] = chosen;
        if (nested) {
          reply.array(2);
        }
        replyEntry(reply, chosen, true, withValues);
      }
      releaseFound();
    } else {
      final HashTable table = table(record);
      final Set<HashTable.Entry> picked = Collections.newSetFromMap(new IdentityHashMap<>());
      while (picked.size() < count) {
        final HashTable.Entry entry = table.random(random);
        if (picked.add(entry)) {
          if (nested) {
            reply.array(2);
          }
          replyEntry(reply, entry, true, withValues);
        }
      }
    }
  }

  private void setMany(final CommandContext c, final boolean okReply) {
    final Arguments args = c.args();
    if (args.count() % 2 != 0) {
      c.wrongArity();
      return;
    }
    long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    if (record == 0) {
      record = create(c);
    }
    final Database db = c.database();
    int created = 0;
    for (int i = 2; i < args.count(); i += 2) {
      if (setField(db, record, args.array(), args.address(i), args.length(i),
          args.array(), args.address(i + 1), args.length(i + 1))) {
        created++;
      }
      record = current;
    }
    c.modified(1, KeyspaceSignals.HASH, "hset");
    // Redis counts each pair written as a change.
    c.signals().dirty((args.count() - 2) / 2 - 1);
    if (okReply) {
      c.reply().ok();
    } else {
      c.reply().integer(created);
    }
  }

  private void replyAll(final CommandContext c, final boolean fields, final boolean values) {
    final long record = hash(c);
    if (record == WRONG_TYPE) {
      return;
    }
    final Reply reply = c.reply();
    final int size = record == 0 ? 0 : size(record);
    if (fields && values) {
      reply.map(size);
    } else {
      reply.array(size);
    }
    if (record != 0) {
      forEachPair(reply, record, fields, values, false);
    }
  }

  /** Replies every pair of the hash in its order, each as a 2-array when {@code nested}. */
  private void forEachPair(
      final Reply reply, final long record, final boolean fields, final boolean values, final boolean nested) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int end = Listpack.end(record);
      for (int e = Listpack.first(); e < end; e = Listpack.next(record, Listpack.next(record, e))) {
        if (nested) {
          reply.array(2);
        }
        replyPair(reply, record, e, fields, values);
      }
      return;
    }
    if (nested) {
      foundCount = 0;
      table(record).forEach(collect);
      for (int i = 0; i < foundCount; i++) {
        reply.array(2);
        replyEntry(reply, found[i], fields, values);
      }
      releaseFound();
      return;
    }
    out = reply;
    outFields = fields;
    outValues = values;
    table(record).forEach(replyEntry);
    out = null;
  }

  private static void replyPair(
      final Reply reply, final long record, final int field, final boolean fields, final boolean values) {
    if (fields) {
      reply.bulk(null, Listpack.address(record, field), Listpack.length(record, field));
    }
    if (values) {
      final int value = Listpack.next(record, field);
      reply.bulk(null, Listpack.address(record, value), Listpack.length(record, value));
    }
  }

  private static void replyEntry(
      final Reply reply, final HashTable.Entry entry, final boolean fields, final boolean values) {
    if (fields) {
      reply.bulk(entry.field());
    }
    if (values) {
      reply.bulk(entry.value());
    }
  }

  private void replyEntry(final HashTable.Entry entry) {
    replyEntry(out, entry, outFields, outValues);
  }

  /** The hash named by argument 1, 0 when there is none, or {@link #WRONG_TYPE} after replying so. */
  private static long hash(final CommandContext c) {
    final long record = c.lookup(1);
    if (record != 0 && Record.type(record) != Record.TYPE_HASH) {
      c.wrongType();
      return WRONG_TYPE;
    }
    return record;
  }

  /** A new empty hash under the key in argument 1; the caller adds to it at once. */
  private static long create(final CommandContext c) {
    final Arguments args = c.args();
    return Listpack.create(c.database(), args.array(), args.address(1), args.length(1),
        Record.TYPE_HASH, Record.ENCODING_LISTPACK, INITIAL_CAPACITY);
  }

  private int size(final long record) {
    return Record.encoding(record) == Record.ENCODING_LISTPACK ? Listpack.count(record) / 2 : table(record).size();
  }

  private HashTable table(final long record) {
    return (HashTable) heap.get(Record.handle(record));
  }

  /** Finds a field's value; on success {@link #valueBase}, {@link #valueOffset} and {@link #valueLength} say where. */
  private boolean findValue(final long record, final Object base, final long offset, final int length) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int field = Listpack.find(record, Listpack.first(), 2, base, offset, length);
      if (field < 0) {
        return false;
      }
      final int value = Listpack.next(record, field);
      valueBase = null;
      valueOffset = Listpack.address(record, value);
      valueLength = Listpack.length(record, value);
      return true;
    }
    final HashTable.Entry entry = table(record).find(base, offset, length);
    if (entry == null) {
      return false;
    }
    valueBase = entry.value();
    valueOffset = Bytes.ARRAY_BASE;
    valueLength = entry.value().length;
    return true;
  }

  /**
   * Sets a field to a value, converting the hash to a table first when either is too long for a
   * listpack, or after adding when the listpack holds too many fields (Redis's {@code
   * hashTypeSet}). Returns true when the field is new; {@link #current} is the record afterwards.
   */
  private boolean setField(
      final Database db, long record,
      final Object fieldBase, final long fieldOffset, final int fieldLength,
      final Object base, final long offset, final int length) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final long limit = maxValue();
      if (fieldLength > limit || length > limit) {
        record = convert(db, record);
      } else {
        final int field = Listpack.find(record, Listpack.first(), 2, fieldBase, fieldOffset, fieldLength);
        if (field >= 0) {
          current = Listpack.replace(db, record, Listpack.next(record, field), base, offset, length);
          return false;
        }
        record = Listpack.insert(db, record, Listpack.end(record), fieldBase, fieldOffset, fieldLength);
        record = Listpack.insert(db, record, Listpack.end(record), base, offset, length);
        if (Listpack.count(record) / 2 > maxEntries()) {
          record = convert(db, record);
        }
        current = record;
        return true;
      }
    }
    final HashTable table = table(record);
    final long before = table.memoryUsage();
    final boolean created = table.put(fieldBase, fieldOffset, fieldLength, Bytes.toArray(base, offset, length));
    heap.resized(table.memoryUsage() - before);
    current = record;
    return created;
  }

  private boolean deleteField(final long record, final Object base, final long offset, final int length) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int field = Listpack.find(record, Listpack.first(), 2, base, offset, length);
      if (field < 0) {
        return false;
      }
      Listpack.delete(record, field);
      Listpack.delete(record, field);
      return true;
    }
    final HashTable table = table(record);
    final long before = table.memoryUsage();
    final boolean removed = table.remove(base, offset, length);
    heap.resized(table.memoryUsage() - before);
    return removed;
  }

  /** Moves a listpack hash's pairs into a new {@link HashTable}; returns the (maybe moved) record. */
  private long convert(final Database db, final long record) {
    final HashTable table = new HashTable(Listpack.count(record) / 2);
    final int end = Listpack.end(record);
    for (int field = Listpack.first(); field < end; ) {
      final int value = Listpack.next(record, field);
      table.put(null, Listpack.address(record, field), Listpack.length(record, field),
          Bytes.toArray(null, Listpack.address(record, value), Listpack.length(record, value)));
      field = Listpack.next(record, value);
    }
    final long moved = db.reserve(record, 8, 0);
    Record.encoding(moved, Record.ENCODING_HASHTABLE);
    Record.handle(moved, heap.add(table));
    return moved;
  }

  private long maxEntries() {
    final String text = maxEntriesParameter.value();
    if (text != maxEntriesText) {
      maxEntries = Parameter.parseMemory(text);
      maxEntriesText = text;
    }
    return maxEntries;
  }

  private long maxValue() {
    final String text = maxValueParameter.value();
    if (text != maxValueText) {
      maxValue = Parameter.parseMemory(text);
      maxValueText = text;
    }
    return maxValue;
  }

  private static boolean matches(
      final Arguments args, final int pattern, final Object base, final long offset, final int length) {
    return Glob.matches(args.array(), args.offset(pattern), args.length(pattern), base, offset, length, false);
  }

  private void collect(final HashTable.Entry entry) {
    if (foundCount == found.length) {
      found = Arrays.copyOf(found, foundCount * 2);
    }
    found[foundCount++] = entry;
  }

  /** Drops references to entries (they may be deleted next) and a scratch array grown by a big hash. */
  private void releaseFound() {
    if (found.length > 1024) {
      found = new HashTable.Entry[16];
    } else {
      Arrays.fill(found, 0, foundCount, null);
    }
    foundCount = 0;
  }
}
