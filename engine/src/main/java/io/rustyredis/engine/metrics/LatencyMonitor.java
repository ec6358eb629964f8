package io.rustyredis.engine.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redis's latency monitor ({@code latency.c}): for each event class ("command", "fast-command"),
 * the latest spikes of at least {@code latency-monitor-threshold} ms, one sample per second (the
 * worst of that second), the last 160 kept, plus the all-time maximum. Engine thread only.
 */
public final class LatencyMonitor {
  static final int HISTORY = 160;

  /** One event class's samples, a ring of (unix seconds, ms). */
  public static final class Series {
    public final long[] times = new long[HISTORY];
    public final long[] latencies = new long[HISTORY];
    /** Next slot to write. */
    public int index;
    public long max;

    /** The samples oldest first: slot order starting after the newest. */
    public int count() {
      int n = 0;
      for (final long t : times) {
        n += t != 0 ? 1 : 0;
      }
      return n;
    }

    public int newest() {
      return (index + HISTORY - 1) % HISTORY;
    }
  }

  private final Map<String, Series> series = new LinkedHashMap<>();

  /** Redis's {@code latencyAddSample}: a sample in the same second as the last one keeps the worse. */
  public void add(final String event, final long unixSeconds, final long millis) {
    final Series s = series.computeIfAbsent(event, e -> new Series());
    if (millis > s.max) {
      s.max = millis;
    }
    final int previous = s.newest();
    if (s.times[previous] == unixSeconds) {
      if (millis > s.latencies[previous]) {
        s.latencies[previous] = millis;
      }
      return;
    }
    s.times[s.index] = unixSeconds;
    s.latencies[s.index] = millis;
    s.index = (s.index + 1) % HISTORY;
  }

  public Map<String, Series> all() {
    return series;
  }

  public Series get(final String event) {
    return series.get(event);
  }

  /** Forgets one event class; true if it had samples. */
  public boolean reset(final String event) {
    return series.remove(event) != null;
  }

  /** Forgets every event class; returns how many there were. */
  public int resetAll() {
    final int n = series.size();
    series.clear();
    return n;
  }
}
