package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.BLOCKING;
import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.MOVABLEKEYS;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
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
import io.rustyredis.engine.types.ListpackZset;
import io.rustyredis.engine.types.SkipList;
import java.nio.charset.StandardCharsets;

/**
 * The sorted set commands of Redis's {@code t_zset.c}: ZADD and friends, ranges by rank, score and
 * lex, pops, random members, ZSCAN and the union/intersection/difference family.
 *
 * <p>A sorted set is a {@link ListpackZset} in the record while it is small ({@code
 * zset-max-listpack-entries} pairs, members of at most {@code zset-max-listpack-value} bytes) and a
 * {@link SkipList} on the heap past that; like Redis, it never converts back.
 *
 * <p>Every range command is reduced to a range of 0-based ranks: a score or lex interval becomes
 * "how many elements sort below its start" and "how many sort at or below its end" (logarithmic on
 * the skiplist, thanks to its spans), then LIMIT and REV pick a sub-range, and one emitter walks it
 * for either encoding. This keeps a single code path per command instead of one per encoding.
 * (Lex ranges over members with different scores, which Redis documents as unspecified, follow
 * Redis's walk exactly on a listpack; on a skiplist Redis's answer depends on its random node
 * levels, and ours is the rank-count one.)
 *
 * <p>ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD also take sets as inputs, as Redis
 * does: a set member counts with score 1 before WEIGHTS apply.
 */
public final class SortedSetCommands {
  private static final String NOT_A_FLOAT = "ERR value is not a valid float";
  private static final String RANGE_NOT_A_FLOAT = "ERR min or max is not a float";
  private static final String RANGE_NOT_LEX = "ERR min or max not valid string range item";
  private static final String NAN_RESULT = "ERR resulting score is not a number (NaN)";
  private static final byte[] ZPOPMIN = "ZPOPMIN".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZPOPMAX = "ZPOPMAX".getBytes(StandardCharsets.US_ASCII);
  private static final int ZADD_NX = 1;
  private static final int ZADD_XX = 2;
  private static final int ZADD_GT = 4;
  private static final int ZADD_LT = 8;
  private static final int ZADD_INCR = 16;
  private static final int ZADD_CH = 32;
  private static final int OUT_NOP = 0;
  private static final int OUT_ADDED = 1;
  private static final int OUT_UPDATED = 2;
  private static final int OUT_SAME = 3;
  private static final int OUT_NAN = 4;
  /** Not fixed by the command: ZRANGE takes its direction and range type from options. */
  private static final int AUTO = -1;
  private static final int FORWARD = 0;
  private static final int REVERSE = 1;
  private static final int RANK = 0;
  private static final int SCORE = 1;
  private static final int LEX = 2;
  private static final int UNION = 0;
  private static final int INTER = 1;
  private static final int DIFF = 2;
  private static final int AGGREGATE_SUM = 0;
  private static final int AGGREGATE_MIN = 1;
  private static final int AGGREGATE_MAX = 2;

  private final Keyspace keyspace;
  private final Parameter maxEntries;
  private final Parameter maxValue;
  private String maxEntriesText;
  private long maxEntriesValue;
  private String maxValueText;
  private long maxValueValue;
  private final ListpackZset listpack = new ListpackZset();
  private final long[] number = new long[1];
  private final ScanOptions scanOptions = new ScanOptions();
  private final double[] timeoutScratch = new double[1];
  /** The deadline argument of {@link #mpop} for ZMPOP, which never blocks. */
  private static final long NOT_BLOCKING = -1;
  private final double[] scores = new double[1];
  private double[] scoreArgs = new double[16];
  private int[] offsets = new int[64];
  /** Nodes one ZSCAN call gathered, reused across calls. */
  private final java.util.ArrayList<SkipList.Node> scanned = new java.util.ArrayList<>();
  /** Outcome of the last {@link #add} (one of the OUT_ constants) and the score it left. */
  private int outcome;
  /** Set by {@link #popElements}: whether the pop emptied (and so deleted) the key. */
  private boolean popEmptied;
  private double newScore;
  /** Bounds of the last parsed score or lex range. */
  private double minScore;
  private double maxScore;
  private boolean minExclusive;
  private boolean maxExclusive;
  private int minLex;
  private int maxLex;
  /** Ranks of the last {@link #rankRange}, inclusive; empty when {@code rangeTo < rangeFrom}. */
  private long rangeFrom;
  private long rangeTo;

  public SortedSetCommands(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.maxEntries = config.parameter("zset-max-listpack-entries");
    this.maxValue = config.parameter("zset-max-listpack-value");
  }

