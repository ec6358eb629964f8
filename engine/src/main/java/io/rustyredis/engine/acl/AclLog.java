package io.rustyredis.engine.acl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * ACL LOG: the most recent refusals, newest first, as Redis keeps them. A refusal like one already
 * logged (same reason, context, object and user) within a minute bumps that entry's count and
 * moves it to the front instead of adding another, so a client retrying in a loop cannot flush
 * the log. At most {@code acllog-max-len} entries are kept.
 */
public final class AclLog {
  private static final long GROUPING_MILLIS = 60_000;

  /** One entry; {@code client-info} is the CLIENT LIST line of the client at its last refusal. */
  public static final class Entry {
    public long count;
    public final String reason;
    public final String context;
    public final String object;
    public final String username;
    public long createdMillis;
    public String clientInfo;

    Entry(final String reason, final String context, final String object, final String username) {
      this.reason = reason;
      this.context = context;
      this.object = object;
      this.username = username;
    }
  }

  private final Deque<Entry> entries = new ArrayDeque<>();
  private int maxLength = 128;

  public void maxLength(final int maxLength) {
    this.maxLength = maxLength;
  }

  public void add(final String reason, final String context, final String object, final String username,
      final long now, final String clientInfo) {
    Entry entry = null;
    for (final Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      final Entry e = it.next();
      if (e.reason.equals(reason) && e.context.equals(context) && e.object.equals(object)
          && e.username.equals(username) && now - e.createdMillis < GROUPING_MILLIS) {
        it.remove();
        entry = e;
        break;
      }
    }
    if (entry == null) {
      entry = new Entry(reason, context, object, username);
    }
    entry.count++;
    entry.createdMillis = now;
    entry.clientInfo = clientInfo;
    entries.addFirst(entry);
    while (entries.size() > maxLength) {
      entries.removeLast();
    }
  }

  /** Newest first. */
  public Iterable<Entry> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }

  public void reset() {
    entries.clear();
  }
}
