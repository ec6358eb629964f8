package io.rustyredis.engine.rdb;

import java.util.concurrent.CompletableFuture;

/**
 * Keeps the last snapshot in memory: what an engine with no disk attached (unit tests, an
 * embedded engine) saves to. BGSAVE completes at once, which keeps engine tests deterministic.
 */
public final class MemorySnapshots implements Snapshots {
  private volatile byte[] last;

  @Override
  public void save(final RdbOutput image) {
    last = image.toArray();
  }

  @Override
  public CompletableFuture<Void> saveInBackground(final RdbOutput image) {
    save(image);
    return CompletableFuture.completedFuture(null);
  }

  /** The bytes of the last snapshot stored, or null. */
  public byte[] last() {
    return last;
  }
}
