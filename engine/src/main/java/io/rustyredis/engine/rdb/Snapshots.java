package io.rustyredis.engine.rdb;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Where a finished snapshot goes: the seam between the engine, which does no I/O, and the module
 * that owns the disk ({@code journal}'s file implementation writes {@code dir/dbfilename} through a
 * temp file, fsync and rename, as Redis does). The engine serializes; this only stores bytes.
 */
public interface Snapshots {
  /**
   * Stores the image before returning (SAVE, SHUTDOWN): the caller's thread waits for the disk, as
   * Redis's SAVE blocks the server.
   */
  void save(RdbOutput image) throws IOException;

  /**
   * Stores the image on another thread (BGSAVE) and completes the future once it is durable, or
   * exceptionally when it could not be written. The engine polls the future on its ticks; nothing
   * here calls back into the engine.
   */
  CompletableFuture<Void> saveInBackground(RdbOutput image);
}
