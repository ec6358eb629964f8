package io.rustyredis.engine;

import io.rustyredis.engine.acl.Acl;
import io.rustyredis.engine.config.Config;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

/**
 * Who may stay connected: {@code maxclients} and protected mode when a client connects, and the
 * idle {@code timeout} on the clock's ticks. Redis does these in its accept handler and its
 * clients cron; here the engine does them because the client table and the default user are its.
 *
 * <p>Protected mode is Redis 7.0's rule exactly: with {@code protected-mode yes} and no password on
 * the default user, only peers whose address is literally {@code 127.0.0.1} or {@code ::1} are
 * served (another loopback address such as 127.0.0.2 is refused, as Redis refuses it).
 */
final class ClientLimits {
  static final String MAX_CLIENTS = "ERR max number of clients reached";
  static final String DENIED = "DENIED Redis is running in protected mode because protected mode is enabled and no "
      + "password is set for the default user. In this mode connections are only accepted from the loopback "
      + "interface. If you want to connect from external computers to Redis you may adopt one of the following "
      + "solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the "
      + "loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE "
      + "Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change "
      + "permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration "
      + "file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started "
      + "the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an "
      + "authentication password for the default user. NOTE: You only need to do one of the above things in order "
      + "for the server to start accepting connections from the outside.";

  private final Config config;
  private final Acl acl;

  ClientLimits(final Config config, final Acl acl) {
    this.config = config;
    this.acl = acl;
  }

  /** The error a new connection gets before it is closed, or null when it may stay. */
  String refusal(final String peerAddress, final int connected) {
    if (connected >= config.getLong("maxclients")) {
      return MAX_CLIENTS;
    }
    if (config.getBoolean("protected-mode") && acl.defaultUser().noPass() && !loopback(peerAddress)) {
      return DENIED;
    }
    return null;
  }

  /** Redis compares the peer's address text with these two, nothing else. */
  static boolean loopback(final String peerAddress) {
    final int colon = peerAddress.lastIndexOf(':');
    final String host = colon < 0 ? peerAddress : peerAddress.substring(0, colon);
    return host.equals("127.0.0.1") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
        || host.equals("[::1]") || host.isEmpty();
  }

  /**
   * Adds to {@code kill} the clients idle for longer than {@code timeout} seconds; blocked clients
   * wait as long as their command says, as in Redis.
   */
  void idle(final Long2ObjectHashMap<ClientState> clients, final long now, final LongArrayList kill) {
    final long timeout = config.getLong("timeout");
    if (timeout <= 0) {
      return;
    }
    for (final ClientState client : clients.values()) {
      if (client.blockedCommand == null && !client.closing && now - client.lastInteractionMillis > timeout * 1000) {
        client.closing = true;
        kill.addLong(client.id);
      }
    }
  }
}
