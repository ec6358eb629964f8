package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.rustyredis.engine.CommandEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the slots an event loop's reads claimed reach the engine. */
class ReadBatchTest {
  private final RingBuffer<CommandEvent> ring = RingBuffer.createMultiProducer(CommandEvent::new, 8);
  /** Stands for the engine: how far it has consumed, so the ring can fill up. */
  private final Sequence consumed = new Sequence(-1);

  ReadBatchTest() {
    ring.addGatingSequences(consumed);
  }

  @Test
  void aConnectionsOwnBatchIsPublishedAtTheEndOfEachRead() {
    final ReadBatch batch = new ReadBatch(ring, false);
    final long first = batch.claim();
    final long second = batch.claim();
    assertFalse(ring.isAvailable(first), "claimed slots are not the engine's until published");
    batch.endOfRead();
    assertTrue(ring.isAvailable(first));
    assertTrue(ring.isAvailable(second));
  }

  @Test
  void aLoopsBatchWaitsForTheEndOfThePassNotTheEndOfOneRead() {
    final ReadBatch batch = new ReadBatch(ring, true);
    final long first = batch.claim();
    batch.endOfRead();
    final long second = batch.claim();
    assertFalse(ring.isAvailable(first));
    batch.publish();
    assertTrue(ring.isAvailable(first));
    assertTrue(ring.isAvailable(second));
  }

  @Test
  void aFullRingGetsWhatTheBatchHoldsBeforeTheBatchWaitsForSpace() throws Exception {
    final ReadBatch batch = new ReadBatch(ring, true);
    final CompletableFuture<Long> ninth = CompletableFuture.supplyAsync(() -> {
      for (int i = 0; i < 8; i++) {
        batch.claim();
      }
      return batch.claim();
    });
    // The ninth claim can only get a slot once the engine consumed one, and the engine can only
    // consume what was published: had the batch waited holding its eight, this would never end.
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!ring.isAvailable(7) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(ring.isAvailable(7), "the eight held slots were published while the ring was full");
    assertFalse(ninth.isDone());
    consumed.set(7);
    assertEquals(8L, ninth.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aReadRunAsATaskIsPublishedBeforeTheLoopSleeps() throws Exception {
    final RingEventLoop.Group group = new RingEventLoop.Group(1,
        Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory(), ring);
    try {
      final EventLoop loop = group.next();
      // Netty runs some reads as tasks (a socket whose reading resumed): their slots are claimed
      // outside the I/O pass, after which the loop has nothing to do and would sleep. A scheduled
      // task runs when the loop's own timer ends its wait, with nobody waking it afterwards.
      final long claimed = loop.schedule(() -> ((RingEventLoop) loop).batch().claim(), 20, TimeUnit.MILLISECONDS)
          .get(5, TimeUnit.SECONDS);
      // Published at once; 500 ms only bounds a slow machine. Left for the loop's next I/O pass, the
      // slot would wait for whatever wakes the loop next: here its one-second safeguard wait.
      final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
      while (!ring.isAvailable(claimed) && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertTrue(ring.isAvailable(claimed), "the loop published what its task claimed before it slept");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
