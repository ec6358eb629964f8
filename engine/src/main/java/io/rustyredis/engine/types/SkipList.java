package io.rustyredis.engine.types;

import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.memory.Bytes;
import java.util.SplittableRandom;

/**
 * A big sorted set: Redis's {@code zskiplist} plus its member-to-node dictionary ({@code t_zset.c}).
 *
 * <p><b>The skiplist.</b> Nodes are kept in order of score, then member bytes (unsigned). Each node
 * has a random number of levels (each level with probability 1/4, at most 32); level {@code i} links
 * a node to the next node that also has level {@code i}. Every link also stores its <em>span</em>,
 * the number of level-0 steps it jumps over. Summing spans on the way down gives a node's rank, and
 * following spans finds the node at a rank, both in O(log n): this is what makes ZRANK, ZRANGE by
 * index and ZREMRANGEBYRANK logarithmic rather than linear. Level 0 is also linked backwards, for
 * reverse ranges.
 *
 * <p><b>The dictionary</b> maps a member's bytes to its node, so ZSCORE and the "is it already
 * there" check of ZADD are O(1). It is a chained hash table threaded through the nodes themselves
 * (no entry objects), looked up with a byte range anywhere in memory (no key wrapper allocated),
 * with a power-of-two table that doubles at one node per bucket and halves below one in eight.
 * That shape is also what gives ZSCAN Redis's guarantee: {@link #scan} walks buckets with the
 * reverse-binary cursor of Redis's {@code dictScan}, so a member present for the whole scan is
 * returned even if the table is resized or other members come and go in between.
 *
 * <p>Memory is estimated per node (object headers, the member array, the level arrays and the map
 * entry) and every change is reported to {@link HeapValues#resized}, so {@link #memoryUsage} stays
 * equal to what {@link HeapValues} has counted for this value.
 */
public final class SkipList implements HeapValues.Sized {
  /** Redis's {@code ZSKIPLIST_MAXLEVEL}. */
  static final int MAX_LEVEL = 32;
  private static final long BASE_BYTES = 64 + 48 + 16 + 8 * 16;
  /** Object header and fields, plus the headers of the two level arrays. */
  private static final long NODE_BYTES = 16 + 4 + 4 + 8 + 4 + 4 + 4 + 4 + 16 + 16;
  private static final int MIN_TABLE = 4;
  private static final long SLOT_BYTES = 4;

  /** One element: a member and its score, with its links. */
  public static final class Node {
    final byte[] member;
    final int hash;
    double score;
    Node backward;
    /** Next node in the same dictionary bucket. */
    Node chain;
    final Node[] forward;
    final long[] span;

    Node(final int level, final byte[] member, final double score) {
      this.member = member;
      this.hash = member == null ? 0 : (int) Bytes.hash(member, Bytes.ARRAY_BASE, member.length);
      this.score = score;
      this.forward = new Node[level];
      this.span = new long[level];
    }

    public byte[] member() {
      return member;
    }

    public double score() {
      return score;
    }

    /** The next node in order, or null. */
    public Node next() {
      return forward[0];
    }

    /** The previous node in order, or null. */
    public Node previous() {
      return backward;
    }
  }

  private HeapValues accounting;
  private final SplittableRandom random;
  private Node[] table = new Node[MIN_TABLE];
  private final Node header = new Node(MAX_LEVEL, null, 0);
  private final Node[] update = new Node[MAX_LEVEL];
  private final long[] rankAt = new long[MAX_LEVEL];
  private Node tail;
  private int level = 1;
  /** Linked nodes (also the dictionary's size, except while a node is being relinked). */
  private long length;
  private long bytes = BASE_BYTES + SLOT_BYTES * MIN_TABLE;

  /**
   * An empty skiplist. {@code accounting} (null while it is being filled before {@link
   * HeapValues#add}, which counts it whole) hears every later size change; {@code random} draws
   * node levels, so the structure is the same on every replay.
   */
  public SkipList(final HeapValues accounting, final SplittableRandom random) {
    this.accounting = accounting;
    this.random = random;
  }

  /** Starts reporting size changes, once {@link HeapValues#add} has counted the value. */
  public void accountTo(final HeapValues heapValues) {
    this.accounting = heapValues;
  }

  public long size() {
    return length;
  }

  @Override
  public long memoryUsage() {
    return bytes;
  }

  @Override
  public HeapValues.Sized duplicate() {
    final SkipList copy = new SkipList(null, random);
    for (Node n = first(); n != null; n = n.next()) {
      copy.insert(n.member.clone(), n.score);
    }
    copy.accounting = accounting;
    return copy;
  }

