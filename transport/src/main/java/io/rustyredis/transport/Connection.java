package io.rustyredis.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The transport's side of one client: its channel and the reply bytes gathered for it during the
 * current ring batch. {@code pending} and {@code closeAfterFlush} belong to the reply stage's
 * thread alone; the channel is Netty's and safe to write from any thread.
 */
final class Connection {
  final long id;
  final Channel channel;
  ByteBuf pending;
  boolean closeAfterFlush;
  boolean dirty;
  /** Unix second it went over its soft output buffer limit, 0 while under it. */
  long softLimitSince;

  Connection(final long id, final Channel channel) {
    this.id = id;
    this.channel = channel;
  }
}
