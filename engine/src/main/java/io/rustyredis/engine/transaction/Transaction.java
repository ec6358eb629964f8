package io.rustyredis.engine.transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's MULTI state and WATCHed keys: Redis's {@code multiState} plus the
 * {@code CLIENT_MULTI}, {@code CLIENT_DIRTY_EXEC} and {@code CLIENT_DIRTY_CAS} flags.
 *
 * <p>Queued commands are copies of their arguments on the heap, held only between MULTI and
 * EXEC/DISCARD/RESET/disconnect. Redis puts no limit on a transaction, and neither do we; like
 * Redis, a transaction already bound to fail stops keeping what it queues, so a client that goes on
 * queueing after an error or a touched WATCH costs nothing more.
 */
public final class Transaction {
  private boolean open;
  private boolean failed;
  private boolean touched;
  private final ArrayList<byte[][]> queue = new ArrayList<>();
  /** The client's watched keys, also listed in {@link WatchedKeys} by key. */
  final ArrayList<WatchedKeys.Watch> watched = new ArrayList<>();
  /** Where {@link #watched} is listed; set by the first WATCH. */
  WatchedKeys registry;

  /** In MULTI: commands are queued rather than run. */
  public boolean open() {
    return open;
  }

  /** MULTI. */
  public void begin() {
    open = true;
  }

  /** A command failed to queue: EXEC will abort (Redis's {@code flagTransaction}). */
  public void fail() {
    if (open) {
      failed = true;
    }
  }

  public boolean failed() {
    return failed;
  }

  /** A watched key changed: EXEC will reply nil. */
  public boolean touched() {
    return touched;
  }

  void touch() {
    touched = true;
  }

  /** Queues a command's arguments (owned from now on) unless EXEC is already bound to fail. */
  public void queue(final byte[][] argv) {
    if (failed || touched) {
      return;
    }
    queue.add(argv);
  }

  /** The queued commands, in order; valid until {@link #clear}. */
  public List<byte[][]> queued() {
    return queue;
  }

  /** Whether the client watches any key. */
  public boolean watching() {
    return !watched.isEmpty();
  }

  /**
   * Redis's {@code discardTransaction}: leaves MULTI, forgets the queue and the flags, and unwatches
   * every key (DISCARD, EXEC, RESET, disconnect).
   */
  public void discard() {
    clear();
    if (registry != null) {
      registry.unwatchAll(this);
    }
  }

  /** Leaves MULTI and forgets the queue and the flags; the watched keys stay. */
  private void clear() {
    open = false;
    failed = false;
    touched = false;
    // A huge transaction's backing array is not kept for the connection's lifetime.
    final boolean big = queue.size() > 1024;
    queue.clear();
    if (big) {
      queue.trimToSize();
    }
  }

  /** UNWATCH also forgets that a watched key was touched. */
  void untouch() {
    touched = false;
  }
}