  public void declare(final CommandTable table) {
    table.add(command("zadd", -4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @sortedset @fast")
        .doc("Add one or more members to a sorted set, or update its score if it already exists", "1.2.0",
            "sorted-set", "O(log(N)) for each item added, where N is the number of elements in the sorted set.")
        .handler(this::zadd));
    table.add(command("zincrby", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @sortedset @fast")
        .doc("Increment the score of a member in a sorted set", "1.2.0", "sorted-set",
            "O(log(N)) where N is the number of elements in the sorted set.").handler(this::zincrby));
    table.add(command("zrem", -3).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @sortedset @fast")
        .doc("Remove one or more members from a sorted set", "1.2.0", "sorted-set",
            "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be "
            + "removed.").handler(this::zrem));
    table.add(command("zcard", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @sortedset @fast")
        .doc("Get the number of members in a sorted set", "1.2.0", "sorted-set", "O(1)").handler(this::zcard));
    table.add(command("zscore", 3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @sortedset @fast")
        .doc("Get the score associated with the given member in a sorted set", "1.2.0", "sorted-set", "O(1)")
        .handler(this::zscore));
    table.add(command("zmscore", -3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @sortedset @fast")
        .doc("Get the score associated with the given members in a sorted set", "6.2.0", "sorted-set",
            "O(N) where N is the number of members being requested.").handler(this::zmscore));
    table.add(command("zrank", 3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @sortedset @fast")
        .doc("Determine the index of a member in a sorted set", "2.0.0", "sorted-set", "O(log(N))")
        .handler(this::zrank));
    table.add(command("zrevrank", 3).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @sortedset @fast")
        .doc("Determine the index of a member in a sorted set, with scores ordered from high to low", "2.0.0",
            "sorted-set", "O(log(N))").handler(this::zrevrank));
    table.add(command("zcount", 4).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @sortedset @fast")
        .doc("Count the members in a sorted set with scores within the given values", "2.0.0", "sorted-set",
            "O(log(N)) with N being the number of elements in the sorted set.").handler(this::zcount));
    table.add(command("zlexcount", 4).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @sortedset @fast")
        .doc("Count the number of members in a sorted set between a given lexicographical range", "2.8.9",
            "sorted-set", "O(log(N)) with N being the number of elements in the sorted set.")
        .handler(this::zlexcount));
    table.add(command("zrange", -4).flags(READONLY).keys(1, 1, 1).acl("@read @sortedset @slow")
        .doc("Return a range of members in a sorted set", "1.2.0", "sorted-set", "O(log(N)+M) with N being the "
            + "number of elements in the sorted set and M the number of elements returned.").handler(this::zrange));
    table.add(command("zrangestore", -5).flags(WRITE, DENYOOM).keys(1, 2, 1).acl("@write @sortedset @slow")
        .doc("Store a range of members from sorted set into another key", "6.2.0", "sorted-set", "O(log(N)+M) with "
            + "N being the number of elements in the sorted set and M the number of elements stored into the "
            + "destination key.").handler(this::zrangestore));
    table.add(command("zrevrange", -4).flags(READONLY).keys(1, 1, 1).acl("@read @sortedset @slow")
        .doc("Return a range of members in a sorted set, by index, with scores ordered from high to low", "1.2.0",
            "sorted-set", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of "
            + "elements returned.").handler(this::zrevrange));
    table.add(command("zrangebyscore", -4).flags(READONLY).keys(1, 1, 1).acl("@read @sortedset @slow")
        .doc("Return a range of members in a sorted set, by score", "1.0.5", "sorted-set", "O(log(N)+M) with N "
            + "being the number of elements in the sorted set and M the number of elements being returned. If M is "
            + "constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).")
        .handler(this::zrangebyscore));
    table.add(command("zrevrangebyscore", -4).flags(READONLY).keys(1, 1, 1).acl("@read @sortedset @slow")
        .doc("Return a range of members in a sorted set, by score, with scores ordered from high to low", "2.2.0",
            "sorted-set", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of "
            + "elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), "
            + "you can consider it O(log(N)).").handler(this::zrevrangebyscore));
    table.add(command("zrangebylex", -4).flags(READONLY).keys(1, 1, 1).acl("@read @sortedset @slow")
        .doc("Return a range of members in a sorted set, by lexicographical range", "2.8.9", "sorted-set",
            "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being "
            + "returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can "
            + "consider it O(log(N)).").handler(this::zrangebylex));
    table.add(command("zrevrangebylex", -4).flags(READONLY).keys(1, 1, 1).acl("@read @sortedset @slow")
        .doc("Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower "
            + "strings.", "2.8.9", "sorted-set", "O(log(N)+M) with N being the number of elements in the sorted "
            + "set and M the number of elements being returned. If M is constant (e.g. always asking for the first "
            + "10 elements with LIMIT), you can consider it O(log(N)).").handler(this::zrevrangebylex));
    table.add(command("zremrangebyrank", 4).flags(WRITE).keys(1, 1, 1).acl("@write @sortedset @slow")
        .doc("Remove all members in a sorted set within the given indexes", "2.0.0", "sorted-set", "O(log(N)+M) "
            + "with N being the number of elements in the sorted set and M the number of elements removed by the "
            + "operation.").handler(this::zremrangebyrank));
    table.add(command("zremrangebyscore", 4).flags(WRITE).keys(1, 1, 1).acl("@write @sortedset @slow")
        .doc("Remove all members in a sorted set within the given scores", "1.2.0", "sorted-set", "O(log(N)+M) "
            + "with N being the number of elements in the sorted set and M the number of elements removed by the "
            + "operation.").handler(this::zremrangebyscore));
    table.add(command("zremrangebylex", 4).flags(WRITE).keys(1, 1, 1).acl("@write @sortedset @slow")
        .doc("Remove all members in a sorted set between the given lexicographical range", "2.8.9", "sorted-set",
            "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements "
            + "removed by the operation.").handler(this::zremrangebylex));
    table.add(command("zpopmin", -2).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @sortedset @fast")
        .doc("Remove and return members with the lowest scores in a sorted set", "5.0.0", "sorted-set",
            "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of "
            + "elements popped.").handler(this::zpopmin));
    table.add(command("zpopmax", -2).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @sortedset @fast")
        .doc("Remove and return members with the highest scores in a sorted set", "5.0.0", "sorted-set",
            "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of "
            + "elements popped.").handler(this::zpopmax));
    table.add(command("zmpop", -4).flags(WRITE, MOVABLEKEYS).acl("@write @sortedset @slow")
        .doc("Remove and return members with scores in a sorted set", "7.0.0", "sorted-set",
            "O(K) + O(N*log(M)) where K is the number of provided keys, N being the number of elements in the "
            + "sorted set, and M being the number of elements popped.").handler(this::zmpop));
    table.add(command("bzpopmin", -3).flags(WRITE, NOSCRIPT, BLOCKING, FAST).keys(1, -2, 1)
        .acl("@write @sortedset @fast @blocking")
        .doc("Remove and return the member with the lowest score from one or more sorted sets, or block until one is "
            + "available", "5.0.0", "sorted-set", "O(log(N)) with N being the number of elements in the sorted set.")
        .handler(this::bzpopmin));
    table.add(command("bzpopmax", -3).flags(WRITE, NOSCRIPT, BLOCKING, FAST).keys(1, -2, 1)
        .acl("@write @sortedset @fast @blocking")
        .doc("Remove and return the member with the highest score from one or more sorted sets, or block until one "
            + "is available", "5.0.0", "sorted-set", "O(log(N)) with N being the number of elements in the sorted set.")
        .handler(this::bzpopmax));
    table.add(command("bzmpop", -5).flags(WRITE, BLOCKING, MOVABLEKEYS).keys(0, 0, 0).acl("@write @sortedset @slow @blocking")
        .doc("Remove and return members with scores in a sorted set or block until one is available", "7.0.0",
            "sorted-set", "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements "
            + "in the sorted set, and M being the number of elements popped.")
        .handler(this::bzmpop));
    table.add(command("zrandmember", -2).flags(READONLY).keys(1, 1, 1).acl("@read @sortedset @slow")
        .doc("Get one or multiple random elements from a sorted set", "6.2.0", "sorted-set",
            "O(N) where N is the number of elements returned").handler(this::zrandmember));
    table.add(command("zscan", -3).flags(READONLY).keys(1, 1, 1).acl("@read @sortedset @slow")
        .doc("Incrementally iterate sorted sets elements and associated scores", "2.8.0", "sorted-set",
            "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to "
            + "return back to 0. N is the number of elements inside the collection..").handler(this::zscan));
    table.add(command("zunion", -3).flags(READONLY, MOVABLEKEYS).acl("@read @sortedset @slow")
        .doc("Add multiple sorted sets", "6.2.0", "sorted-set", "O(N)+O(M*log(M)) with N being the sum of the sizes "
            + "of the input sorted sets, and M being the number of elements in the resulting sorted set.")
        .handler(this::zunion));
    table.add(command("zinter", -3).flags(READONLY, MOVABLEKEYS).acl("@read @sortedset @slow")
        .doc("Intersect multiple sorted sets", "6.2.0", "sorted-set", "O(N*K)+O(M*log(M)) worst case with N being "
            + "the smallest input sorted set, K being the number of input sorted sets and M being the number of "
            + "elements in the resulting sorted set.").handler(this::zinter));
    table.add(command("zdiff", -3).flags(READONLY, MOVABLEKEYS).acl("@read @sortedset @slow")
        .doc("Subtract multiple sorted sets", "6.2.0", "sorted-set", "O(L + (N-K)log(N)) worst case where L is the "
            + "total number of elements in all the sets, N is the size of the first set, and K is the size of the "
            + "result set.").handler(this::zdiff));
    table.add(command("zunionstore", -4).flags(WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1).acl("@write @sortedset @slow")
        .doc("Add multiple sorted sets and store the resulting sorted set in a new key", "2.0.0", "sorted-set",
            "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of "
            + "elements in the resulting sorted set.").handler(this::zunionstore));
    table.add(command("zinterstore", -4).flags(WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1).acl("@write @sortedset @slow")
        .doc("Intersect multiple sorted sets and store the resulting sorted set in a new key", "2.0.0", "sorted-set",
            "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input "
            + "sorted sets and M being the number of elements in the resulting sorted set.")
        .handler(this::zinterstore));
    table.add(command("zdiffstore", -4).flags(WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1).acl("@write @sortedset @slow")
        .doc("Subtract multiple sorted sets and store the resulting sorted set in a new key", "6.2.0", "sorted-set",
            "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of "
            + "the first set, and K is the size of the result set.").handler(this::zdiffstore));
    table.add(command("zintercard", -3).flags(READONLY, MOVABLEKEYS).acl("@read @sortedset @slow")
        .doc("Intersect multiple sorted sets and return the cardinality of the result", "7.0.0", "sorted-set",
            "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.")
        .handler(this::zintercard));
  }

  // ---------------------------------------------------------------------------------------------
  // Adding and removing

  void zadd(final CommandContext c) {
    final Arguments args = c.args();
    int flags = 0;
    int index = 2;
    for (; index < args.count(); index++) {
      if (args.is(index, "nx")) {
        flags |= ZADD_NX;
      } else if (args.is(index, "xx")) {
        flags |= ZADD_XX;
      } else if (args.is(index, "ch")) {
        flags |= ZADD_CH;
      } else if (args.is(index, "incr")) {
        flags |= ZADD_INCR;
      } else if (args.is(index, "gt")) {
        flags |= ZADD_GT;
      } else if (args.is(index, "lt")) {
        flags |= ZADD_LT;
      } else {
        break;
      }
    }
    final int elements = args.count() - index;
    if (elements == 0 || elements % 2 != 0) {
      c.syntaxError();
      return;
    }
    addGeneric(c, index, elements / 2, flags);
  }

  void zincrby(final CommandContext c) {
    addGeneric(c, 2, 1, ZADD_INCR);
  }

  private void addGeneric(final CommandContext c, final int first, final int pairs, final int flags) {
    final Reply r = c.reply();
    final boolean nx = (flags & ZADD_NX) != 0;
    final boolean incr = (flags & ZADD_INCR) != 0;
    if (nx && (flags & ZADD_XX) != 0) {
      r.error("ERR XX and NX options at the same time are not compatible");
      return;
    }
    if ((flags & (ZADD_GT | ZADD_LT)) != 0 && (nx || (flags & (ZADD_GT | ZADD_LT)) == (ZADD_GT | ZADD_LT))) {
      r.error("ERR GT, LT, and/or NX options at the same time are not compatible");
      return;
    }
    if (incr && pairs > 1) {
      r.error("ERR INCR option supports a single increment-element pair");
      return;
    }
    if (scoreArgs.length < pairs) {
      scoreArgs = new double[Math.max(pairs, scoreArgs.length * 2)];
    }
    final Arguments args = c.args();
    for (int i = 0; i < pairs; i++) {
      if (!parseScore(args, first + 2 * i, scores)) {
        r.error(NOT_A_FLOAT);
        return;
      }
      scoreArgs[i] = scores[0];
    }
    long record = c.lookup(1);
    if (record != 0 && Record.type(record) != Record.TYPE_ZSET) {
      c.wrongType();
      return;
    }
    final Database db = c.database();
    if (record == 0) {
      if ((flags & ZADD_XX) != 0) {
        c.noEffect();
        if (incr) {
          r.nullBulk();
        } else {
          r.integer(0);
        }
        return;
      }
      record = create(db, args.array(), args.address(1), args.length(1), args.length(first + 1), pairs);
    }
    long added = 0;
    long changed = 0;
    for (int i = 0; i < pairs; i++) {
      final int m = first + 2 * i + 1;
      record = add(db, record, args.array(), args.address(m), args.length(m), scoreArgs[i], flags);
      if (outcome == OUT_NAN) {
        r.error(NAN_RESULT);
        deleteIfEmpty(db, record);
        return;
      }
      if (outcome == OUT_ADDED) {
        added++;
      } else if (outcome == OUT_UPDATED) {
        changed++;
      }
    }
    if (added + changed == 0) {
      c.noEffect();
    } else {
      c.modified(1, KeyspaceSignals.ZSET, incr ? "zincr" : "zadd");
      c.signals().dirty(added + changed - 1);
    }
    if (incr) {
      if (outcome == OUT_NOP) {
        r.nullBulk();
      } else {
        r.doubleValue(newScore);
      }
    } else {
      r.integer((flags & ZADD_CH) != 0 ? added + changed : added);
    }
  }

  void zrem(final CommandContext c) {
    final long record = c.lookup(1);
    if (record == 0) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    if (Record.type(record) != Record.TYPE_ZSET) {
      c.wrongType();
      return;
    }
    final Arguments args = c.args();
    long removed = 0;
    for (int i = 2; i < args.count(); i++) {
      if (remove(record, args.array(), args.address(i), args.length(i))) {
        removed++;
        if (length(record) == 0) {
          break;
        }
      }
    }
    removed(c, record, removed, "zrem");
    c.reply().integer(removed);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading single members

  void zcard(final CommandContext c) {
    final long record = zsetOrReply(c, 1);
    if (record >= 0) {
      c.reply().integer(record == 0 ? 0 : length(record));
    }
  }

  void zscore(final CommandContext c) {
    final long record = zsetOrReply(c, 1);
    if (record < 0) {
      return;
    }
    final Arguments args = c.args();
    if (record != 0 && score(record, args.array(), args.address(2), args.length(2), scores)) {
      c.reply().doubleValue(scores[0]);
    } else {
      c.reply().nullBulk();
    }
  }

  void zmscore(final CommandContext c) {
    final long record = zsetOrReply(c, 1);
    if (record < 0) {
      return;
    }
    final Arguments args = c.args();
    final Reply r = c.reply();
    r.array(args.count() - 2L);
    for (int i = 2; i < args.count(); i++) {
      if (record != 0 && score(record, args.array(), args.address(i), args.length(i), scores)) {
        r.doubleValue(scores[0]);
      } else {
        r.nullBulk();
      }
    }
  }

  void zrank(final CommandContext c) {
    rank(c, false);
  }

  void zrevrank(final CommandContext c) {
    rank(c, true);
  }

  private void rank(final CommandContext c, final boolean reverse) {
    final long record = zsetOrReply(c, 1);
    if (record < 0) {
      return;
    }
    final Arguments args = c.args();
    final long rank = record == 0 ? -1 : rankOf(record, args.array(), args.address(2), args.length(2));
    if (rank < 0) {
      c.reply().nullBulk();
    } else {
      c.reply().integer(reverse ? length(record) - 1 - rank : rank);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Counting and ranges

  void zcount(final CommandContext c) {
    if (!parseScoreRange(c.args(), 2, 3)) {
      c.reply().error(RANGE_NOT_A_FLOAT);
      return;
    }
    final long record = zsetOrReply(c, 1);
    if (record >= 0) {
      c.reply().integer(record == 0 ? 0 : Math.max(0, rangeEnd(c, record, SCORE) - rangeStart(c, record, SCORE)));
    }
  }

  void zlexcount(final CommandContext c) {
    if (!parseLexRange(c.args(), 2, 3)) {
      c.reply().error(RANGE_NOT_LEX);
      return;
    }
    final long record = zsetOrReply(c, 1);
    if (record >= 0) {
      c.reply().integer(record == 0 ? 0 : rankRange(c, record, LEX, false));
    }
  }

  void zrange(final CommandContext c) {
    rangeGeneric(c, 1, AUTO, AUTO, false);
  }

  void zrangestore(final CommandContext c) {
    rangeGeneric(c, 2, AUTO, AUTO, true);
  }

  void zrevrange(final CommandContext c) {
    rangeGeneric(c, 1, REVERSE, RANK, false);
  }

  void zrangebyscore(final CommandContext c) {
    rangeGeneric(c, 1, FORWARD, SCORE, false);
  }

  void zrevrangebyscore(final CommandContext c) {
    rangeGeneric(c, 1, REVERSE, SCORE, false);
  }

  void zrangebylex(final CommandContext c) {
    rangeGeneric(c, 1, FORWARD, LEX, false);
  }

  void zrevrangebylex(final CommandContext c) {
    rangeGeneric(c, 1, REVERSE, LEX, false);
  }

  /**
   * Redis's {@code zrangeGenericCommand}: {@code source} is the index of the source key (the range
   * follows it); {@code fixedDirection} and {@code fixedType} are set by the legacy commands
   * (else {@link #AUTO}), which then refuse REV and BYSCORE/BYLEX as options.
   */
  private void rangeGeneric(
      final CommandContext c, final int source, final int fixedDirection, final int fixedType,
      final boolean store) {
    final Arguments args = c.args();
    final Reply r = c.reply();
    int direction = fixedDirection;
    int type = fixedType;
    boolean withScores = false;
    long offset = 0;
    long limit = -1;
    for (int j = source + 3; j < args.count(); j++) {
      final int left = args.count() - j - 1;
      if (!store && args.is(j, "withscores")) {
        withScores = true;
      } else if (args.is(j, "limit") && left >= 2) {
        if (!args.parseLong(j + 1, number)) {
          c.notAnInteger();
          return;
        }
        offset = number[0];
        if (!args.parseLong(j + 2, number)) {
          c.notAnInteger();
          return;
        }
        limit = number[0];
        j += 2;
      } else if (direction == AUTO && args.is(j, "rev")) {
        direction = REVERSE;
      } else if (type == AUTO && args.is(j, "bylex")) {
        type = LEX;
      } else if (type == AUTO && args.is(j, "byscore")) {
        type = SCORE;
      } else {
        c.syntaxError();
        return;
      }
    }
    final boolean rev = direction == REVERSE;
    if (type == AUTO) {
      type = RANK;
    }
    if (limit != -1 && type == RANK) {
      r.error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
      return;
    }
    if (withScores && type == LEX) {
      r.error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
      return;
    }
    int minIndex = source + 1;
    int maxIndex = source + 2;
    if (rev && type != RANK) {
      minIndex = source + 2;
      maxIndex = source + 1;
    }
    long start = 0;
    long end = 0;
    if (type == RANK) {
      if (!args.parseLong(minIndex, number)) {
        c.notAnInteger();
        return;
      }
      start = number[0];
      if (!args.parseLong(maxIndex, number)) {
        c.notAnInteger();
        return;
      }
      end = number[0];
    } else if (type == SCORE) {
      if (!parseScoreRange(args, minIndex, maxIndex)) {
        r.error(RANGE_NOT_A_FLOAT);
        return;
      }
    } else if (!parseLexRange(args, minIndex, maxIndex)) {
      r.error(RANGE_NOT_LEX);
      return;
    }
    final long record = c.lookup(source);
    if (record != 0 && Record.type(record) != Record.TYPE_ZSET) {
      c.wrongType();
      return;
    }
    long from = 0;
    long to = -1;
    if (record != 0) {
      final long n = length(record);
      if (type == RANK) {
        if (start < 0) {
          start += n;
        }
        if (end < 0) {
          end += n;
        }
        if (start < 0) {
          start = 0;
        }
        if (start <= end && start < n) {
          end = Math.min(end, n - 1);
          from = rev ? n - 1 - end : start;
          to = rev ? n - 1 - start : end;
        }
      } else {
        rankRange(c, record, type, rev);
        final long lo = rangeFrom;
        final long hi = rangeTo;
        if (offset >= 0 && lo <= hi && limit != 0) {
          final long available = hi - lo + 1;
          final long take = limit < 0 ? available - offset : Math.min(limit, available - offset);
          if (take > 0) {
            from = rev ? hi - offset - take + 1 : lo + offset;
            to = from + take - 1;
          }
        }
      }
    }
    if (store) {
      store(c, record, from, to, rev, type == RANK);
    } else {
      emit(r, record, from, to, rev, withScores, false);
    }
  }

  void zremrangebyrank(final CommandContext c) {
    removeRange(c, RANK);
  }

  void zremrangebyscore(final CommandContext c) {
    removeRange(c, SCORE);
  }

  void zremrangebylex(final CommandContext c) {
    removeRange(c, LEX);
  }

  private void removeRange(final CommandContext c, final int type) {
    final Arguments args = c.args();
    long start = 0;
    long end = 0;
    if (type == RANK) {
      if (!args.parseLong(2, number)) {
        c.notAnInteger();
        return;
      }
      start = number[0];
      if (!args.parseLong(3, number)) {
        c.notAnInteger();
        return;
      }
      end = number[0];
    } else if (type == SCORE ? !parseScoreRange(args, 2, 3) : !parseLexRange(args, 2, 3)) {
      c.reply().error(type == SCORE ? RANGE_NOT_A_FLOAT : RANGE_NOT_LEX);
      return;
    }
    final long record = zsetOrReply(c, 1);
    if (record <= 0) {
      if (record == 0) {
        c.noEffect();
        c.reply().integer(0);
      }
      return;
    }
    final long n = length(record);
    if (type == RANK) {
      if (start < 0) {
        start += n;
      }
      if (end < 0) {
        end += n;
      }
      if (start < 0) {
        start = 0;
      }
      if (start > end || start >= n) {
        c.noEffect();
        c.reply().integer(0);
        return;
      }
      end = Math.min(end, n - 1);
    } else {
      rankRange(c, record, type, false);
      start = rangeFrom;
      end = rangeTo;
    }
    long removed = 0;
    if (start <= end) {
      removed = end - start + 1;
      if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
        ListpackZset.deleteRange(record, start, end);
      } else {
        skipList(record).deleteRangeByRank(start + 1, end + 1);
      }
    }
    removed(c, record, removed,
        type == RANK ? "zremrangebyrank" : type == SCORE ? "zremrangebyscore" : "zremrangebylex");
    c.reply().integer(removed);
  }

  // ---------------------------------------------------------------------------------------------
  // Pops, random members, scanning

  void zpopmin(final CommandContext c) {
    popCommand(c, false);
  }

  void zpopmax(final CommandContext c) {
    popCommand(c, true);
  }

  private void popCommand(final CommandContext c, final boolean max) {
    final Arguments args = c.args();
    if (args.count() > 3) {
      c.syntaxError();
      return;
    }
    long count = 1;
    if (args.count() == 3) {
      if (!args.parseLong(2, number) || number[0] < 0) {
        c.reply().error("ERR value is out of range, must be positive");
        return;
      }
      count = number[0];
    }
    // Redis checks the key's type before it looks at a zero count.
    final long record = zsetOrReply(c, 1);
    if (record < 0) {
      return;
    }
    if (record == 0 || count == 0) {
      c.noEffect();
      c.reply().array(0);
      return;
    }
    popped(c, 1, max, pop(c.database(), c.reply(), record, max, count, args.count() == 3, false));
  }

  /** Signals {@code n} elements popped from key argument {@code key}, and its removal if emptied. */
  private void popped(final CommandContext c, final int key, final boolean max, final long n) {
    c.modified(key, KeyspaceSignals.ZSET, max ? "zpopmax" : "zpopmin");
    c.signals().dirty(n - 1);
    if (popEmptied) {
      c.notify(KeyspaceSignals.GENERIC, "del", key);
    }
  }

  /**
   * What Redis propagates for ZMPOP and the served blocking pops: the plain pop of key argument
   * {@code key}, with the number taken when {@code count} is positive.
   */
  private static void popEffect(final CommandContext c, final int key, final boolean max, final long count) {
    final Arguments args = c.args();
    c.effect(count > 0 ? 3 : 2).arg(max ? ZPOPMAX : ZPOPMIN).arg(args.array(), args.address(key), args.length(key));
    if (count > 0) {
      c.effects().arg(count);
    }
  }

  /** After a removal of {@code removed} members: signals {@code event}, and "del" if the key emptied. */
  private void removed(final CommandContext c, final long record, final long removed, final String event) {
    if (removed == 0) {
      c.noEffect();
      return;
    }
    c.modified(1, KeyspaceSignals.ZSET, event);
    c.signals().dirty(removed - 1);
    if (length(record) == 0) {
      c.database().delete(record);
      c.notify(KeyspaceSignals.GENERIC, "del", 1);
    }
  }

  void zmpop(final CommandContext c) {
    mpop(c, 1, NOT_BLOCKING);
  }

  /**
   * ZMPOP and BZMPOP from argument {@code first} (numkeys) on: pops from the first non-empty sorted
   * set of the keys given; with none, replies nil or, given a {@code deadline} (0 = forever), blocks.
   */
  private void mpop(final CommandContext c, final int first, final long deadline) {
    final Arguments args = c.args();
    if (!args.parseLong(first, number) || number[0] <= 0) {
      c.reply().error("ERR numkeys should be greater than 0");
      return;
    }
    if (number[0] > args.count() - first - 2) {
      c.syntaxError();
      return;
    }
    final int keys = (int) number[0];
    final int where = first + 1 + keys;
    if (where >= args.count()) {
      c.syntaxError();
      return;
    }
    final boolean max;
    if (args.is(where, "min")) {
      max = false;
    } else if (args.is(where, "max")) {
      max = true;
    } else {
      c.syntaxError();
      return;
    }
    long count = 1;
    boolean counted = false;
    for (int j = where + 1; j < args.count(); j++) {
      if (!counted && args.is(j, "count") && j + 1 < args.count()) {
        if (!args.parseLong(j + 1, number) || number[0] <= 0) {
          c.reply().error("ERR count should be greater than 0");
          return;
        }
        count = number[0];
        counted = true;
        j++;
      } else {
        c.syntaxError();
        return;
      }
    }
    for (int k = first + 1; k < where; k++) {
      final long record = c.lookup(k);
      if (record == 0) {
        continue;
      }
      if (Record.type(record) != Record.TYPE_ZSET) {
        c.wrongType();
        return;
      }
      final Reply r = c.reply();
      r.array(2);
      r.bulk(args.array(), args.address(k), args.length(k));
      final long n = pop(c.database(), r, record, max, count, true, true);
      popped(c, k, max, n);
      popEffect(c, k, max, n);
      return;
    }
    if (deadline == NOT_BLOCKING) {
      c.noEffect();
      c.reply().nullArray();
    } else {
      c.block(first + 1, where - 1, Record.TYPE_ZSET, deadline);
    }
  }

  // Blocking pops: as ZPOPMIN/ZPOPMAX/ZMPOP when a key has members; otherwise the client waits
  // (CommandContext.block) and the engine runs the command again when a key is created.

  void bzpopmin(final CommandContext c) {
    blockingPop(c, false);
  }

  void bzpopmax(final CommandContext c) {
    blockingPop(c, true);
  }

  /** BZPOPMIN/BZPOPMAX reply [key, member, score] from the first non-empty sorted set. */
  private void blockingPop(final CommandContext c, final boolean max) {
    final Arguments args = c.args();
    final long deadline = Timeouts.deadline(c, args.count() - 1, timeoutScratch);
    if (deadline == Timeouts.INVALID) {
      return;
    }
    final int lastKey = args.count() - 2;
    for (int k = 1; k <= lastKey; k++) {
      final long record = c.lookup(k);
      if (record == 0) {
        continue;
      }
      if (Record.type(record) != Record.TYPE_ZSET) {
        c.wrongType();
        return;
      }
      final Reply r = c.reply();
      r.array(3);
      r.bulk(args.array(), args.address(k), args.length(k));
      popped(c, k, max, popElements(c.database(), r, record, max, 1, false));
      popEffect(c, k, max, 0);
      return;
    }
    c.block(1, lastKey, Record.TYPE_ZSET, deadline);
  }

  void bzmpop(final CommandContext c) {
    final long deadline = Timeouts.deadline(c, 1, timeoutScratch);
    if (deadline != Timeouts.INVALID) {
      mpop(c, 2, deadline);
    }
  }

  /**
   * Pops up to {@code count} elements from the low ({@code max} false) or high end of a non-empty
   * sorted set and replies with them as an array, deleting the key when it empties.
   * {@code counted}: the caller gave a count (pairs nest in RESP3); {@code nested}: pairs nest in
   * every protocol (ZMPOP, BZMPOP). Returns how many it popped.
   */
  public long pop(
      final Database db, final Reply r, final long record, final boolean max, final long count,
      final boolean counted, final boolean nested) {
    final long take = Math.min(count, length(record));
    final boolean pairs = nested || (counted && r.protocol() == 3);
    r.array(pairs ? take : take * 2);
    return popElements(db, r, record, max, take, pairs);
  }

  /**
   * The pop itself, for ZPOPMIN/ZPOPMAX/ZMPOP here and the blocking variants elsewhere (BZPOPMIN
   * writes its own [key, member, score] header, then calls this with a count of 1): removes up to
   * {@code count} elements from one end, writes each as member then score ({@code pairs}: inside a
   * 2-element array), deletes the key when it empties (setting {@code popEmptied}), and returns how
   * many it popped.
   */
  public long popElements(
      final Database db, final Reply r, final long record, final boolean max, final long count, final boolean pairs) {
    final long take = Math.min(count, length(record));
    for (long i = 0; i < take; i++) {
      if (pairs) {
        r.array(2);
      }
      if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
        final int e = max ? ListpackZset.atRank(record, ListpackZset.size(record) - 1L) : Listpack.first();
        r.bulk(null, Listpack.address(record, e), Listpack.length(record, e));
        r.doubleValue(ListpackZset.score(record, e));
        ListpackZset.delete(record, e);
      } else {
        final SkipList z = skipList(record);
        final SkipList.Node node = max ? z.last() : z.first();
        r.bulk(node.member());
        r.doubleValue(node.score());
        z.delete(node);
      }
    }
    popEmptied = length(record) == 0;
    if (popEmptied) {
      db.delete(record);
    }
    return take;
  }

  void zrandmember(final CommandContext c) {
    final Arguments args = c.args();
    final Reply r = c.reply();
    if (args.count() > 4 || (args.count() == 4 && !args.is(3, "withscores"))) {
      c.syntaxError();
      return;
    }
    if (args.count() == 2) {
      final long record = zsetOrReply(c, 1);
      if (record < 0) {
        return;
      }
      if (record == 0) {
        r.nullBulk();
        return;
      }
      final long index = keyspace.random().nextLong(length(record));
      emitMember(r, record, index);
      return;
    }
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    final long count = number[0];
    final boolean withScores = args.count() == 4;
    if (count == Long.MIN_VALUE || (withScores && count < -Long.MAX_VALUE / 2)) {
      r.error("ERR value is out of range");
      return;
    }
    final long record = zsetOrReply(c, 1);
    if (record < 0) {
      return;
    }
    if (record == 0 || count == 0) {
      r.array(0);
      return;
    }
    final long n = length(record);
    if (count < 0) {
      final long total = -count;
      final boolean pairs = withScores && r.protocol() == 3;
      r.array(withScores && !pairs ? total * 2 : total);
      for (long i = 0; i < total; i++) {
        final long index = keyspace.random().nextLong(n);
        if (pairs) {
          r.array(2);
        }
        emitElement(r, record, index, withScores);
      }
      return;
    }
    if (count >= n) {
      // Redis answers with the whole set, highest first.
      emit(r, record, 0, n - 1, true, withScores, false);
      return;
    }
    // A partial Fisher-Yates over the ranks: distinct picks, in random order, O(n) scratch.
    final int size = (int) n;
    if (offsets.length < size) {
      offsets = new int[Math.max(size, offsets.length * 2)];
    }
    for (int i = 0; i < size; i++) {
      offsets[i] = i;
    }
    final boolean pairs = withScores && r.protocol() == 3;
    r.array(withScores && !pairs ? count * 2 : count);
    for (int i = 0; i < count; i++) {
      final int j = i + keyspace.random().nextInt(size - i);
      final int pick = offsets[j];
      offsets[j] = offsets[i];
      offsets[i] = pick;
      if (pairs) {
        r.array(2);
      }
      emitElement(r, record, pick, withScores);
    }
  }

  /**
   * ZSCAN. A listpack is returned whole with cursor 0, as Redis does; a skiplist's dictionary is
   * walked with Redis's reverse-binary cursor ({@link SkipList#scan}), visiting buckets until COUNT
   * members are gathered or ten times COUNT buckets were seen, as {@code scanGenericCommand} does.
   */
  void zscan(final CommandContext c) {
    final Arguments args = c.args();
    if (!parseCursor(args, 2)) {
      c.reply().error("ERR invalid cursor");
      return;
    }
    final long cursor = number[0];
    final long record = zsetOrReply(c, 1);
    if (record < 0) {
      return;
    }
    final Reply r = c.reply();
    if (record == 0) {
      r.array(2);
      r.bulk("0");
      r.array(0);
      return;
    }
    if (!scanOptions.parse(c, 3, false)) {
      return;
    }
    final long count = scanOptions.count;
    final byte[] pattern = scanOptions.pattern < 0 ? null : args.bytes(scanOptions.pattern);
    r.array(2);
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      r.bulk("0");
      final int end = Listpack.end(record);
      long matched = 0;
      for (int e = Listpack.first(); e < end; e = ListpackZset.next(record, e)) {
        if (matches(pattern, null, Listpack.address(record, e), Listpack.length(record, e))) {
          matched++;
        }
      }
      r.array(matched * 2);
      for (int e = Listpack.first(); e < end; e = ListpackZset.next(record, e)) {
        if (matches(pattern, null, Listpack.address(record, e), Listpack.length(record, e))) {
          r.bulk(null, Listpack.address(record, e), Listpack.length(record, e));
          r.bulk(Numbers.formatDouble(ListpackZset.score(record, e)));
        }
      }
      return;
    }
    final SkipList z = skipList(record);
    scanned.clear();
    long next = cursor;
    long budget = count * 10;
    do {
      next = z.scan(next, scanned::add);
    } while (next != 0 && budget-- > 0 && scanned.size() < count);
    r.bulk(Long.toUnsignedString(next));
    long matched = 0;
    for (final SkipList.Node node : scanned) {
      if (matches(pattern, node.member(), Bytes.ARRAY_BASE, node.member().length)) {
        matched++;
      }
    }
    r.array(matched * 2);
    for (final SkipList.Node node : scanned) {
      if (matches(pattern, node.member(), Bytes.ARRAY_BASE, node.member().length)) {
        r.bulk(node.member());
        r.bulk(Numbers.formatDouble(node.score()));
      }
    }
    scanned.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Union, intersection, difference

  void zunion(final CommandContext c) {
    setOperation(c, UNION, -1, false);
  }

  void zinter(final CommandContext c) {
    setOperation(c, INTER, -1, false);
  }

  void zdiff(final CommandContext c) {
    setOperation(c, DIFF, -1, false);
  }

  void zunionstore(final CommandContext c) {
    setOperation(c, UNION, 1, false);
  }

  void zinterstore(final CommandContext c) {
    setOperation(c, INTER, 1, false);
  }

  void zdiffstore(final CommandContext c) {
    setOperation(c, DIFF, 1, false);
  }

  void zintercard(final CommandContext c) {
    setOperation(c, INTER, -1, true);
  }

  /**
   * Redis's {@code zunionInterDiffGenericCommand}. {@code destination} is the index of the key to
   * store into, or -1 to reply with the result ({@code cardinality}: only its size, ZINTERCARD).
   * The result is built in a scratch {@link SkipList}, whose dictionary does the member matching
   * and whose order is the reply's; a stored result becomes a listpack again when small.
   */
  private void setOperation(final CommandContext c, final int op, final int destination, final boolean cardinality) {
    final Arguments args = c.args();
    final Reply r = c.reply();
    final int numkeysIndex = destination < 0 ? 1 : 2;
    if (!args.parseLong(numkeysIndex, number)) {
      c.notAnInteger();
      return;
    }
    if (number[0] < 1) {
      r.error("ERR at least 1 input key is needed for '" + c.spec().fullName + "' command");
      return;
    }
    if (number[0] > args.count() - (numkeysIndex + 1)) {
      c.syntaxError();
      return;
    }
    final int keys = (int) number[0];
    final int firstKey = numkeysIndex + 1;
    final long[] records = new long[keys];
    final double[] weights = new double[keys];
    for (int i = 0; i < keys; i++) {
      records[i] = c.lookup(firstKey + i);
      weights[i] = 1;
      if (records[i] != 0 && Record.type(records[i]) != Record.TYPE_ZSET
          && Record.type(records[i]) != Record.TYPE_SET) {
        c.wrongType();
        return;
      }
    }
    int aggregate = AGGREGATE_SUM;
    boolean withScores = false;
    long limit = 0;
    int j = firstKey + keys;
    while (j < args.count()) {
      final int remaining = args.count() - j;
      if (op != DIFF && !cardinality && remaining >= keys + 1 && args.is(j, "weights")) {
        j++;
        for (int i = 0; i < keys; i++, j++) {
          if (!parseScore(args, j, scores)) {
            r.error("ERR weight value is not a float");
            return;
          }
          weights[i] = scores[0];
        }
      } else if (op != DIFF && !cardinality && remaining >= 2 && args.is(j, "aggregate")) {
        if (args.is(j + 1, "sum")) {
          aggregate = AGGREGATE_SUM;
        } else if (args.is(j + 1, "min")) {
          aggregate = AGGREGATE_MIN;
        } else if (args.is(j + 1, "max")) {
          aggregate = AGGREGATE_MAX;
        } else {
          c.syntaxError();
          return;
        }
        j += 2;
      } else if (destination < 0 && !cardinality && args.is(j, "withscores")) {
        withScores = true;
        j++;
      } else if (cardinality && remaining >= 2 && args.is(j, "limit")) {
        if (!args.parseLong(j + 1, number) || number[0] < 0) {
          r.error("ERR LIMIT can't be negative");
          return;
        }
        limit = number[0];
        j += 2;
      } else {
        c.syntaxError();
        return;
      }
    }
    final SkipList result = new SkipList(null, keyspace.random());
    if (op == UNION) {
      union(records, weights, aggregate, result);
    } else if (op == INTER) {
      inter(records, weights, aggregate, result, cardinality ? limit : 0);
    } else {
      diff(records, result);
    }
    if (cardinality) {
      r.integer(result.size());
    } else if (destination >= 0) {
      storeResult(c, destination, result, op == UNION ? "zunionstore" : op == INTER ? "zinterstore" : "zdiffstore");
      r.integer(result.size());
    } else {
      final boolean pairs = withScores && r.protocol() == 3;
      r.array(withScores && !pairs ? result.size() * 2 : result.size());
      for (SkipList.Node node = result.first(); node != null; node = node.next()) {
        if (pairs) {
          r.array(2);
        }
        r.bulk(node.member());
        if (withScores) {
          r.doubleValue(node.score());
        }
      }
    }
  }

  private void union(final long[] records, final double[] weights, final int aggregate, final SkipList result) {
    // Redis sums the sets smallest first (a stable sort by size), and floating-point addition is
    // not associative: the same order gives the same last bits.
    final Integer[] order = new Integer[records.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(
        records[a] == 0 ? 0 : inputLength(records[a]), records[b] == 0 ? 0 : inputLength(records[b])));
    for (final int i : order) {
      final long record = records[i];
      if (record == 0) {
        continue;
      }
      if (Record.type(record) == Record.TYPE_SET) {
        final int size = SetCommands.cardinality(keyspace.heapValues(), record);
        for (int m = 0; m < size; m++) {
          final byte[] member = SetCommands.memberAt(keyspace.heapValues(), record, m);
          accumulate(result, member, Bytes.ARRAY_BASE, member.length, weighted(weights[i], 1), aggregate);
        }
      } else if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
        final int end = Listpack.end(record);
        for (int e = Listpack.first(); e < end; e = ListpackZset.next(record, e)) {
          accumulate(result, null, Listpack.address(record, e), Listpack.length(record, e),
              weighted(weights[i], ListpackZset.score(record, e)), aggregate);
        }
      } else {
        for (SkipList.Node n = skipList(record).first(); n != null; n = n.next()) {
          accumulate(result, n.member(), Bytes.ARRAY_BASE, n.member().length, weighted(weights[i], n.score()),
              aggregate);
        }
      }
    }
  }

  private void inter(
      final long[] records, final double[] weights, final int aggregate, final SkipList result, final long limit) {
    final Integer[] order = new Integer[records.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      if (records[i] == 0) {
        return;
      }
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(inputLength(records[a]), inputLength(records[b])));
    final long smallest = records[order[0]];
    final double weight = weights[order[0]];
    if (Record.type(smallest) == Record.TYPE_SET) {
      final int size = SetCommands.cardinality(keyspace.heapValues(), smallest);
      for (int m = 0; m < size; m++) {
        final byte[] member = SetCommands.memberAt(keyspace.heapValues(), smallest, m);
        if (interMember(records, order, weights, aggregate, result, member, Bytes.ARRAY_BASE, member.length,
            weighted(weight, 1)) && limit > 0 && result.size() >= limit) {
          return;
        }
      }
      return;
    }
    final boolean packed = Record.encoding(smallest) == Record.ENCODING_LISTPACK;
    SkipList.Node node = packed ? null : skipList(smallest).first();
    final int end = packed ? Listpack.end(smallest) : 0;
    int e = Listpack.first();
    while (packed ? e < end : node != null) {
      final Object base = packed ? null : node.member();
      final long offset = packed ? Listpack.address(smallest, e) : Bytes.ARRAY_BASE;
      final int length = packed ? Listpack.length(smallest, e) : node.member().length;
      final double score = weighted(weight, packed ? ListpackZset.score(smallest, e) : node.score());
      if (interMember(records, order, weights, aggregate, result, base, offset, length, score)
          && limit > 0 && result.size() >= limit) {
        return;
      }
      if (packed) {
        e = ListpackZset.next(smallest, e);
      } else {
        node = node.next();
      }
    }
  }

  /**
   * Adds one member of the smallest input to an intersection when every other input holds it too;
   * true when it was added.
   */
  private boolean interMember(
      final long[] records, final Integer[] order, final double[] weights, final int aggregate,
      final SkipList result, final Object base, final long offset, final int length, final double first) {
    double score = first;
    for (int k = 1; k < order.length; k++) {
      if (!inputScore(records[order[k]], base, offset, length, scores)) {
        return false;
      }
      // Unlike the first input's, Redis leaves these products NaN (0 * inf): SUM then makes the
      // total 0 and MIN/MAX keep the score so far.
      score = combine(score, weights[order[k]] * scores[0], aggregate);
    }
    result.insert(Bytes.toArray(base, offset, length), score);
    return true;
  }

  private void diff(final long[] records, final SkipList result) {
    final long first = records[0];
    if (first == 0) {
      return;
    }
    if (Record.type(first) == Record.TYPE_SET) {
      final int size = SetCommands.cardinality(keyspace.heapValues(), first);
      for (int m = 0; m < size; m++) {
        final byte[] member = SetCommands.memberAt(keyspace.heapValues(), first, m);
        if (!elsewhere(records, member, Bytes.ARRAY_BASE, member.length)) {
          result.insert(member, 1);
        }
      }
      return;
    }
    final boolean packed = Record.encoding(first) == Record.ENCODING_LISTPACK;
    SkipList.Node node = packed ? null : skipList(first).first();
    final int end = packed ? Listpack.end(first) : 0;
    int e = Listpack.first();
    while (packed ? e < end : node != null) {
      final Object base = packed ? null : node.member();
      final long offset = packed ? Listpack.address(first, e) : Bytes.ARRAY_BASE;
      final int length = packed ? Listpack.length(first, e) : node.member().length;
      if (!elsewhere(records, base, offset, length)) {
        result.insert(Bytes.toArray(base, offset, length), packed ? ListpackZset.score(first, e) : node.score());
      }
      if (packed) {
        e = ListpackZset.next(first, e);
      } else {
        node = node.next();
      }
    }
  }

  /** Whether an input after the first holds the member. */
  private boolean elsewhere(final long[] records, final Object base, final long offset, final int length) {
    for (int k = 1; k < records.length; k++) {
      if (records[k] != 0 && inputScore(records[k], base, offset, length, scores)) {
        return true;
      }
    }
    return false;
  }

  /** Cardinality of an input of the set operations: a sorted set or a set. */
  private long inputLength(final long record) {
    return Record.type(record) == Record.TYPE_SET ? SetCommands.cardinality(keyspace.heapValues(), record)
        : length(record);
  }

  /** The member's score in an input of the set operations; a set member scores 1, as in Redis. */
  private boolean inputScore(
      final long record, final Object base, final long offset, final int length, final double[] out) {
    if (Record.type(record) == Record.TYPE_SET) {
      out[0] = 1;
      return SetCommands.holds(keyspace.heapValues(), record, base, offset, length);
    }
    return score(record, base, offset, length, out);
  }

  private void accumulate(
      final SkipList result, final Object base, final long offset, final int length, final double score,
      final int aggregate) {
    final SkipList.Node node = result.find(base, offset, length);
    if (node == null) {
      result.insert(Bytes.toArray(base, offset, length), score);
    } else {
      final double combined = combine(node.score(), score, aggregate);
      // Double.compare tells -0 from 0: Redis stores the sum -0 + 0 = 0 over a -0.
      if (Double.compare(combined, node.score()) != 0) {
        result.updateScore(node, combined);
      }
    }
  }

  /** A weighted score; Redis turns the NaN of 0 * inf into 0. */
  private static double weighted(final double weight, final double score) {
    final double value = weight * score;
    return Double.isNaN(value) ? 0 : value;
  }

  /** Redis's {@code zunionInterAggregate}. */
  private static double combine(final double target, final double value, final int aggregate) {
    if (aggregate == AGGREGATE_SUM) {
      final double sum = target + value;
      return Double.isNaN(sum) ? 0 : sum;
    }
    if (aggregate == AGGREGATE_MIN) {
      return value < target ? value : target;
    }
    return value > target ? value : target;
  }

  // ---------------------------------------------------------------------------------------------
  // Encoding-independent operations

  /** Cardinality of a sorted set record. */
  public long length(final long record) {
    return Record.encoding(record) == Record.ENCODING_LISTPACK ? ListpackZset.size(record) : skipList(record).size();
  }

  private SkipList skipList(final long record) {
    return (SkipList) keyspace.heapValues().get(Record.handle(record));
  }

  /** A new empty sorted set key, encoded as Redis's {@code zsetTypeCreate} would pick. */
  private long create(
      final Database db, final Object keyBase, final long keyOffset, final int keyLength,
      final int firstMemberLength, final long sizeHint) {
    if (maxEntries() == 0 || firstMemberLength > maxValue()) {
      final long record = db.insert(keyBase, keyOffset, keyLength, Record.TYPE_ZSET, 8, 8);
      Record.encoding(record, Record.ENCODING_SKIPLIST);
      final HeapValues heap = keyspace.heapValues();
      final SkipList z = new SkipList(null, keyspace.random());
      Record.handle(record, heap.add(z));
      z.accountTo(heap);
      return record;
    }
    return Listpack.create(db, keyBase, keyOffset, keyLength, Record.TYPE_ZSET, Record.ENCODING_LISTPACK,
        (int) Math.min(1024, 16 * sizeHint + 16));
  }

  /**
   * Redis's {@code zsetAdd}: adds or updates one member under the ZADD flags, converting the
   * listpack to a skiplist when it would outgrow the thresholds. Sets {@link #outcome} and
   * {@link #newScore}; returns the record, which may have moved.
   */
  private long add(
      final Database db, final long record, final Object base, final long offset, final int length,
      final double score, final int flags) {
    final boolean xx = (flags & ZADD_XX) != 0;
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int e = ListpackZset.find(record, base, offset, length);
      if (e >= 0) {
        if (!updateExisting(ListpackZset.score(record, e), score, flags)) {
          return record;
        }
        ListpackZset.delete(record, e);
        return listpack.insert(db, record, base, offset, length, newScore);
      }
      if (xx) {
        outcome = OUT_NOP;
        return record;
      }
      if (ListpackZset.size(record) + 1L > maxEntries() || length > maxValue()) {
        return add(db, convert(db, record), base, offset, length, score, flags);
      }
      newScore = score;
      outcome = OUT_ADDED;
      return listpack.insert(db, record, base, offset, length, score);
    }
    final SkipList z = skipList(record);
    final SkipList.Node node = z.find(base, offset, length);
    if (node != null) {
      if (updateExisting(node.score(), score, flags)) {
        z.updateScore(node, newScore);
      }
      return record;
    }
    if (xx) {
      outcome = OUT_NOP;
      return record;
    }
    z.insert(Bytes.toArray(base, offset, length), score);
    newScore = score;
    outcome = OUT_ADDED;
    return record;
  }

  /**
   * What ZADD's flags make of a member already present with score {@code current}: sets
   * {@link #outcome} and, unless nothing happens, {@link #newScore}. True when the member's score
   * must change, which each encoding then does its own way.
   */
  private boolean updateExisting(final double current, final double score, final int flags) {
    if ((flags & ZADD_NX) != 0) {
      outcome = OUT_NOP;
      return false;
    }
    double value = score;
    if ((flags & ZADD_INCR) != 0) {
      value += current;
      if (Double.isNaN(value)) {
        outcome = OUT_NAN;
        return false;
      }
    }
    if (((flags & ZADD_LT) != 0 && value >= current) || ((flags & ZADD_GT) != 0 && value <= current)) {
      outcome = OUT_NOP;
      return false;
    }
    newScore = value;
    outcome = value == current ? OUT_SAME : OUT_UPDATED;
    return outcome == OUT_UPDATED;
  }

  /** Replaces a listpack value by a skiplist holding the same pairs; returns the record. */
  private long convert(final Database db, final long record) {
    final SkipList z = new SkipList(null, keyspace.random());
    final int end = Listpack.end(record);
    for (int e = Listpack.first(); e < end; e = ListpackZset.next(record, e)) {
      z.insert(Bytes.toArray(null, Listpack.address(record, e), Listpack.length(record, e)),
          ListpackZset.score(record, e));
    }
    final long moved = db.reserve(record, 8, 0);
    Record.encoding(moved, Record.ENCODING_SKIPLIST);
    final HeapValues heap = keyspace.heapValues();
    Record.handle(moved, heap.add(z));
    z.accountTo(heap);
    return moved;
  }

  private boolean remove(final long record, final Object base, final long offset, final int length) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int e = ListpackZset.find(record, base, offset, length);
      if (e < 0) {
        return false;
      }
      ListpackZset.delete(record, e);
      return true;
    }
    final SkipList z = skipList(record);
    final SkipList.Node node = z.find(base, offset, length);
    if (node == null) {
      return false;
    }
    z.delete(node);
    return true;
  }

  private boolean score(
      final long record, final Object base, final long offset, final int length, final double[] out) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int e = ListpackZset.find(record, base, offset, length);
      if (e < 0) {
        return false;
      }
      out[0] = ListpackZset.score(record, e);
      return true;
    }
    final SkipList.Node node = skipList(record).find(base, offset, length);
    if (node == null) {
      return false;
    }
    out[0] = node.score();
    return true;
  }

  /** 0-based rank of a member, or -1. */
  private long rankOf(final long record, final Object base, final long offset, final int length) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int e = ListpackZset.find(record, base, offset, length);
      return e < 0 ? -1 : ListpackZset.rankOf(record, e);
    }
    final SkipList z = skipList(record);
    final SkipList.Node node = z.find(base, offset, length);
    return node == null ? -1 : z.rank(node) - 1;
  }

  /**
   * Sets {@link #rangeFrom}..{@link #rangeTo} to the ranks inside the last parsed score or lex
   * range and returns how many there are. A lex range over a listpack is found as Redis's {@code
   * zzlFirstInLexRange}/{@code zzlLastInLexRange} find it (the first member from the start, or from
   * the end when {@code reverse}, past the near bound, must be inside the far one, and the run goes
   * on while members stay inside), which only matters when scores differ and Redis's answer is
   * "unspecified" but still deterministic; everywhere else the range is two rank counts.
   */
  private long rankRange(final CommandContext c, final long record, final int type, final boolean reverse) {
    if (type == LEX && Record.encoding(record) == Record.ENCODING_LISTPACK) {
      listpackLexRange(c, record, reverse);
    } else {
      rangeFrom = rangeStart(c, record, type);
      rangeTo = rangeEnd(c, record, type) - 1;
    }
    return Math.max(0, rangeTo - rangeFrom + 1);
  }

  private void listpackLexRange(final CommandContext c, final long record, final boolean reverse) {
    final int n = ListpackZset.size(record);
    if (offsets.length < n) {
      offsets = new int[Math.max(n, offsets.length * 2)];
    }
    int e = Listpack.first();
    for (int i = 0; i < n; i++) {
      offsets[i] = e;
      e = ListpackZset.next(record, e);
    }
    rangeFrom = 0;
    rangeTo = -1;
    final Arguments args = c.args();
    // zzlIsInLexRange: an empty interval, or a set wholly outside it, gives nothing at once.
    final int order = compareBounds(args);
    final boolean openEnds = minExclusive || maxExclusive || infinite(args, minLex) || infinite(args, maxLex);
    if (n == 0 || order > 0 || (order == 0 && openEnds)
        || !aboveMin(args, record, offsets[n - 1]) || !belowMax(args, record, offsets[0])) {
      return;
    }
    if (!reverse) {
      for (int i = 0; i < n; i++) {
        if (aboveMin(args, record, offsets[i])) {
          int j = i;
          while (j < n && belowMax(args, record, offsets[j])) {
            j++;
          }
          rangeFrom = i;
          rangeTo = j - 1;
          return;
        }
      }
      return;
    }
    for (int i = n - 1; i >= 0; i--) {
      if (belowMax(args, record, offsets[i])) {
        int j = i;
        while (j >= 0 && aboveMin(args, record, offsets[j])) {
          j--;
        }
        rangeFrom = j + 1;
        rangeTo = i;
        return;
      }
    }
  }

  /** Redis's {@code sdscmplex} of the min and max bounds: {@code -} sorts first, {@code +} last. */
  private int compareBounds(final Arguments args) {
    final int min = boundKind(args, minLex);
    final int max = boundKind(args, maxLex);
    if (min != 0 || max != 0) {
      return Integer.compare(min, max);
    }
    return Integer.signum(Bytes.compare(args.array(), args.address(minLex) + 1, args.length(minLex) - 1,
        args.array(), args.address(maxLex) + 1, args.length(maxLex) - 1));
  }

  /** -1 for {@code -}, 1 for {@code +}, 0 for a bound with bytes. */
  private static int boundKind(final Arguments args, final int bound) {
    if (args.length(bound) != 1) {
      return 0;
    }
    final byte first = args.array()[args.offset(bound)];
    return first == '-' ? -1 : first == '+' ? 1 : 0;
  }

  /** True for {@code -} and {@code +}, which Redis parses as exclusive. */
  private static boolean infinite(final Arguments args, final int bound) {
    return boundKind(args, bound) != 0;
  }

  /** Redis's {@code zslLexValueGteMin} for the member entry at {@code entry}. */
  private boolean aboveMin(final Arguments args, final long record, final int entry) {
    final int cmp = compareToBound(args, minLex, record, entry);
    return cmp == Integer.MIN_VALUE || (cmp != Integer.MAX_VALUE && (minExclusive ? cmp > 0 : cmp >= 0));
  }

  /** Redis's {@code zslLexValueLteMax} for the member entry at {@code entry}. */
  private boolean belowMax(final Arguments args, final long record, final int entry) {
    final int cmp = compareToBound(args, maxLex, record, entry);
    return cmp == Integer.MAX_VALUE || (cmp != Integer.MIN_VALUE && (maxExclusive ? cmp < 0 : cmp <= 0));
  }

  /**
   * The member compared with a lex bound: {@code Integer.MIN_VALUE} when the bound is {@code -}
   * (every member is above it), {@code Integer.MAX_VALUE} when it is {@code +}, else the sign of
   * the byte comparison.
   */
  private static int compareToBound(final Arguments args, final int bound, final long record, final int entry) {
    final int length = args.length(bound);
    final byte first = args.array()[args.offset(bound)];
    if (length == 1 && first == '-') {
      return Integer.MIN_VALUE;
    }
    if (length == 1 && first == '+') {
      return Integer.MAX_VALUE;
    }
    return Integer.signum(Bytes.compare(null, Listpack.address(record, entry), Listpack.length(record, entry),
        args.array(), args.address(bound) + 1, length - 1));
  }

  /** First rank inside the last parsed range. */
  private long rangeStart(final CommandContext c, final long record, final int type) {
    final boolean packed = Record.encoding(record) == Record.ENCODING_LISTPACK;
    if (type == SCORE) {
      return packed ? ListpackZset.countBelowScore(record, minScore, minExclusive)
          : skipList(record).countBelowScore(minScore, minExclusive);
    }
    return lexCount(c, record, packed, minLex, minExclusive);
  }

  /** One past the last rank inside the last parsed range. */
  private long rangeEnd(final CommandContext c, final long record, final int type) {
    final boolean packed = Record.encoding(record) == Record.ENCODING_LISTPACK;
    if (type == SCORE) {
      return packed ? ListpackZset.countBelowScore(record, maxScore, !maxExclusive)
          : skipList(record).countBelowScore(maxScore, !maxExclusive);
    }
    return lexCount(c, record, packed, maxLex, !maxExclusive);
  }

  /** Elements below a lex bound: {@code -} is below everything, {@code +} above everything. */
  private long lexCount(
      final CommandContext c, final long record, final boolean packed, final int index, final boolean orEqual) {
    final Arguments args = c.args();
    final int length = args.length(index);
    final byte first = args.array()[args.offset(index)];
    if (length == 1 && first == '-') {
      return 0;
    }
    if (length == 1 && first == '+') {
      return length(record);
    }
    final long at = args.address(index) + 1;
    return packed ? ListpackZset.countBelowMember(record, args.array(), at, length - 1, orEqual)
        : skipList(record).countBelowMember(args.array(), at, length - 1, orEqual);
  }

  private double scoreAt(final long record, final long rank) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      return ListpackZset.score(record, ListpackZset.atRank(record, rank));
    }
    return skipList(record).byRank(rank + 1).score();
  }

  private void emitMember(final Reply r, final long record, final long rank) {
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int e = ListpackZset.atRank(record, rank);
      r.bulk(null, Listpack.address(record, e), Listpack.length(record, e));
    } else {
      r.bulk(skipList(record).byRank(rank + 1).member());
    }
  }

  private void emitElement(final Reply r, final long record, final long rank, final boolean withScores) {
    emitMember(r, record, rank);
    if (withScores) {
      r.doubleValue(scoreAt(record, rank));
    }
  }

  private static boolean matches(final byte[] pattern, final Object base, final long offset, final int length) {
    return pattern == null || Glob.matches(pattern, 0, pattern.length, base, offset, length, false);
  }

  /**
   * Replies with the elements of 0-based ranks {@code from..to} (none when {@code to < from}),
   * highest first when {@code reverse}; with scores, pairs nest in RESP3 (or always, {@code nested}).
   */
  private void emit(
      final Reply r, final long record, final long from, final long to, final boolean reverse,
      final boolean withScores, final boolean nested) {
    final long n = to < from || record == 0 ? 0 : to - from + 1;
    final boolean pairs = withScores && (nested || r.protocol() == 3);
    r.array(withScores && !pairs ? n * 2 : n);
    if (n == 0) {
      return;
    }
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      if (offsets.length < n) {
        offsets = new int[(int) Math.max(n, offsets.length * 2L)];
      }
      int e = ListpackZset.atRank(record, from);
      for (int i = 0; i < n; i++) {
        offsets[i] = e;
        e = ListpackZset.next(record, e);
      }
      for (int i = 0; i < n; i++) {
        final int at = offsets[reverse ? (int) n - 1 - i : i];
        if (pairs) {
          r.array(2);
        }
        r.bulk(null, Listpack.address(record, at), Listpack.length(record, at));
        if (withScores) {
          r.doubleValue(ListpackZset.score(record, at));
        }
      }
      return;
    }
    final SkipList z = skipList(record);
    SkipList.Node node = z.byRank(reverse ? to + 1 : from + 1);
    for (long i = 0; i < n; i++) {
      if (pairs) {
        r.array(2);
      }
      r.bulk(node.member());
      if (withScores) {
        r.doubleValue(node.score());
      }
      node = reverse ? node.previous() : node.next();
    }
  }

  /** ZRANGESTORE's end: the chosen elements replace the destination (deleted when none). */
  private void store(final CommandContext c, final long record, final long from, final long to,
      final boolean reverse, final boolean byRank) {
    final long n = record == 0 || to < from ? 0 : to - from + 1;
    final SkipList result = new SkipList(null, keyspace.random());
    // Redis adds the range one element at a time to a listpack (a skiplist from the start only when
    // a rank range is known to be too long). What entered the listpack before it converted reads
    // back -0 as 0; later elements keep -0 in the skiplist.
    boolean packed = !byRank || n <= maxEntries();
    for (long i = 0; i < n; i++) {
      final long rank = reverse ? to - i : from + i;
      final byte[] member;
      if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
        final int e = ListpackZset.atRank(record, rank);
        member = Bytes.toArray(null, Listpack.address(record, e), Listpack.length(record, e));
      } else {
        member = skipList(record).byRank(rank + 1).member().clone();
      }
      packed = packed && i < maxEntries() && member.length <= maxValue();
      final double score = scoreAt(record, rank);
      result.insert(member, packed && score == 0 ? 0.0 : score);
    }
    storeResult(c, 1, result, "zrangestore");
    c.reply().integer(n);
  }

  /**
   * Writes a computed sorted set under a key, replacing what was there: as a listpack when small
   * enough (Redis's {@code zsetConvertToListpackIfNeeded}), else the skiplist itself; no key when
   * it is empty. Raises {@code event}, or "del" when an old key went and nothing replaced it.
   */
  private void storeResult(final CommandContext c, final int key, final SkipList result, final String event) {
    final Database db = c.database();
    final Arguments args = c.args();
    final byte[] keyBase = args.array();
    final long keyOffset = args.address(key);
    final int keyLength = args.length(key);
    final long old = keyspace.lookup(c.client().db, keyBase, keyOffset, keyLength);
    if (old != 0) {
      db.delete(old);
    }
    if (result.size() == 0) {
      if (old != 0) {
        c.modified(key, KeyspaceSignals.GENERIC, "del");
      } else {
        c.noEffect();
      }
      return;
    }
    c.modified(key, KeyspaceSignals.ZSET, event);
    long longest = 0;
    for (SkipList.Node node = result.first(); node != null; node = node.next()) {
      longest = Math.max(longest, node.member().length);
    }
    if (result.size() <= maxEntries() && longest <= maxValue()) {
      long record = Listpack.create(db, keyBase, keyOffset, keyLength, Record.TYPE_ZSET, Record.ENCODING_LISTPACK,
          (int) Math.min(1 << 20, result.size() * 24 + 16));
      for (SkipList.Node node = result.first(); node != null; node = node.next()) {
        record = listpack.insert(db, record, node.member(), Bytes.ARRAY_BASE, node.member().length, node.score());
      }
      return;
    }
    final long record = db.insert(keyBase, keyOffset, keyLength, Record.TYPE_ZSET, 8, 8);
    Record.encoding(record, Record.ENCODING_SKIPLIST);
    final HeapValues heap = keyspace.heapValues();
    Record.handle(record, heap.add(result));
    result.accountTo(heap);
  }

  private void deleteIfEmpty(final Database db, final long record) {
    if (length(record) == 0) {
      db.delete(record);
    }
  }

  /**
   * The sorted set named by argument {@code index}: its record, 0 when the key is missing, or -1
   * after replying WRONGTYPE.
   */
  private static long zsetOrReply(final CommandContext c, final int index) {
    final long record = c.lookup(index);
    if (record != 0 && Record.type(record) != Record.TYPE_ZSET) {
      c.wrongType();
      return -1;
    }
    return record;
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing

  private long maxEntries() {
    final String text = maxEntries.value();
    if (text != maxEntriesText) {
      maxEntriesValue = Parameter.parseMemory(text);
      maxEntriesText = text;
    }
    return maxEntriesValue;
  }

  private long maxValue() {
    final String text = maxValue.value();
    if (text != maxValueText) {
      maxValueValue = Parameter.parseMemory(text);
      maxValueText = text;
    }
    return maxValueValue;
  }

  /** A score argument under Redis's {@code string2d} rules (ZADD, ZINCRBY). */
  private static boolean parseScore(final Arguments args, final int index, final double[] out) {
    return Scores.parse(args.array(), args.offset(index), args.length(index), true, out);
  }

  /** Redis's {@code zslParseRange}: {@code (} makes a bound exclusive. */
  private boolean parseScoreRange(final Arguments args, final int min, final int max) {
    final byte[] data = args.array();
    minExclusive = args.length(min) > 0 && data[args.offset(min)] == '(';
    final int minSkip = minExclusive ? 1 : 0;
    if (!Scores.parse(data, args.offset(min) + minSkip, args.length(min) - minSkip, false, scores)) {
      return false;
    }
    minScore = scores[0];
    maxExclusive = args.length(max) > 0 && data[args.offset(max)] == '(';
    final int maxSkip = maxExclusive ? 1 : 0;
    if (!Scores.parse(data, args.offset(max) + maxSkip, args.length(max) - maxSkip, false, scores)) {
      return false;
    }
    maxScore = scores[0];
    return true;
  }

  /** Redis's {@code zslParseLexRange}: {@code -}, {@code +}, or {@code (}/{@code [} and bytes. */
  private boolean parseLexRange(final Arguments args, final int min, final int max) {
    if (!validLexItem(args, min) || !validLexItem(args, max)) {
      return false;
    }
    minLex = min;
    maxLex = max;
    minExclusive = args.array()[args.offset(min)] == '(';
    maxExclusive = args.array()[args.offset(max)] == '(';
    return true;
  }

  private static boolean validLexItem(final Arguments args, final int index) {
    final int length = args.length(index);
    if (length == 0) {
      return false;
    }
    final byte first = args.array()[args.offset(index)];
    if (first == '+' || first == '-') {
      return length == 1;
    }
    return first == '(' || first == '[';
  }

  /** A SCAN cursor: an unsigned 64-bit decimal, as Redis's {@code parseScanCursorOrReply}. */
  private boolean parseCursor(final Arguments args, final int index) {
    final String text = args.string(index);
    try {
      number[0] = Long.parseUnsignedLong(text);
      return !text.isEmpty() && Character.isDigit(text.charAt(0));
    } catch (final NumberFormatException e) {
      return false;
    }
  }
}
