package io.rustyredis.engine.tracking;

import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Outbox;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

/**
 * Redis's {@code tracking.c}: server-assisted client-side caching (CLIENT TRACKING).
 *
 * <p>How Redis does it. In the default mode the server remembers, per key name, which clients read
 * it (the tracking table: key to client ids, over every database, as Redis keys it by name only);
 * when the key is modified, expires or is evicted, each of those clients gets one {@code
 * invalidate} message naming the key, and the key leaves the table until someone reads it again. A
 * client that says OPTIN is remembered only for the command right after CLIENT CACHING YES, one
 * that says OPTOUT for every command but the one after CLIENT CACHING NO. In BCAST mode the server
 * remembers nothing: a client registers key prefixes and hears of every key modified under them,
 * batched. NOLOOP spares a client the messages about its own writes. RESP3 clients get {@code >}
 * push frames on their own connection; a RESP2 client names another connection (REDIRECT) that
 * subscribed to {@code __redis__:invalidate} and gets them as Pub/Sub messages there. A flush
 * invalidates everything at once with a null in place of the keys.
 *
 * <p>Ours is the same on the engine thread. Messages to other clients go through the event's
 * {@link Outbox}, which the reply stage writes after the event's own reply: so a client's
 * invalidation for its own write follows that write's reply, as Redis's pending-keys list makes
 * sure. Broadcast keys are collected while an event runs and sent at its end, one array per
 * prefix and client, as Redis sends them once per event-loop turn.
 */
public final class Tracking {
  /** The Pub/Sub channel redirected RESP2 clients subscribe to. */
  public static final String CHANNEL = "__redis__:invalidate";

  private final Long2ObjectHashMap<ClientState> clients;
  /** Key name to the ids of the clients that read it since it last changed. */
  private final Map<Key, LongHashSet> table = new HashMap<>();
  private long items;
  /** BCAST prefixes, in byte order, with the clients registered on each and the keys seen this event. */
  private final TreeMap<Key, Prefix> prefixes = new TreeMap<>();
  private int trackingClients;
  private Outbox outbox;
  /** The client whose command is running: NOLOOP spares it. */
  private ClientState current;

  /** One BCAST prefix: who listens, and what changed under it during this event. */
  private static final class Prefix {
    final LongHashSet listeners = new LongHashSet();
    final List<byte[]> keys = new ArrayList<>();
    final LongArrayList writers = new LongArrayList();
  }

  /** A key name as a map key: the bytes, compared by content. */
  private static final class Key implements Comparable<Key> {
    final byte[] bytes;

