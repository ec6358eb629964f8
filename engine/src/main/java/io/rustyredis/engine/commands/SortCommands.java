package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.MOVABLEKEYS;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Listpack;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.signals.KeyspaceSignals;
import io.rustyredis.engine.types.HashTable;
import io.rustyredis.engine.types.ListDeque;
import io.rustyredis.engine.types.ListpackZset;
import io.rustyredis.engine.types.SkipList;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * SORT and SORT_RO, Redis's {@code sort.c}: the elements of a list, set or sorted set sorted
 * numerically (as {@code strtod} reads them) or with ALPHA bytewise, optionally by the values of
 * other keys ({@code BY pattern}, where the first {@code *} takes the element and {@code ->field}
 * reads a hash field), then cut by LIMIT, mapped through GET patterns and replied or stored as a
 * list.
 *
 * <p>SORT is a slow command by nature (it copies every element), so it simply copies the elements
 * into a vector of byte arrays, as Redis does with its {@code redisSortObject} vector, and leaves
 * the source untouched until the result is complete: {@code SORT k STORE k} is safe. ALPHA compares
 * bytes as {@code strcoll} does in the C locale Redis runs in by default. Ties in numeric sorting
 * fall back to comparing the elements, as in Redis; ties between BY values in ALPHA mode keep the
 * source order, where Redis leaves them to qsort.
 *
 * <p>Like Redis 7.0, SORT and SORT_RO convert a listpack sorted set they read to a skiplist
 * ({@code zsetConvert} in {@code sortCommandGeneric}), so OBJECT ENCODING changes after a SORT
 * just as it does in Redis.
 */
public final class SortCommands {
  private static final String NOT_A_DOUBLE = "ERR One or more scores can't be converted into double";
  private static final byte[] EMPTY = new byte[0];

  private final Keyspace keyspace;
  private final HeapValues heap;
  private final ListCommands lists;
  private final long[] number = new long[1];
  private final double[] score = new double[1];

  public SortCommands(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.heap = keyspace.heapValues();
    this.lists = new ListCommands(keyspace, config);
  }

  public void declare(final CommandTable table) {
    final String complexity = "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the"
        + " number of returned elements. When the elements are not sorted, complexity is O(N).";
    table.add(command("sort", -2).flags(WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1)
        .acl("@write @set @sortedset @list @slow @dangerous")
        .doc("Sort the elements in a list, set or sorted set", "1.0.0", "generic", complexity)
        .handler(this::sort));
    table.add(command("sort_ro", -2).flags(READONLY, MOVABLEKEYS).keys(1, 1, 1)
        .acl("@read @set @sortedset @list @slow @dangerous")
        .doc("Sort the elements in a list, set or sorted set. Read-only variant of SORT.", "7.0.0", "generic",
            complexity)
        .handler(this::sortRo));
  }

  void sort(final CommandContext c) {
    sortGeneric(c, false);
  }

  void sortRo(final CommandContext c) {
    sortGeneric(c, true);
  }

