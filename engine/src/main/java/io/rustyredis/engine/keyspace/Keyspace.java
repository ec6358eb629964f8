package io.rustyredis.engine.keyspace;

import io.rustyredis.engine.memory.OffHeapAllocator;
import java.util.SplittableRandom;

/**
 * All databases, the allocator behind them, and the rules of expiry.
 *
 * <p>Time is not read here: the engine sets {@link #now(long)} from each event before running it,
 * so replaying the same events gives the same result. A key whose deadline has passed is dead to
 * every reader ({@link #lookup}) and removed when touched; {@link #expireCycle} removes the ones
 * nobody touches, sampling as Redis's active expire cycle does: take 20 keys with a deadline, drop
 * the dead ones, and go again while more than a quarter were dead, within a fixed budget per call.
 */
public final class Keyspace {
  private static final int SAMPLE = 20;
  private static final int ROUNDS_PER_CYCLE = 16;

  private final OffHeapAllocator allocator = new OffHeapAllocator();
  private final HeapValues heapValues = new HeapValues();
  private final Database[] databases;
  private final SplittableRandom random;
  private KeyListener listener;
  private final EventClock clock = new EventClock();
  private final LoadProgress loading = new LoadProgress();
  private boolean activeExpire = true;
  private long expiredKeys;
  private long evictedKeys;
  /** Redis's LFU_INIT_VAL: a new key's counter, so that it is not evicted before it had a chance to be read. */
  public static final int LFU_INIT_VAL = 5;
  private boolean lfu;
  private int lfuLogFactor = 10;
  private int lfuDecayMinutes = 1;
  /** Every record carries this mark whenever no snapshot is running (see {@link #beginSnapshot}). */
  private byte snapshotMark;

  public Keyspace(final int databaseCount, final long seed) {
    this.databases = new Database[databaseCount];
    for (int i = 0; i < databaseCount; i++) {
      databases[i] = new Database(allocator, heapValues, clock);
    }
    this.random = new SplittableRandom(seed);
  }

  public int databaseCount() {
    return databases.length;
  }

  public Database database(final int index) {
    return databases[index];
  }

  /** The event's time, unix milliseconds; never moves backwards. */
  public void now(final long millis) {
    clock.advanceTo(millis);
  }

  public long now() {
    return clock.now();
  }

  public SplittableRandom random() {
    return random;
  }

  public OffHeapAllocator allocator() {
    return allocator;
  }

  /** The Java objects behind big collections. */
  public HeapValues heapValues() {
    return heapValues;
  }

  /** Bytes held for data: off-heap blocks plus the heap values' own estimates. */
  public long usedMemory() {
    return allocator.usedBytes() + heapValues.bytes();
  }

  /** The startup load's state: while it is active, no key expires (Redis's {@code server.loading}). */
  public LoadProgress loading() {
    return loading;
  }

  /** Keys removed because their deadline passed, lazily or actively: INFO's expired_keys. */
  public long expiredKeys() {
    return expiredKeys;
  }

  /** Keys removed to stay under maxmemory: INFO's evicted_keys. */
  public long evictedKeys() {
    return evictedKeys;
  }

  /** Whether accesses count towards LFU counters, and with which lfu-log-factor and lfu-decay-time. */
  public void lfu(final boolean enabled, final int logFactor, final int decayMinutes) {
    this.lfu = enabled;
    this.lfuLogFactor = logFactor;
    this.lfuDecayMinutes = decayMinutes;
  }

  /**
   * A command read or wrote the record: its access time (LRU, OBJECT IDLETIME) moves to now and,
   * under an LFU policy, its counter decays for the idle time and then grows with probability
   * 1 / ((counter - LFU_INIT_VAL) * lfu-log-factor + 1), as Redis's updateLFU.
   */
  public void touch(final long record) {
    if (lfu) {
      int counter = lfuCounter(record);
      if (counter < 255) {
        final double base = Math.max(0, counter - LFU_INIT_VAL);
        if (random.nextDouble() < 1.0 / (base * lfuLogFactor + 1)) {
          counter++;
        }
      }
      Record.lfu(record, counter);
    }
    Record.accessTime(record, clock.now());
  }

