package io.rustyredis.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport's side of one client: its channel and the reply bytes gathered for it during the
 * current ring batch. {@code pending} and {@code closeAfterFlush} belong to the reply stage's
 * thread alone; the channel is Netty's and safe to write from any thread.
 */
final class Connection {
  final long id;
  final Channel channel;
  ByteBuf pending;
  /**
   * The buffer of this connection's previous write, kept to be reused (see ReplyStage#buffer);
   * the reply stage holds one reference to it, Netty another until the write is done.
   */
  ByteBuf spare;
  /** The writer of the event loop this channel is on (reply stage's thread only). */
  ReplyStage.LoopWrites loop;
  boolean closeAfterFlush;
  boolean dirty;
  /** The ring has seen its DISCONNECT: nothing is kept for it any more (reply stage's thread). */
  boolean disconnected;
  /**
   * Reply bytes handed to the event loop in write tasks it has not run yet: added by the reply
   * stage when it hands a batch over, taken off by the event loop once Netty holds them (and counts
   * them itself). Without it a client that stopped reading could owe far more than its output
   * limit while the loop is busy.
   */
  final AtomicLong queuedBytes = new AtomicLong();
  /** Unix second it went over its soft output buffer limit, 0 while under it. */
  long softLimitSince;

  Connection(final long id, final Channel channel) {
    this.id = id;
    this.channel = channel;
  }
}
