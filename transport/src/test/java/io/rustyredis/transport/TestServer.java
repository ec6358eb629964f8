package io.rustyredis.transport;

import io.rustyredis.engine.config.Config;
import io.rustyredis.journal.JournalCorruptException;

/**
 * An in-process rusty-redis on a free port, for end-to-end tests. Most tests share one through
 * {@link ServerExtension}; a test that needs a server of its own (it flushes everything, or
 * stops it) starts one with {@link #start(String...)} and closes it.
 */
final class TestServer implements AutoCloseable {
  final RustyRedisServer server;

  private TestServer(final RustyRedisServer server) {
    this.server = server;
  }

  /** A started server; {@code overrides} are config name/value pairs applied after "port 0". */
  static TestServer start(final String... overrides) {
    final Config config = new Config();
    set(config, "port", "0");
    // A small ring makes the big pipelined tests wrap it many times.
    set(config, "ring-size", "1024");
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      set(config, overrides[i], overrides[i + 1]);
    }
    try {
      return new TestServer(new RustyRedisServer(config).start(""));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the server", e);
    } catch (final JournalCorruptException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  private static void set(final Config config, final String name, final String value) {
    final String error = config.set(name, value);
    if (error != null) {
      throw new IllegalArgumentException(name + " " + value + ": " + error);
    }
  }
}
