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
  public boolean noEvict;
  public ReplyMode replyMode = ReplyMode.ON;
  public long lastInteractionMillis;
  public String lastCommand = "NULL";

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
