package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.MOVABLEKEYS;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Effects;
import io.rustyredis.engine.Glob;
import io.rustyredis.engine.Numbers;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.Parameter;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.keyspace.Intset;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.signals.KeyspaceSignals;
import io.rustyredis.engine.types.MemberTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The set commands of Redis's {@code t_set.c}.
 *
 * <p>A set starts as an off-heap {@link Intset} when its first member is an integer ({@code
 * string2ll}-parsable) and becomes a heap {@link MemberTable} ({@code hashtable}) as soon as a
 * non-integer member arrives or it holds more than {@code set-max-intset-entries} members; as in
 * Redis 7.0 it never converts back and small sets of strings are hashtables. SADD, SISMEMBER and
 * SPOP on an intset run for benchmarks and most requests: they parse into reused scratch fields and
 * do not allocate. The algebra commands (SINTER, SUNION, SDIFF and their STORE forms) build their
 * result in a fresh {@link MemberTable}; a result that would be an intset in Redis (all integers,
 * small enough) is replied in ascending order, as Redis replies from an intset, and stored as one.
 * Hashtable order is our table's, not Redis's: clients cannot rely on either.
 *
 * <p>Errors come in Redis's order: SPOP and SRANDMEMBER parse their count before looking at the
 * key, SINTERCARD parses all options before any key, SSCAN parses its cursor before the key and its
 * options after it.
 */
public final class SetCommands {
  /**
   * The most members a negative-count SRANDMEMBER may repeat. Redis 7.0.15 dies on counts near
   * -LONG_MAX/2; a reply this large cannot fit in our reply buffer either, so we refuse it.
   */
  private static final long MAX_REPEATS = Integer.MAX_VALUE / 16;
  private static final byte[] SREM = "SREM".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

  private final Keyspace keyspace;
  private final Parameter maxIntsetEntries;
  private final long[] number = new long[1];
  private final ScanOptions scanOptions = new ScanOptions();
  private final byte[] digits = new byte[24];
  private String maxIntsetText;
  private long maxIntset;
  private boolean added;

  /** The member {@link #load} read: bytes at {@code loadedArray[loadedOffset ..+loadedLength)}. */
  private byte[] loadedArray;
  private int loadedOffset;
  private int loadedLength;

  private final List<byte[]> scanned = new ArrayList<>();

  public SetCommands(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.maxIntsetEntries = config.parameter("set-max-intset-entries");
  }

