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
import io.rustyredis.engine.Effects;
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
import io.rustyredis.engine.types.ListDeque;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The list commands of Redis's {@code t_list.c}, except the blocking ones, which are built on the
 * public {@link #create}, {@link #push}, {@link #pop}, {@link #move} and {@link #length} here.
 *
 * <p><b>Two encodings.</b> A list starts as a {@link Listpack} in its record's own bytes ({@link
 * Record#ENCODING_QUICKLIST_PACKED}) and becomes a {@link ListDeque} on the heap ({@link
 * Record#ENCODING_QUICKLIST}) once a write would take it past {@code list-max-listpack-size}: for a
 * negative size -n, past 128 entries or 4 KB &lt;&lt; (n-1) of entry bytes (-2, the default, is 8
 * KB; -5 and below is 64 KB, as Redis caps it); for a positive size n, past n entries or 8 KB
 * (Redis's safety limit). Entry bytes are the listpack's bytes after its header: contents plus the
 * 4-byte length of each. The 128-entry cap is ours: Redis 7.0 has none per node, but our listpack
 * is walked linearly (RPOP and LINDEX walk from the front), so a cap bounds those walks; the
 * encoding name is "quicklist" either way, as in Redis 7.0, so clients cannot tell. Lists never
 * convert back.
 *
 * <p><b>Hot paths.</b> LPUSH, RPUSH, LPOP and RPOP on a compact list allocate nothing (popping from
 * the right collects entry offsets into a reused array), and LRANGE writes bulk replies straight
 * from the off-heap bytes. On the heap path each pushed element is one {@code byte[]}.
 *
 * <p>Errors come in Redis's order: LRANGE, LTRIM, LREM, LINSERT, LPOS, LPOP's count and LMPOP parse
 * their arguments before looking at the key; LINDEX and LSET look at the key first.
 */
public final class ListCommands {
  /** Redis's {@code SIZE_SAFETY_LIMIT}: the byte cap of a node when the size is a count. */
  private static final long SAFETY_BYTES = 8192;
  /** Our cap on the entries of a compact list when the size is in bytes. */
  private static final int COMPACT_ENTRIES = 128;
  /** The scratch element of {@link #move} is dropped after holding something bigger than this. */
  private static final int RETAINED_SCRATCH = 1 << 16;
  /** Value bytes beyond which a record converted to the heap is reallocated smaller. */
  private static final long SHRINK_ABOVE = 256;
  private static final String OUT_OF_RANGE = "ERR value is out of range, must be positive";
  private static final String RANK_ZERO = "ERR RANK can't be zero: use 1 to start from the first match, 2 from"
      + " the second ... or use negative to start from the end of the list";

  private final Keyspace keyspace;
  private final HeapValues heap;
  private final Parameter listMaxListpackSize;
  private final long[] number = new long[1];
  private final double[] timeoutScratch = new double[1];
  /** The deadline argument of {@link #mpop} for LMPOP, which never blocks. */
  private static final long NOT_BLOCKING = -1;
  private static final byte[] LPOP = "LPOP".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RPOP = "RPOP".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LMOVE = "LMOVE".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RPOPLPUSH = "RPOPLPUSH".getBytes(StandardCharsets.US_ASCII);
  private String sizeText;
  private long maxEntries;
  private long maxBytes;
  /** Entry offsets of a compact list, for walking it backwards. */
  private int[] offsets = new int[COMPACT_ENTRIES];
  /** LPOS matches, collected before the reply's length is known. */
  private long[] positions = new long[16];
  /** An element in flight between two lists (LMOVE). */
  private byte[] scratch = new byte[64];

  public ListCommands(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.heap = keyspace.heapValues();
    this.listMaxListpackSize = config.parameter("list-max-listpack-size");
  }

  public void declare(final CommandTable table) {
    final String pushComplexity = "O(1) for each element added, so O(N) to add N elements when the command is"
        + " called with multiple arguments.";
    table.add(command("lpush", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @list @fast")
        .doc("Prepend one or multiple elements to a list", "1.0.0", "list", pushComplexity).handler(this::lpush));
    table.add(command("rpush", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @list @fast")
        .doc("Append one or multiple elements to a list", "1.0.0", "list", pushComplexity).handler(this::rpush));
    table.add(command("lpushx", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @list @fast")
        .doc("Prepend an element to a list, only if the list exists", "2.2.0", "list", pushComplexity)
        .handler(this::lpushx));
    table.add(command("rpushx", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl("@write @list @fast")
        .doc("Append an element to a list, only if the list exists", "2.2.0", "list", pushComplexity)
        .handler(this::rpushx));
    table.add(command("lpop", -2).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @list @fast")
        .doc("Remove and get the first elements in a list", "1.0.0", "list",
            "O(N) where N is the number of elements returned").handler(this::lpop));
    table.add(command("rpop", -2).flags(WRITE, FAST).keys(1, 1, 1).acl("@write @list @fast")
        .doc("Remove and get the last elements in a list", "1.0.0", "list",
            "O(N) where N is the number of elements returned").handler(this::rpop));
    table.add(command("llen", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @list @fast")
        .doc("Get the length of a list", "1.0.0", "list", "O(1)").handler(this::llen));
    table.add(command("lrange", 4).flags(READONLY).keys(1, 1, 1).acl("@read @list @slow")
        .doc("Get a range of elements from a list", "1.0.0", "list",
            "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or"
                + " TAIL) for large lists; and N is the number of elements in the specified range.")
        .handler(this::lrange));
    table.add(command("lindex", 3).flags(READONLY).keys(1, 1, 1).acl("@read @list @slow")
        .doc("Get an element from a list by its index", "1.0.0", "list",
            "O(N) where N is the number of elements to traverse to get to the element at index. This makes"
                + " asking for the first or the last element of the list O(1).").handler(this::lindex));
    table.add(command("lset", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @list @slow")
        .doc("Set the value of an element in a list by its index", "1.0.0", "list",
            "O(N) where N is the length of the list. Setting either the first or the last element of the list"
                + " is O(1).").handler(this::lset));
    table.add(command("linsert", 5).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @list @slow")
        .doc("Insert an element before or after another element in a list", "2.2.0", "list",
            "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that"
                + " inserting somewhere on the left end on the list (head) can be considered O(1) and inserting"
                + " somewhere on the right end (tail) is O(N).").handler(this::linsert));
    table.add(command("lrem", 4).flags(WRITE).keys(1, 1, 1).acl("@write @list @slow")
        .doc("Remove elements from a list", "1.0.0", "list",
            "O(N+M) where N is the length of the list and M is the number of elements removed.")
        .handler(this::lrem));
    table.add(command("ltrim", 4).flags(WRITE).keys(1, 1, 1).acl("@write @list @slow")
        .doc("Trim a list to the specified range", "1.0.0", "list",
            "O(N) where N is the number of elements to be removed by the operation.").handler(this::ltrim));
    table.add(command("lpos", -3).flags(READONLY).keys(1, 1, 1).acl("@read @list @slow")
        .doc("Return the index of matching elements on a list", "6.0.6", "list",
            "O(N) where N is the number of elements in the list, for the average case. When searching for"
                + " elements near the head or the tail of the list, or when the MAXLEN option is provided, the"
                + " command may run in constant time.").handler(this::lpos));
    table.add(command("lmove", 5).flags(WRITE, DENYOOM).keys(1, 2, 1).acl("@write @list @slow")
        .doc("Pop an element from a list, push it to another list and return it", "6.2.0", "list", "O(1)")
        .handler(this::lmove));
    table.add(command("rpoplpush", 3).flags(WRITE, DENYOOM).keys(1, 2, 1).acl("@write @list @slow")
        .doc("Remove the last element in a list, prepend it to another list and return it", "1.2.0", "list",
            "O(1)").handler(this::rpoplpush));
    table.add(command("lmpop", -4).flags(WRITE, MOVABLEKEYS).keys(0, 0, 0).acl("@write @list @slow")
        .doc("Pop elements from a list", "7.0.0", "list",
            "O(N+M) where N is the number of provided keys and M is the number of elements returned.")
        .handler(this::lmpop));
    table.add(command("blpop", -3).flags(WRITE, NOSCRIPT, BLOCKING).keys(1, -2, 1).acl("@write @list @slow @blocking")
        .doc("Remove and get the first element in a list, or block until one is available", "2.0.0", "list",
            "O(N) where N is the number of provided keys.").handler(this::blpop));
    table.add(command("brpop", -3).flags(WRITE, NOSCRIPT, BLOCKING).keys(1, -2, 1).acl("@write @list @slow @blocking")
        .doc("Remove and get the last element in a list, or block until one is available", "2.0.0", "list",
            "O(N) where N is the number of provided keys.").handler(this::brpop));
    table.add(command("blmove", 6).flags(WRITE, DENYOOM, NOSCRIPT, BLOCKING).keys(1, 2, 1)
        .acl("@write @list @slow @blocking")
        .doc("Pop an element from a list, push it to another list and return it; or block until one is available",
            "6.2.0", "list", "O(1)").handler(this::blmove));
    table.add(command("brpoplpush", 4).flags(WRITE, DENYOOM, NOSCRIPT, BLOCKING).keys(1, 2, 1)
        .acl("@write @list @slow @blocking")
        .doc("Pop an element from a list, push it to another list and return it; or block until one is available",
            "2.2.0", "list", "O(1)").handler(this::brpoplpush));
    table.add(command("blmpop", -5).flags(WRITE, BLOCKING, MOVABLEKEYS).keys(0, 0, 0).acl("@write @list @slow @blocking")
        .doc("Pop elements from a list, or block until one is available", "7.0.0", "list",
            "O(N+M) where N is the number of provided keys and M is the number of elements returned.")
        .handler(this::blmpop));
  }

  // ---------------------------------------------------------------------------------------------
  // The operations blocking commands share.

  /** Number of elements in the list at {@code record}. */
  public long length(final long record) {
    return compact(record) ? Listpack.count(record) : deque(record).size();
  }

  /**
   * A new, empty list key, compact, with room for about {@code bytesHint} bytes of entries (each
   * element costs its length plus {@link Listpack#ENTRY_OVERHEAD}). The caller pushes at once: an
   * empty list must not stay in the keyspace.
   */
  public long create(final Database db, final Object keyBase, final long keyOffset, final int keyLength, final long bytesHint) {
    thresholds();
    final int capacity = (int) Math.max(Long.BYTES, Math.min(bytesHint, maxBytes));
    return Listpack.create(db, keyBase, keyOffset, keyLength, Record.TYPE_LIST, Record.ENCODING_QUICKLIST_PACKED, capacity);
  }

  /**
   * Pushes one element onto the left or right end of the list at {@code record}, converting it to
   * the heap form first if the compact one would outgrow its limits. Returns the record, which may
   * have moved.
   */
  public long push(
      final Database db, final long record, final boolean left, final Object base, final long offset, final int length) {
    return push(db, record, left, base, offset, length, null);
  }

  /**
   * Writes {@code count} elements (1 ≤ count ≤ {@link #length}) popped from one end as bulk
   * strings, without an array header, and deletes the key if the list is left empty (then
   * answers true).
   */
  public boolean pop(final Database db, final long record, final boolean left, final long count, final Reply reply) {
    if (compact(record)) {
      if (left) {
        int entry = Listpack.first();
        for (long i = 0; i < count; i++) {
          reply.bulk(null, Listpack.address(record, entry), Listpack.length(record, entry));
          entry = Listpack.next(record, entry);
        }
        for (long i = 0; i < count; i++) {
          Listpack.delete(record, Listpack.first());
        }
      } else {
        final int n = collectOffsets(record);
        for (int i = n - 1; i >= n - count; i--) {
          reply.bulk(null, Listpack.address(record, offsets[i]), Listpack.length(record, offsets[i]));
          Listpack.delete(record, offsets[i]);
        }
      }
      if (Listpack.count(record) == 0) {
        db.delete(record);
        return true;
      }
      return false;
    }
    final ListDeque deque = deque(record);
    final long before = deque.memoryUsage();
    for (long i = 0; i < count; i++) {
      reply.bulk(left ? deque.removeFirst() : deque.removeLast());
    }
    heap.resized(deque.memoryUsage() - before);
    if (deque.size() == 0) {
      db.delete(record);
      return true;
    }
    return false;
  }

  /**
   * LMOVE once both keys are known to be lists or missing: pops from one end of the non-empty list
   * at {@code source}, pushes onto one end of {@code destination} (a list record, or 0 to create
   * the key named by {@code keyBase}/{@code keyOffset}/{@code keyLength}), replies the element as
   * a bulk string and deletes the source if it emptied (then answers true). Source and destination
   * may be the same.
   */
  public boolean move(
      final Database db, final long source, final long destination,
      final Object keyBase, final long keyOffset, final int keyLength,
      final boolean fromLeft, final boolean toLeft, final Reply reply) {
    byte[] owned = null;
    final int length;
    if (compact(source)) {
      final int entry = fromLeft ? Listpack.first() : Listpack.offsetOf(source, Listpack.count(source) - 1);
      length = Listpack.length(source, entry);
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, scratch.length * 2)];
      }
      Bytes.copy(null, Listpack.address(source, entry), scratch, Bytes.ARRAY_BASE, length);
      Listpack.delete(source, entry);
    } else {
      final ListDeque deque = deque(source);
      final long before = deque.memoryUsage();
      owned = fromLeft ? deque.removeFirst() : deque.removeLast();
      heap.resized(deque.memoryUsage() - before);
      length = owned.length;
    }
    final byte[] element = owned != null ? owned : scratch;
    reply.bulk(element, Bytes.ARRAY_BASE, length);
    final long target = destination != 0
        ? destination
        : create(db, keyBase, keyOffset, keyLength, (long) length + Listpack.ENTRY_OVERHEAD);
    push(db, target, toLeft, element, Bytes.ARRAY_BASE, length, owned);
    final boolean emptied = destination != source && length(source) == 0;
    if (emptied) {
      db.delete(source);
    }
    if (scratch.length > RETAINED_SCRATCH) {
      scratch = new byte[64];
    }
    return emptied;
  }

  // ---------------------------------------------------------------------------------------------
  // Commands.

  private void lpush(final CommandContext c) {
    pushCommand(c, true, false);
  }

  private void rpush(final CommandContext c) {
    pushCommand(c, false, false);
  }

  private void lpushx(final CommandContext c) {
    pushCommand(c, true, true);
  }

  private void rpushx(final CommandContext c) {
    pushCommand(c, false, true);
  }

  private void pushCommand(final CommandContext c, final boolean left, final boolean onlyIfExists) {
    final Arguments args = c.args();
    long record = c.lookup(1);
    if (record != 0 && Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    final Database db = c.database();
    if (record == 0) {
      if (onlyIfExists) {
        c.noEffect();
        c.reply().integer(0);
        return;
      }
      long bytes = 0;
      for (int i = 2; i < args.count(); i++) {
        bytes += Listpack.ENTRY_OVERHEAD + args.length(i);
      }
      // A list that will convert within this command gets no room it would leave unused.
      thresholds();
      final boolean staysCompact = args.count() - 2 <= maxEntries && bytes <= maxBytes;
      record = create(db, args.array(), args.address(1), args.length(1), staysCompact ? bytes : 0);
    }
    for (int i = 2; i < args.count(); i++) {
      record = push(db, record, left, args.array(), args.address(i), args.length(i), null);
    }
    c.modified(1, KeyspaceSignals.LIST, left ? "lpush" : "rpush");
    // Redis counts each element pushed as a change.
    c.signals().dirty(args.count() - 3);
    c.reply().integer(length(record));
  }

  private void lpop(final CommandContext c) {
    popCommand(c, true);
  }

  private void rpop(final CommandContext c) {
    popCommand(c, false);
  }

  private void popCommand(final CommandContext c, final boolean left) {
    final Arguments args = c.args();
    if (args.count() > 3) {
      c.wrongArity();
      return;
    }
    final boolean withCount = args.count() == 3;
    if (withCount && (!args.parseLong(2, number) || number[0] < 0)) {
      c.reply().error(OUT_OF_RANGE);
      return;
    }
    final long count = withCount ? number[0] : 1;
    final long record = c.lookup(1);
    if (record == 0) {
      c.noEffect();
      if (withCount) {
        c.reply().nullArray();
      } else {
        c.reply().nullBulk();
      }
      return;
    }
    if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    if (!withCount) {
      popped(c, 1, left, 1, pop(c.database(), record, left, 1, c.reply()));
      return;
    }
    final long n = Math.min(count, length(record));
    c.reply().array(n);
    if (n > 0) {
      popped(c, 1, left, n, pop(c.database(), record, left, n, c.reply()));
    } else {
      c.noEffect();
    }
  }

  /** Signals {@code n} elements popped from key argument {@code key}, and its removal if emptied. */
  private static void popped(final CommandContext c, final int key, final boolean left, final long n, final boolean deleted) {
    c.modified(key, KeyspaceSignals.LIST, left ? "lpop" : "rpop");
    c.signals().dirty(n - 1);
    if (deleted) {
      c.notify(KeyspaceSignals.GENERIC, "del", key);
    }
  }

  /**
   * What Redis propagates for LMPOP and the served blocking pops: the plain pop of key argument
   * {@code key}, with the number taken when {@code count} is positive.
   */
  private static void popEffect(final CommandContext c, final int key, final boolean left, final long count) {
    final Arguments args = c.args();
    c.effect(count > 0 ? 3 : 2).arg(left ? LPOP : RPOP).arg(args.array(), args.address(key), args.length(key));
    if (count > 0) {
      c.effects().arg(count);
    }
  }

  private void llen(final CommandContext c) {
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().integer(0);
    } else if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
    } else {
      c.reply().integer(length(record));
    }
  }

  private void lrange(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    long start = number[0];
    if (!args.parseLong(3, number)) {
      c.notAnInteger();
      return;
    }
    long end = number[0];
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().array(0);
      return;
    }
    if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    final long length = length(record);
    start = start < 0 ? Math.max(0, length + start) : start;
    end = end < 0 ? length + end : Math.min(end, length - 1);
    final Reply reply = c.reply();
    if (start > end || start >= length) {
      reply.array(0);
      return;
    }
    final int count = (int) (end - start + 1);
    reply.array(count);
    if (compact(record)) {
      int entry = Listpack.offsetOf(record, (int) start);
      for (int i = 0; i < count; i++) {
        reply.bulk(null, Listpack.address(record, entry), Listpack.length(record, entry));
        entry = Listpack.next(record, entry);
      }
    } else {
      final ListDeque deque = deque(record);
      for (int i = 0; i < count; i++) {
        reply.bulk(deque.get((int) start + i));
      }
    }
  }

  private void lindex(final CommandContext c) {
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().nullBulk();
      return;
    }
    if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    if (!c.args().parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    final long length = length(record);
    final long index = number[0] < 0 ? length + number[0] : number[0];
    if (index < 0 || index >= length) {
      c.reply().nullBulk();
    } else if (compact(record)) {
      final int entry = Listpack.offsetOf(record, (int) index);
      c.reply().bulk(null, Listpack.address(record, entry), Listpack.length(record, entry));
    } else {
      c.reply().bulk(deque(record).get((int) index));
    }
  }

  private void lset(final CommandContext c) {
    final Arguments args = c.args();
    long record = c.lookup(1);
    if (record == 0) {
      c.reply().error("ERR no such key");
      return;
    }
    if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    final long length = length(record);
    final long index = number[0] < 0 ? length + number[0] : number[0];
    if (index < 0 || index >= length) {
      c.reply().error("ERR index out of range");
      return;
    }
    if (compact(record)) {
      final int entry = Listpack.offsetOf(record, (int) index);
      if (fits(record, 0, (long) args.length(3) - Listpack.length(record, entry))) {
        Listpack.replace(c.database(), record, entry, args.array(), args.address(3), args.length(3));
        c.modified(1, KeyspaceSignals.LIST, "lset");
        c.reply().ok();
        return;
      }
      record = convert(c.database(), record);
    }
    final ListDeque deque = deque(record);
    final long before = deque.memoryUsage();
    deque.set((int) index, args.bytes(3));
    heap.resized(deque.memoryUsage() - before);
    c.modified(1, KeyspaceSignals.LIST, "lset");
    c.reply().ok();
  }

  private void linsert(final CommandContext c) {
    final Arguments args = c.args();
    final boolean after;
    if (args.is(2, "after")) {
      after = true;
    } else if (args.is(2, "before")) {
      after = false;
    } else {
      c.syntaxError();
      return;
    }
    long record = c.lookup(1);
    if (record == 0) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    final Database db = c.database();
    final Object base = args.array();
    if (compact(record)) {
      final int pivot = Listpack.find(record, Listpack.first(), 1, base, args.address(3), args.length(3));
      if (pivot < 0) {
        c.noEffect();
        c.reply().integer(-1);
        return;
      }
      if (fits(record, 1, Listpack.ENTRY_OVERHEAD + (long) args.length(4))) {
        final int at = after ? Listpack.next(record, pivot) : pivot;
        record = Listpack.insert(db, record, at, base, args.address(4), args.length(4));
        c.modified(1, KeyspaceSignals.LIST, "linsert");
        c.reply().integer(Listpack.count(record));
        return;
      }
      record = convert(db, record);
    }
    final ListDeque deque = deque(record);
    final int pivot = indexOf(deque, base, args.address(3), args.length(3));
    if (pivot < 0) {
      c.noEffect();
      c.reply().integer(-1);
      return;
    }
    final long before = deque.memoryUsage();
    deque.insert(after ? pivot + 1 : pivot, args.bytes(4));
    heap.resized(deque.memoryUsage() - before);
    c.modified(1, KeyspaceSignals.LIST, "linsert");
    c.reply().integer(deque.size());
  }

  private void lrem(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    // As in Redis, a count of LONG_MIN stays negative when negated and so never limits the removal.
    final long limit = number[0] < 0 ? -number[0] : number[0];
    final boolean fromTail = number[0] < 0;
    final long record = c.lookup(1);
    if (record == 0) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    final Object base = args.array();
    final long offset = args.address(3);
    final int size = args.length(3);
    long removed = 0;
    if (compact(record)) {
      if (fromTail) {
        for (int i = collectOffsets(record) - 1; i >= 0 && (limit == 0 || removed != limit); i--) {
          if (Listpack.equals(record, offsets[i], base, offset, size)) {
            Listpack.delete(record, offsets[i]);
            removed++;
          }
        }
      } else {
        int entry = Listpack.first();
        while (entry < Listpack.end(record) && (limit == 0 || removed != limit)) {
          if (Listpack.equals(record, entry, base, offset, size)) {
            Listpack.delete(record, entry);
            removed++;
          } else {
            entry = Listpack.next(record, entry);
          }
        }
      }
    } else {
      final ListDeque deque = deque(record);
      final long before = deque.memoryUsage();
      removed = deque.removeEqual(base, offset, size, limit, fromTail);
      heap.resized(deque.memoryUsage() - before);
    }
    if (removed == 0) {
      c.noEffect();
    } else {
      c.modified(1, KeyspaceSignals.LIST, "lrem");
      c.signals().dirty(removed - 1);
      if (length(record) == 0) {
        c.database().delete(record);
        c.notify(KeyspaceSignals.GENERIC, "del", 1);
      }
    }
    c.reply().integer(removed);
  }

  private void ltrim(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    long start = number[0];
    if (!args.parseLong(3, number)) {
      c.notAnInteger();
      return;
    }
    long end = number[0];
    final long record = c.lookup(1);
    if (record == 0) {
      c.noEffect();
      c.reply().ok();
      return;
    }
    if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    final long length = length(record);
    start = start < 0 ? Math.max(0, length + start) : start;
    end = end < 0 ? length + end : Math.min(end, length - 1);
    final long fromLeft;
    final long fromRight;
    if (start > end || start >= length) {
      fromLeft = length;
      fromRight = 0;
    } else {
      fromLeft = start;
      fromRight = length - end - 1;
    }
    if (compact(record)) {
      for (long i = 0; i < fromLeft; i++) {
        Listpack.delete(record, Listpack.first());
      }
      final int n = collectOffsets(record);
      for (int i = n - 1; i >= n - fromRight; i--) {
        Listpack.delete(record, offsets[i]);
      }
    } else {
      final ListDeque deque = deque(record);
      final long before = deque.memoryUsage();
      deque.retain((int) fromLeft, (int) (length - fromRight));
      heap.resized(deque.memoryUsage() - before);
    }
    // Redis raises ltrim even when nothing was trimmed, but counts (and propagates) only removals.
    c.modified(1, KeyspaceSignals.LIST, "ltrim");
    c.signals().dirty(fromLeft + fromRight - 1);
    if (fromLeft + fromRight == 0) {
      c.noEffect();
    }
    if (length(record) == 0) {
      c.database().delete(record);
      c.notify(KeyspaceSignals.GENERIC, "del", 1);
    }
    c.reply().ok();
  }

  private void lpos(final CommandContext c) {
    final Arguments args = c.args();
    long rank = 1;
    long count = -1;
    long maxlen = 0;
    for (int j = 3; j < args.count(); j++) {
      final boolean more = j < args.count() - 1;
      if (more && args.is(j, "rank")) {
        j++;
        if (!args.parseLong(j, number)) {
          c.notAnInteger();
          return;
        }
        if (number[0] == 0) {
          c.reply().error(RANK_ZERO);
          return;
        }
        rank = number[0];
      } else if (more && args.is(j, "count")) {
        j++;
        if (!args.parseLong(j, number) || number[0] < 0) {
          c.reply().error("ERR COUNT can't be negative");
          return;
        }
        count = number[0];
      } else if (more && args.is(j, "maxlen")) {
        j++;
        if (!args.parseLong(j, number) || number[0] < 0) {
          c.reply().error("ERR MAXLEN can't be negative");
          return;
        }
        maxlen = number[0];
      } else {
        c.syntaxError();
        return;
      }
    }
    final long record = c.lookup(1);
    if (record == 0) {
      if (count != -1) {
        c.reply().array(0);
      } else {
        c.reply().nullBulk();
      }
      return;
    }
    if (Record.type(record) != Record.TYPE_LIST) {
      c.wrongType();
      return;
    }
    final boolean fromTail = rank < 0;
    // As in Redis, a rank of LONG_MIN stays negative when negated: every match then qualifies.
    final long wanted = fromTail ? -rank : rank;
    final int length = (int) length(record);
    final boolean compact = compact(record);
    if (compact) {
      collectOffsets(record);
    }
    final ListDeque deque = compact ? null : deque(record);
    final Object base = args.array();
    final long offset = args.address(2);
    final int size = args.length(2);
    int found = 0;
    long matches = 0;
    for (int index = 0; index < length && (maxlen == 0 || index < maxlen); index++) {
      final int position = fromTail ? length - 1 - index : index;
      final boolean equal;
      if (compact) {
        equal = Listpack.equals(record, offsets[position], base, offset, size);
      } else {
        final byte[] element = deque.get(position);
        equal = element.length == size && Bytes.equal(element, Bytes.ARRAY_BASE, base, offset, size);
      }
      if (!equal || ++matches < wanted) {
        continue;
      }
      if (count == -1) {
        c.reply().integer(position);
        return;
      }
      if (found == positions.length) {
        positions = Arrays.copyOf(positions, found * 2);
      }
      positions[found++] = position;
      if (count != 0 && matches - wanted + 1 >= count) {
        break;
      }
    }
    if (count == -1) {
      c.reply().nullBulk();
      return;
    }
    c.reply().array(found);
    for (int i = 0; i < found; i++) {
      c.reply().integer(positions[i]);
    }
  }

  private void lmove(final CommandContext c) {
    final Arguments args = c.args();
    final int from = side(args, 3);
    final int to = side(args, 4);
    if (from < 0 || to < 0) {
      c.syntaxError();
      return;
    }
    moveCommand(c, from == 1, to == 1);
  }

  private void rpoplpush(final CommandContext c) {
    moveCommand(c, false, true);
  }

  /** LMOVE and RPOPLPUSH; answers whether an element moved. */
  private boolean moveCommand(final CommandContext c, final boolean fromLeft, final boolean toLeft) {
    final long source = c.lookup(1);
    if (source == 0) {
      c.noEffect();
      c.reply().nullBulk();
      return false;
    }
    if (Record.type(source) != Record.TYPE_LIST) {
      c.wrongType();
      return false;
    }
    final long destination = c.lookup(2);
    if (destination != 0 && Record.type(destination) != Record.TYPE_LIST) {
      c.wrongType();
      return false;
    }
    final Arguments args = c.args();
    final boolean emptied =
        move(c.database(), source, destination, args.array(), args.address(2), args.length(2), fromLeft, toLeft, c.reply());
    c.modified(2, KeyspaceSignals.LIST, toLeft ? "lpush" : "rpush");
    c.modified(1, KeyspaceSignals.LIST, fromLeft ? "lpop" : "rpop");
    // Two keys told, one change counted, as Redis's server.dirty++.
    c.signals().dirty(-1);
    if (emptied) {
      c.notify(KeyspaceSignals.GENERIC, "del", 1);
    }
    return true;
  }

  private void lmpop(final CommandContext c) {
    mpop(c, 1, NOT_BLOCKING);
  }

  /**
   * LMPOP and BLMPOP from argument {@code first} (numkeys) on: pops from the first non-empty list
   * of the keys given; with none, replies nil or, given a {@code deadline} (0 = forever), blocks.
   */
  private void mpop(final CommandContext c, final int first, final long deadline) {
    final Arguments args = c.args();
    if (!args.parseLong(first, number) || number[0] < 1) {
      c.reply().error("ERR numkeys should be greater than 0");
      return;
    }
    final long numkeys = number[0];
    if (numkeys >= args.count() - first - 1) {
      c.syntaxError();
      return;
    }
    final int whereIndex = first + 1 + (int) numkeys;
    final int side = side(args, whereIndex);
    if (side < 0) {
      c.syntaxError();
      return;
    }
    long count = -1;
    for (int j = whereIndex + 1; j < args.count(); j++) {
      if (count == -1 && args.is(j, "count") && j < args.count() - 1) {
        j++;
        if (!args.parseLong(j, number) || number[0] < 1) {
          c.reply().error("ERR count should be greater than 0");
          return;
        }
        count = number[0];
      } else {
        c.syntaxError();
        return;
      }
    }
    if (count == -1) {
      count = 1;
    }
    for (int k = first + 1; k < whereIndex; k++) {
      final long record = c.lookup(k);
      if (record == 0) {
        continue;
      }
      if (Record.type(record) != Record.TYPE_LIST) {
        c.wrongType();
        return;
      }
      final Reply reply = c.reply();
      final long n = Math.min(count, length(record));
      reply.array(2);
      reply.bulk(args.array(), args.address(k), args.length(k));
      reply.array(n);
      popped(c, k, side == 1, n, pop(c.database(), record, side == 1, n, reply));
      popEffect(c, k, side == 1, n);
      return;
    }
    if (deadline == NOT_BLOCKING) {
      c.noEffect();
      c.reply().nullArray();
    } else {
      c.block(first + 1, whereIndex - 1, Record.TYPE_LIST, deadline);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Blocking commands: as their non-blocking twins when a key has data; otherwise the client waits
  // (CommandContext.block) and the engine runs the command again when a key is created.

  private void blpop(final CommandContext c) {
    blockingPop(c, true);
  }

  private void brpop(final CommandContext c) {
    blockingPop(c, false);
  }

  private void blockingPop(final CommandContext c, final boolean left) {
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
      if (Record.type(record) != Record.TYPE_LIST) {
        c.wrongType();
        return;
      }
      final Reply reply = c.reply();
      reply.array(2);
      reply.bulk(args.array(), args.address(k), args.length(k));
      popped(c, k, left, 1, pop(c.database(), record, left, 1, reply));
      popEffect(c, k, left, 0);
      return;
    }
    c.block(1, lastKey, Record.TYPE_LIST, deadline);
  }

  private void blmove(final CommandContext c) {
    final Arguments args = c.args();
    final int from = side(args, 3);
    final int to = side(args, 4);
    if (from < 0 || to < 0) {
      c.syntaxError();
      return;
    }
    blockingMove(c, from == 1, to == 1, 5);
  }

  private void brpoplpush(final CommandContext c) {
    blockingMove(c, false, true, 3);
  }

  private void blockingMove(final CommandContext c, final boolean fromLeft, final boolean toLeft, final int timeoutIndex) {
    final long deadline = Timeouts.deadline(c, timeoutIndex, timeoutScratch);
    if (deadline == Timeouts.INVALID) {
      return;
    }
    final long source = c.lookup(1);
    if (source == 0) {
      c.block(1, 1, Record.TYPE_LIST, deadline);
      return;
    }
    if (moveCommand(c, fromLeft, toLeft)) {
      // Served: Redis propagates the non-blocking form, without the timeout.
      final Arguments args = c.args();
      final boolean lmove = timeoutIndex == 5;
      final Effects effect = c.effect(lmove ? 5 : 3).arg(lmove ? LMOVE : RPOPLPUSH)
          .arg(args.array(), args.address(1), args.length(1)).arg(args.array(), args.address(2), args.length(2));
      if (lmove) {
        effect.arg(args.array(), args.address(3), args.length(3)).arg(args.array(), args.address(4), args.length(4));
      }
    }
  }

  private void blmpop(final CommandContext c) {
    final long deadline = Timeouts.deadline(c, 1, timeoutScratch);
    if (deadline != Timeouts.INVALID) {
      mpop(c, 2, deadline);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Encodings.

  private static boolean compact(final long record) {
    return Record.encoding(record) == Record.ENCODING_QUICKLIST_PACKED;
  }

  private ListDeque deque(final long record) {
    return (ListDeque) heap.get(Record.handle(record));
  }

  /** 1 for LEFT, 0 for RIGHT, -1 for anything else. */
  private static int side(final Arguments args, final int index) {
    if (args.is(index, "left")) {
      return 1;
    }
    return args.is(index, "right") ? 0 : -1;
  }

  private long push(
      final Database db, final long record, final boolean left,
      final Object base, final long offset, final int length, final byte[] owned) {
    long current = record;
    if (compact(current)) {
      if (fits(current, 1, Listpack.ENTRY_OVERHEAD + (long) length)) {
        return Listpack.insert(db, current, left ? Listpack.first() : Listpack.end(current), base, offset, length);
      }
      current = convert(db, current);
    }
    final ListDeque deque = deque(current);
    final byte[] element = owned != null ? owned : Bytes.toArray(base, offset, length);
    final long before = deque.memoryUsage();
    if (left) {
      deque.addFirst(element);
    } else {
      deque.addLast(element);
    }
    heap.resized(deque.memoryUsage() - before);
    return current;
  }

  /** True when the compact list at {@code record} stays within its limits after the change. */
  private boolean fits(final long record, final int moreEntries, final long moreBytes) {
    thresholds();
    return Listpack.count(record) + moreEntries <= maxEntries
        && Listpack.end(record) - Listpack.first() + moreBytes <= maxBytes;
  }

  /**
   * Moves a compact list to the heap; returns the record, which may have moved. A record whose
   * listpack had grown is replaced by a small one (same key, deadline and access time), so a big
   * list does not keep kilobytes of native memory it no longer uses.
   */
  private long convert(final Database db, final long record) {
    final ListDeque deque = new ListDeque(Listpack.count(record) + 1);
    for (int entry = Listpack.first(); entry < Listpack.end(record); entry = Listpack.next(record, entry)) {
      deque.addLast(Bytes.toArray(null, Listpack.address(record, entry), Listpack.length(record, entry)));
    }
    long target = db.reserve(record, Long.BYTES, 0);
    if (Record.valueCapacity(target) > SHRINK_ABOVE) {
      final byte[] key = Bytes.toArray(null, Record.keyAddress(target), Record.keyLength(target));
      final long expireAt = Record.expireAt(target);
      final long accessTime = Record.accessTime(target);
      db.forget(target);
      target = db.insert(key, Bytes.ARRAY_BASE, key.length, Record.TYPE_LIST, Long.BYTES, Long.BYTES);
      db.expireAt(target, expireAt);
      Record.accessTime(target, accessTime);
    }
    Record.encoding(target, Record.ENCODING_QUICKLIST);
    Record.handle(target, heap.add(deque));
    return target;
  }

  /** Fills {@link #offsets} with the entry offsets of a compact list; returns how many. */
  private int collectOffsets(final long record) {
    final int count = Listpack.count(record);
    if (offsets.length < count) {
      offsets = new int[Math.max(count, offsets.length * 2)];
    }
    int entry = Listpack.first();
    for (int i = 0; i < count; i++) {
      offsets[i] = entry;
      entry = Listpack.next(record, entry);
    }
    return count;
  }

  private static int indexOf(final ListDeque deque, final Object base, final long offset, final int length) {
    for (int i = 0; i < deque.size(); i++) {
      final byte[] element = deque.get(i);
      if (element.length == length && Bytes.equal(element, Bytes.ARRAY_BASE, base, offset, length)) {
        return i;
      }
    }
    return -1;
  }

  /** Reads {@code list-max-listpack-size} again only when CONFIG SET has replaced its text. */
  private void thresholds() {
    final String text = listMaxListpackSize.value();
    if (text == sizeText) {
      return;
    }
    final long size = Long.parseLong(text);
    if (size >= 0) {
      maxEntries = size;
      maxBytes = SAFETY_BYTES;
    } else {
      maxEntries = COMPACT_ENTRIES;
      maxBytes = 4096L << Math.min(4, -(size + 1));
    }
    sizeText = text;
  }
}
