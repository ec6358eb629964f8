package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.Outbox;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.config.OutputBufferLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

/**
 * The last stage of the ring: hands each event's reply bytes to its connection, and flushes every
 * connection that got some once per batch, not once per command. One write and one syscall for a
 * whole pipelined batch is where pipelined throughput comes from. Running on a single thread in
 * ring order, it also keeps each connection's replies in the order its commands came.
 *
 * <p>It also enforces {@code client-output-buffer-limit}, as Redis's
 * {@code checkClientOutputBufferLimits}: what a connection owes is the bytes gathered for it in
 * this batch plus what Netty still holds unsent for it (queued write tasks included), and a
 * client over its class's hard limit, or over the soft limit for longer than the soft seconds, is
 * closed at once with what it was owed dropped. That is what keeps a subscriber that stopped
 * reading from growing the server's memory; the class (normal, pubsub) comes from the engine
 * with each reply.
 */
final class ReplyStage implements EventHandler<CommandEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyStage.class);
  private final ByteBufAllocator allocator;
  private final Map<Long, Connection> connections;
  private final Runnable shutdown;
  private final Supplier<OutputBufferLimits> limits;
  private final List<Connection> dirty = new ArrayList<>();
  private final PipelineMetrics metrics;
  private final NetworkTraffic traffic;
  /**
   * The connections by id, as the ring has announced them (CONNECT adds, DISCONNECT removes), for
   * the events that carry only the id. This thread's own map: no boxing, no lock.
   */
  private final Long2ObjectHashMap<Connection> byId = new Long2ObjectHashMap<>();
  /** Arrival times of the batch's commands, to time the whole pipeline once the batch is flushed. */
  private final LongArrayList arrivals = new LongArrayList();

  /** A reply stage that enforces no output buffer limit. */
  ReplyStage(final ByteBufAllocator allocator, final Map<Long, Connection> connections, final Runnable shutdown) {
    this(allocator, connections, shutdown, () -> null, null, new NetworkTraffic());
  }

  /**
   * {@code limits} is read per reply: CONFIG SET may replace it while the server runs;
   * {@code metrics} (may be null) gets each command's time until its reply was flushed.
   */
  ReplyStage(
      final ByteBufAllocator allocator, final Map<Long, Connection> connections, final Runnable shutdown,
      final Supplier<OutputBufferLimits> limits, final PipelineMetrics metrics, final NetworkTraffic traffic) {
    this.allocator = allocator;
    this.connections = connections;
    this.shutdown = shutdown;
    this.limits = limits;
    this.metrics = metrics;
    this.traffic = traffic;
  }

  @Override
  public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch) {
    final Reply own = event.reply;
    final long now = event.timeMillis;
    Connection connection = (Connection) event.connection;
    if (event.type == EventType.CONNECT && connection != null) {
      byId.put(event.connectionId, connection);
    } else if (event.type == EventType.DISCONNECT) {
      byId.remove(event.connectionId);
    } else if (connection == null) {
      connection = byId.get(event.connectionId);
    }
    queue(connection, own.array(), own.length(), event.closeAfterReply, event.outputClass, now);
    // Replies this event made for other clients: a blocked client served, a subscriber's message.
    final Outbox outbox = event.outbox;
    for (int i = 0; i < outbox.size(); i++) {
      final Reply reply = outbox.reply(i);
      queue((Connection) outbox.connection(i), reply.array(), reply.length(), false, outbox.outputClass(i), now);
    }
    // Killed clients still get what they were owed so far, then the close (as QUIT's).
    for (int i = 0; i < event.killConnections.size(); i++) {
      queue(connections.get(event.killConnections.getLong(i)), null, 0, true, 0, now);
    }
    event.connection = null;
    if (event.arrivalNanos != 0 && metrics != null) {
      arrivals.addLong(event.arrivalNanos);
    }
    // SHUTDOWN stops the I/O threads from another thread right after this: whatever the batch
    // owes its clients so far goes out now, not at an end of batch that may never be reached.
    if (endOfBatch || event.shutdown) {
      flush();
    }
    if (event.shutdown) {
      shutdown.run();
    }
  }

  private void queue(
      final Connection connection, final byte[] bytes, final int length, final boolean close, final int outputClass,
      final long now) {
    // After QUIT or a protocol error Redis reads nothing more from the client, so nothing
    // pipelined behind it may answer: its replies are dropped and the close stays last.
    if (connection == null || connection.closeAfterFlush || (length == 0 && !close)) {
      return;
    }
    if (length > 0) {
      if (connection.pending == null) {
        connection.pending = allocator.directBuffer(Math.max(length, 4096));
      }
      connection.pending.writeBytes(bytes, 0, length);
      traffic.written(length);
    }
    connection.closeAfterFlush |= close;
    if (!connection.dirty) {
      connection.dirty = true;
      dirty.add(connection);
    }
    if (length > 0 && overLimit(connection, outputClass, now)) {
      LOG.warn("Client id={} closed for overcoming of output buffer limits.", connection.id);
      connection.pending.release();
      connection.pending = null;
      connection.closeAfterFlush = true;
    }
  }

  /** Redis's checkClientOutputBufferLimits: hard limit at once, soft limit after its seconds. */
  private boolean overLimit(final Connection connection, final int outputClass, final long now) {
    final OutputBufferLimits l = limits.get();
    if (l == null) {
      return false;
    }
    final long hard = l.hard(outputClass);
    final long soft = l.soft(outputClass);
    if (hard == 0 && soft == 0) {
      return false;
    }
    final long used = connection.pending.readableBytes() + unsent(connection.channel);
    if (hard > 0 && used >= hard) {
      return true;
    }
    if (soft == 0 || used < soft) {
      connection.softLimitSince = 0;
      return false;
    }
    final long seconds = now / 1000;
    if (connection.softLimitSince == 0) {
      connection.softLimitSince = seconds;
      return false;
    }
    return seconds - connection.softLimitSince > l.softSeconds(outputClass);
  }

  /** What Netty holds for the channel and has not written to the socket (0 once closed). */
  private static long unsent(final Channel channel) {
    final ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  private void flush() {
    for (int i = 0, n = dirty.size(); i < n; i++) {
      final Connection connection = dirty.get(i);
      final ByteBuf bytes = connection.pending;
      connection.pending = null;
      connection.dirty = false;
      if (bytes == null) {
        connection.channel.close();
      } else if (connection.closeAfterFlush) {
        connection.channel.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
      } else {
        connection.channel.writeAndFlush(bytes, connection.channel.voidPromise());
      }
    }
    dirty.clear();
    if (!arrivals.isEmpty()) {
      // "Flushed" is handed to the connections' event loops with a flush: the socket write follows.
      final long now = System.nanoTime();
      for (int i = 0, n = arrivals.size(); i < n; i++) {
        metrics.record(PipelineMetrics.FLUSH, now - arrivals.getLong(i));
      }
      arrivals.clear();
    }
  }
}