  public void declare(final CommandTable table) {
    table.add(command("sadd", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @set @fast")
        .doc("Add one or more members to a set", "1.0.0", "set",
            "O(1) for each element added, so O(N) to add N elements when the command is called with multiple"
                + " arguments.").handler(this::sadd));
    table.add(command("srem", -3).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @set @fast")
        .doc("Remove one or more members from a set", "1.0.0", "set",
            "O(N) where N is the number of members to be removed.").handler(this::srem));
    table.add(command("scard", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @set @fast")
        .doc("Get the number of members in a set", "1.0.0", "set", "O(1)").handler(this::scard));
    table.add(command("sismember", 3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @set @fast")
        .doc("Determine if a given value is a member of a set", "1.0.0", "set", "O(1)")
        .handler(this::sismember));
    table.add(command("smismember", -3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @set @fast")
        .doc("Returns the membership associated with the given elements for a set", "6.2.0", "set",
            "O(N) where N is the number of elements being checked for membership").handler(this::smismember));
    table.add(command("smembers", 2).flags(READONLY).keys(1, 1, 1).acl("@read @set @slow")
        .doc("Get all the members in a set", "1.0.0", "set", "O(N) where N is the set cardinality.")
        .handler(this::smembers));
    table.add(command("srandmember", -2).flags(READONLY).keys(1, 1, 1).acl("@read @set @slow")
        .doc("Get one or multiple random members from a set", "1.0.0", "set",
            "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.")
        .handler(this::srandmember));
    table.add(command("spop", -2).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @set @fast")
        .doc("Remove and return one or multiple random members from a set", "1.0.0", "set",
            "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.")
        .handler(this::spop));
    table.add(command("smove", 4).flags(WRITE, FAST).keys(1, 2, 1).acl("@write @set @fast")
        .doc("Move a member from one set to another", "1.0.0", "set", "O(1)").handler(this::smove));
    table.add(command("sinter", -2).flags(READONLY).keys(1, -1, 1).acl("@read @set @slow")
        .doc("Intersect multiple sets", "1.0.0", "set",
            "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
        .handler(this::sinter));
    table.add(command("sintercard", -3).flags(READONLY, MOVABLEKEYS).keys(0, 0, 0).acl("@read @set @slow")
        .doc("Intersect multiple sets and return the cardinality of the result", "7.0.0", "set",
            "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
        .handler(this::sintercard));
    table.add(command("sinterstore", -3).flags(WRITE, DENYOOM).keys(1, -1, 1).acl("@write @set @slow")
        .doc("Intersect multiple sets and store the resulting set in a key", "1.0.0", "set",
            "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
        .handler(this::sinterstore));
    table.add(command("sunion", -2).flags(READONLY).keys(1, -1, 1).acl("@read @set @slow")
        .doc("Add multiple sets", "1.0.0", "set",
            "O(N) where N is the total number of elements in all given sets.").handler(this::sunion));
    table.add(command("sunionstore", -3).flags(WRITE, DENYOOM).keys(1, -1, 1).acl("@write @set @slow")
        .doc("Add multiple sets and store the resulting set in a key", "1.0.0", "set",
            "O(N) where N is the total number of elements in all given sets.").handler(this::sunionstore));
    table.add(command("sdiff", -2).flags(READONLY).keys(1, -1, 1).acl("@read @set @slow")
        .doc("Subtract multiple sets", "1.0.0", "set",
            "O(N) where N is the total number of elements in all given sets.").handler(this::sdiff));
    table.add(command("sdiffstore", -3).flags(WRITE, DENYOOM).keys(1, -1, 1).acl("@write @set @slow")
        .doc("Subtract multiple sets and store the resulting set in a key", "1.0.0", "set",
            "O(N) where N is the total number of elements in all given sets.").handler(this::sdiffstore));
    table.add(command("sscan", -3).flags(READONLY).keys(1, 1, 1).acl("@read @set @slow")
        .doc("Incrementally iterate Set elements", "2.8.0", "set",
            "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to"
                + " return back to 0. N is the number of elements inside the collection.").handler(this::sscan));
  }

  void sadd(final CommandContext c) {
    long record = setOrWrongType(c, 1);
    if (record < 0) {
      return;
    }
    final Arguments args = c.args();
    final byte[] data = args.array();
    if (record == 0) {
      record = create(c.database(), data, args.address(1), args.length(1), data, args.offset(2), args.length(2),
          args.count() - 2);
    }
    long count = 0;
    for (int i = 2; i < args.count(); i++) {
      record = add(c.database(), record, data, args.offset(i), args.length(i));
      if (added) {
        count++;
      }
    }
    if (count == 0) {
      c.noEffect();
    } else {
      c.modified(1, KeyspaceSignals.SET, "sadd");
      c.signals().dirty(count - 1);
    }
    c.reply().integer(count);
  }

  void srem(final CommandContext c) {
    final long record = setOrWrongType(c, 1);
    if (record <= 0) {
      if (record == 0) {
        c.noEffect();
        c.reply().integer(0);
      }
      return;
    }
    final Arguments args = c.args();
    long count = 0;
    for (int i = 2; i < args.count() && size(record) > 0; i++) {
      if (remove(record, args.array(), args.offset(i), args.length(i))) {
        count++;
      }
    }
    if (count == 0) {
      c.noEffect();
    } else {
      c.modified(1, KeyspaceSignals.SET, "srem");
      c.signals().dirty(count - 1);
      removedIfEmpty(c, 1, record);
    }
    c.reply().integer(count);
  }

  void scard(final CommandContext c) {
    final long record = setOrWrongType(c, 1);
    if (record >= 0) {
      c.reply().integer(record == 0 ? 0 : size(record));
    }
  }

  void sismember(final CommandContext c) {
    final long record = setOrWrongType(c, 1);
    if (record >= 0) {
      final Arguments args = c.args();
      c.reply().integer(record != 0 && contains(record, args.array(), args.offset(2), args.length(2)) ? 1 : 0);
    }
  }

  void smismember(final CommandContext c) {
    final long record = setOrWrongType(c, 1);
    if (record < 0) {
      return;
    }
    final Arguments args = c.args();
    final Reply reply = c.reply();
    reply.array(args.count() - 2);
    for (int i = 2; i < args.count(); i++) {
      reply.integer(record != 0 && contains(record, args.array(), args.offset(i), args.length(i)) ? 1 : 0);
    }
  }

  void smembers(final CommandContext c) {
    final long record = setOrWrongType(c, 1);
    if (record == 0) {
      c.reply().set(0);
    } else if (record > 0) {
      c.reply().set(size(record));
      replyMembers(c.reply(), record);
    }
  }

  void srandmember(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 3) {
      c.syntaxError();
      return;
    }
    if (args.count() == 3) {
      srandmemberWithCount(c);
      return;
    }
    final long record = setOrWrongType(c, 1);
    if (record == 0) {
      c.reply().nullBulk();
    } else if (record > 0) {
      final int index = keyspace.random().nextInt(size(record));
      replyMember(c.reply(), record, index);
    }
  }

  private void srandmemberWithCount(final CommandContext c) {
    if (!c.args().parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    final long requested = number[0];
    if (requested == Long.MIN_VALUE) {
      c.reply().error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
      return;
    }
    final long record = setOrWrongType(c, 1);
    if (record < 0) {
      return;
    }
    final Reply reply = c.reply();
    if (record == 0 || requested == 0) {
      reply.array(0);
      return;
    }
    final int size = size(record);
    final SplittableRandom random = keyspace.random();
    if (requested < 0) {
      if (-requested > MAX_REPEATS) {
        reply.error("ERR value is out of range");
        return;
      }
      reply.array(-requested);
      for (long i = requested; i < 0; i++) {
        replyMember(reply, record, random.nextInt(size));
      }
      return;
    }
    if (requested >= size) {
      reply.array(size);
      replyMembers(reply, record);
      return;
    }
    // Distinct indexes by a partial Fisher-Yates shuffle: the first `count` slots end up uniform.
    final int count = (int) requested;
    final int[] indexes = new int[size];
    for (int i = 0; i < size; i++) {
      indexes[i] = i;
    }
    reply.array(count);
    for (int i = 0; i < count; i++) {
      final int j = i + random.nextInt(size - i);
      final int chosen = indexes[j];
      indexes[j] = indexes[i];
      replyMember(reply, record, chosen);
    }
  }

  void spop(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 3) {
      c.syntaxError();
      return;
    }
    if (args.count() == 3) {
      spopWithCount(c);
      return;
    }
    final long record = setOrWrongType(c, 1);
    if (record == 0) {
      c.noEffect();
      c.reply().nullBulk();
    } else if (record > 0) {
      popRandom(c, c.reply(), record);
      c.modified(1, KeyspaceSignals.SET, "spop");
      removedIfEmpty(c, 1, record);
    }
  }

  private void spopWithCount(final CommandContext c) {
    if (!c.args().parseLong(2, number) || number[0] < 0) {
      c.reply().error("ERR value is out of range, must be positive");
      return;
    }
    final long count = number[0];
    final long record = setOrWrongType(c, 1);
    if (record < 0) {
      return;
    }
    final Reply reply = c.reply();
    if (record == 0 || count == 0) {
      c.noEffect();
      reply.set(0);
      return;
    }
    final int size = size(record);
    final Arguments args = c.args();
    if (count >= size) {
      reply.set(size);
      replyMembers(reply, record);
      c.database().delete(record);
      c.modified(1, KeyspaceSignals.SET, "spop");
      c.signals().dirty(size - 1);
      c.notify(KeyspaceSignals.GENERIC, "del", 1);
      // The whole set went: Redis propagates a DEL rather than which members it drew.
      c.effect(2).arg(DEL).arg(args.array(), args.address(1), args.length(1));
      return;
    }
    reply.set(count);
    for (long i = 0; i < count; i++) {
      popRandom(c, reply, record);
    }
    c.modified(1, KeyspaceSignals.SET, "spop");
    c.signals().dirty(count - 1);
  }

  /**
   * Removes a uniformly chosen member and replies it: the pop that SPOP and its count form share.
   * Journals it as the SREM Redis propagates, one per member, so replay does not draw again.
   */
  private void popRandom(final CommandContext c, final Reply reply, final long record) {
    final int index = keyspace.random().nextInt(size(record));
    final Arguments args = c.args();
    final Effects effect = c.effect(3).arg(SREM).arg(args.array(), args.address(1), args.length(1));
    if (Record.encoding(record) == Record.ENCODING_INTSET) {
      final long member = Intset.get(record, index);
      reply.bulkLong(member);
      effect.arg(member);
      Intset.deleteAt(record, index);
      return;
    }
    final MemberTable table = table(record);
    final byte[] member = table.member(index);
    reply.bulk(member);
    effect.arg(member);
    final long before = table.memoryUsage();
    table.removeAt(index);
    keyspace.heapValues().resized(table.memoryUsage() - before);
  }

  void smove(final CommandContext c) {
    final Database db = c.database();
    final long source = c.lookup(1);
    final long destination = c.lookup(2);
    if (source == 0) {
      c.reply().integer(0);
      return;
    }
    if (Record.type(source) != Record.TYPE_SET || (destination != 0 && Record.type(destination) != Record.TYPE_SET)) {
      c.wrongType();
      return;
    }
    final Arguments args = c.args();
    final byte[] data = args.array();
    final int offset = args.offset(3);
    final int length = args.length(3);
    if (source == destination) {
      c.noEffect();
      c.reply().integer(contains(source, data, offset, length) ? 1 : 0);
      return;
    }
    if (!remove(source, data, offset, length)) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    c.notify(KeyspaceSignals.SET, "srem", 1);
    removedIfEmpty(c, 1, source);
    long target = destination;
    if (target == 0) {
      target = create(db, data, args.address(2), args.length(2), data, offset, length, 1);
    }
    add(db, target, data, offset, length);
    c.signals().modified(c.client().db, data, args.address(1), args.length(1));
    if (added) {
      c.modified(2, KeyspaceSignals.SET, "sadd");
    }
    c.reply().integer(1);
  }

  void sinter(final CommandContext c) {
    final MemberTable result = intersect(c, 1, c.args().count(), 0);
    if (result != null) {
      replyResult(c.reply(), result);
    }
  }

  void sinterstore(final CommandContext c) {
    final MemberTable result = intersect(c, 2, c.args().count(), 0);
    if (result != null) {
      store(c, result, "sinterstore");
    }
  }

  void sintercard(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(1, number) || number[0] < 1) {
      c.reply().error("ERR numkeys should be greater than 0");
      return;
    }
    if (number[0] > args.count() - 2) {
      c.reply().error("ERR Number of keys can't be greater than number of args");
      return;
    }
    final int end = 2 + (int) number[0];
    long limit = 0;
    for (int i = end; i < args.count(); i++) {
      if (args.is(i, "limit") && i + 1 < args.count()) {
        if (!args.parseLong(i + 1, number) || number[0] < 0) {
          c.reply().error("ERR LIMIT can't be negative");
          return;
        }
        limit = number[0];
        i++;
      } else {
        c.syntaxError();
        return;
      }
    }
    final MemberTable result = intersect(c, 2, end, limit);
    if (result != null) {
      c.reply().integer(result.size());
    }
  }

  void sunion(final CommandContext c) {
    final MemberTable result = union(c, 1);
    if (result != null) {
      replyResult(c.reply(), result);
    }
  }

  void sunionstore(final CommandContext c) {
    final MemberTable result = union(c, 2);
    if (result != null) {
      store(c, result, "sunionstore");
    }
  }

  void sdiff(final CommandContext c) {
    final MemberTable result = difference(c, 1);
    if (result != null) {
      replyResult(c.reply(), result);
    }
  }

  void sdiffstore(final CommandContext c) {
    final MemberTable result = difference(c, 2);
    if (result != null) {
      store(c, result, "sdiffstore");
    }
  }

  /**
   * SSCAN as Redis runs it: an intset is returned whole with cursor 0; a hashtable is walked bucket
   * by bucket until COUNT members are gathered or ten buckets per requested member were visited,
   * and MATCH filters what was gathered.
   */
  void sscan(final CommandContext c) {
    final Arguments args = c.args();
    if (!KeyCommands.parseCursor(args, 2, number)) {
      c.reply().error("ERR invalid cursor");
      return;
    }
    long cursor = number[0];
    final long record = setOrWrongType(c, 1);
    if (record < 0) {
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
    scanned.clear();
    if (Record.encoding(record) == Record.ENCODING_INTSET) {
      final int size = Intset.count(record);
      for (int i = 0; i < size; i++) {
        scanned.add(Long.toString(Intset.get(record, i)).getBytes(StandardCharsets.US_ASCII));
      }
      cursor = 0;
    } else {
      final MemberTable table = table(record);
      long maxIterations = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
      do {
        cursor = table.scan(cursor, scanned::add);
      } while (cursor != 0 && maxIterations-- != 0 && scanned.size() < count);
    }
    int kept = 0;
    for (int i = 0; i < scanned.size(); i++) {
      final byte[] member = scanned.get(i);
      if (pattern < 0 || Glob.matches(args.array(), args.offset(pattern), args.length(pattern),
          member, Bytes.ARRAY_BASE, member.length, false)) {
        scanned.set(kept++, member);
      }
    }
    reply.array(2);
    reply.bulk(Long.toUnsignedString(cursor));
    reply.array(kept);
    for (int i = 0; i < kept; i++) {
      reply.bulk(scanned.get(i));
    }
    scanned.clear();
  }

  // Set algebra. Each returns the result, or null after replying with an error.

  /**
   * The members common to the sets named by arguments {@code from .. to-1}, walking the smallest
   * and probing the others; with a non-zero {@code limit} it stops once that many are found.
   */
  private MemberTable intersect(final CommandContext c, final int from, final int to, final long limit) {
    final long[] sets = operands(c, from, to);
    if (sets == null) {
      return null;
    }
    final MemberTable result = new MemberTable();
    for (final long set : sets) {
      if (set == 0) {
        return result;
      }
    }
    int smallest = 0;
    for (int i = 1; i < sets.length; i++) {
      if (size(sets[i]) < size(sets[smallest])) {
        smallest = i;
      }
    }
    final long first = sets[smallest];
    final int size = size(first);
    for (int i = 0; i < size && (limit == 0 || result.size() < limit); i++) {
      load(first, i);
      boolean everywhere = true;
      for (int j = 0; j < sets.length && everywhere; j++) {
        everywhere = sets[j] == first || contains(sets[j], loadedArray, loadedOffset, loadedLength);
      }
      if (everywhere) {
        result.add(loadedArray, Bytes.ARRAY_BASE + loadedOffset, loadedLength);
      }
    }
    return result;
  }

  private MemberTable union(final CommandContext c, final int from) {
    final long[] sets = operands(c, from, c.args().count());
    if (sets == null) {
      return null;
    }
    final MemberTable result = new MemberTable();
    for (final long set : sets) {
      if (set != 0) {
        final int size = size(set);
        for (int i = 0; i < size; i++) {
          load(set, i);
          result.add(loadedArray, Bytes.ARRAY_BASE + loadedOffset, loadedLength);
        }
      }
    }
    return result;
  }

  private MemberTable difference(final CommandContext c, final int from) {
    final long[] sets = operands(c, from, c.args().count());
    if (sets == null) {
      return null;
    }
    final MemberTable result = new MemberTable();
    final long first = sets[0];
    if (first == 0) {
      return result;
    }
    final int size = size(first);
    for (int i = 0; i < size; i++) {
      load(first, i);
      boolean elsewhere = false;
      for (int j = 1; j < sets.length && !elsewhere; j++) {
        elsewhere = sets[j] != 0 && contains(sets[j], loadedArray, loadedOffset, loadedLength);
      }
      if (!elsewhere) {
        result.add(loadedArray, Bytes.ARRAY_BASE + loadedOffset, loadedLength);
      }
    }
    return result;
  }

  /** The records of keys {@code from .. to-1} (0 for a missing one), or null after WRONGTYPE. */
  private long[] operands(final CommandContext c, final int from, final int to) {
    final long[] sets = new long[to - from];
    for (int i = from; i < to; i++) {
      final long record = setOrWrongType(c, i);
      if (record < 0) {
        return null;
      }
      sets[i - from] = record;
    }
    return sets;
  }

  /** Replies a computed set: ascending when Redis would hold it as an intset, else table order. */
  private void replyResult(final Reply reply, final MemberTable result) {
    final long[] integers = asIntset(result);
    reply.set(result.size());
    if (integers != null) {
      for (final long value : integers) {
        reply.bulkLong(value);
      }
      return;
    }
    for (int i = 0; i < result.size(); i++) {
      reply.bulk(result.member(i));
    }
  }

  /**
   * Writes a computed set under argument 1, replacing whatever the key held (any type, and its
   * deadline); an empty result deletes the key. Replies the result's size and raises {@code event}
   * (or "del" for an emptied key).
   */
  private void store(final CommandContext c, final MemberTable result, final String event) {
    final Database db = c.database();
    final Arguments args = c.args();
    final long old = c.lookup(1);
    if (old != 0) {
      db.delete(old);
    }
    final int size = result.size();
    if (size > 0) {
      final long[] integers = asIntset(result);
      if (integers != null) {
        long record = Intset.create(db, args.array(), args.address(1), args.length(1), size);
        for (int i = 0; i < size; i++) {
          record = Intset.insertAt(db, record, i, integers[i]);
        }
      } else {
        final long record = db.insert(args.array(), args.address(1), args.length(1), Record.TYPE_SET, 8, 8);
        Record.encoding(record, Record.ENCODING_HASHTABLE);
        Record.handle(record, keyspace.heapValues().add(result));
      }
      c.modified(1, KeyspaceSignals.SET, event);
    } else if (old != 0) {
      c.modified(1, KeyspaceSignals.GENERIC, "del");
    } else {
      c.noEffect();
    }
    c.reply().integer(size);
  }

  /** The members as sorted integers when they would form an intset in Redis, else null. */
  private long[] asIntset(final MemberTable result) {
    if (result.size() > maxIntset()) {
      return null;
    }
    final long[] integers = new long[result.size()];
    for (int i = 0; i < integers.length; i++) {
      final byte[] member = result.member(i);
      if (!Numbers.parseLong(member, 0, member.length, number)) {
        return null;
      }
      integers[i] = number[0];
    }
    Arrays.sort(integers);
    return integers;
  }

  // Encoding-independent access to one set.

  /** The live set record for argument {@code index}: 0 when missing, -1 after replying WRONGTYPE. */
  private long setOrWrongType(final CommandContext c, final int index) {
    final long record = c.lookup(index);
    if (record != 0 && Record.type(record) != Record.TYPE_SET) {
      c.wrongType();
      return -1;
    }
    return record;
  }

  /**
   * A new set key whose encoding suits its first member, as Redis's {@code setTypeCreate} chooses:
   * an intset with room for {@code expected} members when that member is an integer.
   */
  private long create(
      final Database db, final Object keyBase, final long keyOffset, final int keyLength,
      final byte[] first, final int firstOffset, final int firstLength, final int expected) {
    if (Numbers.parseLong(first, firstOffset, firstLength, number)) {
      return Intset.create(db, keyBase, keyOffset, keyLength, (int) Math.min(expected, Math.max(1, maxIntset())));
    }
    final long record = db.insert(keyBase, keyOffset, keyLength, Record.TYPE_SET, 8, 8);
    Record.encoding(record, Record.ENCODING_HASHTABLE);
    Record.handle(record, keyspace.heapValues().add(new MemberTable()));
    return record;
  }

  /** Adds a member, converting an intset when Redis would; sets {@link #added}. Returns the record. */
  private long add(final Database db, final long record, final byte[] data, final int offset, final int length) {
    long current = record;
    if (Record.encoding(current) == Record.ENCODING_INTSET) {
      if (Numbers.parseLong(data, offset, length, number)) {
        final int at = Intset.search(current, number[0]);
        added = at < 0;
        if (added) {
          current = Intset.insertAt(db, current, -at - 1, number[0]);
          if (Intset.count(current) > maxIntset()) {
            current = convert(db, current);
          }
        }
        return current;
      }
      current = convert(db, current);
    }
    final MemberTable table = table(current);
    final long before = table.memoryUsage();
    added = table.add(data, Bytes.ARRAY_BASE + offset, length);
    keyspace.heapValues().resized(table.memoryUsage() - before);
    return current;
  }

  /** Turns an intset record into a hashtable one in place; returns the (maybe moved) record. */
  private long convert(final Database db, final long record) {
    final int size = Intset.count(record);
    final MemberTable table = new MemberTable(size);
    for (int i = 0; i < size; i++) {
      final long value = Intset.get(record, i);
      final byte[] member = new byte[Numbers.digits(value)];
      Numbers.putLong(member, 0, value);
      table.add(member);
    }
    final long moved = db.reserve(record, 8, 0);
    Record.encoding(moved, Record.ENCODING_HASHTABLE);
    Record.handle(moved, keyspace.heapValues().add(table));
    return moved;
  }

  private boolean remove(final long record, final byte[] data, final int offset, final int length) {
    if (Record.encoding(record) == Record.ENCODING_INTSET) {
      if (!Numbers.parseLong(data, offset, length, number)) {
        return false;
      }
      final int at = Intset.search(record, number[0]);
      if (at < 0) {
        return false;
      }
      Intset.deleteAt(record, at);
      return true;
    }
    final MemberTable table = table(record);
    final long before = table.memoryUsage();
    final boolean removed = table.remove(data, Bytes.ARRAY_BASE + offset, length);
    keyspace.heapValues().resized(table.memoryUsage() - before);
    return removed;
  }

  private boolean contains(final long record, final byte[] data, final int offset, final int length) {
    if (Record.encoding(record) == Record.ENCODING_INTSET) {
      return Numbers.parseLong(data, offset, length, number) && Intset.contains(record, number[0]);
    }
    return table(record).contains(data, Bytes.ARRAY_BASE + offset, length);
  }

  private int size(final long record) {
    return Record.encoding(record) == Record.ENCODING_INTSET ? Intset.count(record) : table(record).size();
  }

  /** Deletes the set at key argument {@code key} if it was left empty, raising "del" as Redis does. */
  private void removedIfEmpty(final CommandContext c, final int key, final long record) {
    if (size(record) == 0) {
      c.database().delete(record);
      c.notify(KeyspaceSignals.GENERIC, "del", key);
    }
  }

  /** Points the loaded fields at member {@code index}; an intset member is printed into scratch. */
  private void load(final long record, final int index) {
    if (Record.encoding(record) == Record.ENCODING_INTSET) {
      loadedArray = digits;
      loadedOffset = 0;
      loadedLength = Numbers.putLong(digits, 0, Intset.get(record, index));
    } else {
      loadedArray = table(record).member(index);
      loadedOffset = 0;
      loadedLength = loadedArray.length;
    }
  }

  private void replyMember(final Reply reply, final long record, final int index) {
    if (Record.encoding(record) == Record.ENCODING_INTSET) {
      reply.bulkLong(Intset.get(record, index));
    } else {
      reply.bulk(table(record).member(index));
    }
  }

  /** Every member in iteration order: ascending for an intset. */
  private void replyMembers(final Reply reply, final long record) {
    final int size = size(record);
    for (int i = 0; i < size; i++) {
      replyMember(reply, record, i);
    }
  }

  /** Member count of a set record in either encoding, for other families reading sets. */
  public static int cardinality(final HeapValues heap, final long record) {
    return Record.encoding(record) == Record.ENCODING_INTSET
        ? Intset.count(record)
        : ((MemberTable) heap.get(Record.handle(record))).size();
  }

  /**
   * A copy of member {@code index} (0 to {@link #cardinality} - 1) of a set record: ascending for an
   * intset, table order for a hashtable.
   */
  public static byte[] memberAt(final HeapValues heap, final long record, final int index) {
    if (Record.encoding(record) == Record.ENCODING_INTSET) {
      return Long.toString(Intset.get(record, index)).getBytes(StandardCharsets.US_ASCII);
    }
    return ((MemberTable) heap.get(Record.handle(record))).member(index).clone();
  }

  /** Whether a set record holds the member at {@code (base, offset, length)}. */
  public static boolean holds(
      final HeapValues heap, final long record, final Object base, final long offset, final int length) {
    if (Record.encoding(record) == Record.ENCODING_INTSET) {
      final long[] value = new long[1];
      return length <= 20 && Numbers.parseLong(Bytes.toArray(base, offset, length), 0, length, value)
          && Intset.contains(record, value[0]);
    }
    return ((MemberTable) heap.get(Record.handle(record))).contains(base, offset, length);
  }

  private MemberTable table(final long record) {
    return (MemberTable) keyspace.heapValues().get(Record.handle(record));
  }

  /** {@code set-max-intset-entries}, re-parsed only when CONFIG SET changed its text. */
  private long maxIntset() {
    final String text = maxIntsetEntries.value();
    if (text != maxIntsetText) {
      maxIntset = Parameter.parseMemory(text);
      maxIntsetText = text;
    }
    return maxIntset;
  }
}
