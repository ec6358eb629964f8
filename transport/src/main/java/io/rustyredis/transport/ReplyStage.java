package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.Outbox;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.config.OutputBufferLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
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
 * this batch, plus those waiting in our write tasks its event loop has not run yet, plus what
 * Netty still holds unsent for it, and a client over its class's hard limit, or over the soft
 * limit for longer than the soft seconds, is closed at once with what it was owed dropped. That is
 * what keeps a subscriber that stopped reading from growing the server's memory; the class
 * (normal, pubsub) comes from the engine with each reply.
 *
 * <p>Why the writes go to each event loop as one task per batch, into buffers kept per connection:
 * a {@code writeAndFlush} from outside the event loop costs a task object per write, and a buffer
 * allocated on this thread but released on the event loop goes back to a pool this thread does
 * not draw from. Both showed as Netty's recyclers allocating fresh objects at a steady 7 MB/s under
 * pipelined SETs, and so a young collection every 30 s (bench/README.md). One reusable task per
 * event loop and batch, and a connection reusing its previous write's buffer once Netty has let go
 * of it (as Redis keeps a 16 KB reply buffer per client), allocate nothing once warm.
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
  /** The previous event's connection: pipelined commands come in runs of one connection's. */
  private Connection last;
  /** Bytes queued in this batch, added to the traffic counter once per batch (a volatile write). */
  private long batchBytes;
  /** The event loops with writes in this batch, and their writers by loop (this thread's only). */
  private final List<LoopWrites> dirtyLoops = new ArrayList<>();
  private final Map<EventLoop, LoopWrites> loops = new IdentityHashMap<>();
  /**
   * Buffers over this size are not kept for reuse: one big reply must not pin its memory for the
   * life of the connection (10,000 clients would hold 640 MB at 64 KB). 16 KB is Redis's own
   * per-client reply buffer (PROTO_REPLY_CHUNK_BYTES).
   */
  private static final int MAX_SPARE_BYTES = 16 * 1024;
  /**
   * A connection's replies in one batch fill buffers of at most this many bytes (a single bigger
   * reply gets a buffer of its own size); a full one is handed to the event loop at once, to be
   * written ahead of the rest and flushed with them. One buffer grown by doubling for a whole batch
   * could hold twice what it carries, and past Netty's 4 MB threshold a buffer grows in 4 MB steps:
   * a subscriber owed 4 MB in one batch held 8. 64 KB is what Redis writes to one client per event
   * loop pass (NET_MAX_WRITES_PER_EVENT).
   */
  static final int REPLY_CHUNK_BYTES = 64 * 1024;
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
      if (last != null && last.id == event.connectionId) {
        last = null;
      }
    } else if (event.type == EventType.DISCONNECT) {
      final Connection gone = byId.remove(event.connectionId);
      if (gone == last) {
        last = null;
      }
      if (gone != null) {
        gone.disconnected = true;
        dropSpare(gone, true);
      }
    } else if (connection == null) {
      if (last != null && last.id == event.connectionId) {
        connection = last;
      } else {
        connection = byId.get(event.connectionId);
        last = connection;
      }
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
      final ByteBuf pending = connection.pending;
      if (pending == null) {
        connection.pending = buffer(connection, length);
      } else if (pending.readableBytes() + length > REPLY_CHUNK_BYTES) {
        handOff(connection, pending, false);
        connection.pending = buffer(connection, length);
      }
      connection.pending.writeBytes(bytes, 0, length);
      batchBytes += length;
    }
    connection.closeAfterFlush |= close;
    if (!connection.dirty) {
      connection.dirty = true;
      dirty.add(connection);
    }
    if (length > 0 && overLimit(connection, outputClass, now)) {
      LOG.warn("Client id={} closed for overcoming of output buffer limits.", connection.id);
      if (connection.pending == connection.spare) {
        dropSpare(connection, false);
      }
      connection.pending.release();
      connection.pending = null;
      connection.closeAfterFlush = true;
    }
  }

  /**
   * The connection's previous buffer if Netty is done writing it (its count is back to our one
   * reference), else a new one that becomes the kept one. The count is read with a volatile read
   * after Netty's release on the event loop, so nothing of Netty's use of it is still in flight.
   */
  private ByteBuf buffer(final Connection connection, final int length) {
    final ByteBuf spare = connection.spare;
    if (spare != null && spare.refCnt() == 1) {
      return spare.clear();
    }
    dropSpare(connection, true);
    return allocator.directBuffer(Math.max(length, 4096));
  }

  /**
   * Keeps {@code bytes} (the reused spare, or a fresh buffer while there is no spare) for the
   * connection's next batch: one more reference, ours, besides the one Netty releases once written.
   * A closing connection or a buffer grown past the limit is left to Netty's release alone.
   */
  private void keep(final Connection connection, final ByteBuf bytes) {
    if (!connection.closeAfterFlush && !connection.disconnected && bytes.capacity() <= MAX_SPARE_BYTES) {
      connection.spare = bytes;
      bytes.retain();
    } else if (connection.spare == bytes) {
      dropSpare(connection, false);
    }
  }

  /** Forgets the connection's kept buffer, giving back our reference to it if {@code release}. */
  private void dropSpare(final Connection connection, final boolean release) {
    final ByteBuf spare = connection.spare;
    if (spare != null) {
      connection.spare = null;
      if (release) {
        spare.release();
      }
    }
  }

  /**
   * The ring is stopping: gives back the buffers kept for the connections it will not hear of
   * again. Those are all in {@code byId}: a buffer is kept only until the connection's DISCONNECT.
   */
  @Override
  public void onShutdown() {
    for (final Connection connection : byId.values()) {
      dropSpare(connection, true);
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
    final long used = connection.pending.readableBytes() + connection.queuedBytes.get() + unsent(connection.channel);
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

  /**
   * A full buffer of a connection's replies goes to its event loop's task now, to be written (not
   * yet flushed) ahead of what the batch still adds. It is Netty's alone from here: if it was the
   * connection's kept buffer, our reference to it passes to Netty's write.
   */
  private void handOff(final Connection connection, final ByteBuf bytes, final boolean last) {
    if (connection.spare == bytes && !last) {
      dropSpare(connection, false);
    }
    connection.queuedBytes.addAndGet(bytes.readableBytes());
    enqueue(connection, bytes, !last ? 0 : connection.closeAfterFlush ? WriteBatch.FLUSH | WriteBatch.CLOSE : WriteBatch.FLUSH);
  }

  /** Adds a write (or, with no bytes, a close) to the batch's task for the connection's event loop. */
  private void enqueue(final Connection connection, final ByteBuf bytes, final int flags) {
    LoopWrites loop = connection.loop;
    if (loop == null) {
      loop = loops.computeIfAbsent(connection.channel.eventLoop(), LoopWrites::new);
      connection.loop = loop;
    }
    if (loop.add(connection, bytes, flags)) {
      dirtyLoops.add(loop);
    }
  }

  private void flush() {
    for (int i = 0, n = dirty.size(); i < n; i++) {
      final Connection connection = dirty.get(i);
      final ByteBuf bytes = connection.pending;
      connection.pending = null;
      connection.dirty = false;
      if (bytes == null) {
        // Over its output limit, or closed by QUIT, KILL or an error with nothing more to send.
        enqueue(connection, null, WriteBatch.CLOSE);
        continue;
      }
      keep(connection, bytes);
      handOff(connection, bytes, true);
    }
    for (int i = 0, n = dirtyLoops.size(); i < n; i++) {
      dirtyLoops.get(i).submit();
    }
    dirtyLoops.clear();
    dirty.clear();
    if (batchBytes > 0) {
      traffic.written(batchBytes);
      batchBytes = 0;
    }
    if (!arrivals.isEmpty()) {
      // "Flushed" is handed to the connections' event loops with a flush: the socket write follows.
      // The commands of one socket read share its arrival time: one record per run of them.
      final long now = System.nanoTime();
      for (int i = 0, n = arrivals.size(); i < n; ) {
        final long arrival = arrivals.getLong(i);
        int run = 1;
        while (i + run < n && arrivals.getLong(i + run) == arrival) {
          run++;
        }
        metrics.record(PipelineMetrics.FLUSH, now - arrival, run);
        i += run;
      }
      arrivals.clear();
    }
  }

  /**
   * One event loop's writes of the current batch, handed to it as one task. Tasks are reused once
   * the loop has run them ({@code done}, volatile); a loop slower than the batches gets a second
   * and third task, never a wait on this thread.
   */
  static final class LoopWrites {
    private final EventLoop loop;
    private final List<WriteBatch> tasks = new ArrayList<>();
    private WriteBatch filling;

    LoopWrites(final EventLoop loop) {
      this.loop = loop;
    }

    /** Adds one connection's write; true when it is the first of this batch for this loop. */
    boolean add(final Connection connection, final ByteBuf bytes, final int flags) {
      final boolean first = filling == null;
      if (first) {
        filling = free();
      }
      filling.add(connection, bytes, flags);
      return first;
    }

    void submit() {
      final WriteBatch batch = filling;
      filling = null;
      batch.done = false;
      if (loop.inEventLoop()) {
        batch.run();
        return;
      }
      try {
        loop.execute(batch);
      } catch (final RejectedExecutionException stopped) {
        // The server is stopping and its event loops with it: nobody is left to write to.
        batch.drop();
      }
    }

    private WriteBatch free() {
      for (int i = 0, n = tasks.size(); i < n; i++) {
        if (tasks.get(i).done) {
          return tasks.get(i);
        }
      }
      final WriteBatch batch = new WriteBatch();
      tasks.add(batch);
      return batch;
    }
  }

  /**
   * The writes that run on the event loop: each connection's bytes written and flushed, or closed.
   * Once Netty holds the bytes (sent, or in its own outbound buffer, which it counts) they stop
   * counting as queued in our task.
   */
  static final class WriteBatch implements Runnable {
    /** Flush the connection after this write: the batch's last bytes for it. */
    static final int FLUSH = 1;
    /** Close the connection after this write is out (or at once, with no bytes). */
    static final int CLOSE = 2;
    private Connection[] connections = new Connection[16];
    private ByteBuf[] buffers = new ByteBuf[16];
    private int[] flags = new int[16];
    private int size;
    volatile boolean done = true;

    void add(final Connection connection, final ByteBuf bytes, final int flags) {
      if (size == connections.length) {
        connections = Arrays.copyOf(connections, size * 2);
        buffers = Arrays.copyOf(buffers, size * 2);
        this.flags = Arrays.copyOf(this.flags, size * 2);
      }
      connections[size] = connection;
      buffers[size] = bytes;
      this.flags[size] = flags;
      size++;
    }

    void drop() {
      for (int i = 0; i < size; i++) {
        final ByteBuf bytes = buffers[i];
        if (bytes != null) {
          connections[i].queuedBytes.addAndGet(-bytes.readableBytes());
          bytes.release();
          buffers[i] = null;
        }
        connections[i] = null;
      }
      size = 0;
      done = true;
    }

    @Override
    public void run() {
      for (int i = 0; i < size; i++) {
        final Connection connection = connections[i];
        final Channel channel = connection.channel;
        final ByteBuf bytes = buffers[i];
        connections[i] = null;
        buffers[i] = null;
        // Read before the write: once written, Netty may release the buffer and clear it.
        final int length = bytes == null ? 0 : bytes.readableBytes();
        try {
          if (bytes == null) {
            channel.close();
          } else if ((flags[i] & FLUSH) == 0) {
            channel.write(bytes, channel.voidPromise());
          } else if ((flags[i] & CLOSE) != 0) {
            channel.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
          } else {
            channel.writeAndFlush(bytes, channel.voidPromise());
          }
        } catch (final RuntimeException e) {
          // Netty reports write failures through the promise; this is only a last guard, so one
          // channel's trouble neither stops the others' writes nor loses this task for reuse.
          LOG.warn("write to client failed: {}", e.toString());
          channel.close();
        } finally {
          if (length > 0) {
            connection.queuedBytes.addAndGet(-length);
          }
        }
      }
      size = 0;
      done = true;
    }
  }
}