  /** The first (lowest) node, or null when empty. */
  public Node first() {
    return header.forward[0];
  }

  /** The last (highest) node, or null when empty. */
  public Node last() {
    return tail;
  }

  /** The node holding the member given as a byte range ({@link Bytes} addressing), or null. */
  public Node find(final Object base, final long offset, final int length) {
    final int hash = (int) Bytes.hash(base, offset, length);
    for (Node n = table[hash & (table.length - 1)]; n != null; n = n.chain) {
      if (n.hash == hash && n.member.length == length && Bytes.equal(n.member, Bytes.ARRAY_BASE, base, offset, length)) {
        return n;
      }
    }
    return null;
  }

  /**
   * Visits the nodes of the bucket the cursor names and returns the next cursor, 0 when the walk
   * is done: Redis's {@code dictScan} (see {@code Database#scan} for why the cursor's bits advance
   * from the top).
   */
  public long scan(final long cursor, final java.util.function.Consumer<Node> visitor) {
    final long mask = table.length - 1;
    for (Node n = table[(int) (cursor & mask)]; n != null; n = n.chain) {
      visitor.accept(n);
    }
    long v = cursor | ~mask;
    v = Long.reverse(v);
    v++;
    v = Long.reverse(v);
    return v & 0xFFFFFFFFL;
  }

  /** Adds a member that is not present yet; the skiplist keeps the array. */
  public Node insert(final byte[] member, final double score) {
    final Node x = new Node(randomLevel(), member, score);
    link(x);
    hashAdd(x);
    grew(nodeBytes(x));
    return x;
  }

  /** Links a node into place by its score and member, Redis's {@code zslInsert} with the level chosen. */
  private void link(final Node x) {
    final byte[] member = x.member;
    final double score = x.score;
    Node node = header;
    for (int i = level - 1; i >= 0; i--) {
      rankAt[i] = i == level - 1 ? 0 : rankAt[i + 1];
      while (node.forward[i] != null && before(node.forward[i], score, member, Bytes.ARRAY_BASE, member.length)) {
        rankAt[i] += node.span[i];
        node = node.forward[i];
      }
      update[i] = node;
    }
    final int newLevel = x.forward.length;
    if (newLevel > level) {
      for (int i = level; i < newLevel; i++) {
        rankAt[i] = 0;
        update[i] = header;
        update[i].span[i] = length;
      }
      level = newLevel;
    }
    for (int i = 0; i < newLevel; i++) {
      x.forward[i] = update[i].forward[i];
      update[i].forward[i] = x;
      x.span[i] = update[i].span[i] - (rankAt[0] - rankAt[i]);
      update[i].span[i] = (rankAt[0] - rankAt[i]) + 1;
    }
    for (int i = newLevel; i < level; i++) {
      update[i].span[i]++;
    }
    x.backward = update[0] == header ? null : update[0];
    if (x.forward[0] != null) {
      x.forward[0].backward = x;
    } else {
      tail = x;
    }
    length++;
  }

  /** Removes a node. */
  public void delete(final Node node) {
    findUpdate(node);
    unlink(node);
    hashRemove(node);
    grew(-nodeBytes(node));
  }

  /**
   * Changes a node's score, keeping order, and returns it. As Redis's {@code zslUpdateScore} does,
   * a node that stays between its neighbours is updated in place, and one that moves is unlinked
   * and relinked with its own levels: no allocation, and the dictionary entry stays valid.
   */
  public Node updateScore(final Node node, final double score) {
    final Node prev = node.backward;
    final Node next = node.forward[0];
    if ((prev == null || prev.score < score || (prev.score == score && compare(prev, node.member) < 0))
        && (next == null || next.score > score || (next.score == score && compare(next, node.member) > 0))) {
      node.score = score;
      return node;
    }
    findUpdate(node);
    unlink(node);
    node.score = score;
    link(node);
    return node;
  }