    Key(final byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public boolean equals(final Object other) {
      return other instanceof Key && Arrays.equals(bytes, ((Key) other).bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(final Key other) {
      return Arrays.compareUnsigned(bytes, other.bytes);
    }
  }

  public Tracking(final Long2ObjectHashMap<ClientState> clients) {
    this.clients = clients;
  }

  /** Where this event's messages go, and whose command it runs (null for ticks). */
  public void begin(final Outbox outbox, final ClientState current) {
    this.outbox = outbox;
    this.current = current;
  }

  /** INFO clients' tracking_clients. */
  public int trackingClients() {
    return trackingClients;
  }

  /** INFO stats' tracking_total_keys. */
  public int totalKeys() {
    return table.size();
  }

  /** INFO stats' tracking_total_items: client ids over all keys. */
  public long totalItems() {
    return items;
  }

  /** INFO stats' tracking_total_prefixes. */
  public int totalPrefixes() {
    return prefixes.size();
  }

  /**
   * CLIENT TRACKING ON after its checks: Redis's enableTracking. Options reset to the new ones;
   * BCAST prefixes add to those already registered ("" when none is given).
   */
  public void enable(final ClientState client, final long redirect, final boolean bcast, final boolean optin,
      final boolean optout, final boolean noloop, final List<byte[]> newPrefixes) {
    if (!client.tracking) {
      trackingClients++;
    }
    client.tracking = true;
    client.trackingBrokenRedirect = false;
    client.trackingRedirect = redirect;
    client.trackingBcast = bcast;
    client.trackingOptin = optin;
    client.trackingOptout = optout;
    client.trackingNoloop = noloop;
    if (bcast) {
      if (newPrefixes.isEmpty()) {
        listen(client, new byte[0]);
      }
      for (final byte[] prefix : newPrefixes) {
        listen(client, prefix);
      }
    }
  }

  private void listen(final ClientState client, final byte[] prefix) {
    final Key key = new Key(prefix);
    if (!containsPrefix(client, prefix)) {
      client.trackingPrefixes.add(prefix);
    }
    prefixes.computeIfAbsent(key, k -> new Prefix()).listeners.add(client.id);
  }

  private static boolean containsPrefix(final ClientState client, final byte[] prefix) {
    for (final byte[] p : client.trackingPrefixes) {
      if (Arrays.equals(p, prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Redis's checkPrefixCollisionsOrReply: why these prefixes cannot be added to the client's, in
   * Redis's words, or null.
   */
  public static String collision(final ClientState client, final List<byte[]> newPrefixes) {
    for (int i = 0; i < newPrefixes.size(); i++) {
      final byte[] prefix = newPrefixes.get(i);
      for (final byte[] existing : client.trackingPrefixes) {
        if (overlap(existing, prefix)) {
          return "ERR Prefix '" + text(prefix) + "' overlaps with an existing prefix '" + text(existing)
              + "'. Prefixes for a single client must not overlap.";
        }
      }
      for (int j = i + 1; j < newPrefixes.size(); j++) {
        if (overlap(prefix, newPrefixes.get(j))) {
          return "ERR Prefix '" + text(prefix) + "' overlaps with another provided prefix '"
              + text(newPrefixes.get(j)) + "'. Prefixes for a single client must not overlap.";
        }
      }
    }
    return null;
  }

  /** One is a prefix of the other (Redis's stringCheckPrefix). */
  private static boolean overlap(final byte[] a, final byte[] b) {
    final int n = Math.min(a.length, b.length);
    return Arrays.equals(a, 0, n, b, 0, n);
  }

  private static String text(final byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** CLIENT TRACKING OFF, or the client went away: Redis's disableTracking. */
  public void disable(final ClientState client) {
    if (!client.tracking) {
      return;
    }
    for (final byte[] prefix : client.trackingPrefixes) {
      final Key key = new Key(prefix);
      final Prefix p = prefixes.get(key);
      if (p != null) {
        p.listeners.remove(client.id);
        if (p.listeners.isEmpty()) {
          prefixes.remove(key);
        }
      }
    }
    client.trackingPrefixes.clear();
    client.tracking = false;
    client.trackingBcast = false;
    client.trackingOptin = false;
    client.trackingOptout = false;
    client.trackingNoloop = false;
    client.trackingCaching = false;
    client.trackingBrokenRedirect = false;
    client.trackingRedirect = 0;
    trackingClients--;
  }

  /**
   * A read-only command of {@code client} ran on these keys: Redis's trackingRememberKeys, with its
   * OPTIN/OPTOUT rule. {@code keys} holds argument bytes, {@code count} of them.
   */
  public void remember(final ClientState client, final byte[][] keys, final int count) {
    if (!client.tracking || client.trackingBcast) {
      return;
    }
    if ((client.trackingOptin && !client.trackingCaching) || (client.trackingOptout && client.trackingCaching)) {
      return;
    }
    for (int i = 0; i < count; i++) {
      final LongHashSet ids = table.computeIfAbsent(new Key(keys[i]), k -> new LongHashSet());
      if (ids.add(client.id)) {
        items++;
      }
    }
  }

  /**
   * A key changed, expired or was evicted: Redis's trackingInvalidateKey. Every client that read it
   * hears of it once (NOLOOP spares the one whose command changed it) and the key leaves the
   * table; BCAST prefixes over it collect it for the end of the event.
   */
  public void modified(final Object keyBase, final long keyOffset, final int keyLength) {
    if (table.isEmpty() && prefixes.isEmpty()) {
      return;
    }
    final byte[] key = Bytes.toArray(keyBase, keyOffset, keyLength);
    if (!prefixes.isEmpty()) {
      collect(key);
    }
    final LongHashSet ids = table.remove(new Key(key));
    if (ids == null) {
      return;
    }
    items -= ids.size();
    final LongHashSet.LongIterator it = ids.iterator();
    while (it.hasNext()) {
      final ClientState target = clients.get(it.nextValue());
      if (target == null || !target.tracking || target.trackingBcast) {
        continue;
      }
      if (target.trackingNoloop && target == current) {
        continue;
      }
      send(target, key, null);
    }
  }

  private void collect(final byte[] key) {
    for (final Map.Entry<Key, Prefix> e : prefixes.entrySet()) {
      if (key.length >= e.getKey().bytes.length
          && Arrays.equals(key, 0, e.getKey().bytes.length, e.getKey().bytes, 0, e.getKey().bytes.length)) {
        e.getValue().keys.add(key);
        e.getValue().writers.addLong(current == null ? 0 : current.id);
      }
    }
  }

  /** FLUSHDB or FLUSHALL: every tracking client hears that everything is invalid; the table empties. */
  public void flushed() {
    if (trackingClients > 0) {
      for (final ClientState client : clients.values()) {
        if (client.tracking) {
          send(client, null, null);
        }
      }
    }
    table.clear();
    items = 0;
  }

  /** The end of an event: each BCAST client gets the keys changed under its prefixes, one array per prefix. */
  public void end() {
    if (!prefixes.isEmpty()) {
      for (final Prefix p : prefixes.values()) {
        if (p.keys.isEmpty()) {
          continue;
        }
        final LongHashSet.LongIterator it = p.listeners.iterator();
        while (it.hasNext()) {
          final ClientState target = clients.get(it.nextValue());
          if (target != null) {
            broadcast(target, p);
          }
        }
        p.keys.clear();
        p.writers.clear();
      }
    }
    outbox = null;
    current = null;
  }

  private void broadcast(final ClientState target, final Prefix p) {
    List<byte[]> keys = p.keys;
    if (target.trackingNoloop) {
      keys = new ArrayList<>();
      for (int i = 0; i < p.keys.size(); i++) {
        if (p.writers.getLong(i) != target.id) {
          keys.add(p.keys.get(i));
        }
      }
      if (keys.isEmpty()) {
        return;
      }
    }
    send(target, null, keys);
  }

  /**
   * Redis's sendTrackingMessage: to the client itself in RESP3, to its REDIRECT client (as a push,
   * or a Pub/Sub message if that one is a subscribed RESP2 connection), else nowhere; a redirect
   * whose client is gone is reported once per message as {@code tracking-redir-broken}. Writes the
   * key ({@code key}), the keys ({@code keys}) or, for a flush, null.
   */
  private void send(final ClientState client, final byte[] key, final List<byte[]> keys) {
    ClientState target = client;
    boolean redirected = false;
    if (client.trackingRedirect != 0) {
      target = clients.get(client.trackingRedirect);
      if (target == null) {
        client.trackingBrokenRedirect = true;
        if (client.protocol == 3) {
          final Reply r = outbox.open(client.connection, client.protocol, client.outputClass());
          r.push(2);
          r.bulk("tracking-redir-broken");
          r.integer(client.trackingRedirect);
        }
        return;
      }
      redirected = true;
    }
    final Reply r;
    if (target.protocol == 3) {
      r = outbox.open(target.connection, target.protocol, target.outputClass());
      r.push(2);
      r.bulk("invalidate");
    } else if (redirected && target.subscribed()) {
      r = outbox.open(target.connection, target.protocol, target.outputClass());
      r.array(3);
      r.bulk("message");
      r.bulk(CHANNEL);
    } else {
      return;
    }
    if (key != null) {
      r.array(1);
      r.bulk(key);
    } else if (keys != null) {
      r.array(keys.size());
      for (final byte[] k : keys) {
        r.bulk(k);
      }
    } else {
      r.nullBulk();
    }
  }
}
