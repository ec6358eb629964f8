package io.rustyredis.engine.keyspace;

/**
 * The time of the event being executed, in unix milliseconds: the only clock the engine has. Set by
 * {@link Keyspace#now(long)} from each event; it never moves backwards.
 */
public final class EventClock {
  private long now;

  /** Moves the clock to {@code millis} unless that would move it backwards. */
  void advanceTo(final long millis) {
    if (millis > now) {
      now = millis;
    }
  }

  public long now() {
    return now;
  }
}