  /** The 1-based rank of a node. */
  public long rank(final Node node) {
    long r = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.forward[i] != null
          && (x.forward[i] == node
              || before(x.forward[i], node.score, node.member, Bytes.ARRAY_BASE, node.member.length))) {
        r += x.span[i];
        x = x.forward[i];
        if (x == node) {
          return r;
        }
      }
    }
    return 0;
  }

  /** The node at a 1-based rank, or null when out of range. */
  public Node byRank(final long wanted) {
    if (wanted < 1 || wanted > size()) {
      return null;
    }
    long traversed = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.forward[i] != null && traversed + x.span[i] <= wanted) {
        traversed += x.span[i];
        x = x.forward[i];
      }
      if (traversed == wanted) {
        return x;
      }
    }
    return null;
  }

  /**
   * How many elements have a score below {@code score} ({@code orEqual}: at most {@code score}).
   * Rank ranges for score intervals come from two such counts.
   */
  public long countBelowScore(final double score, final boolean orEqual) {
    long r = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.forward[i] != null && (x.forward[i].score < score || (orEqual && x.forward[i].score == score))) {
        r += x.span[i];
        x = x.forward[i];
      }
    }
    return r;
  }

  /**
   * How many elements sort below a member by bytes alone ({@code orEqual}: at or below), as
   * Redis's lex ranges do when every score is equal.
   */
  public long countBelowMember(final Object base, final long offset, final int length, final boolean orEqual) {
    long r = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.forward[i] != null) {
        final byte[] m = x.forward[i].member;
        final int cmp = Bytes.compare(m, Bytes.ARRAY_BASE, m.length, base, offset, length);
        if (cmp < 0 || (orEqual && cmp == 0)) {
          r += x.span[i];
          x = x.forward[i];
        } else {
          break;
        }
      }
    }
    return r;
  }

  /** Removes the nodes of 1-based ranks {@code start..end}; returns how many. */
  public long deleteRangeByRank(final long start, final long end) {
    long traversed = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.forward[i] != null && traversed + x.span[i] < start) {
        traversed += x.span[i];
        x = x.forward[i];
      }
      update[i] = x;
    }
    traversed++;
    x = x.forward[0];
    long removed = 0;
    while (x != null && traversed <= end) {
      final Node next = x.forward[0];
      unlink(x);
      hashRemove(x);
      grew(-nodeBytes(x));
      removed++;
      traversed++;
      x = next;
    }
    return removed;
  }

  private void findUpdate(final Node node) {
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.forward[i] != null && x.forward[i] != node
          && before(x.forward[i], node.score, node.member, Bytes.ARRAY_BASE, node.member.length)) {
        x = x.forward[i];
      }
      update[i] = x;
    }
  }

  /** Redis's {@code zslDeleteNode}: unlinks using the {@link #update} path already found. */
  private void unlink(final Node x) {
    for (int i = 0; i < level; i++) {
      if (update[i].forward[i] == x) {
        update[i].span[i] += x.span[i] - 1;
        update[i].forward[i] = x.forward[i];
      } else {
        update[i].span[i] -= 1;
      }
    }
    if (x.forward[0] != null) {
      x.forward[0].backward = x.backward;
    } else {
      tail = x.backward;
    }
    while (level > 1 && header.forward[level - 1] == null) {
      level--;
    }
    length--;
  }

  private void hashAdd(final Node x) {
    final int i = x.hash & (table.length - 1);
    x.chain = table[i];
    table[i] = x;
    if (length > table.length) {
      resize(table.length << 1);
    }
  }

  private void hashRemove(final Node x) {
    final int i = x.hash & (table.length - 1);
    if (table[i] == x) {
      table[i] = x.chain;
    } else {
      Node n = table[i];
      while (n.chain != x) {
        n = n.chain;
      }
      n.chain = x.chain;
    }
    x.chain = null;
    if (table.length > MIN_TABLE && length < table.length / 8) {
      resize(table.length >> 1);
    }
  }

  private void resize(final int size) {
    final Node[] old = table;
    table = new Node[size];
    for (Node head : old) {
      while (head != null) {
        final Node next = head.chain;
        final int i = head.hash & (size - 1);
        head.chain = table[i];
        table[i] = head;
        head = next;
      }
    }
    grew(SLOT_BYTES * (size - old.length));
  }

  /** True when node {@code n} sorts before (score, member). */
  private static boolean before(
      final Node n, final double score, final Object base, final long offset, final int length) {
    return n.score < score
        || (n.score == score && Bytes.compare(n.member, Bytes.ARRAY_BASE, n.member.length, base, offset, length) < 0);
  }

  private static int compare(final Node n, final byte[] member) {
    return Bytes.compare(n.member, Bytes.ARRAY_BASE, n.member.length, member, Bytes.ARRAY_BASE, member.length);
  }

  private int randomLevel() {
    int l = 1;
    while (l < MAX_LEVEL && random.nextInt(4) == 0) {
      l++;
    }
    return l;
  }

  private static long nodeBytes(final Node n) {
    return NODE_BYTES + 16 + n.member.length + 12L * n.forward.length;
  }

  private void grew(final long delta) {
    bytes += delta;
    if (accounting != null) {
      accounting.resized(delta);
    }
  }
}
