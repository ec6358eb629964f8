package io.rustyredis.engine;

import io.rustyredis.engine.metrics.InstantaneousMetric;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Server-wide counters reported by INFO stats; written only by the engine thread. */
public final class ServerStats {
  /** Redis stops tracking new error codes past this many, so a client cannot grow the table. */
  private static final int MAX_ERROR_CODES = 128;
  public long connectionsReceived;
  public long commandsProcessed;
  public long rejectedCalls;
  public long rejectedConnections;
  public long keyspaceHits;
  public long keyspaceMisses;
  public long errorReplies;
  /** INFO's instantaneous_ops_per_sec, sampled from {@link #commandsProcessed} by the engine's tick. */
  public final InstantaneousMetric opsPerSecond = new InstantaneousMetric();
  /** INFO's instantaneous_input_kbps and _output_kbps, sampled from the transport's byte counts. */
  public final InstantaneousMetric inputBytesPerSecond = new InstantaneousMetric();
  public final InstantaneousMetric outputBytesPerSecond = new InstantaneousMetric();
  /** Error replies by code (the first word, e.g. ERR, WRONGTYPE), sorted as INFO errorstats lists them. */
  public final Map<String, long[]> errorCodes = new TreeMap<>();

  /** Counts an error reply whose text ({@code -CODE message}) is at the start of {@code reply}. */
  public void errorReply(final byte[] reply, final int length) {
    errorReplies++;
    int end = 1;
    while (end < length && reply[end] != ' ' && reply[end] != '\r') {
      end++;
    }
    final String code = new String(reply, 1, end - 1, StandardCharsets.US_ASCII);
    final long[] count = errorCodes.get(code);
    if (count != null) {
      count[0]++;
    } else if (errorCodes.size() < MAX_ERROR_CODES) {
      errorCodes.put(code, new long[] {1});
    }
  }

  /** CONFIG RESETSTAT. */
  public void reset() {
    connectionsReceived = 0;
    commandsProcessed = 0;
    rejectedCalls = 0;
    rejectedConnections = 0;
    keyspaceHits = 0;
    keyspaceMisses = 0;
    errorReplies = 0;
    errorCodes.clear();
    opsPerSecond.reset();
    inputBytesPerSecond.reset();
    outputBytesPerSecond.reset();
  }
}
