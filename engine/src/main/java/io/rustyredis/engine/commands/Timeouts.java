package io.rustyredis.engine.commands;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.command.CommandContext;

/**
 * The timeout argument of the blocking commands, read as Redis's {@code
 * getTimeoutFromObjectOrReply} reads seconds: a float (decimals allowed, {@code 0} meaning
 * forever) turned into an absolute deadline from the event's time.
 */
final class Timeouts {
  /** Returned after an error reply. */
  static final long INVALID = -1;

  private Timeouts() {}

  /**
   * The deadline in unix ms for the timeout at argument {@code index}, 0 to wait forever, or
   * {@link #INVALID} after replying Redis's error.
   */
  static long deadline(final CommandContext c, final int index, final double[] scratch) {
    final Arguments args = c.args();
    if (!Scores.parse(args.array(), args.offset(index), args.length(index), true, scratch) || Double.isNaN(scratch[0])) {
      c.reply().error("ERR timeout is not a float or out of range");
      return INVALID;
    }
    // Redis converts with a C cast, which on x86 turns anything out of range (inf included) into
    // the most negative integer: hence "negative" rather than "out of range" for those.
    final double millis = scratch[0] * 1000.0;
    final long timeout = millis > -9.223372036854775808E18 && millis < 9.223372036854775808E18
        ? (long) millis
        : Long.MIN_VALUE;
    if (timeout < 0) {
      c.reply().error("ERR timeout is negative");
      return INVALID;
    }
    if (timeout == 0) {
      return 0;
    }
    if (timeout > Long.MAX_VALUE - c.now()) {
      c.reply().error("ERR timeout is out of range");
      return INVALID;
    }
    return c.now() + timeout;
  }

  /**
   * The deadline in unix ms for a timeout given in whole milliseconds at argument {@code index}
   * (CLIENT PAUSE, WAIT), 0 when it is 0, or {@link #INVALID} after replying Redis's error. Redis
   * 7.0 adds the timeout to the clock unchecked; a sum past the largest time is kept there, which
   * is what such a timeout means: never.
   */
  static long millisDeadline(final CommandContext c, final int index, final long[] scratch) {
    if (!c.args().parseLong(index, scratch)) {
      c.reply().error("ERR timeout is not an integer or out of range");
      return INVALID;
    }
    final long timeout = scratch[0];
    if (timeout < 0) {
      c.reply().error("ERR timeout is negative");
      return INVALID;
    }
    return timeout == 0 ? 0 : (timeout > Long.MAX_VALUE - c.now() ? Long.MAX_VALUE : c.now() + timeout);
  }
}
