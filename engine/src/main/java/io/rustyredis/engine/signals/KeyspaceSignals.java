package io.rustyredis.engine.signals;

/**
 * What a write tells the rest of the server, in one place: Redis's {@code signalModifiedKey} (WATCH
 * invalidation), {@code notifyKeyspaceEvent} (keyspace notifications) and {@code server.dirty}
 * (changes since the last save) in one object the engine owns.
 *
 * <p>Commands call {@code CommandContext.modified(...)} when, and only when, they really changed a
 * key, naming the event as Redis does ({@code "lpush"}, {@code "expire"}, {@code "del"}); the
 * keyspace reports expired and evicted keys the same way. Who listens (transactions, the
 * notification publisher) plugs in a listener; with none plugged in, a signal costs a counter
 * increment and two null checks.
 */
public final class KeyspaceSignals {
  /** Redis's NOTIFY_* classes, same bits as server.h, so the flag letters map one to one. */
  public static final int KEYSPACE = 1;
  public static final int KEYEVENT = 1 << 1;
  public static final int GENERIC = 1 << 2;
  public static final int STRING = 1 << 3;
  public static final int LIST = 1 << 4;
  public static final int SET = 1 << 5;
  public static final int HASH = 1 << 6;
  public static final int ZSET = 1 << 7;
  public static final int EXPIRED = 1 << 8;
  public static final int EVICTED = 1 << 9;
  public static final int STREAM = 1 << 10;
  public static final int KEY_MISS = 1 << 11;
  public static final int LOADED = 1 << 12;
  public static final int MODULE = 1 << 13;
  public static final int NEW = 1 << 14;

  /** Told of every key whose value changed or that went away (WATCH). */
  @FunctionalInterface
  public interface ModifiedListener {
    void modified(int db, Object keyBase, long keyOffset, int keyLength);
  }

  /** Told of every keyspace event (notifications). */
  @FunctionalInterface
  public interface EventListener {
    void event(int type, String event, int db, Object keyBase, long keyOffset, int keyLength);
  }

  /**
   * Told when whole databases change at once, just before they do (WATCH looks at what was there):
   * FLUSHDB/FLUSHALL ({@code b} = -1), SWAPDB.
   */
  @FunctionalInterface
  public interface DatabaseListener {
    void databases(int a, int b);
  }

  private long dirty;
  private ModifiedListener modifiedListener;
  private EventListener eventListener;
  private DatabaseListener databaseListener;

  /** Changes since the last save: INFO's rdb_changes_since_last_save and the save schedule's count. */
  public long dirty() {
    return dirty;
  }

  /** Adds {@code changes} without touching any key (FLUSHALL counts its keys, as Redis does). */
  public void dirty(final long changes) {
    dirty += changes;
  }

  /** After a save: nothing is unsaved any more. */
  public void saved(final long dirtyAtSaveStart) {
    dirty -= dirtyAtSaveStart;
  }

  public void modifiedListener(final ModifiedListener listener) {
    this.modifiedListener = listener;
  }

  public void eventListener(final EventListener listener) {
    this.eventListener = listener;
  }

  public void databaseListener(final DatabaseListener listener) {
    this.databaseListener = listener;
  }

  /** A key's value changed or the key went away; counts one change. */
  public void modified(final int db, final Object keyBase, final long keyOffset, final int keyLength) {
    dirty++;
    if (modifiedListener != null) {
      modifiedListener.modified(db, keyBase, keyOffset, keyLength);
    }
  }

  /** A keyspace event of class {@code type} (one of the constants above) named {@code event}. */
  public void event(
      final int type, final String event, final int db, final Object keyBase, final long keyOffset, final int keyLength) {
    if (eventListener != null) {
      eventListener.event(type, event, db, keyBase, keyOffset, keyLength);
    }
  }

  /** Database {@code a} was flushed ({@code b} = -1; {@code a} = -1 for all), or a and b swapped. */
  public void databases(final int a, final int b) {
    if (databaseListener != null) {
      databaseListener.databases(a, b);
    }
  }
}
