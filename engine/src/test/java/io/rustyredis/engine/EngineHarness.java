package io.rustyredis.engine;

import io.rustyredis.engine.config.Config;
import java.nio.charset.StandardCharsets;

/**
 * Drives the engine with no socket and no ring: builds events as the transport would, runs them
 * through {@link Engine#onEvent} and returns the raw RESP reply, so tests can assert Redis's exact
 * bytes. Time is whatever the test says it is ({@link #time}), which makes expiry deterministic.
 */
public final class EngineHarness {
  private final Config config;
  private final Engine engine;
  private final CommandEvent event = new CommandEvent();
  private long now = 1_700_000_000_000L;
  private long nextClient = 1;
  private long sequence;
  /** The client the {@link #run} calls act for; {@link #connect} switches it. */
  public long client;

  public EngineHarness() {
    this(new Config());
  }

  public EngineHarness(final Config config) {
    this.config = config;
    this.engine = new Engine(config, ServerInfo.forTests(), e -> {
      throw new AssertionError("engine error", e);
    });
    this.client = connect();
  }

  public Engine engine() {
    return engine;
  }

  public Config config() {
    return config;
  }

  /** Sets the clock the next events carry (unix ms). */
  public EngineHarness time(final long millis) {
    now = millis;
    return this;
  }

  public long time() {
    return now;
  }

  /** Moves the clock forward. */
  public EngineHarness advance(final long millis) {
    now += millis;
    return this;
  }

  /** Connects a new client and makes it the current one; returns its id. */
  public long connect() {
    final long id = nextClient++;
    event.reset(EventType.CONNECT, id, id, now);
    event.text = "127.0.0.1:" + (40000 + id) + " 127.0.0.1:6379";
    engine.onEvent(event, sequence++, true);
    client = id;
    return id;
  }

  /** Runs one command for the current client and returns its reply as RESP text. */
  public String run(final String... args) {
    event.reset(EventType.COMMAND, client, client, now);
    for (final String arg : args) {
      event.args.add(arg);
    }
    engine.onEvent(event, sequence++, true);
    return new String(event.reply.array(), 0, event.reply.length(), StandardCharsets.UTF_8);
  }

  /** Runs one command given as raw bytes per argument. */
  public String runBytes(final byte[]... args) {
    event.reset(EventType.COMMAND, client, client, now);
    for (final byte[] arg : args) {
      event.args.add(arg);
    }
    engine.onEvent(event, sequence++, true);
    return new String(event.reply.array(), 0, event.reply.length(), StandardCharsets.ISO_8859_1);
  }

  /** The last event's effects, as the RESP commands the journal would append ("" when none). */
  public String effects() {
    return new String(event.effects.array(), 0, event.effects.length(), StandardCharsets.UTF_8);
  }

  /** The event the last call used: to look at flags the engine set (close, shutdown, kills). */
  public CommandEvent lastEvent() {
    return event;
  }

  /**
   * What the last event delivered to client {@code id} besides its own reply (a blocked client
   * served, a message): the outbox entries for that client, concatenated.
   */
  public String delivered(final long id) {
    final StringBuilder out = new StringBuilder();
    for (int i = 0; i < event.outbox.size(); i++) {
      if (Long.valueOf(id).equals(event.outbox.connection(i))) {
        final Reply reply = event.outbox.reply(i);
        out.append(new String(reply.array(), 0, reply.length(), StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }

  /** Disconnects client {@code id}, as the transport does when its socket closes. */
  public void disconnect(final long id) {
    event.reset(EventType.DISCONNECT, id, null, now);
    engine.onEvent(event, sequence++, true);
  }

  /** Delivers a clock tick, as the transport does every 10 ms. */
  public void tick() {
    event.reset(EventType.TICK, 0, null, now);
    engine.onEvent(event, sequence++, true);
  }
}
