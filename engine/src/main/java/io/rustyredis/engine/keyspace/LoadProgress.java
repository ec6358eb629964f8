package io.rustyredis.engine.keyspace;

/**
 * Whether the dataset is being loaded at startup, and how far along, as Redis's {@code
 * server.loading} and its {@code loading_*} INFO fields. While loading, no key expires (replayed
 * writes must land as they were, whatever the clock says now) and clients other than the loader
 * are answered {@code -LOADING}.
 *
 * <p>Written by the loader thread, read by the engine thread: the fields are volatile, and the
 * engine reads the flag once per lookup, which on x86 is a plain load.
 */
public final class LoadProgress {
  private volatile boolean active;
  private volatile long startMillis;
  private volatile long totalBytes;
  private volatile long loadedBytes;
  private volatile long loadedRecords;

  public boolean active() {
    return active;
  }

  /** Loading begins: from now until {@link #finish()} keys do not expire. */
  public void start(final long startMillis, final long totalBytes) {
    this.startMillis = startMillis;
    this.totalBytes = totalBytes;
    this.loadedBytes = 0;
    this.loadedRecords = 0;
    this.active = true;
  }

  /** Where loading stands; {@code totalBytes} may be an estimate that sharpens as it goes. */
  public void progress(final long loadedBytes, final long totalBytes, final long loadedRecords) {
    this.loadedBytes = loadedBytes;
    this.totalBytes = totalBytes;
    this.loadedRecords = loadedRecords;
  }

  public void finish() {
    active = false;
  }

  public long startMillis() {
    return startMillis;
  }

  public long totalBytes() {
    return totalBytes;
  }

  public long loadedBytes() {
    return loadedBytes;
  }

  public long loadedRecords() {
    return loadedRecords;
  }
}
