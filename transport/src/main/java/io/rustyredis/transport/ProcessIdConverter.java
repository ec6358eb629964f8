package io.rustyredis.transport;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's {@code %pid}: the process id that starts each of Redis's log lines. */
public final class ProcessIdConverter extends ClassicConverter {
  private static final String PID = Long.toString(ProcessHandle.current().pid());

  @Override
  public String convert(final ILoggingEvent event) {
    return PID;
  }
}
