package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ADMIN;
import static io.rustyredis.engine.command.CommandFlag.ALLOW_BUSY;
import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.MOVABLEKEYS;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.NO_ASYNC_LOADING;
import static io.rustyredis.engine.command.CommandFlag.NO_MULTI;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Effects;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.metrics.NanoClock;
import io.rustyredis.engine.rdb.FunctionLibraries;
import io.rustyredis.engine.rdb.IncrementalSnapshot;
import io.rustyredis.engine.rdb.JournalBase;
import io.rustyredis.engine.rdb.MemoryJournalBase;
import io.rustyredis.engine.rdb.MemorySnapshots;
import io.rustyredis.engine.rdb.RdbFormatException;
import io.rustyredis.engine.rdb.RdbOutput;
import io.rustyredis.engine.rdb.RdbReader;
import io.rustyredis.engine.rdb.RdbWriter;
import io.rustyredis.engine.rdb.SaveState;
import io.rustyredis.engine.rdb.Snapshots;
import io.rustyredis.engine.signals.KeyspaceSignals;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.agrona.ErrorHandler;

/**
 * Snapshots and serialized values, as Redis's {@code rdb.c} and the DUMP/RESTORE part of {@code
 * cluster.c}: SAVE, BGSAVE [SCHEDULE], LASTSAVE, the {@code save <seconds> <changes>} schedule,
 * SHUTDOWN [SAVE|NOSAVE], DUMP and RESTORE.
 *
 * <p><b>Consistency without fork.</b> Redis forks and lets the child write a copy-on-write view.
 * BGSAVE here serializes on the engine thread in slices ({@link IncrementalSnapshot}: a bounded
 * amount of work per tick and per batch end) into memory ({@link RdbOutput}, 1 MiB chunks), with
 * per-key copy-on-write for consistency: before a write command runs ({@link #beforeWrite}, called
 * by the engine for every command, nested ones included) each key it names that the walk has not
 * reached is written first, and so is a key the keyspace expires ({@link #beforeRemoval}).
 * Commands that act on whole databases (FLUSHDB, FLUSHALL, SWAPDB) or on another database's keys
 * (COPY ... DB) first finish the walk in one go: the simple correct choice, at the cost of one
 * pause when they run during a BGSAVE. The finished image goes to {@link Snapshots} to be written
 * on another thread. SAVE (and SHUTDOWN's save) serializes in one go, as Redis's SAVE blocks.
 *
 * <p><b>BGREWRITEAOF</b> is the same walk with another destination: the image (with Redis's {@code
 * aof-base} aux field) becomes the journal's new base through {@link JournalBase}, and the event in
 * which the walk starts is marked ({@link Effects#rebase()}) so the journal stage starts a new
 * journal exactly there: everything before the mark is in the base, everything after in the new
 * journal. One walk runs at a time, so a rewrite asked for during a BGSAVE (or inside EXEC, where
 * the mark would fall in the middle of a transaction) is scheduled and started by the tick, as
 * Redis schedules it while a child runs; the tick also starts one when the journal has grown past
 * {@code auto-aof-rewrite-percentage} of its size after the last rewrite and past {@code
 * auto-aof-rewrite-min-size}.
 *
 * <p>The engine does no I/O: where the bytes go is the {@link Snapshots} and {@link JournalBase}
 * given by the transport's wiring; with none given they stay in memory ({@link MemorySnapshots},
 * {@link MemoryJournalBase}).
 */
public final class PersistenceCommands {
  private static final long BGSAVE_RETRY_MILLIS = 5000;
  /** After three rewrites failed in a row, automatic ones wait this long after the last failure. */
  private static final long REWRITE_RETRY_MILLIS = 60_000;

  private final Keyspace keyspace;
  private final Config config;
  private final KeyspaceSignals signals;
  private final SaveState state;
  private final ErrorHandler errors;
  private final RdbWriter writer;
  private final RdbReader reader;
  private final long[] number = new long[1];
  private final IncrementalSnapshot walk;
  private Snapshots snapshots = new MemorySnapshots();
  private JournalBase journalBase = new MemoryJournalBase();
  /** Whether the running walk or background write is an AOF rewrite rather than a BGSAVE. */
  private boolean rewriting;
  private NanoClock clock = NanoClock.STOPPED;
  private int sliceRecords = 100_000;
  private long sliceNanos = 1_000_000;
  private CompletableFuture<Void> background;
  private long dirtyAtBgsave;
  private boolean scheduled;
  private long lastBgsaveTry;
  private String rulesText;
  private long[] rules = new long[0];

