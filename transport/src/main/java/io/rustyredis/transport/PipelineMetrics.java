package io.rustyredis.transport;

import java.math.BigDecimal;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Latency of the pipeline's stages, which Redis does not have: how long a command waited in the
 * ring (read from the socket until the engine took it), how long the engine held it, and how long
 * until its reply was flushed (read until written to the socket). Each stage is written by exactly
 * one thread (the engine thread for the first two, the reply stage for the last) into a wait-free
 * {@link SingleWriterRecorder}; readers (INFO on the engine thread, the Prometheus endpoint on its
 * own) take the interval and add it to a cumulative histogram under this object's lock.
 *
 * <p>Measuring costs a {@code System.nanoTime()} per read, two per event in the engine stage and
 * one per batch in the reply stage; {@code latency-tracking no} turns all of it off.
 */
final class PipelineMetrics {
  /** Stage names as INFO and Prometheus show them. */
  static final String[] STAGES = {"ring", "engine", "flush"};
  static final int RING = 0;
  static final int ENGINE = 1;
  static final int FLUSH = 2;
  private static final long MAX_NANOS = 60_000_000_000L;

  private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[STAGES.length];
  private final Histogram[] totals = new Histogram[STAGES.length];
  /** Each recorder's spare interval histogram, handed back to it on the next read. */
  private final Histogram[] intervals = new Histogram[STAGES.length];
  private volatile boolean enabled = true;

  PipelineMetrics() {
    for (int i = 0; i < STAGES.length; i++) {
      recorders[i] = new SingleWriterRecorder(1, MAX_NANOS, 2);
      totals[i] = new Histogram(1, MAX_NANOS, 2);
    }
  }

  boolean enabled() {
    return enabled;
  }

  void enabled(final boolean enabled) {
    this.enabled = enabled;
  }

  /** Records one sample of {@code stage}; only that stage's single writer thread may call this. */
  void record(final int stage, final long nanos) {
    record(stage, nanos, 1);
  }

  /** Records {@code count} samples of the same value at once (same writer rule). */
  void record(final int stage, final long nanos, final int count) {
    recorders[stage].recordValueWithCount(Math.min(Math.max(nanos, 1), MAX_NANOS), count);
  }

  /** Percentiles (µs) and count per stage, as INFO latencystats lines. */
  synchronized void appendInfo(final StringBuilder out, final double[] percentiles) {
    collect();
    for (int i = 0; i < STAGES.length; i++) {
      if (totals[i].getTotalCount() == 0) {
        continue;
      }
      out.append("pipeline_latency_usec_").append(STAGES[i]).append(':');
      for (final double p : percentiles) {
        out.append('p').append(label(p)).append('=')
            .append(String.format(Locale.ROOT, "%.3f", totals[i].getValueAtPercentile(p) / 1000.0)).append(',');
      }
      out.append("count=").append(totals[i].getTotalCount()).append("\r\n");
    }
  }

  /** The stages in Prometheus's text format, as summaries in seconds. */
  synchronized void appendPrometheus(final StringBuilder out, final double[] percentiles) {
    collect();
    out.append("# HELP rusty_redis_pipeline_latency_seconds Time per command in each pipeline stage.\n");
    out.append("# TYPE rusty_redis_pipeline_latency_seconds summary\n");
    for (int i = 0; i < STAGES.length; i++) {
      final Histogram h = totals[i];
      for (final double p : percentiles) {
        out.append("rusty_redis_pipeline_latency_seconds{stage=\"").append(STAGES[i]).append("\",quantile=\"")
            .append(new BigDecimal(Double.toString(p)).movePointLeft(2).stripTrailingZeros().toPlainString())
            .append("\"} ").append(h.getValueAtPercentile(p) / 1e9).append('\n');
      }
      out.append("rusty_redis_pipeline_latency_seconds_count{stage=\"").append(STAGES[i]).append("\"} ")
          .append(h.getTotalCount()).append('\n');
    }
  }

  private void collect() {
    for (int i = 0; i < STAGES.length; i++) {
      intervals[i] = recorders[i].getIntervalHistogram(intervals[i]);
      totals[i].add(intervals[i]);
    }
  }

  static String label(final double p) {
    return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
  }
}
