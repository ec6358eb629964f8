package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Outbox;
import io.rustyredis.engine.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agrona.collections.LongArrayList;

/**
 * The last stage of the ring: hands each event's reply bytes to its connection, and flushes every
 * connection that got some once per batch, not once per command. One write and one syscall for a
 * whole pipelined batch is where pipelined throughput comes from. Running on a single thread in
 * ring order, it also keeps each connection's replies in the order its commands came.
 */
final class ReplyStage implements EventHandler<CommandEvent> {
  private final ByteBufAllocator allocator;
  private final Map<Long, Connection> connections;
  private final Runnable shutdown;
  private final List<Connection> dirty = new ArrayList<>();
  private final PipelineMetrics metrics;
  /** Arrival times of the batch's commands, to time the whole pipeline once the batch is flushed. */
  private final LongArrayList arrivals = new LongArrayList();

  ReplyStage(final ByteBufAllocator allocator, final Map<Long, Connection> connections, final Runnable shutdown) {
    this(allocator, connections, shutdown, null);
  }

  ReplyStage(final ByteBufAllocator allocator, final Map<Long, Connection> connections, final Runnable shutdown,
      final PipelineMetrics metrics) {
    this.allocator = allocator;
    this.connections = connections;
    this.shutdown = shutdown;
    this.metrics = metrics;
  }

  @Override
  public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch) {
    final Reply own = event.reply;
    queue((Connection) event.connection, own.array(), own.length(), event.closeAfterReply);
    // Replies this event made for other clients: a blocked client served, a subscriber's message.
    final Outbox outbox = event.outbox;
    for (int i = 0; i < outbox.size(); i++) {
      final Reply reply = outbox.reply(i);
      queue((Connection) outbox.connection(i), reply.array(), reply.length(), false);
    }
    // Killed clients still get what they were owed so far, then the close (as QUIT's).
    for (int i = 0; i < event.killConnections.size(); i++) {
      queue(connections.get(event.killConnections.getLong(i)), null, 0, true);
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

  private void queue(final Connection connection, final byte[] bytes, final int length, final boolean close) {
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
    }
    connection.closeAfterFlush |= close;
    if (!connection.dirty) {
      connection.dirty = true;
      dirty.add(connection);
    }
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