  public PersistenceCommands(
      final Keyspace keyspace, final Config config, final KeyspaceSignals signals, final SaveState state,
      final ErrorHandler errors) {
    this.keyspace = keyspace;
    this.config = config;
    this.signals = signals;
    this.state = state;
    this.errors = errors;
    this.writer = new RdbWriter(keyspace);
    this.reader = new RdbReader(keyspace, config);
    this.walk = new IncrementalSnapshot(keyspace, writer);
  }

  /** The RDB encoder: shared with FUNCTION DUMP, whose payload is a file's library entries. */
  public RdbWriter writer() {
    return writer;
  }

  /** The RDB decoder: shared with FUNCTION RESTORE. */
  public RdbReader reader() {
    return reader;
  }

  /** Images carry these libraries, and loading a file restores them. */
  public void functions(final FunctionLibraries libraries) {
    writer.functions(libraries);
    reader.functions(libraries);
  }

  /** True while a BGSAVE is still walking the keyspace (its image not yet handed to be written). */
  public boolean walking() {
    return walk.running();
  }

  /** The clock that bounds a BGSAVE slice's time (the engine's measuring clock; never acted on otherwise). */
  public void clock(final NanoClock clock) {
    this.clock = clock;
  }

  /**
   * How much one BGSAVE slice may do: at most {@code records} records and {@code nanos} of the
   * clock, whichever ends first (1 ms by default; with a stopped clock only the count bounds it).
   */
  public void sliceLimits(final int records, final long nanos) {
    this.sliceRecords = records;
    this.sliceNanos = nanos;
  }

  /**
   * The engine is about to run {@code spec} for a client in database {@code db}: if it may write
   * and a BGSAVE is walking, the keys it names that the walk has not reached are written first,
   * as they are now (movable-key commands: every argument that names a key). Free when no BGSAVE
   * runs.
   */
  public void beforeWrite(final CommandSpec spec, final Arguments args, final int db) {
    if (!walk.running() || !spec.has(WRITE)) {
      return;
    }
    try {
      final boolean movable = spec.has(MOVABLEKEYS);
      if ((spec.firstKey <= 0 && !movable) || spec.name.equals("copy")) {
        completeWalk(keyspace.now());
        return;
      }
      final Database database = keyspace.database(db);
      final int count = args.count();
      if (movable) {
        for (int i = 1; i < count; i++) {
          walk.beforeChange(db, database.find(args.array(), args.address(i), args.length(i)));
        }
        return;
      }
      final int last = spec.lastKey < 0 ? count + spec.lastKey : Math.min(spec.lastKey, count - 1);
      final int step = Math.max(1, spec.keyStep);
      for (int i = spec.firstKey; i <= last; i += step) {
        walk.beforeChange(db, database.find(args.array(), args.address(i), args.length(i)));
      }
    } catch (final RuntimeException e) {
      failWalk(e, keyspace.now());
    }
  }

  /** The keyspace is about to remove {@code record} of database {@code db} by itself (expiry). */
  public void beforeRemoval(final int db, final long record) {
    if (!walk.running()) {
      return;
    }
    try {
      walk.beforeChange(db, record);
    } catch (final RuntimeException e) {
      failWalk(e, keyspace.now());
    }
  }

  /**
   * The engine ended a batch of events (a tick is one when nothing else arrives): a running
   * BGSAVE walks one slice on, so it advances at least once per tick and, under load, once per
   * batch.
   */
  public void batchEnd() {
    if (walk.running()) {
      step(keyspace.now());
    }
  }

  /** Where snapshots are stored from now on. */
  public void snapshots(final Snapshots snapshots) {
    this.snapshots = snapshots;
  }

  /** Where AOF rewrites put the journal's base from now on. */
  public void journalBase(final JournalBase journalBase) {
    this.journalBase = journalBase;
    state.journalBase(journalBase);
  }

