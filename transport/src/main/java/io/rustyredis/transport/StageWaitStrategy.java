package io.rustyredis.transport;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spin briefly, then sleep until a producer wakes it: the ring's consumer's wait.
 *
 * <p>Why not Disruptor's {@code BlockingWaitStrategy}: it is the same idea but takes its lock on
 * every publish, sleepers or not. Here the lock is taken only when somebody sleeps: producers
 * ({@link #signalAllWhenBlocking()}) check a count of sleepers first. A sleeper counts itself
 * before re-checking the sequence, and a producer publishes its sequence, then a full fence, then
 * reads the count, so a wake-up cannot fall between them.
 *
 * <p>It waits for the slot to be <em>published</em>, not only claimed. With several producers the
 * ring's cursor moves when a slot is claimed, and an I/O thread claims a whole pass's slots before
 * it publishes them; a wait on the cursor alone returned at once and the Disruptor's barrier then
 * found nothing published, round and round: a third of the consumer's time went to that spin
 * under pipelined SETs (bench/README.md, fourth pass), on the CPU the I/O thread needed to finish
 * its pass. The timed wait is a belt-and-braces bound, not the mechanism. It also works for a
 * stage gated on another stage (it waits on the dependent sequence, which {@code
 * BlockingWaitStrategy} busy-spins on, Disruptor issue #219), if that stage signals at the end of
 * its batches; the server runs its stages on one consumer thread ({@link SerialStages}), so only
 * producers signal.
 */
final class StageWaitStrategy implements WaitStrategy {
  private static final int SPINS = 200;
  /**
   * How long the consumer yields before sleeping while a lone client is sending (see {@link
   * #loneSender}): longer than the gap between one reply and that client's next request on
   * loopback (about 30 µs here), short enough that a client sending a few requests a second costs
   * the server no more than that per request. Bounded by time rather than by a count of yields,
   * since a yield's cost depends on the machine and on who else is runnable (0.3 to 1 µs here);
   * the two measured the same on this machine.
   */
  private static final long LONE_YIELD_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
  private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progressed = lock.newCondition();
  private final AtomicInteger sleepers = new AtomicInteger();
  /** The ring whose publication is waited for; null: the dependent sequence alone. */
  private volatile RingBuffer<?> ring;
  /** Set by the consumer thread itself ({@link SerialStages}), read by it here: no fence needed. */
  private boolean loneSender;

  /** The ring this strategy waits on, once the Disruptor has made it. */
  void ring(final RingBuffer<?> ring) {
    this.ring = ring;
  }

  /**
   * Whether one client alone has been sending lately. Then nothing can batch behind its request:
   * every wake-up of this thread is paid in full by that client's latency (about 15 µs at
   * {@code -c 1}, two thirds of Redis's whole round trip), so the consumer yields its core for a
   * while before sleeping, and a producer usually finds it awake. With several clients sending,
   * sleeping at once is what lets their commands gather into one batch; yielding there woke the
   * consumer for every single command and cost 20-30% of the throughput at {@code -c 50}
   * (bench/README.md).
   */
  void loneSender(final boolean lone) {
    loneSender = lone;
  }

  boolean loneSender() {
    return loneSender;
  }

  @Override
  public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
      throws AlertException, InterruptedException {
    final RingBuffer<?> ring = this.ring;
    long available;
    for (int i = 0; i < SPINS; i++) {
      if ((available = ready(sequence, dependentSequence, ring)) >= sequence) {
        return available;
      }
      barrier.checkAlert();
      Thread.onSpinWait();
    }
    if (loneSender) {
      final long until = System.nanoTime() + LONE_YIELD_NANOS;
      do {
        if ((available = ready(sequence, dependentSequence, ring)) >= sequence) {
          return available;
        }
        barrier.checkAlert();
        Thread.yield();
      } while (System.nanoTime() < until);
    }
    while ((available = ready(sequence, dependentSequence, ring)) < sequence) {
      barrier.checkAlert();
      lock.lock();
      try {
        sleepers.incrementAndGet();
        try {
          if (ready(sequence, dependentSequence, ring) < sequence && !barrier.isAlerted()) {
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

  /** The dependent sequence if {@code sequence} is published, else one below it. */
  private static long ready(final long sequence, final Sequence dependent, final RingBuffer<?> ring) {
    final long available = dependent.get();
    if (available < sequence || ring == null || ring.isAvailable(sequence)) {
      return available;
    }
    return sequence - 1;
  }

  @Override
  public void signalAllWhenBlocking() {
    // The ring marks a slot published with a release store, which a later load may pass: the
    // fence keeps this read of the sleepers after it (see the class comment).
    VarHandle.fullFence();
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
