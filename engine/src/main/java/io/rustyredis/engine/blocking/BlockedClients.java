package io.rustyredis.engine.blocking;

import io.rustyredis.engine.ClientState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Who is blocked on which key, in arrival order, and until when: Redis's {@code blocking.c} state.
 *
 * <p>A client blocks (BLPOP on empty lists, ...) by registering here instead of replying. Keys a
 * blocked client waits for can only become servable by being created (a list or sorted set that
 * is empty does not exist), so the keyspace reports every key it adds ({@link #keyAdded}); a key
 * somebody waits for becomes <em>ready</em>, and after the command that created it the engine
 * serves the ready keys' clients first-come first-served ({@link #pollReady}, {@link
 * #waiting}). Deadlines sit in a priority queue, so each tick finds the timed-out clients without
 * looking at the others; thousands of blocked clients cost nothing until their key or time comes.
 *
 * <p>Nothing here runs unless someone is blocked: {@link #keyAdded} returns at once when nobody is.
 */
public final class BlockedClients {
  private final Map<WaitKey, ArrayDeque<ClientState>> waiting = new HashMap<>();
  private final LinkedHashSet<WaitKey> ready = new LinkedHashSet<>();
  private final PriorityQueue<ClientState> deadlines = new PriorityQueue<>(
      (a, b) -> a.blockDeadline != b.blockDeadline ? Long.compare(a.blockDeadline, b.blockDeadline) : Long.compare(a.id, b.id));
  private int blockedCount;

  /** A database number and a key's bytes: what a client waits on. */
  public static final class WaitKey {
    public final int db;
    public final byte[] key;
    private final int hash;

    public WaitKey(final int db, final byte[] key) {
      this.db = db;
      this.key = key;
      this.hash = 31 * db + Arrays.hashCode(key);
    }

    @Override
    public boolean equals(final Object other) {
      return other instanceof WaitKey && ((WaitKey) other).db == db && Arrays.equals(((WaitKey) other).key, key);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The wait type of a client blocked in WAIT: no key ends it, only its time-out (we have no replicas). */
  public static final byte WAIT_REPLICAS = -1;

  /** How many clients are blocked now: INFO's {@code blocked_clients}. */
  public int blockedCount() {
    return blockedCount;
  }

  /** Registers a blocked client on its keys (already set in {@link ClientState#blockedKeys}). */
  public void block(final ClientState client) {
    for (final WaitKey key : client.blockedKeys) {
      waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(client);
    }
    if (client.blockDeadline != 0) {
      deadlines.add(client);
    }
    blockedCount++;
  }

  /** Forgets a blocked client: served, timed out, or disconnected. */
  public void unblock(final ClientState client) {
    for (final WaitKey key : client.blockedKeys) {
      final ArrayDeque<ClientState> queue = waiting.get(key);
      if (queue != null) {
        queue.remove(client);
        if (queue.isEmpty()) {
          waiting.remove(key);
        }
      }
    }
    if (client.blockDeadline != 0) {
      deadlines.remove(client);
    }
    client.blockedKeys.clear();
    blockedCount--;
  }

  /** The keyspace added a key: if anyone waits for it, it is ready to serve. */
  public void keyAdded(final int db, final byte[] key) {
    final WaitKey wanted = new WaitKey(db, key);
    if (waiting.containsKey(wanted)) {
      ready.add(wanted);
    }
  }

  /** True when nobody is blocked, so the keyspace need not report keys. */
  public boolean isEmpty() {
    return waiting.isEmpty();
  }

  /** True when a key somebody waits on was added since the last {@link #pollReady}. */
  public boolean hasReady() {
    return !ready.isEmpty();
  }

  /** The next ready key, or null. */
  public WaitKey pollReady() {
    if (ready.isEmpty()) {
      return null;
    }
    final WaitKey key = ready.iterator().next();
    ready.remove(key);
    return key;
  }

  /** The clients waiting on a key, oldest first (a snapshot the caller may iterate while serving). */
  public List<ClientState> waiting(final WaitKey key) {
    final ArrayDeque<ClientState> queue = waiting.get(key);
    return queue == null ? List.of() : new ArrayList<>(queue);
  }

  /** Removes and returns the clients whose deadline is at or before {@code now}, earliest first. */
  public List<ClientState> timedOut(final long now) {
    List<ClientState> out = null;
    while (!deadlines.isEmpty() && deadlines.peek().blockDeadline <= now) {
      if (out == null) {
        out = new ArrayList<>();
      }
      final ClientState client = deadlines.peek();
      unblock(client);
      out.add(client);
    }
    return out == null ? List.of() : out;
  }
}
