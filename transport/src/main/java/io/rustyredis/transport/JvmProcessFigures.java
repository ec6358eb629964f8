package io.rustyredis.transport;

import io.rustyredis.engine.metrics.ProcessFigures;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The process figures INFO reports, read from the JVM: CPU time of the whole process (the
 * operating system's count, split into user and system by the JVM threads' user time), the heap in
 * use, the bytes read from and written to clients, and the pipeline's stage latencies. Called only
 * when INFO runs, and by the engine's tick for the traffic rates.
 */
final class JvmProcessFigures implements ProcessFigures {
  private final PipelineMetrics pipeline;
  private final NetworkTraffic traffic;
  private final io.rustyredis.engine.config.Config config;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

  JvmProcessFigures(final PipelineMetrics pipeline, final NetworkTraffic traffic,
      final io.rustyredis.engine.config.Config config) {
    this.pipeline = pipeline;
    this.traffic = traffic;
    this.config = config;
  }

  private long processCpuNanos() {
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? Math.max(0, ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()) : 0;
  }

  @Override
  public long cpuUserNanos() {
    long user = 0;
    if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
      for (final long id : threads.getAllThreadIds()) {
        user += Math.max(0, threads.getThreadUserTime(id));
      }
    }
    return Math.min(user, processCpuNanos());
  }

  @Override
  public long cpuSystemNanos() {
    return Math.max(0, processCpuNanos() - cpuUserNanos());
  }

  @Override
  public long netInputBytes() {
    return traffic.input();
  }

  @Override
  public long netOutputBytes() {
    return traffic.output();
  }

  @Override
  public long heapUsedBytes() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Override
  public void pipelineLatency(final StringBuilder out) {
    pipeline.appendInfo(out, percentiles(config.get("latency-tracking-info-percentiles")));
  }

  static double[] percentiles(final String text) {
    final String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return new double[0];
    }
    final String[] parts = trimmed.split("\\s+");
    final double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Double.parseDouble(parts[i]);
    }
    return out;
  }
}
