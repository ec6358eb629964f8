package io.rustyredis.engine.scripting;

/**
 * What the I/O threads need to know about the script the engine thread is running, so that they
 * can answer other clients while the engine is stuck in it: Redis's {@code -BUSY}, {@code SCRIPT
 * KILL} and {@code SHUTDOWN NOSAVE} must work exactly when the engine cannot serve anything.
 *
 * <p>The engine thread writes (start, written, finish) and the script's instruction hook reads the
 * kill request; the I/O threads read the state and request the kill. Every field is volatile and
 * written by one side only (the kill request by either, but only ever set by the I/O side and
 * cleared by the engine before a script starts), so no lock is needed and the engine pays one
 * volatile read per hook check.
 */
public final class ScriptWatchdog {
  /**
   * A monotonic clock for the watchdog alone. The engine otherwise only knows the event's time, but
   * a script's running time is the one thing that must be measured while it runs (the event's time
   * does not move inside it); injecting the clock keeps that the only place and lets tests drive it.
   */
  @FunctionalInterface
  public interface Clock {
    long nanos();
  }

  /** What a {@code SCRIPT KILL} asked of the I/O side got. */
  public enum KillResult { KILLED, NOT_BUSY, UNKILLABLE, OTHER_KIND }

  private final Clock clock;
  /** {@link Clock#nanos} when the running script started; 0 when none runs. */
  private volatile long runningSince;
  private volatile boolean written;
  private volatile boolean killRequested;
  private volatile boolean function;
  private volatile long thresholdNanos = 5_000_000_000L;

  public ScriptWatchdog(final Clock clock) {
    this.clock = clock;
  }

  /** Engine side: a script (or a function when {@code function}) starts now. */
  public void start(final long thresholdMillis, final boolean function) {
    this.thresholdNanos = Math.max(0, thresholdMillis) * 1_000_000L;
    this.written = false;
    this.killRequested = false;
    this.function = function;
    final long now = clock.nanos();
    this.runningSince = now == 0 ? 1 : now;
  }

  /** Engine side: the script ran a write command, so killing it would leave half its work done. */
  public void written() {
    written = true;
  }

  /** Engine side: the script is over. */
  public void finish() {
    runningSince = 0;
    killRequested = false;
  }

  /** Engine side, from the instruction hook: whether another client asked to kill the script. */
  public boolean killRequested() {
    return killRequested;
  }

  public boolean running() {
    return runningSince != 0;
  }

  /** I/O side: how long the running script has run, in nanoseconds; -1 when none runs. */
  public long runningNanos() {
    final long since = runningSince;
    return since == 0 ? -1 : clock.nanos() - since;
  }

  /** I/O side: whether the engine has been in one script past the busy threshold. */
  public boolean busy() {
    final long since = runningSince;
    return since != 0 && clock.nanos() - since >= thresholdNanos;
  }

  /** Whether the busy script is a function (FUNCTION KILL) rather than an EVAL (SCRIPT KILL). */
  public boolean runningFunction() {
    return function;
  }

  /** I/O side: SHUTDOWN NOSAVE while busy: the script stops even if it wrote, the server is going. */
  public void abort() {
    killRequested = true;
  }

  /**
   * I/O side: SCRIPT KILL ({@code functionKill} false) or FUNCTION KILL, checked in Redis's order:
   * nothing busy, then a script that wrote, then the wrong kind of kill for what runs.
   */
  public KillResult kill(final boolean functionKill) {
    if (!busy()) {
      return KillResult.NOT_BUSY;
    }
    if (written) {
      return KillResult.UNKILLABLE;
    }
    if (functionKill != function) {
      return KillResult.OTHER_KIND;
    }
    killRequested = true;
    return KillResult.KILLED;
  }
}
