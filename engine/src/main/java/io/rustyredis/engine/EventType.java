package io.rustyredis.engine;

/** What a ring slot carries this time round. */
public enum EventType {
  /** A parsed command from a client. */
  COMMAND,
  /** A client connected; {@link CommandEvent#text} holds its address as "peer local". */
  CONNECT,
  /** A client went away; the engine forgets its state. */
  DISCONNECT,
  /** The client sent bytes that are not RESP; {@link CommandEvent#text} holds Redis's message. */
  PROTOCOL_ERROR,
  /** The server clock ticked (10 times a second, Redis's {@code hz}): run periodic work. */
  TICK
}
