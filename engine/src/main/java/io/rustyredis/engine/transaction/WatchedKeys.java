package io.rustyredis.engine.transaction;

import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.memory.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Who WATCHes which key: Redis's {@code db->watched_keys} and {@code c->watched_keys} in one
 * registry, told of every change through the keyspace signals ({@link #modified}, {@link
 * #flushed}, {@link #swapping}).
 *
 * <p>Keys are listed by a hash of (database, key bytes), so a signal for an unwatched key costs a
 * hash and one map probe, and nothing at all while nobody watches; the key bytes signalled stay
 * where they are (off-heap or in the request), no copy is made to look them up.
 *
 * <p>A key that was already logically expired (present but past its deadline) when it was watched
 * is flagged: its lazy or active deletion is no change, since it was already gone for the client
 * (Redis 7.0's "WATCH stale keys should not fail EXEC"). A key alive when watched whose deadline
 * has passed by EXEC fails it even if nobody deleted it yet ({@link #anyExpired}).
 */
public final class WatchedKeys {
  /** One client watching one key in one database. */
  static final class Watch {
    final Transaction owner;
    final int db;
    final byte[] key;
    final long hash;
    /** The key was present but logically expired when watched. */
    boolean expired;

    Watch(final Transaction owner, final int db, final byte[] key, final long hash) {
      this.owner = owner;
      this.db = db;
      this.key = key;
      this.hash = hash;
    }

    boolean is(final int db, final Object base, final long offset, final int length) {
      return this.db == db && key.length == length && Bytes.equal(key, Bytes.ARRAY_BASE, base, offset, length);
    }
  }

  private final Keyspace keyspace;
  private final Long2ObjectHashMap<ArrayList<Watch>> byKey = new Long2ObjectHashMap<>();
  /** Clients found touched while walking the lists, unwatched once the walk is over. */
  private final ArrayList<Transaction> touched = new ArrayList<>();

  public WatchedKeys(final Keyspace keyspace) {
    this.keyspace = keyspace;
  }

  /** How many (client, key) pairs are watched. */
  public int size() {
    int n = 0;
    for (final ArrayList<Watch> list : byKey.values()) {
      n += list.size();
    }
    return n;
  }

  /** WATCH: {@code owner} watches {@code key} in {@code db}; watching it twice is once. */
  public void watch(final Transaction owner, final int db, final byte[] key) {
    final long hash = hash(db, key, Bytes.ARRAY_BASE, key.length);
    ArrayList<Watch> list = byKey.get(hash);
    if (list == null) {
      list = new ArrayList<>(2);
      byKey.put(hash, list);
    }
    for (final Watch w : list) {
      if (w.owner == owner && w.db == db && Arrays.equals(w.key, key)) {
        return;
      }
    }
    final Watch watch = new Watch(owner, db, key, hash);
    watch.expired = isExpired(db, key, Bytes.ARRAY_BASE, key.length);
    list.add(watch);
    owner.watched.add(watch);
    owner.registry = this;
  }

  /** UNWATCH, EXEC, DISCARD, RESET, disconnect: the client watches nothing any more. */
  public void unwatchAll(final Transaction owner) {
    for (final Watch w : owner.watched) {
      final ArrayList<Watch> list = byKey.get(w.hash);
      list.remove(w);
      if (list.isEmpty()) {
        byKey.remove(w.hash);
      }
    }
    owner.watched.clear();
    owner.untouch();
  }

  /**
   * At EXEC: whether a key that was alive when watched has passed its deadline since, deleted or
   * not (Redis's {@code isWatchedKeyExpired}).
   */
  public boolean anyExpired(final Transaction owner) {
    for (final Watch w : owner.watched) {
      if (!w.expired && isExpired(w.db, w.key, Bytes.ARRAY_BASE, w.key.length)) {
        return true;
      }
    }
    return false;
  }

  /** A key changed or went away (Redis's {@code touchWatchedKey}): its watchers' EXEC fails. */
  public void modified(final int db, final Object base, final long offset, final int length) {
    if (byKey.isEmpty()) {
      return;
    }
    final ArrayList<Watch> list = byKey.get(hash(db, base, offset, length));
    if (list == null) {
      return;
    }
    for (final Watch w : list) {
      if (!w.is(db, base, offset, length)) {
        continue;
      }
      if (w.expired && !alive(db, base, offset, length)) {
        // Watched when already expired and now deleted: no change as the client sees it.
        w.expired = false;
        continue;
      }
      touched.add(w.owner);
    }
    touchCollected();
  }

  /** FLUSHDB/FLUSHALL, told before database {@code db} is emptied. */
  public void flushed(final int db) {
    touchAll(db, -1);
  }

  /** SWAPDB, told before databases {@code a} and {@code b} exchange contents. */
  public void swapping(final int a, final int b) {
    if (a == b) {
      // Redis swaps nothing then, and touches nothing.
      return;
    }
    touchAll(a, b);
    touchAll(b, a);
  }

  /**
   * Redis's {@code touchAllWatchedKeysInDb}: watched keys of {@code emptied} that exist there (even
   * expired) or in {@code replacedWith} (-1: none) are touched, except where the client sees no
   * change: an expired key replaced by nothing or by another expired key, or nothing replaced by
   * an expired key (which the watch then treats as watched-while-expired).
   */
  private void touchAll(final int emptied, final int replacedWith) {
    if (byKey.isEmpty()) {
      return;
    }
    final Database from = keyspace.database(emptied);
    final Database to = replacedWith < 0 ? null : keyspace.database(replacedWith);
    for (final ArrayList<Watch> list : byKey.values()) {
      for (final Watch w : list) {
        if (w.db != emptied) {
          continue;
        }
        final long base = Bytes.ARRAY_BASE;
        final boolean existed = from.find(w.key, base, w.key.length) != 0;
        final long incoming = to == null ? 0 : to.find(w.key, base, w.key.length);
        if (!existed && incoming == 0) {
          continue;
        }
        if (w.expired) {
          if (incoming == 0) {
            w.expired = false;
            continue;
          }
          if (keyspace.isExpired(incoming)) {
            continue;
          }
        } else if (!existed && keyspace.isExpired(incoming)) {
          w.expired = true;
          continue;
        }
        touched.add(w.owner);
      }
    }
    touchCollected();
  }

  /** Marks the clients collected in {@link #touched}; each then watches nothing, as in Redis. */
  private void touchCollected() {
    for (int i = 0; i < touched.size(); i++) {
      final Transaction owner = touched.get(i);
      unwatchAll(owner);
      owner.touch();
    }
    touched.clear();
  }

  /** Present and past its deadline, not yet deleted: Redis's {@code keyIsExpired}. */
  private boolean isExpired(final int db, final Object base, final long offset, final int length) {
    final long record = keyspace.database(db).find(base, offset, length);
    return record != 0 && keyspace.isExpired(record);
  }

  /** Present and not past its deadline. */
  private boolean alive(final int db, final Object base, final long offset, final int length) {
    final long record = keyspace.database(db).find(base, offset, length);
    return record != 0 && !keyspace.isExpired(record);
  }

  private static long hash(final int db, final Object base, final long offset, final int length) {
    return Bytes.hash(base, offset, length) * 31 + db;
  }
}
