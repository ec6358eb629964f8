package io.rustyredis.engine;

import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT PAUSE: until a deadline (event time) the engine holds back every command (ALL) or every
 * command that may write (WRITE: write and may-replicate commands), as Redis 7.0's
 * {@code blockPostponeClient} does. A held client's command and everything it sends after it wait
 * in its deferred queue, so its replies stay in order; the tick after the deadline, or CLIENT
 * UNPAUSE, runs them. Engine thread only.
 */
public final class ClientPause {
  private long endMillis;
  private boolean all;
  private final List<ClientState> held = new ArrayList<>();

  /** Pauses until {@code endMillis}; a new pause replaces the previous one, as in Redis. */
  public void pause(final long endMillis, final boolean all) {
    this.endMillis = endMillis;
    this.all = all;
  }

  /** Ends the pause; the held clients run at the end of the current event. */
  public void unpause() {
    endMillis = 0;
  }

  /** Whether a pause is in force or held clients wait to run: the only check on the common path. */
  public boolean active() {
    return endMillis != 0 || !held.isEmpty();
  }

  /** Whether {@code spec} must wait at time {@code now} (an unknown command, spec null, runs to fail). */
  boolean holds(final CommandSpec spec, final long now) {
    if (endMillis == 0 || now >= endMillis || spec == null) {
      return false;
    }
    return all || spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE);
  }

  void hold(final ClientState client) {
    client.paused = true;
    held.add(client);
  }

  /** The held clients to run now that the pause is over (none while it lasts); forgets them. */
  List<ClientState> release(final long now) {
    if (held.isEmpty() || (endMillis != 0 && now < endMillis)) {
      return List.of();
    }
    endMillis = 0;
    final List<ClientState> out = new ArrayList<>(held);
    held.clear();
    for (final ClientState client : out) {
      client.paused = false;
    }
    return out;
  }
}
