package io.rustyredis.bench;

import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import java.nio.charset.StandardCharsets;

/**
 * An engine with one connected client, driven as the ring drives it but with no ring: events are
 * built once with their arguments already in place, so running one measures execution alone
 * (dispatch, the command, the reply), as {@code EngineHarness} does for the unit tests.
 */
public final class EngineDriver {
  private static final long CLIENT = 1;
  private static final long NOW = 1_700_000_000_000L;

  private final Engine engine = new Engine(new Config(), ServerInfo.forTests(), Throwable::printStackTrace);
  private long sequence;

  public EngineDriver() {
    final CommandEvent connect = new CommandEvent();
    connect.reset(EventType.CONNECT, CLIENT, null, NOW);
    connect.text = "127.0.0.1:40001 127.0.0.1:6379";
    engine.onEvent(connect, sequence++, true);
  }

  /** A reusable event carrying the given command of the connected client. */
  public CommandEvent command(final String... args) {
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.COMMAND, CLIENT, null, NOW);
    for (final String arg : args) {
      event.args.add(arg);
    }
    return event;
  }

  /** Executes {@code event} and returns the length of its reply. */
  public int run(final CommandEvent event) {
    engine.onEvent(event, sequence++, true);
    return event.reply.length();
  }

  /** Builds, runs and checks a command during set-up; fails on an error reply. */
  public String runOnce(final String... args) {
    final CommandEvent event = command(args);
    run(event);
    final String reply = new String(event.reply.array(), 0, event.reply.length(), StandardCharsets.UTF_8);
    if (reply.startsWith("-")) {
      throw new IllegalStateException(String.join(" ", args) + " -> " + reply);
    }
    return reply;
  }
}
