package io.rustyredis.engine.metrics;

/**
 * What INFO reports about the process around the engine, which only the transport can read: CPU
 * time, the Java heap, and the pipeline's own latency stages. Read on the engine thread when INFO
 * runs, so an implementation must be safe to call from it.
 */
public interface ProcessFigures {
  /** Nothing known: zeros and no pipeline fields (engine tests). */
  ProcessFigures NONE = new ProcessFigures() { };

  /** CPU time of the whole process, system and user, in ns. */
  default long cpuSystemNanos() {
    return 0;
  }

  default long cpuUserNanos() {
    return 0;
  }

  /** Bytes read from clients since start: INFO's total_net_input_bytes. */
  default long netInputBytes() {
    return 0;
  }

  /** Bytes written to clients since start: INFO's total_net_output_bytes. */
  default long netOutputBytes() {
    return 0;
  }

  /** Bytes of Java heap in use (INFO's jvm_heap_used). */
  default long heapUsedBytes() {
    return 0;
  }

  /**
   * Appends {@code name:value\r\n} lines describing the pipeline stages (time in the ring, in the
   * engine, until flushed) to INFO latencystats.
   */
  default void pipelineLatency(final StringBuilder out) {
  }
}
