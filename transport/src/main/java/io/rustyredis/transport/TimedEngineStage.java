package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.config.Parameter;
import java.util.function.LongSupplier;

/**
 * Wraps the engine to time the first two pipeline stages ({@link PipelineMetrics}): the ring (from
 * the socket read until the engine takes the event) and the engine (until it is done with it):
 * within a batch an event's start is the previous one's end, and an event that ran a command
 * ended when the engine's own timing of that command did (the engine reads the same clock), so
 * most events cost no clock read of their own: a read costs 25 to 120 ns here, as much as a GET.
 * The clock is read here, in the transport, so the engine stays free of clocks. Runs on the engine
 * thread, which is also where {@code latency-tracking} changes, so it is the one that notices and
 * switches the other stages on or off; after each clock tick it runs the transport's other
 * config follower (the log level), for the same reason.
 */
final class TimedEngineStage implements EventHandler<CommandEvent> {
  private final EventHandler<CommandEvent> engine;
  private final PipelineMetrics metrics;
  private final Parameter tracking;
  private final Runnable onTick;
  /** The engine's clock reading at the end of its last command (0 at a batch's start). */
  private final LongSupplier commandEnd;
  private String trackingText;
  private boolean on;
  /** When the previous event of this batch was done: the next one's start, saving a clock read. */
  private long lastEnd;

  /**
   * {@code onTick} runs on the engine thread after each clock tick (config the transport follows);
   * {@code commandEnd} is the engine's reading of {@link System#nanoTime()} at the end of its last
   * command, or 0; it must be the same clock.
   */
  TimedEngineStage(final EventHandler<CommandEvent> engine, final PipelineMetrics metrics, final Parameter tracking,
      final Runnable onTick, final LongSupplier commandEnd) {
    this.commandEnd = commandEnd;
    this.engine = engine;
    this.metrics = metrics;
    this.tracking = tracking;
    this.onTick = onTick;
  }

  @Override
  public void setSequenceCallback(final Sequence sequenceCallback) {
    engine.setSequenceCallback(sequenceCallback);
  }

  @Override
  public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch) throws Exception {
    // Parameter.value() is the same String until CONFIG SET replaces it: an identity check is free.
    if (tracking.value() != trackingText) {
      trackingText = tracking.value();
      on = "yes".equals(trackingText);
      metrics.enabled(on);
    }
    if (!on || event.arrivalNanos == 0) {
      engine.onEvent(event, sequence, endOfBatch);
    } else {
      // An event read after the previous one was done started when that one ended.
      final long start = lastEnd != 0 && event.arrivalNanos <= lastEnd ? lastEnd : System.nanoTime();
      metrics.record(PipelineMetrics.RING, start - event.arrivalNanos);
      final long before = commandEnd.getAsLong();
      engine.onEvent(event, sequence, endOfBatch);
      final long end = commandEnd.getAsLong();
      event.engineDoneNanos = end != before && end >= start ? end : System.nanoTime();
      lastEnd = event.engineDoneNanos;
      metrics.record(PipelineMetrics.ENGINE, event.engineDoneNanos - start);
    }
    if (endOfBatch) {
      lastEnd = 0;
    }
    if (event.type == EventType.TICK) {
      onTick.run();
    }
  }
}
