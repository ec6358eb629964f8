package io.rustyredis.journal;

import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.rdb.RdbOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Point-in-time restore: rebuilds the dataset as it was at a moment (or just after one journal
 * document) and writes it as an RDB file, which rusty-redis and Redis both load. An engine of its
 * own, with no ring and no socket, loads the journal's base, replays the journals' documents in
 * manifest order up to the limit as the replay client (keys do not expire meanwhile, as at
 * startup), and serializes what it holds, with the limit's time as "now" so that keys whose
 * deadline had passed by then are left out.
 *
 * <p>Nothing before the base can be restored: a rewrite deleted the journals it covers. A limit
 * earlier than the base is reported rather than silently answered with a later state.
 */
public final class JournalRestore {
  /** Where to stop: a time (documents at or before it) or one document's index. */
  public static final class Limit {
    final long timeMillis;
    final long index;

    private Limit(final long timeMillis, final long index) {
      this.timeMillis = timeMillis;
      this.index = index;
    }

    /** An ISO-8601 instant ({@code 2026-12-06T01:30:00Z}) or an index as {@code dump} prints it ({@code cycle:sequence}, hex). */
    public static Limit parse(final String text) {
      final int colon = text.indexOf(':');
      if (colon > 0 && !text.contains("T")) {
        final long cycle = Long.parseLong(text.substring(0, colon), 16);
        final long sequence = Long.parseLong(text.substring(colon + 1), 16);
        return new Limit(Long.MAX_VALUE, JournalFiles.ROLL_CYCLE.toIndex((int) cycle, sequence));
      }
      return new Limit(Instant.parse(text).toEpochMilli(), -1);
    }
  }

  /** What a restore did. */
  public static final class Result {
    public long documents;
    public long keys;
    /** The time of the last document replayed, or 0. */
    public long lastTimeMillis;
    /** Whether the limit was an index that no journal holds. */
    public boolean indexMissing;
    /** Whether the limit lies before the base was written, so the file shows a later state. */
    public boolean beforeBase;
  }

  private final Engine engine;
  private final CommandEvent event = new CommandEvent();
  private final EffectParser parser = new EffectParser();
  private long sequence;

  public JournalRestore() {
    engine = new Engine(new Config(), ServerInfo.forTests(), e -> {
      throw new IllegalStateException("engine error during restore", e);
    });
  }

  /** Rebuilds the state of the journal in {@code dir} at {@code limit} and writes it to {@code out}. */
  public Result restore(final Path dir, final Limit limit, final Path out) throws IOException, JournalCorruptException {
    final Result result = new Result();
    final JournalManifest manifest = JournalManifest.open(dir, "appendonly.aof");
    try {
      final Path base = manifest.base();
      if (base != null) {
        final long written = Files.getLastModifiedTime(base).toMillis();
        result.beforeBase = limit.index < 0 && limit.timeMillis < written;
        engine.persistence().load(Files.readAllBytes(base), Math.min(limit.timeMillis, written));
      }
      engine.keyspace().loading().start(0, 0);
      event.reset(EventType.CONNECT, Engine.REPLAY_CLIENT_ID, null, 0);
      event.text = "journal:0 journal:0";
      dispatch();
      boolean found = false;
      for (final Path journal : manifest.incrementals()) {
        if (found || !JournalReader.exists(journal)) {
          continue;
        }
        found = replay(journal, limit, result);
      }
      result.indexMissing = limit.index >= 0 && !found;
      engine.keyspace().loading().finish();
      final long now = limit.index >= 0 ? Math.max(result.lastTimeMillis, 1) : limit.timeMillis;
      final RdbOutput image = engine.persistence().image(now);
      final Path temp = out.resolveSibling(out.getFileName() + ".restore-tmp");
      Files.write(temp, image.toArray());
      Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      for (int db = 0; db < engine.keyspace().databaseCount(); db++) {
        result.keys += engine.keyspace().database(db).size();
      }
      return result;
    } finally {
      manifest.close();
    }
  }

  /** Replays one journal up to the limit; true when the limit's index was reached in it. */
  private boolean replay(final Path journal, final Limit limit, final Result result) throws JournalCorruptException {
    final boolean[] reached = new boolean[1];
    try (JournalReader reader = new JournalReader(journal)) {
      reader.read((index, timeMillis, payload, length) -> {
        if (reached[0] || timeMillis > limit.timeMillis) {
          reached[0] |= limit.index < 0;
          return;
        }
        parser.parse(payload, length, (p, offsets, lengths, argc) -> {
          event.reset(EventType.COMMAND, Engine.REPLAY_CLIENT_ID, null, timeMillis);
          for (int i = 0; i < argc; i++) {
            final int at = event.args.append(lengths[i]);
            System.arraycopy(p, offsets[i], event.args.array(), at, lengths[i]);
          }
          dispatch();
        });
        result.documents++;
        result.lastTimeMillis = timeMillis;
        reached[0] = index == limit.index;
      }, true);
    }
    return limit.index >= 0 && reached[0];
  }

  private void dispatch() {
    engine.onEvent(event, sequence++, true);
  }
}
