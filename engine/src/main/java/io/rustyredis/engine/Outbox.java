package io.rustyredis.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Replies a command produces for clients other than its sender: the value a blocked client was
 * waiting for, a message to a subscriber. Each goes into its own {@link Reply}, encoded in that
 * client's protocol, and the reply stage delivers them with the event's own reply. The replies are
 * pooled and reused with the event, so delivering costs no allocation once warm.
 */
public final class Outbox {
  private final List<Reply> replies = new ArrayList<>();
  private Object[] connections = new Object[4];
  private int size;

  /** Starts a reply to another client; write into the returned {@link Reply}. */
  public Reply open(final Object connection, final int protocol) {
    if (size == replies.size()) {
      replies.add(new Reply());
    }
    if (size == connections.length) {
      connections = java.util.Arrays.copyOf(connections, size * 2);
    }
    final Reply reply = replies.get(size);
    reply.reset(protocol);
    connections[size] = connection;
    size++;
    return reply;
  }

  public int size() {
    return size;
  }

  /** The transport's handle of the connection the {@code index}-th reply goes to. */
  public Object connection(final int index) {
    return connections[index];
  }

  public Reply reply(final int index) {
    return replies.get(index);
  }

  /** Empties the outbox for the slot's next use. */
  public void clear() {
    for (int i = 0; i < size; i++) {
      connections[i] = null;
    }
    size = 0;
  }
}
