package io.rustyredis.engine.types;

import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Listpack;
import io.rustyredis.engine.memory.Bytes;
import org.agrona.UnsafeApi;

/**
 * A small sorted set in the record's own {@link Listpack}: entries alternate member and score,
 * pairs ordered by score then member bytes (unsigned), as Redis's {@code zzl*} functions keep them.
 * The score is stored as its 8 raw IEEE-754 bytes (native order) rather than as text: reading it
 * back costs a load instead of a parse, and every double survives exactly, except that -0 is
 * stored as 0 as Redis's text form effectively does (a skiplist keeps -0).
 *
 * <p>Every operation is a linear walk, which below {@code zset-max-listpack-entries} is cheaper than
 * a tree. Pairs are addressed by the offset of their member entry. Instances only hold scratch space
 * for writing scores, so the hot path allocates nothing.
 */
public final class ListpackZset {
  private final byte[] scoreBytes = new byte[8];

  public static int size(final long record) {
    return Listpack.count(record) >> 1;
  }

  /** Offset of the pair holding the member, or -1. */
  public static int find(final long record, final Object base, final long offset, final int length) {
    return Listpack.find(record, Listpack.first(), 2, base, offset, length);
  }

  /** The score of the pair whose member entry is at {@code entry}. */
  public static double score(final long record, final int entry) {
    return Double.longBitsToDouble(UnsafeApi.getLong(Listpack.address(record, Listpack.next(record, entry))));
  }

  /** Offset of the pair after the one at {@code entry}. */
  public static int next(final long record, final int entry) {
    return Listpack.next(record, Listpack.next(record, entry));
  }

  /** Offset of the pair of 0-based rank {@code rank}. */
  public static int atRank(final long record, final long rank) {
    int entry = Listpack.first();
    for (long i = 0; i < rank; i++) {
      entry = next(record, entry);
    }
    return entry;
  }

  /** The 0-based rank of the pair at {@code entry}. */
  public static long rankOf(final long record, final int entry) {
    long rank = 0;
    for (int e = Listpack.first(); e != entry; e = next(record, e)) {
      rank++;
    }
    return rank;
  }

  /** Number of pairs whose score is below {@code score} ({@code orEqual}: at most). */
  public static long countBelowScore(final long record, final double score, final boolean orEqual) {
    long count = 0;
    final int end = Listpack.end(record);
    for (int e = Listpack.first(); e < end; e = next(record, e)) {
      final double s = score(record, e);
      if (s < score || (orEqual && s == score)) {
        count++;
      } else {
        break;
      }
    }
    return count;
  }

  /** Number of pairs, from the start, whose member sorts below the given bytes ({@code orEqual}: at or below). */
  public static long countBelowMember(
      final long record, final Object base, final long offset, final int length, final boolean orEqual) {
    long count = 0;
    final int end = Listpack.end(record);
    for (int e = Listpack.first(); e < end; e = next(record, e)) {
      final int cmp =
          Bytes.compare(null, Listpack.address(record, e), Listpack.length(record, e), base, offset, length);
      if (cmp < 0 || (orEqual && cmp == 0)) {
        count++;
      } else {
        break;
      }
    }
    return count;
  }

  /** Inserts a pair (the member must be absent) in order; returns the record, which may have moved. */
  public long insert(
      final Database db, final long record, final Object base, final long offset, final int length,
      final double score) {
    final int end = Listpack.end(record);
    int at = Listpack.first();
    while (at < end) {
      final double s = score(record, at);
      if (s > score || (s == score
          && Bytes.compare(null, Listpack.address(record, at), Listpack.length(record, at), base, offset, length)
          > 0)) {
        break;
      }
      at = next(record, at);
    }
    // Redis keeps listpack scores as text that reads -0 back as 0; so do we, for identical replies.
    final double stored = score == 0 ? 0.0 : score;
    UnsafeApi.putLong(scoreBytes, Bytes.ARRAY_BASE, Double.doubleToRawLongBits(stored));
    final long moved = Listpack.insert(db, record, at, base, offset, length);
    return Listpack.insert(db, moved, Listpack.next(moved, at), scoreBytes, Bytes.ARRAY_BASE, 8);
  }

  /** Removes the pair at {@code entry}; the record does not move. */
  public static void delete(final long record, final int entry) {
    Listpack.delete(record, entry);
    Listpack.delete(record, entry);
  }

  /** Removes the pairs of 0-based ranks {@code start..end}. */
  public static void deleteRange(final long record, final long start, final long end) {
    final int at = atRank(record, start);
    for (long i = start; i <= end; i++) {
      delete(record, at);
    }
  }
}
