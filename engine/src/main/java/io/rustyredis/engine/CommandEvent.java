package io.rustyredis.engine;

import org.agrona.collections.LongArrayList;

/**
 * One slot of the ring: pre-allocated once, then filled by an I/O thread, executed by the engine
 * and drained by the reply stage, over and over. Fields are plain because the Disruptor's sequence
 * barriers publish them: a stage only reads a slot after the stage before it has released it.
 */
public final class CommandEvent {
  /** What this slot carries. */
  public EventType type = EventType.COMMAND;
  /** The client it is about: the engine's key to its state. */
  public long connectionId;
  /** Unix milliseconds, stamped by the producer once per batch: the engine's only clock. */
  public long timeMillis;
  /**
   * Transport measurements of the pipeline stages (System.nanoTime when the read arrived and when
   * the engine was done with it; 0 when not measured). The engine never reads them.
   */
  public long arrivalNanos;
  public long engineDoneNanos;
  /**
   * The transport's handle for the connection, opaque to the engine: set on CONNECT, where the
   * engine keeps it with the client's state. Producers may leave it null on the client's later
   * events, which are known by {@link #connectionId}: storing an object reference into a slot on
   * every command costs the GC's write barrier a dirty card per slot (see {@link #reset}).
   */
  public Object connection;
  /** CONNECT: "peer-address local-address"; PROTOCOL_ERROR: the error message. */
  public String text;

  /** The command's arguments, name first. */
  public final Arguments args = new Arguments();
  /** The reply bytes the engine wrote for this event (maybe none). */
  public final Reply reply = new Reply();

  /** What this event changed, as commands for the journal; written by the engine only. */
  public final Effects effects = new Effects();

  /** Replies to other clients that this event produced (unblocked clients, subscribers). */
  public final Outbox outbox = new Outbox();

  /** Set by the engine: close this connection once the reply is written. */
  public boolean closeAfterReply;
  /** Set by the engine: other connections to close (CLIENT KILL). */
  public final LongArrayList killConnections = new LongArrayList();
  /**
   * Set by the engine: the sender's {@code client-output-buffer-limit} class after the command
   * (an {@code OutputBufferLimits} constant), for the reply stage to enforce.
   */
  public int outputClass;
  /** Set by the engine: the server should stop (SHUTDOWN). */
  public boolean shutdown;

  /** Prepares the slot for a producer. */
  public void reset(final EventType type, final long connectionId, final Object connection, final long timeMillis) {
    // The slots are old, long-lived objects spread over the heap; under G1 each store of a
    // non-null reference into one dirties its card and the refinement thread must rescan it, on
    // every slot of the ring in turn. Most events are commands: store the type only when it changes.
    if (this.type != type) {
      this.type = type;
    }
    this.connectionId = connectionId;
    this.connection = connection;
    this.timeMillis = timeMillis;
    this.arrivalNanos = 0;
    this.engineDoneNanos = 0;
    this.text = null;
    this.closeAfterReply = false;
    this.shutdown = false;
    this.outputClass = 0;
    this.killConnections.clear();
    this.outbox.clear();
    this.args.clear();
  }
}
