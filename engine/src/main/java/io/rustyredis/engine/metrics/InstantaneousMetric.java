package io.rustyredis.engine.metrics;

import java.util.Arrays;

/**
 * Redis's {@code trackInstantaneousMetric}: a counter sampled every 100 ms, each sample turned into
 * a rate per second, the figure the mean of the last 16 samples (INFO's {@code
 * instantaneous_ops_per_sec} and friends). Time comes from the caller, the engine's event clock.
 */
public final class InstantaneousMetric {
  /** Redis's STATS_METRIC_SAMPLES. */
  private static final int SAMPLES = 16;
  /** Redis samples from serverCron every 100 ms. */
  public static final long PERIOD_MILLIS = 100;

  private final long[] samples = new long[SAMPLES];
  private int next;
  private long lastTime;
  private long lastCount;

  /** Takes a sample of {@code count} at {@code nowMillis} when a period has passed since the last. */
  public void sample(final long nowMillis, final long count) {
    final long elapsed = nowMillis - lastTime;
    if (elapsed < PERIOD_MILLIS) {
      return;
    }
    samples[next] = lastTime == 0 ? 0 : (count - lastCount) * 1000 / elapsed;
    next = (next + 1) % SAMPLES;
    lastTime = nowMillis;
    lastCount = count;
  }

  /** CONFIG RESETSTAT: no samples, and the next one starts a fresh period. */
  public void reset() {
    Arrays.fill(samples, 0);
    next = 0;
    lastTime = 0;
  }

  /** The mean rate per second over the last 16 samples. */
  public long perSecond() {
    long sum = 0;
    for (final long s : samples) {
      sum += s;
    }
    return sum / SAMPLES;
  }
}
