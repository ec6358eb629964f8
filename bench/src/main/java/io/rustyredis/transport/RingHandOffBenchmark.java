package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.rustyredis.bench.JvmFlags;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.config.Config;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The I/O thread's hand-off to the engine: claim a slot of the ring of {@link CommandEvent}s,
 * fill it and publish it, with a consumer that does nothing. The ring is built as the server
 * builds it (multi-producer, default {@code ring-size}, one consumer, the wait strategy from
 * {@code RustyRedisServer.waitStrategy}).
 *
 * <p>{@code waitStrategy=stage} is the server's default: a consumer with nothing to do sleeps
 * after a short spin, and a producer that finds it asleep takes a lock to wake it. {@code
 * yielding} never sleeps, so the difference between the two is the cost of those wake-ups.
 *
 * <p>{@code publishEmpty} resets the slot only; {@code publishSet} also copies the three
 * arguments of a {@code SET} into it, as {@code ClientHandler.command} does; {@code
 * publishSetBatchOf16} claims and publishes 16 such slots at once ({@code next(16)}), as a
 * transport that published once per socket read would, and reports the time per command.
 *
 * <p>The consumer thread shares the cores with the producer, so the time includes cross-core
 * traffic on the ring's sequences and any preemption of either thread: on a loaded 2-core machine
 * that can dominate (see the README). The allocation figure does not depend on it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.EXPORT_MISC, JvmFlags.OPEN_NIO, JvmFlags.OPEN_SUN_NIO_CH})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RingHandOffBenchmark {
  private static final long CLIENT = 1;
  private static final long NOW = 1_700_000_000_000L;
  private static final int BATCH = 16;

  /** The {@code ring-wait-strategy} the ring uses. */
  @Param({"stage", "yielding"})
  public String waitStrategy;

  private final byte[][] set = {
    "SET".getBytes(StandardCharsets.US_ASCII),
    "key:000000000001".getBytes(StandardCharsets.US_ASCII),
    "xyz".getBytes(StandardCharsets.US_ASCII),
  };
  private Disruptor<CommandEvent> disruptor;
  private RingBuffer<CommandEvent> ring;

  @Setup
  public void setUp() {
    final WaitStrategy strategy = RustyRedisServer.waitStrategy(waitStrategy);
    disruptor = new Disruptor<>(CommandEvent::new, new Config().getInt("ring-size"),
        runnable -> {
          final Thread t = new Thread(runnable, "ring-consumer");
          t.setDaemon(true);
          return t;
        },
        ProducerType.MULTI, strategy);
    if (strategy instanceof StageWaitStrategy) {
      // As the server wires it: the consumer waits for publication, not for the claim.
      ((StageWaitStrategy) strategy).ring(disruptor.getRingBuffer());
    }
    final EventHandler<CommandEvent> nothing = (event, sequence, endOfBatch) -> { };
    disruptor.handleEventsWith(nothing);
    ring = disruptor.start();
  }

  @TearDown
  public void tearDown() {
    disruptor.halt();
  }

  @Benchmark
  public long publishEmpty() {
    final long sequence = ring.next();
    try {
      ring.get(sequence).reset(EventType.COMMAND, CLIENT, null, NOW);
    } finally {
      ring.publish(sequence);
    }
    return sequence;
  }

  @Benchmark
  public long publishSet() {
    final long sequence = ring.next();
    try {
      fillSet(ring.get(sequence));
    } finally {
      ring.publish(sequence);
    }
    return sequence;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long publishSetBatchOf16() {
    final long last = ring.next(BATCH);
    final long first = last - BATCH + 1;
    try {
      for (long sequence = first; sequence <= last; sequence++) {
        fillSet(ring.get(sequence));
      }
    } finally {
      ring.publish(first, last);
    }
    return last;
  }

  private void fillSet(final CommandEvent event) {
    event.reset(EventType.COMMAND, CLIENT, null, NOW);
    for (final byte[] arg : set) {
      final int offset = event.args.append(arg.length);
      System.arraycopy(arg, 0, event.args.array(), offset, arg.length);
    }
  }
}
