package io.rustyredis.engine.blocking;

import io.rustyredis.engine.ClientState;

/**
 * Ends another client's wait from inside a command (CLIENT UNBLOCK): the engine owns what follows
 * an unblocking (the reply, then the commands the client pipelined behind the blocked one), so the
 * command family asks it through this seam rather than reaching into the engine.
 */
@FunctionalInterface
public interface Unblocker {
  /**
   * Unblocks {@code client} as if its time-out had come, or with Redis's {@code -UNBLOCKED} error;
   * false, changing nothing, when it is not blocked.
   */
  boolean unblock(ClientState client, boolean error);
}
