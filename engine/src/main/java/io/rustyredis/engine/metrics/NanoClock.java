package io.rustyredis.engine.metrics;

/**
 * A monotonic nanosecond clock, handed to the engine to time commands. The engine otherwise never
 * reads a clock (its time is the event's, so replay is exact); this one is allowed because what
 * it reads is only ever measured (SLOWLOG, latency histograms, commandstats), never acted on: no
 * reply, effect or key depends on it. Tests hand in a clock they step by hand.
 */
@FunctionalInterface
public interface NanoClock {
  /** A clock that never moves: timing off, every command takes 0 ns. */
  NanoClock STOPPED = () -> 0;

  long nanoTime();
}
