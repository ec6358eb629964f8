package io.rustyredis.engine;

/**
 * Facts about the running process that the engine reports (INFO server, HELLO) but must not go
 * and read itself: the transport gathers them at startup and hands them in.
 */
public final class ServerInfo {
  /** The Redis version we present to clients: the one whose behaviour we match. */
  public static final String REDIS_VERSION = "7.0.15";
  /** Our own version, reported beside it. */
  public static final String RUSTY_REDIS_VERSION = "0.1.0";

  public final long processId;
  public final int tcpPort;
  public final String configFile;
  public final String executable;
  public final long startMillis;
  public final String runId;
  public final String jvm;

  public ServerInfo(
      final long processId, final int tcpPort, final String configFile, final String executable,
      final long startMillis, final String runId, final String jvm) {
    this.processId = processId;
    this.tcpPort = tcpPort;
    this.configFile = configFile;
    this.executable = executable;
    this.startMillis = startMillis;
    this.runId = runId;
    this.jvm = jvm;
  }

  /** Fixed values for tests that drive the engine without a process around it. */
  public static ServerInfo forTests() {
    return new ServerInfo(1, 6379, "", "rusty-redis", 0, "0000000000000000000000000000000000000000", "test");
  }
}
