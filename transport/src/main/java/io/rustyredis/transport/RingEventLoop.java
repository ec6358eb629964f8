package io.rustyredis.transport;

import com.lmax.disruptor.RingBuffer;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rustyredis.engine.CommandEvent;
import java.util.concurrent.Executor;

/**
 * A Netty event loop that publishes its connections' commands to the ring once per pass over its
 * ready sockets ({@link ReadBatch} says why).
 *
 * <p>Netty's loop alternates {@link #runIo()} (wait for readiness, then read every ready socket)
 * with running its queued tasks (here: the reply stage's writes). The batch is published after the
 * reads, and also before the wait: a read that Netty runs as a task (a socket whose reading was
 * resumed) claims slots outside the I/O pass, and they must not sit unpublished while the loop
 * sleeps.
 */
final class RingEventLoop extends SingleThreadIoEventLoop {
  private final ReadBatch batch;

  private RingEventLoop(final Group parent, final Executor executor, final IoHandlerFactory factory,
      final RingBuffer<CommandEvent> ring) {
    super(parent, executor, factory);
    this.batch = new ReadBatch(ring, true);
  }

  /** The batch of this loop's connections; used only on this loop's thread. */
  ReadBatch batch() {
    return batch;
  }

  @Override
  protected int runIo() {
    batch.publish();
    final int handled = super.runIo();
    batch.publish();
    return handled;
  }

  /** The I/O threads ({@code io-threads} of them), each a {@link RingEventLoop} on one ring. */
  static final class Group extends MultiThreadIoEventLoopGroup {
    Group(final int threads, final IoHandlerFactory factory, final RingBuffer<CommandEvent> ring) {
      super(threads, new DefaultThreadFactory("rusty-io"), factory, ring);
    }

    @Override
    protected IoEventLoop newChild(final Executor executor, final IoHandlerFactory factory, final Object... args) {
      @SuppressWarnings("unchecked")
      final RingBuffer<CommandEvent> ring = (RingBuffer<CommandEvent>) args[0];
      return new RingEventLoop(this, executor, factory, ring);
    }
  }
}
