package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.config.Parameter;

/**
 * Wraps the engine to time the first two pipeline stages ({@link PipelineMetrics}): the ring (from
 * the socket read until the engine takes the event) and the engine (until it is done with it):
 * one clock read per event, as within a batch an event's start is the previous one's end.
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
  private String trackingText;
  private boolean on;
  /** When the previous event of this batch was done: the next one's start, saving a clock read. */
  private long lastEnd;

  /** {@code onTick} runs on the engine thread after each clock tick (config the transport follows). */
  TimedEngineStage(final EventHandler<CommandEvent> engine, final PipelineMetrics metrics, final Parameter tracking,
      final Runnable onTick) {
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
      engine.onEvent(event, sequence, endOfBatch);
      event.engineDoneNanos = System.nanoTime();
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
