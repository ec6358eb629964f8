package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import io.rustyredis.engine.CommandEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The ring's consumer waits for a slot to be published, asleep, not for it to be claimed. */
class StageWaitStrategyTest {

  @Test
  void aClaimedButUnpublishedSlotIsWaitedForAsleepAndItsPublicationWakesTheConsumer() throws Exception {
    final StageWaitStrategy wait = new StageWaitStrategy();
    final RingBuffer<CommandEvent> ring = RingBuffer.createMultiProducer(CommandEvent::new, 64, wait);
    wait.ring(ring);
    final SequenceBarrier barrier = ring.newBarrier();
    final long claimed = ring.next();
    final AtomicReference<Thread> consumer = new AtomicReference<>();
    final CompletableFuture<Long> got = CompletableFuture.supplyAsync(() -> {
      consumer.set(Thread.currentThread());
      try {
        return barrier.waitFor(claimed);
      } catch (final Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // An I/O thread holds its pass's slots claimed until the pass ends: the consumer must not
    // come back empty-handed (and spin on it), it sleeps until the publication.
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Thread.State seen = null;
    while (seen != Thread.State.TIMED_WAITING && !got.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(1);
      seen = consumer.get() == null ? null : consumer.get().getState();
    }
    assertTrue(!got.isDone(), "returned before the slot was published: " + (got.isDone() ? got.get() : ""));
    assertEquals(Thread.State.TIMED_WAITING, seen, "asleep, not spinning");
    ring.publish(claimed);
    assertEquals(claimed, got.get(1, TimeUnit.SECONDS), "the publication ends the wait");
  }
}
