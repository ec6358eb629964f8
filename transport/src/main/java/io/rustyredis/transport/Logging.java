package io.rustyredis.transport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code loglevel} and {@code logfile} to Logback (configured by {@code logback.xml} for
 * stdout), and writes Redis's startup banner. {@code logfile ""} keeps standard output; a path
 * swaps the console for that file, appended to, with the same line format.
 */
final class Logging {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Logging.class);

  private Logging() {}

  static void configure(final Config config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
      return;
    }
    final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(RedisLogLevel.of(config.get("loglevel")));
    final String logfile = config.get("logfile");
    if (logfile.isEmpty()) {
      return;
    }
    final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%pid:M %d{dd MMM yyyy HH:mm:ss.SSS, UTC, en} %redisLevel %msg%n");
    encoder.start();
    final FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setName("LOGFILE");
    file.setFile(logfile);
    file.setAppend(true);
    file.setEncoder(encoder);
    file.start();
    final List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
    for (final Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      consoles.add(it.next());
    }
    for (final Appender<ILoggingEvent> console : consoles) {
      root.detachAppender(console);
      console.stop();
    }
    root.addAppender(file);
  }

  /**
   * Keeps the root logger's level on {@code loglevel} after CONFIG SET: to be run on the engine
   * thread (which owns the config), cheaply and often. The parameter's text is the same String
   * until it is set again, so the check is an identity comparison.
   */
  static Runnable followLogLevel(final Config config) {
    final io.rustyredis.engine.config.Parameter loglevel = config.parameter("loglevel");
    return new Runnable() {
      private String applied = loglevel.value();

      @Override
      public void run() {
        final String now = loglevel.value();
        if (now != applied) {
          applied = now;
          if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .setLevel(RedisLogLevel.of(now));
          }
        }
      }
    };
  }

  /** Redis's opening lines, plus what a JVM operator needs: which JVM, which collector, how much heap. */
  static void banner(final String configFile, final List<String> warnings) {
    LOG.warn("oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
    LOG.warn("Redis version={}, rusty-redis={}, bits={}, pid={}, just started", ServerInfo.REDIS_VERSION,
        ServerInfo.RUSTY_REDIS_VERSION, System.getProperty("sun.arch.data.model", "64"), ProcessHandle.current().pid());
    if (configFile.isEmpty()) {
      LOG.warn("Warning: no config file specified, using the default config. In order to specify a config file "
          + "use java -jar rusty-redis.jar /path/to/redis.conf");
    } else {
      LOG.warn("Configuration loaded from {}", configFile);
    }
    for (final String warning : warnings) {
      LOG.warn(warning);
    }
    final List<String> collectors = new ArrayList<>();
    for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collectors.add(gc.getName());
    }
    LOG.info("JVM {} {} ({}), GC: {}, max heap {}", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), System.getProperty("java.vm.vendor"), String.join(", ", collectors),
        Runtime.getRuntime().maxMemory());
  }
}
