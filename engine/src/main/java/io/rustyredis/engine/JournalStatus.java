package io.rustyredis.engine;

/**
 * Whether the journal's last append failed, as the journal stage reports it to the engine: Redis's
 * {@code aof_last_write_status}. While it holds an error, the engine refuses write commands (and
 * PING) with {@code -MISCONF Errors writing to the AOF file: ...}, as Redis does, so that nothing
 * more is acknowledged that the journal may not hold; the stage clears it once its retries succeed.
 * Written by the journal stage's thread, read by the engine's: a volatile field is all the
 * ordering this needs, since a refusal a few events late or early changes nothing a client was told.
 */
public final class JournalStatus {
  private volatile String error;

  /** The last append's failure, in the words INFO and the MISCONF error show, or null when it succeeded. */
  public String error() {
    return error;
  }

  /** The journal stage could not append: {@code reason} says why (the OS's words when it has them). */
  public void failed(final String reason) {
    error = reason;
  }

  /** The journal stage appended again. */
  public void recovered() {
    error = null;
  }
}
