package io.rustyredis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replies a command produces for clients other than its sender: the value a blocked client was
 * waiting for, a message to a subscriber. Each connection gets one {@link Reply} per event, encoded
 * in that client's protocol: opening a connection again appends to the reply already open for it,
 * so a PUBLISH matching one subscriber through ten patterns hands the reply stage one buffer, not
 * ten. The replies are pooled and reused with the event, so delivering costs no allocation once
 * warm.
 *
 * <p>Finding a connection's open reply is an open-addressing table keyed on the connection's
 * identity (the transport's handle is one object per connection), so fan-out to N subscribers
 * stays O(N).
 */
public final class Outbox {
  private final List<Reply> replies = new ArrayList<>();
  private Object[] connections = new Object[4];
  private byte[] outputClasses = new byte[4];
  /** Index + 1 of each connection's reply, by identity hash; 0 = free. */
  private int[] slots = new int[16];
  private int size;

  /** Starts (or continues) a reply to another client of the normal output class. */
  public Reply open(final Object connection, final int protocol) {
    return open(connection, protocol, 0);
  }

  /**
   * Starts a reply to another client, or continues the one this event already opened for it;
   * write into the returned {@link Reply}. {@code outputClass} is the client's class for
   * {@code client-output-buffer-limit} (an {@code OutputBufferLimits} constant).
   */
  public Reply open(final Object connection, final int protocol, final int outputClass) {
    final int mask = slots.length - 1;
    int slot = System.identityHashCode(connection) & mask;
    while (slots[slot] != 0) {
      final int index = slots[slot] - 1;
      if (connections[index] == connection) {
        outputClasses[index] = (byte) Math.max(outputClasses[index], outputClass);
        return replies.get(index);
      }
      slot = (slot + 1) & mask;
    }
    if (size == replies.size()) {
      replies.add(new Reply());
    }
    if (size == connections.length) {
      connections = Arrays.copyOf(connections, size * 2);
      outputClasses = Arrays.copyOf(outputClasses, size * 2);
    }
    final Reply reply = replies.get(size);
    reply.reset(protocol);
    connections[size] = connection;
    outputClasses[size] = (byte) outputClass;
    size++;
    slots[slot] = size;
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    return reply;
  }

  private void rehash(final int capacity) {
    slots = new int[capacity];
    final int mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int slot = System.identityHashCode(connections[i]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
    }
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

  /** The {@code client-output-buffer-limit} class of the {@code index}-th reply's client. */
  public int outputClass(final int index) {
    return outputClasses[index];
  }

  /** Empties the outbox for the slot's next use. */
  public void clear() {
    if (size == 0) {
      return;
    }
    for (int i = 0; i < size; i++) {
      connections[i] = null;
    }
    size = 0;
    Arrays.fill(slots, 0);
  }
}
