package io.rustyredis.engine;

/** Server-wide counters reported by INFO stats; written only by the engine thread. */
public final class ServerStats {
  public long connectionsReceived;
  public long commandsProcessed;
  public long rejectedCalls;
  public long keyspaceHits;
  public long keyspaceMisses;

  /** CONFIG RESETSTAT. */
  public void reset() {
    connectionsReceived = 0;
    commandsProcessed = 0;
    rejectedCalls = 0;
    keyspaceHits = 0;
    keyspaceMisses = 0;
  }
}
