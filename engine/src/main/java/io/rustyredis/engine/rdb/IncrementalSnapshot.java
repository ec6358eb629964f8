package io.rustyredis.engine.rdb;

import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.metrics.NanoClock;

/**
 * A BGSAVE image taken in slices on the engine thread, consistent as of the moment it began, by
 * per-key copy-on-write: Redis's fork without the fork.
 *
 * <p><b>The walk.</b> {@link #slice} serializes the next records of each database, bucket by
 * bucket in index order, until a key or time budget is spent, and returns; commands run between
 * slices. The image is one {@link RdbOutput}: keys of any database may be written in any order
 * because the file selects a database before each run of keys that belong to another one (RDB
 * allows SELECTDB anywhere; RESIZEDB, a hint, is written once per database with its size at the
 * start).
 *
 * <p><b>Copy-on-write.</b> Before anything changes or removes a key the walk has not reached yet,
 * {@link #beforeChange} writes that key's current value, which is still its value at the start,
 * since any earlier change would have gone through here first. Each record carries a one-byte mark
 * ({@link Keyspace#beginSnapshot}): starting flips the keyspace's mark, so every existing record is
 * "not written yet", and records inserted later are born with the new mark, so the walk skips keys
 * created after the start. Writing a key sets its mark: no key is written twice, even when a table
 * doubling moves already-walked records ahead of the walk. Tables do not halve while a snapshot
 * runs, since halving would fold unwalked buckets behind it. When the walk ends every record
 * carries the mark, which is what lets the next snapshot start by flipping it again.
 *
 * <p>A key whose deadline had passed at the start is left out (a loading Redis would drop it); one
 * that expires during the snapshot was live at the start and is written, deadline included, before
 * the keyspace removes it. The CRC is brought up to date after each slice, so finishing costs only
 * the last few bytes.
 */
public final class IncrementalSnapshot {
  /** How many records between clock reads: a read costs up to a tenth of a microsecond here. */
  private static final int CLOCK_EVERY = 64;

  private final Keyspace keyspace;
  private final RdbWriter writer;
  private final Database.RecordVisitor walker = this::walked;
  private RdbOutput out;
  private boolean checksum;
  private boolean running;
  private byte mark;
  private long startMillis;
  private long[] sizeAtStart = new long[0];
  private long[] volatileAtStart = new long[0];
  private boolean[] resized = new boolean[0];
  /** Database and bucket the walk is at; {@code walkDb == databaseCount} when the walk is done. */
  private int walkDb;
  private long bucket;
  /** Database the output last selected, -1 before the first key. */
  private int selected;
  private long processed;
  private long total;
  private int visitedInSlice;

  public IncrementalSnapshot(final Keyspace keyspace, final RdbWriter writer) {
    this.keyspace = keyspace;
    this.writer = writer;
  }

  public boolean running() {
    return running;
  }

  /** Keys written so far: INFO's {@code current_save_keys_processed}. */
  public long processed() {
    return processed;
  }

  /** Keys there were at the start: INFO's {@code current_save_keys_total}. */
  public long total() {
    return total;
  }

  /**
   * Begins an image of the keyspace as it is now: header written (with Redis's {@code aof-base}
   * aux field when it is to be an AOF rewrite's base), nothing walked yet.
   */
  public void start(final RdbOutput output, final long nowMillis, final boolean withChecksum, final boolean aofBase) {
    out = output;
    checksum = withChecksum;
    startMillis = nowMillis;
    final int databases = keyspace.databaseCount();
    sizeAtStart = new long[databases];
    volatileAtStart = new long[databases];
    resized = new boolean[databases];
    total = 0;
    for (int d = 0; d < databases; d++) {
      sizeAtStart[d] = keyspace.database(d).size();
      volatileAtStart[d] = keyspace.database(d).volatileCount();
      total += sizeAtStart[d];
    }
    processed = 0;
    walkDb = 0;
    bucket = 0;
    selected = -1;
    writer.writeHeader(out, nowMillis, aofBase);
    mark = keyspace.beginSnapshot();
    running = true;
  }

  /**
   * Walks on until {@code maxRecords} records were visited or the clock passed {@code
   * deadlineNanos}; true when the walk is done and {@link #finish} may be called.
   */
  public boolean slice(final int maxRecords, final NanoClock clock, final long deadlineNanos) {
    visitedInSlice = 0;
    int sinceClock = 0;
    while (walkDb < sizeAtStart.length) {
      final Database db = keyspace.database(walkDb);
      if (sizeAtStart[walkDb] == 0) {
        // Empty at the start: whatever it holds now was born since, and is not in the image.
        nextDatabase();
        continue;
      }
      final int before = visitedInSlice;
      if (db.scan(bucket, walker) == 0) {
        nextDatabase();
      } else {
        bucket++;
      }
      sinceClock += visitedInSlice - before;
      if (visitedInSlice >= maxRecords) {
        break;
      }
      if (sinceClock >= CLOCK_EVERY) {
        sinceClock = 0;
        if (clock.nanoTime() >= deadlineNanos) {
          break;
        }
      }
    }
    if (checksum) {
      out.checksum();
    }
    return walkDb == sizeAtStart.length;
  }

  /**
   * Before a key of database {@code db} changes or goes: its value as of the start is written now
   * unless it was written already or born since. {@code record} may be 0 (no such key).
   */
  public void beforeChange(final int db, final long record) {
    if (record != 0 && Record.snapshotMark(record) != mark) {
      write(db, record);
    }
  }

  /** Writes what the walk has not reached yet, in one go: before FLUSHALL, SWAPDB and the like. */
  public void complete() {
    slice(Integer.MAX_VALUE, NanoClock.STOPPED, Long.MAX_VALUE);
  }

  /** Ends the image (EOF and CRC) once the walk is done and returns it; the snapshot stops running. */
  public RdbOutput finish() {
    final RdbOutput image = out;
    writer.writeFooter(image, checksum);
    stop();
    return image;
  }

  /**
   * Gives up on the image (serializing failed): marks every record still unmarked, so that the
   * next snapshot's flip finds them all alike, and stops.
   */
  public void abandon() {
    final Database.RecordVisitor marker = record -> Record.snapshotMark(record, mark);
    for (int d = 0; d < keyspace.databaseCount(); d++) {
      final Database db = keyspace.database(d);
      long b = 0;
      while (db.scan(b, marker) != 0) {
        b++;
      }
    }
    stop();
  }

  private void stop() {
    running = false;
    out = null;
    keyspace.endSnapshot();
  }

  private void nextDatabase() {
    walkDb++;
    bucket = 0;
  }

  private void walked(final long record) {
    visitedInSlice++;
    if (Record.snapshotMark(record) != mark) {
      write(walkDb, record);
    }
  }

  private void write(final int db, final long record) {
    Record.snapshotMark(record, mark);
    final long expireAt = Record.expireAt(record);
    if (expireAt != Record.NO_EXPIRY && expireAt <= startMillis) {
      return;
    }
    if (db != selected) {
      writer.writeSelect(out, db, resized[db] ? 0 : sizeAtStart[db], resized[db] ? 0 : volatileAtStart[db]);
      resized[db] = true;
      selected = db;
    }
    writer.writeKey(out, record);
    processed++;
  }
}
