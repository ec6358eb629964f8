package io.rustyredis.engine;

/**
 * What the engine remembers about one connection between its commands: selected database,
 * protocol version, name, authentication, and what CLIENT LIST reports. Owned by the engine thread.
 */
public final class ClientState {
  /** CLIENT REPLY modes. */
  public enum ReplyMode { ON, OFF, SKIP }

  public final long id;
  public final String peerAddress;
  public final String localAddress;
  public final long createdMillis;
  public final Object connection;

  public int db;
  public int protocol = 2;
  public String name = "";
  public String libName = "";
  public String libVersion = "";
  public boolean authenticated;
  /**
   * The ACL user it is logged in as (the default user until AUTH says otherwise); null for the
   * server's own clients (replay, scripts' callers made up by the server), which, as Redis's
   * user-less clients, may do everything.
   */
  public io.rustyredis.engine.acl.AclUser user;
  public boolean noEvict;
  public ReplyMode replyMode = ReplyMode.ON;
  public long lastInteractionMillis;
  public String lastCommand = "NULL";
  /** MULTI queue and WATCHed keys. */
  public final io.rustyredis.engine.transaction.Transaction transaction =
      new io.rustyredis.engine.transaction.Transaction();
  /** Held by CLIENT PAUSE: what it sends waits in {@link #deferred} until the pause ends. */
  public boolean paused;
  /** Set once it sent QUIT (or was told to close): nothing it sends afterwards runs. */
  public boolean closing;

  // Pub/Sub and MONITOR: counts kept by pubsub.PubSub, for subscribed mode and CLIENT LIST.
  public int subscribedChannels;
  public int subscribedPatterns;
  public int subscribedShardChannels;
  /** Set by MONITOR: every command anyone runs is streamed to it. */
  public boolean monitor;
  /** CLIENT TRACKING state (see {@link io.rustyredis.engine.tracking.Tracking}). */
  public boolean tracking;
  public boolean trackingBcast;
  public boolean trackingOptin;
  public boolean trackingOptout;
  public boolean trackingNoloop;
  /** CLIENT CACHING was given for the next command (yes under OPTIN, no under OPTOUT). */
  public boolean trackingCaching;
  public boolean trackingBrokenRedirect;
  /** The client that gets this one's invalidations, 0 for itself. */
  public long trackingRedirect;
  public final java.util.List<byte[]> trackingPrefixes = new java.util.ArrayList<>();
  /** REPLCONF rdb-only 1: a SYNC from this client is a snapshot download, not a replica (redis-cli --rdb). */
  public boolean rdbOnly;
  /** REPLCONF rdb-filter-only functions: that snapshot holds the function libraries only. */
  public boolean rdbFunctionsOnly;

  // Blocking (BLPOP and friends): set while the client waits; see BlockedClients.
  /** The command that blocked, to run again when a key it waits on is ready; null when not blocked. */
  public byte[][] blockedCommand;
  /** The keys it waits on. */
  public final java.util.List<io.rustyredis.engine.blocking.BlockedClients.WaitKey> blockedKeys = new java.util.ArrayList<>();
  /** The type of key that can serve it (Record.TYPE_LIST or TYPE_ZSET); others leave it waiting. */
  public byte blockedType;
  /** Unix ms when it gives up, or 0 to wait forever. */
  public long blockDeadline;
  /** Commands that arrived while it was blocked, to run in order once it is served. */
  public final java.util.ArrayDeque<byte[][]> deferred = new java.util.ArrayDeque<>();

  /** Whether it holds any subscription: RESP2 clients are then in subscribed mode. */
  public boolean subscribed() {
    return subscribedChannels + subscribedPatterns + subscribedShardChannels > 0;
  }

  /** Its {@code client-output-buffer-limit} class: pubsub while subscribed, as Redis's getClientType. */
  public int outputClass() {
    return subscribed() ? io.rustyredis.engine.config.OutputBufferLimits.PUBSUB : io.rustyredis.engine.config.OutputBufferLimits.NORMAL;
  }

  public ClientState(
      final long id, final String peerAddress, final String localAddress, final long createdMillis,
      final Object connection) {
    this.id = id;
    this.peerAddress = peerAddress;
    this.localAddress = localAddress;
    this.createdMillis = createdMillis;
    this.lastInteractionMillis = createdMillis;
    this.connection = connection;
  }
}
