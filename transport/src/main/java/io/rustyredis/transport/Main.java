package io.rustyredis.transport;

import io.netty.util.ResourceLeakDetector;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import io.rustyredis.journal.JournalCorruptException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar rusty-redis.jar [/path/to/redis.conf] [--name value ...]}: the same command line
 * as {@code redis-server}. The file is read first, then the overrides, so the command line wins.
 * As with Redis, the process exits with status 0 once SHUTDOWN, SIGTERM or SIGINT has stopped the
 * server, and with status 1 when the configuration or the port cannot be used.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(final String[] argv) throws InterruptedException {
    if (argv.length == 1 && (argv[0].equals("-v") || argv[0].equals("--version"))) {
      System.out.println("Redis server v=" + ServerInfo.REDIS_VERSION + " rusty-redis=" + ServerInfo.RUSTY_REDIS_VERSION);
      return;
    }
    // Netty's default leak detection tracks one buffer in 128 with a recorded stack trace: a
    // Throwable and a few objects every few socket reads or batches, so garbage, GC write-barrier
    // work and pauses on the command path of a server that has no leak to find (the tests run
    // with it paranoid). Asking for a level on the command line still gets it.
    if (System.getProperty("io.netty.leakDetection.level") == null
        && System.getProperty("io.netty.leakDetectionLevel") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    // Every read of a Netty buffer also checks that it has not been released (a volatile-free read
    // of its count, but a load and branch per byte read): 4.4% of a pipelined SET's samples
    // (bench/README.md). The decoder and reply stage only touch buffers they hold; the tests,
    // which run servers in their own JVM, keep the check. Must be set before Netty's buffer
    // classes load: here, before anything of the server exists.
    if (System.getProperty("io.netty.buffer.checkAccessible") == null) {
      System.setProperty("io.netty.buffer.checkAccessible", "false");
    }
    final Config config = new Config();
    final String configFile;
    final List<String> warnings = new ArrayList<>();
    try {
      configFile = ConfigLoader.load(config, argv, warnings);
    } catch (final ConfigLoader.ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    } catch (final IOException e) {
      System.err.println("Fatal error, can't open config file '" + e.getMessage() + "'");
      System.exit(1);
      return;
    }
    Logging.configure(config);
    Logging.banner(configFile, warnings);
    final RustyRedisServer server;
    try {
      server = new RustyRedisServer(config).start(configFile);
    } catch (final JournalCorruptException e) {
      LOG.error(e.getMessage());
      System.exit(1);
      return;
    } catch (final Exception e) {
      // Netty reports a port in use as an undeclared BindException; Redis's words for it follow.
      System.err.println("Could not create server TCP listening socket " + config.get("bind") + ":"
          + config.get("port") + ": " + e.getMessage());
      System.err.println("Failed listening on port " + config.get("port") + " (TCP), aborting.");
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rusty-shutdown-hook"));
    // redis-server treats SIGTERM and SIGINT as a SHUTDOWN and exits 0; the JVM's own handling
    // would exit 143 or 130, which service managers report as a failure.
    for (final String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        LOG.warn("Received SIG{} scheduling shutdown...", signal.getName());
        server.close();
      });
    }
    server.awaitStop();
    // SHUTDOWN ends here, and like redis-server the process then exits with status 0 whatever
    // non-daemon thread (a library's, a logger's) is still around.
    System.exit(0);
  }
}
