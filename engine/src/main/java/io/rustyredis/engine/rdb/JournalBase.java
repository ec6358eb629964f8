package io.rustyredis.engine.rdb;

import java.util.concurrent.CompletableFuture;

/**
 * Where an AOF rewrite's snapshot goes: the seam between the engine, which serializes the base and
 * marks in the event stream where it was taken, and the module that owns the journal's files (which
 * stores the base, switches the journal to a new file at that mark and drops what the base covers).
 *
 * <p>The engine calls {@link #begin} on its thread when a rewrite's walk starts, in the same event
 * whose effects it marks with {@code Effects.rebase()}; it hands the finished image to {@link
 * #saveBase} and polls the future on its ticks. The sizes are read by the engine's tick for the
 * automatic rewrite and by INFO; they may lag the journal by a few events.
 */
public interface JournalBase {
  /** A rewrite's walk starts in the current event (engine thread). */
  void begin();

  /**
   * Stores the image as the journal's new base on another thread and completes once the base and
   * the list of files that goes with it are durable; exceptionally when they could not be written.
   */
  CompletableFuture<Void> saveBase(RdbOutput image);

  /** Redis's {@code aof_current_size}: bytes of the base plus the journal written after it. */
  long currentSize();

  /** Redis's {@code aof_base_size}: {@link #currentSize()} when the last rewrite ended or the journal was loaded. */
  long baseSize();
}