  /** The LFU counter less one per lfu-decay-time minutes idle (Redis's LFUDecrAndReturn): OBJECT FREQ. */
  public int lfuCounter(final long record) {
    final int counter = Record.lfu(record);
    if (lfuDecayMinutes == 0) {
      return counter;
    }
    final long periods = (clock.now() / 60_000 - Record.accessTime(record) / 60_000) / lfuDecayMinutes;
    return periods >= counter ? 0 : (int) (counter - Math.max(0, periods));
  }

  /** Removes a key to free memory; the listener hears of it first (journal DEL, WATCH, event). */
  public void evict(final int db, final long record) {
    if (listener != null) {
      listener.keyEvicted(db, record);
    }
    databases[db].delete(record);
    evictedKeys++;
  }

  /** The live record for a key, or 0; a dead one found on the way is removed. */
  public long lookup(final int db, final Object keyBase, final long keyOffset, final int keyLength) {
    final Database database = databases[db];
    final long record = database.find(keyBase, keyOffset, keyLength);
    if (record != 0 && isExpired(record)) {
      expired(db, record);
      database.delete(record);
      expiredKeys++;
      return 0;
    }
    return record;
  }

  private void expired(final int db, final long record) {
    if (listener != null) {
      listener.keyExpired(db, record);
    }
  }

  /**
   * True when the record's deadline is at or before now. Never while loading, as Redis's
   * keyIsExpired: a replayed write must find the key the original found, and a key dead by now is
   * deleted once loading is over.
   */
  public boolean isExpired(final long record) {
    final long at = Record.expireAt(record);
    return at != Record.NO_EXPIRY && at <= clock.now() && !loading.active();
  }

  /**
   * Starts a background snapshot's epoch and returns its mark. A finished snapshot has marked
   * every record it wrote and every record born while it ran, so between snapshots all records
   * carry the same mark; flipping it makes every existing record "not yet written" at once, while
   * records inserted from now on carry the new mark and are skipped as born after the snapshot.
   * Tables stop halving until {@link #endSnapshot}.
   */
  public byte beginSnapshot() {
    snapshotMark ^= 1;
    for (final Database database : databases) {
      database.snapshotMark(snapshotMark);
      database.holdShrink(true);
    }
    return snapshotMark;
  }

  /** The snapshot has marked every record: tables may halve again. */
  public void endSnapshot() {
    for (final Database database : databases) {
      database.holdShrink(false);
    }
  }

  /** Exchanges the contents of two databases, as SWAPDB does. */
  public void swap(final int a, final int b) {
    final Database tmp = databases[a];
    databases[a] = databases[b];
    databases[b] = tmp;
    databases[a].attach(a, listener);
    databases[b].attach(b, listener);
  }

  /** Sets who is told of every key added to any database (see {@link KeyListener}). */
  public void listener(final KeyListener listener) {
    this.listener = listener;
    for (int i = 0; i < databases.length; i++) {
      databases[i].attach(i, listener);
    }
  }

  /** DEBUG SET-ACTIVE-EXPIRE: off leaves keys to expire only when touched (Redis's active_expire_enabled). */
  public void activeExpire(final boolean enabled) {
    this.activeExpire = enabled;
  }

  /** One bounded pass of active expiry over every database; returns the keys removed. */
  public int expireCycle() {
    if (loading.active() || !activeExpire) {
      return 0;
    }
    int removed = 0;
    for (int d = 0; d < databases.length; d++) {
      final Database database = databases[d];
      for (int round = 0; round < ROUNDS_PER_CYCLE && database.volatileCount() > 0; round++) {
        int dead = 0;
        final int samples = Math.min(SAMPLE, database.volatileCount());
        for (int i = 0; i < samples; i++) {
          final long record = database.sampleVolatile(random);
          if (isExpired(record)) {
            expired(d, record);
            database.delete(record);
            dead++;
          }
        }
        removed += dead;
        if (dead * 4 <= samples) {
          break;
        }
      }
    }
    expiredKeys += removed;
    return removed;
  }
}