  /** Redis's {@code sortCommandGeneric}: options first, then the key, then sort and output. */
  private void sortGeneric(final CommandContext c, final boolean readonly) {
    final Arguments args = c.args();
    boolean desc = false;
    boolean alpha = false;
    boolean dontSort = false;
    long limitStart = 0;
    long limitCount = -1;
    int store = -1;
    byte[] by = null;
    final List<byte[]> gets = new ArrayList<>();
    for (int j = 2; j < args.count(); j++) {
      final int left = args.count() - j - 1;
      if (args.is(j, "asc")) {
        desc = false;
      } else if (args.is(j, "desc")) {
        desc = true;
      } else if (args.is(j, "alpha")) {
        alpha = true;
      } else if (args.is(j, "limit") && left >= 2) {
        if (!args.parseLong(j + 1, number)) {
          c.notAnInteger();
          return;
        }
        limitStart = number[0];
        if (!args.parseLong(j + 2, number)) {
          c.notAnInteger();
          return;
        }
        limitCount = number[0];
        j += 2;
      } else if (!readonly && args.is(j, "store") && left >= 1) {
        store = ++j;
      } else if (args.is(j, "by") && left >= 1) {
        by = args.bytes(++j);
        // A pattern without '*' names no key per element: Redis skips sorting, and keeps skipping
        // even if a later BY has a star.
        if (indexOf(by, (byte) '*', 0) < 0) {
          dontSort = true;
        }
      } else if (args.is(j, "get") && left >= 1) {
        gets.add(args.bytes(++j));
      } else {
        c.syntaxError();
        return;
      }
    }
    if (store < 0) {
      // Without STORE, SORT writes nothing: Redis does not propagate it.
      c.noEffect();
    }
    long record = c.lookup(1);
    final byte type = record == 0 ? Record.TYPE_LIST : Record.type(record);
    if (type != Record.TYPE_LIST && type != Record.TYPE_SET && type != Record.TYPE_ZSET) {
      c.wrongType();
      return;
    }
    if (type == Record.TYPE_ZSET && Record.encoding(record) == Record.ENCODING_LISTPACK) {
      record = toSkipList(c.database(), record);
    }
    if (dontSort && type == Record.TYPE_SET && store >= 0) {
      // A set has no order of its own: what is stored must not depend on its hash table.
      dontSort = false;
      alpha = true;
      by = null;
    }
    final byte[][] elements = record == 0 ? new byte[0][] : elements(record);
    final int n = elements.length;
    long start = limitStart < 0 ? 0 : limitStart;
    long end = limitCount < 0 ? n - 1 : start + Math.min(limitCount, n) - 1;
    if (start >= n) {
      start = n - 1;
      end = n - 2;
    }
    if (end >= n) {
      end = n - 1;
    }
    if (dontSort && desc && type != Record.TYPE_SET) {
      Collections.reverse(Arrays.asList(elements));
    }
    final int db = c.client().db;
    if (!dontSort) {
      final double[] scores = new double[n];
      final byte[][] compared = new byte[n][];
      for (int i = 0; i < n; i++) {
        final byte[] value = by == null ? elements[i] : lookup(db, by, elements[i]);
        if (value == null) {
          continue;
        }
        if (alpha) {
          compared[i] = by == null ? null : value;
        } else if (!parseScore(value)) {
          c.reply().error(NOT_A_DOUBLE);
          return;
        } else {
          scores[i] = score[0];
        }
      }
      sortVector(elements, scores, compared, alpha, by != null, desc);
    }
    final int count = (int) (end - start + 1);
    final long outputLength = gets.isEmpty() ? count : (long) gets.size() * count;
    if (store < 0) {
      final Reply r = c.reply();
      r.array(outputLength);
      for (int i = (int) start; i <= end; i++) {
        if (gets.isEmpty()) {
          r.bulk(elements[i]);
        }
        for (final byte[] get : gets) {
          final byte[] value = lookup(db, get, elements[i]);
          if (value == null) {
            r.nullBulk();
          } else {
            r.bulk(value);
          }
        }
      }
      return;
    }
    final List<byte[]> result = new ArrayList<>();
    for (int i = (int) start; i <= end; i++) {
      if (gets.isEmpty()) {
        result.add(elements[i]);
      }
      for (final byte[] get : gets) {
        final byte[] value = lookup(db, get, elements[i]);
        result.add(value == null ? EMPTY : value);
      }
    }
    storeList(c, store, result);
    c.reply().integer(outputLength);
  }

