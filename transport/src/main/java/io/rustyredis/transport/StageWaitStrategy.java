package io.rustyredis.transport;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spin briefly, then sleep until woken, for every stage of the ring, including stages that wait on
 * another stage rather than on the producers.
 *
 * <p>Why not Disruptor's {@code BlockingWaitStrategy}: it sleeps only while the producers' cursor is
 * behind, and busy-spins while it waits on an upstream stage (Disruptor issue #219). Our reply stage
 * waits on the engine, so under load it would spin through every batch the engine runs, and on a
 * two-core machine that spinning takes the core Netty's I/O thread needs. Here a stage that waits
 * on another sleeps too, and the stage it waits on wakes it at the end of each batch ({@link
 * SignallingHandler}); producers wake everyone as usual through {@link #signalAllWhenBlocking()}.
 *
 * <p>The lock is taken only when somebody sleeps: signallers check a count of sleepers first. A
 * sleeper counts itself before re-checking the sequence, and a signaller publishes its sequence
 * before reading the count (both volatile), so a wake-up cannot fall between them. The timed wait
 * is a belt-and-braces bound, not the mechanism.
 */
final class StageWaitStrategy implements WaitStrategy {
  private static final int SPINS = 200;
  private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progressed = lock.newCondition();
  private final AtomicInteger sleepers = new AtomicInteger();

  @Override
  public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
      throws AlertException, InterruptedException {
    long available;
    for (int i = 0; i < SPINS; i++) {
      if ((available = dependentSequence.get()) >= sequence) {
        return available;
      }
      barrier.checkAlert();
      Thread.onSpinWait();
    }
    while ((available = dependentSequence.get()) < sequence) {
      barrier.checkAlert();
      lock.lock();
      try {
        sleepers.incrementAndGet();
        try {
          if (dependentSequence.get() < sequence && !barrier.isAlerted()) {
            progressed.awaitNanos(MAX_SLEEP_NANOS);
          }
        } finally {
          sleepers.decrementAndGet();
        }
      } finally {
        lock.unlock();
      }
    }
    return available;
  }

  @Override
  public void signalAllWhenBlocking() {
    if (sleepers.get() > 0) {
      lock.lock();
      try {
        progressed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
