package io.rustyredis.transport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %redisLevel}: the one-character level mark of Redis's log lines ({@code .}
 * debug, {@code -} verbose, {@code *} notice, {@code #} warning). Redis's four levels map onto
 * Logback's as TRACE, DEBUG, INFO and WARN (ERROR shows as a warning too, Redis has nothing above).
 */
public final class RedisLogLevel extends ClassicConverter {
  @Override
  public String convert(final ILoggingEvent event) {
    final int level = event.getLevel().toInt();
    if (level >= Level.WARN_INT) {
      return "#";
    }
    if (level >= Level.INFO_INT) {
      return "*";
    }
    return level >= Level.DEBUG_INT ? "-" : ".";
  }

  /** The Logback level for a {@code loglevel} value. */
  static Level of(final String loglevel) {
    switch (loglevel) {
      case "debug": return Level.TRACE;
      case "verbose": return Level.DEBUG;
      case "warning": return Level.WARN;
      default: return Level.INFO;
    }
  }
}