  /** Replaces the destination with a list of the result, or deletes it when the result is empty. */
  private void storeList(final CommandContext c, final int key, final List<byte[]> result) {
    final Arguments args = c.args();
    final Database db = c.database();
    final long old = c.lookup(key);
    if (old != 0) {
      db.delete(old);
    }
    if (result.isEmpty()) {
      if (old != 0) {
        c.modified(key, KeyspaceSignals.GENERIC, "del");
      } else {
        c.noEffect();
      }
      return;
    }
    long bytes = 0;
    for (final byte[] element : result) {
      bytes += element.length + Listpack.ENTRY_OVERHEAD;
    }
    long list = lists.create(db, args.array(), args.address(key), args.length(key), bytes);
    for (final byte[] element : result) {
      list = lists.push(db, list, false, element, Bytes.ARRAY_BASE, element.length);
    }
    c.modified(key, KeyspaceSignals.LIST, "sortstore");
    // Redis counts each element stored as a change.
    c.signals().dirty(result.size() - 1);
  }

  /** The listpack sorted set at {@code record} rebuilt as a skiplist, as SortedSetCommands converts. */
  private long toSkipList(final Database db, final long record) {
    final SkipList z = new SkipList(null, keyspace.random());
    final int end = Listpack.end(record);
    for (int e = Listpack.first(); e < end; e = ListpackZset.next(record, e)) {
      z.insert(Bytes.toArray(null, Listpack.address(record, e), Listpack.length(record, e)),
          ListpackZset.score(record, e));
    }
    final long moved = db.reserve(record, 8, 0);
    Record.encoding(moved, Record.ENCODING_SKIPLIST);
    Record.handle(moved, heap.add(z));
    z.accountTo(heap);
    return moved;
  }

