package io.rustyredis.journal;

import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An engine with the journal stage behind it and no ring: each command runs through the engine and
 * then the stage, one event per batch, as the ring would run them. {@link #replay} loads a journal
 * into this node's engine as the replay client, the way the loader does through the ring.
 */
final class EngineNode implements AutoCloseable {
  private final Engine engine;
  private final JournalStage stage;
  /** What the journal stage reported to its error handler (from any thread). */
  final List<Throwable> journalErrors = new CopyOnWriteArrayList<>();
  private final JournalManifest manifest;
  private final CommandEvent event = new CommandEvent();
  private long sequence;
  long now = 1_700_000_000_000L;

  /** An engine journaling into the manifest-managed directory {@code root} when {@code journaling}. */
  EngineNode(final Path root, final boolean journaling) {
    this(root, journaling, JournalWriter::new);
  }

  /** With {@code open} making the journal's writers (a test's failing one). */
  EngineNode(final Path root, final boolean journaling, final Function<Path, JournalWriter> open) {
    final Config config = new Config();
    engine = new Engine(config, ServerInfo.forTests(), e -> {
      throw new AssertionError("engine error", e);
    });
    engine.journaling(journaling);
    manifest = JournalManifest.open(root, "appendonly.aof");
    engine.persistence().journalBase(manifest);
    // Recorded, not thrown: the background force reports from its own thread, where a throw is lost.
    stage = new JournalStage(manifest, engine.journalStatus(), "always", journalErrors::add, open);
    connect(1);
    connect(Engine.REPLAY_CLIENT_ID);
  }

  /** Changes the journal's appendfsync policy, as CONFIG SET does. */
  void fsync(final String policy) {
    stage.fsync(policy);
  }

  Engine engine() {
    return engine;
  }

  JournalManifest manifest() {
    return manifest;
  }

  private void connect(final long id) {
    event.reset(EventType.CONNECT, id, null, now);
    event.text = "127.0.0.1:4000 127.0.0.1:6379";
    dispatch();
  }

  private void dispatch() {
    engine.onEvent(event, sequence, true);
    stage.onEvent(event, sequence++, true);
  }

  /** A clock tick, as the transport sends every 10 ms: finishes background saves and rewrites. */
  void tick() {
    event.reset(EventType.TICK, 0, null, now);
    dispatch();
  }

  /** Runs a command as client 1 and returns its RESP reply. */
  String run(final String... args) {
    return runAs(1, args);
  }

  String runAs(final long client, final String... args) {
    event.reset(EventType.COMMAND, client, null, now);
    for (final String arg : args) {
      event.args.add(arg);
    }
    dispatch();
    return new String(event.reply.array(), 0, event.reply.length(), StandardCharsets.UTF_8);
  }

  /**
   * Runs commands as client 1 in one batch, as the ring hands a pipelined read to its consumer:
   * each in an event of its own, the last one ending the batch; returns their replies.
   */
  List<String> batch(final String[]... commands) {
    final CommandEvent[] events = new CommandEvent[commands.length];
    for (int i = 0; i < commands.length; i++) {
      events[i] = new CommandEvent();
      events[i].reset(EventType.COMMAND, 1, null, now);
      for (final String arg : commands[i]) {
        events[i].args.add(arg);
      }
      final boolean last = i == commands.length - 1;
      engine.onEvent(events[i], sequence, last);
      stage.onEvent(events[i], sequence++, last);
    }
    final List<String> replies = new ArrayList<>();
    for (final CommandEvent e : events) {
      replies.add(new String(e.reply.array(), 0, e.reply.length(), StandardCharsets.UTF_8));
    }
    return replies;
  }

  /** Replays the journal in {@code dir} into this engine; returns what the reader found. */
  JournalReader.Result replay(final Path dir, final boolean loadTruncated) throws JournalCorruptException {
    final EffectParser parser = new EffectParser();
    try (JournalReader reader = new JournalReader(dir)) {
      return reader.read((index, time, payload, length) -> parser.parse(payload, length, (p, offsets, lengths, argc) -> {
        event.reset(EventType.COMMAND, Engine.REPLAY_CLIENT_ID, null, now);
        for (int i = 0; i < argc; i++) {
          final int at = event.args.append(lengths[i]);
          System.arraycopy(p, offsets[i], event.args.array(), at, lengths[i]);
        }
        dispatch();
      }), loadTruncated);
    }
  }

  @Override
  public void close() {
    stage.close();
    manifest.close();
  }
}