  /**
   * appendonly was just turned on in the event whose effects are {@code effects}: as Redis, the
   * journal starts with a rewrite so that base and journal alone rebuild the dataset. While a
   * BGSAVE or another rewrite runs it is scheduled instead. Returns whether it started here (the
   * engine records nothing until it has: see {@link #rewritesStarted}).
   */
  public boolean appendonlyTurnedOn(final long now, final Effects effects) {
    if (busy() || !startRewrite(now, effects)) {
      // Behind a BGSAVE, or failed to start: the tick starts it when it can.
      state.rewriteScheduled(true);
      return false;
    }
    return true;
  }

  /** AOF rewrites started so far (Redis's {@code aof_rewrites}). */
  public long rewritesStarted() {
    return state.rewrites();
  }

  public void declare(final CommandTable t) {
    t.add(command("dump", 2).flags(READONLY).keys(1, 1, 1).acl("@keyspace @read @slow")
        .tips("nondeterministic_output")
        .doc("Return a serialized version of the value stored at the specified key.", "2.6.0", "generic",
            "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects "
                + "composing the value and M their average size. For small string values the time complexity is "
                + "thus O(1)+O(1*M) where M is small, so simply O(1).")
        .handler(this::dump));
    t.add(command("restore", -4).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@keyspace @write @slow @dangerous")
        .doc("Create a key using the provided serialized value, previously obtained using DUMP.", "2.6.0", "generic",
            "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the "
                + "number of Redis objects composing the value and M their average size. For small string values "
                + "the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set "
                + "values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).")
        .handler(this::restore));
    t.add(command("save", 1).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI).acl("@admin @slow @dangerous")
        .doc("Synchronously save the dataset to disk", "1.0.0", "server",
            "O(N) where N is the total number of keys in all databases")
        .handler(this::save));
    t.add(command("bgsave", -1).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING).acl("@admin @slow @dangerous")
        .doc("Asynchronously save the dataset to disk", "1.0.0", "server", "O(1)")
        .handler(this::bgsave));
    t.add(command("bgrewriteaof", 1).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING).acl("@admin @slow @dangerous")
        .doc("Asynchronously rewrite the append-only file", "1.0.0", "server", "O(1)")
        .handler(this::bgrewriteaof));
    t.add(command("lastsave", 1).flags(LOADING, STALE, FAST).acl("@admin @fast @dangerous")
        .tips("nondeterministic_output")
        .doc("Get the UNIX time stamp of the last successful save to disk", "1.0.0", "server", "O(1)")
        .handler(this::lastsave));
    t.add(command("shutdown", -1).flags(ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, ALLOW_BUSY)
        .acl("@admin @slow @dangerous")
        .doc("Synchronously save the dataset to disk and then shut down the server", "1.0.0", "server",
            "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)")
        .handler(this::shutdown));
  }

  void dump(final CommandContext c) {
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().nullBulk();
      return;
    }
    c.reply().bulk(writer.dump(record, config.getBoolean("rdbcompression")));
  }

  /** RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency], as Redis 7.0. */
  void restore(final CommandContext c) {
    final Arguments args = c.args();
    boolean replace = false;
    boolean absTtl = false;
    long idle = -1;
    long freq = -1;
    for (int i = 4; i < args.count(); i++) {
      final boolean more = i + 1 < args.count();
      if (args.is(i, "replace")) {
        replace = true;
      } else if (args.is(i, "absttl")) {
        absTtl = true;
      } else if (args.is(i, "idletime") && more && freq == -1) {
        if (!args.parseLong(++i, number)) {
          c.notAnInteger();
          return;
        }
        idle = number[0];
        if (idle < 0) {
          c.reply().error("ERR Invalid IDLETIME value, must be >= 0");
          return;
        }
      } else if (args.is(i, "freq") && more && idle == -1) {
        if (!args.parseLong(++i, number)) {
          c.notAnInteger();
          return;
        }
        freq = number[0];
        if (freq < 0 || freq > 255) {
          c.reply().error("ERR Invalid FREQ value, must be >= 0 and <= 255");
          return;
        }
      } else {
        c.syntaxError();
        return;
      }
    }
    final long existing = c.lookup(1);
    if (!replace && existing != 0) {
      c.reply().error("BUSYKEY Target key name already exists.");
      return;
    }
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    long ttl = number[0];
    if (ttl < 0) {
      c.reply().error("ERR Invalid TTL value, must be >= 0");
      return;
    }
    final byte[] payload = args.bytes(3);
    if (!RdbReader.verifyPayload(payload)) {
      c.reply().error("ERR DUMP payload version or checksum are wrong");
      return;
    }
    final Database db = c.database();
    final byte[] key = args.bytes(1);
    final long record;
    try {
      record = reader.restore(db, key, payload);
    } catch (final RdbFormatException e) {
      c.reply().error("ERR Bad data format");
      return;
    }
    if (record == 0) {
      c.reply().error("ERR Bad data format");
      return;
    }
    if (ttl != 0 && !absTtl) {
      ttl += c.now();
    }
    if (ttl != 0 && ttl <= c.now()) {
      // Already expired: as Redis, the key is not created, and a replaced one is simply deleted.
      db.delete(record);
      if (existing != 0) {
        c.effect(2).arg("DEL").arg(args.array(), args.address(1), args.length(1));
        c.modified(1, KeyspaceSignals.GENERIC, "del");
      } else {
        c.noEffect();
      }
      c.reply().ok();
      return;
    }
    if (ttl != 0) {
      db.expireAt(record, ttl);
    }
    if (idle >= 0) {
      Record.accessTime(record, c.now() - idle * 1000);
    }
    c.modified(1, KeyspaceSignals.GENERIC, "restore");
    c.effect(ttl != 0 ? 6 : 5).arg("RESTORE").arg(args.array(), args.address(1), args.length(1))
        .arg(ttl).arg(payload).arg("REPLACE");
    if (ttl != 0) {
      c.effects().arg("ABSTTL");
    }
    c.reply().ok();
  }

  void save(final CommandContext c) {
    if (busy()) {
      c.reply().error("ERR Background save already in progress");
      return;
    }
    if (saveNow(c.now())) {
      c.reply().ok();
    } else {
      c.reply().error("ERR");
    }
  }

  void bgsave(final CommandContext c) {
    final Arguments args = c.args();
    boolean schedule = false;
    if (args.count() > 1) {
      if (args.count() == 2 && args.is(1, "schedule")) {
        schedule = true;
      } else {
        c.syntaxError();
        return;
      }
    }
    if (busy()) {
      if (schedule) {
        scheduled = true;
        c.reply().simple("Background saving scheduled");
      } else if (rewriting) {
        c.reply().error("ERR Another child process is active (AOF?): can't BGSAVE right now. "
            + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
      } else {
        c.reply().error("ERR Background save already in progress");
      }
      return;
    }
    if (startBackground(c.now())) {
      c.reply().simple("Background saving started");
    } else {
      c.reply().error("ERR");
    }
  }

  /**
   * BGREWRITEAOF, as Redis 7.0: an error while a rewrite runs, scheduled while a BGSAVE runs or
   * inside EXEC (a nested command: its event's effects are not its own), started otherwise.
   */
  void bgrewriteaof(final CommandContext c) {
    if (busy() && rewriting) {
      c.reply().error("ERR Background append only file rewriting already in progress");
    } else if (busy() || c.event().effects != c.effects()) {
      state.rewriteScheduled(true);
      c.reply().simple("Background append only file rewriting scheduled");
    } else if (startRewrite(c.now(), c.effects())) {
      c.reply().simple("Background append only file rewriting started");
    } else {
      c.reply().error("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.");
    }
  }

  void lastsave(final CommandContext c) {
    c.reply().integer(state.lastSaveSeconds());
  }

  /**
   * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] | ABORT. Saves first when asked to, or when save points are
   * configured and NOSAVE was not given, as Redis does; a failed save cancels the shutdown unless
   * FORCE. On success there is no reply: the transport stops the server.
   */
  void shutdown(final CommandContext c) {
    final Arguments args = c.args();
    boolean save = false;
    boolean noSave = false;
    boolean force = false;
    boolean now = false;
    boolean abort = false;
    for (int i = 1; i < args.count(); i++) {
      if (args.is(i, "nosave")) {
        noSave = true;
      } else if (args.is(i, "save")) {
        save = true;
      } else if (args.is(i, "now")) {
        now = true;
      } else if (args.is(i, "force")) {
        force = true;
      } else if (args.is(i, "abort")) {
        abort = true;
      } else {
        c.syntaxError();
        return;
      }
    }
    if ((abort && (save || noSave || now || force)) || (save && noSave)) {
      c.syntaxError();
      return;
    }
    if (abort) {
      c.reply().error("ERR No shutdown in progress.");
      return;
    }
    if (rewriting && busy()) {
      // Redis kills a rewriting child on shutdown: the journal it would replace is still whole.
      abandonRewrite(c.now());
    }
    if (walk.running()) {
      completeWalk(c.now());
    }
    if (background != null) {
      // A background write still running must not land after (and over) the final save.
      try {
        background.join();
      } catch (final RuntimeException e) {
        errors.onError(e);
      }
      finishBackground(c.now());
    }
    if (!noSave && (save || saveRules().length > 0) && !saveNow(c.now()) && !force) {
      c.reply().error("ERR Errors trying to SHUTDOWN. Check logs.");
      return;
    }
    c.event().shutdown = true;
    c.event().closeAfterReply = true;
  }

  /**
   * Redis's {@code serverCron} part for snapshots: notices a finished background save, starts a
   * scheduled one, and starts one when a {@code save <seconds> <changes>} point is reached (after a
   * failure, not again within 5 seconds).
   */
  public void tick(final long now, final Effects effects) {
    if (walk.running()) {
      // Its slices run at batch ends, a tick's included: one slice per tick, not two.
      return;
    }
    if (background != null) {
      if (!background.isDone()) {
        return;
      }
      finishBackground(now);
    }
    if (state.rewriteScheduled() && !rewriteLimited(now)) {
      startRewrite(now, effects);
      return;
    }
    if (scheduled) {
      scheduled = false;
      startBackground(now);
      return;
    }
    final long[] points = saveRules();
    final long dirty = signals.dirty();
    for (int i = 0; i + 1 < points.length; i += 2) {
      if (dirty >= points[i + 1] && now - state.lastSaveSeconds() * 1000 > points[i] * 1000
          && (now - lastBgsaveTry > BGSAVE_RETRY_MILLIS || state.lastBgsaveOk())) {
        startBackground(now);
        return;
      }
    }
    if (config.getBoolean("appendonly") && growthPastLimit() && !rewriteLimited(now)) {
      startRewrite(now, effects);
    }
  }

  /** Redis's automatic rewrite rule: past the minimum size and grown by the percentage since the last rewrite. */
  private boolean growthPastLimit() {
    final long percentage = config.getLong("auto-aof-rewrite-percentage");
    final long current = journalBase.currentSize();
    if (percentage == 0 || current <= config.getLong("auto-aof-rewrite-min-size")) {
      return false;
    }
    final long base = Math.max(1, journalBase.baseSize());
    return current * 100 / base - 100 >= percentage;
  }

  /** After three failed rewrites in a row, scheduled and automatic ones wait a minute after the last failure. */
  private boolean rewriteLimited(final long now) {
    return state.rewriteFailuresInARow() >= 3 && now - state.lastRewriteFailedMillis() < REWRITE_RETRY_MILLIS;
  }

  /** Loads an RDB file into the keyspace (at startup, before any client); returns the keys loaded. */
  public long load(final byte[] rdb, final long nowMillis) {
    keyspace.now(nowMillis);
    final long keys = reader.load(rdb, nowMillis);
    state.loaded(keys, reader.expiredOnLoad());
    return keys;
  }

  /** The whole keyspace as an RDB file in memory, serialized in one go: what SAVE writes. */
  public RdbOutput image(final long now) {
    final RdbOutput out = new RdbOutput().compressing(config.getBoolean("rdbcompression"));
    writer.writeSnapshot(out, now, false, config.getBoolean("rdbchecksum"));
    return out;
  }

  private boolean saveNow(final long now) {
    final long dirtyAtStart = signals.dirty();
    try {
      snapshots.save(image(now));
    } catch (final IOException | RuntimeException e) {
      errors.onError(e);
      return false;
    }
    signals.saved(dirtyAtStart);
    state.saved(now);
    return true;
  }

  /**
   * Starts the walk and takes its first slice (a small keyspace is done at once); false (and a
   * failed status) when serializing failed, which on the tick path must not take the engine
   * thread down with it.
   */
  private boolean startBackground(final long now) {
    dirtyAtBgsave = signals.dirty();
    lastBgsaveTry = now;
    rewriting = false;
    state.bgsaveStarted(now);
    try {
      walk.start(new RdbOutput().compressing(config.getBoolean("rdbcompression")), now,
          config.getBoolean("rdbchecksum"), false);
    } catch (final RuntimeException e) {
      errors.onError(e);
      state.bgsaveEnded(now, false);
      return false;
    }
    step(now);
    return true;
  }

  /**
   * Starts an AOF rewrite's walk and marks {@code effects}, the current event's, as the point where
   * the new journal begins; the first slice is taken at once, as for BGSAVE.
   */
  private boolean startRewrite(final long now, final Effects effects) {
    state.rewriteScheduled(false);
    rewriting = true;
    state.rewriteStarted(now);
    try {
      walk.start(new RdbOutput().compressing(config.getBoolean("rdbcompression")), now,
          config.getBoolean("rdbchecksum"), true);
    } catch (final RuntimeException e) {
      errors.onError(e);
      rewriting = false;
      state.rewriteEnded(now, false);
      return false;
    }
    journalBase.begin();
    effects.rebase();
    step(now);
    return true;
  }

  private void abandonRewrite(final long now) {
    if (walk.running()) {
      walk.abandon();
    }
    // A base still being written completes on its own thread; the journal stays as it is.
    background = null;
    rewriting = false;
    state.rewriteEnded(now, false);
  }

  private boolean busy() {
    return walk.running() || background != null;
  }

  /** One slice of the walk; the image goes to the background writer once the walk is done. */
  private void step(final long now) {
    try {
      final long deadline = sliceNanos == Long.MAX_VALUE ? Long.MAX_VALUE : clock.nanoTime() + sliceNanos;
      final boolean done = walk.slice(sliceRecords, clock, deadline);
      state.saveProgress(walk.processed(), walk.total());
      if (done) {
        background = handOver(walk.finish());
      }
    } catch (final RuntimeException e) {
      failWalk(e, now);
    }
  }

  /** Finishes the walk in one go (before a command that acts on whole databases) and hands it over. */
  private void completeWalk(final long now) {
    try {
      walk.complete();
      state.saveProgress(walk.processed(), walk.total());
      background = handOver(walk.finish());
    } catch (final RuntimeException e) {
      failWalk(e, now);
    }
  }

  private CompletableFuture<Void> handOver(final RdbOutput image) {
    return rewriting ? journalBase.saveBase(image) : snapshots.saveInBackground(image);
  }

  private void failWalk(final RuntimeException e, final long now) {
    errors.onError(e);
    if (walk.running()) {
      walk.abandon();
    }
    if (rewriting) {
      rewriting = false;
      state.rewriteEnded(now, false);
    } else {
      state.bgsaveEnded(now, false);
    }
  }

  private void finishBackground(final long now) {
    final boolean ok = !background.isCompletedExceptionally();
    if (rewriting) {
      if (!ok) {
        background.exceptionally(e -> {
          errors.onError(e);
          return null;
        });
      }
      rewriting = false;
      background = null;
      state.rewriteEnded(now, ok);
      return;
    }
    if (ok) {
      signals.saved(dirtyAtBgsave);
      state.saved(now);
    } else {
      background.exceptionally(e -> {
        errors.onError(e);
        return null;
      });
    }
    state.bgsaveEnded(now, ok);
    background = null;
  }

  /** The {@code save} parameter as seconds, changes pairs; parsed again only when its text changed. */
  private long[] saveRules() {
    final String text = config.get("save");
    if (!text.equals(rulesText)) {
      final String trimmed = text.trim();
      final String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
      final long[] parsed = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        parsed[i] = Long.parseLong(parts[i]);
      }
      rules = parsed;
      rulesText = text;
    }
    return rules;
  }
}