  /** Redis's {@code sortCompare} over the vector, applied by reordering {@code elements}. */
  private static void sortVector(
      final byte[][] elements, final double[] scores, final byte[][] compared, final boolean alpha,
      final boolean byPattern, final boolean desc) {
    final Integer[] order = new Integer[elements.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int cmp;
      if (!alpha) {
        cmp = scores[a] > scores[b] ? 1 : scores[a] < scores[b] ? -1 : compareBytes(elements[a], elements[b]);
      } else if (byPattern) {
        if (compared[a] == null || compared[b] == null) {
          cmp = compared[a] == compared[b] ? 0 : compared[a] == null ? -1 : 1;
        } else {
          cmp = compareBytes(compared[a], compared[b]);
        }
      } else {
        cmp = compareBytes(elements[a], elements[b]);
      }
      return desc ? -cmp : cmp;
    });
    final byte[][] sorted = new byte[elements.length][];
    for (int i = 0; i < order.length; i++) {
      sorted[i] = elements[order[i]];
    }
    System.arraycopy(sorted, 0, elements, 0, sorted.length);
  }

  private static int compareBytes(final byte[] a, final byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /**
   * C's {@code strtod} as SORT checks it: leading whitespace skipped, an empty text reads as 0, and
   * anything left over, NaN or out of range is an error. glibc's ERANGE also covers a result that
   * lands among the subnormals inexactly ("4.9e-324"), while an exact one ("0x1p-1074") passes.
   */
  private boolean parseScore(final byte[] value) {
    int i = 0;
    while (i < value.length && isSpace(value[i])) {
      i++;
    }
    if (i == value.length) {
      score[0] = 0;
      return true;
    }
    if (!Scores.parse(value, i, value.length - i, true, score)) {
      return false;
    }
    final double parsed = score[0];
    return parsed == 0 || Double.isInfinite(parsed) || Math.abs(parsed) >= Double.MIN_NORMAL
        || exactly(new String(value, i, value.length - i, StandardCharsets.US_ASCII), parsed);
  }

  /** Whether a literal strtod accepted denotes {@code parsed} exactly; hex literals are taken as exact. */
  private static boolean exactly(final String literal, final double parsed) {
    if (literal.indexOf('x') >= 0 || literal.indexOf('X') >= 0) {
      return true;
    }
    return new BigDecimal(literal).compareTo(new BigDecimal(parsed)) == 0;
  }

  private static boolean isSpace(final byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }

  /** Copies of the elements of a list, set or sorted set: lists and sorted sets in their order. */
  private byte[][] elements(final long record) {
    switch (Record.type(record)) {
      case Record.TYPE_LIST:
        if (Record.encoding(record) == Record.ENCODING_QUICKLIST_PACKED) {
          return packed(record);
        }
        final ListDeque deque = (ListDeque) heap.get(Record.handle(record));
        final byte[][] items = new byte[deque.size()][];
        for (int i = 0; i < items.length; i++) {
          items[i] = deque.get(i).clone();
        }
        return items;
      case Record.TYPE_SET:
        final byte[][] members = new byte[SetCommands.cardinality(heap, record)][];
        for (int i = 0; i < members.length; i++) {
          members[i] = SetCommands.memberAt(heap, record, i);
        }
        return members;
      default:
        final SkipList skipList = (SkipList) heap.get(Record.handle(record));
        final byte[][] ranked = new byte[(int) skipList.size()][];
        int i = 0;
        for (SkipList.Node node = skipList.first(); node != null; node = node.next()) {
          ranked[i++] = node.member().clone();
        }
        return ranked;
    }
  }

  /** The entries of a compact list. */
  private static byte[][] packed(final long record) {
    final byte[][] items = new byte[Listpack.count(record)][];
    final int end = Listpack.end(record);
    int i = 0;
    for (int e = Listpack.first(); e < end; e = Listpack.next(record, e)) {
      items[i++] = Bytes.toArray(null, Listpack.address(record, e), Listpack.length(record, e));
    }
    return items;
  }

  /**
   * Redis's {@code lookupKeyByPattern}: "#" is the element itself; otherwise the first '*' takes
   * the element, a "->field" after it reads that hash field, and the key must be a string (or a
   * hash with "->"). Null when there is no star, no such key, field, or the wrong type.
   */
  private byte[] lookup(final int db, final byte[] pattern, final byte[] element) {
    if (pattern.length == 1 && pattern[0] == '#') {
      return element;
    }
    final int star = indexOf(pattern, (byte) '*', 0);
    if (star < 0) {
      return null;
    }
    int arrow = star + 1;
    while ((arrow = indexOf(pattern, (byte) '-', arrow)) >= 0
        && (arrow + 1 >= pattern.length || pattern[arrow + 1] != '>')) {
      arrow++;
    }
    final boolean field = arrow >= 0 && arrow + 2 < pattern.length;
    final int keyEnd = field ? arrow : pattern.length;
    final byte[] key = new byte[star + element.length + keyEnd - star - 1];
    System.arraycopy(pattern, 0, key, 0, star);
    System.arraycopy(element, 0, key, star, element.length);
    System.arraycopy(pattern, star + 1, key, star + element.length, keyEnd - star - 1);
    final long record = keyspace.lookup(db, key, Bytes.ARRAY_BASE, key.length);
    if (record == 0) {
      return null;
    }
    Record.accessTime(record, keyspace.now());
    if (!field) {
      return Record.type(record) == Record.TYPE_STRING
          ? Bytes.toArray(null, Record.valueAddress(record), Record.valueLength(record))
          : null;
    }
    if (Record.type(record) != Record.TYPE_HASH) {
      return null;
    }
    final long nameOffset = Bytes.ARRAY_BASE + arrow + 2;
    final int nameLength = pattern.length - arrow - 2;
    if (Record.encoding(record) == Record.ENCODING_LISTPACK) {
      final int at = Listpack.find(record, Listpack.first(), 2, pattern, nameOffset, nameLength);
      if (at < 0) {
        return null;
      }
      final int value = Listpack.next(record, at);
      return Bytes.toArray(null, Listpack.address(record, value), Listpack.length(record, value));
    }
    final HashTable.Entry entry = ((HashTable) heap.get(Record.handle(record))).find(pattern, nameOffset, nameLength);
    return entry == null ? null : entry.value();
  }

  private static int indexOf(final byte[] bytes, final byte b, final int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
