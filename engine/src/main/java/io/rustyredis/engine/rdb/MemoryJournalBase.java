package io.rustyredis.engine.rdb;

import java.util.concurrent.CompletableFuture;

/**
 * Keeps the last AOF rewrite's base in memory: what an engine with no journal files attached
 * (unit tests, an embedded engine) rewrites to. The rewrite completes at once, which keeps engine
 * tests deterministic; there is no journal, so the sizes are the base's.
 */
public final class MemoryJournalBase implements JournalBase {
  private volatile byte[] last;
  private volatile long begun;

  @Override
  public void begin() {
    begun++;
  }

  @Override
  public CompletableFuture<Void> saveBase(final RdbOutput image) {
    last = image.toArray();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public long currentSize() {
    final byte[] base = last;
    return base == null ? 0 : base.length;
  }

  @Override
  public long baseSize() {
    return currentSize();
  }

  /** The bytes of the last base stored, or null. */
  public byte[] last() {
    return last;
  }

  /** Rewrites begun so far. */
  public long begun() {
    return begun;
  }
}
