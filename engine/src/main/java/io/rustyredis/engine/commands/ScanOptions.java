package io.rustyredis.engine.commands;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.command.CommandContext;

/**
 * The options of SCAN, HSCAN, SSCAN and ZSCAN, read as Redis's {@code scanGenericCommand} reads
 * them: {@code COUNT n} (at least 1), {@code MATCH pattern} and, for SCAN only, {@code TYPE name},
 * each any number of times, the last one winning. One instance per command family, reused.
 */
final class ScanOptions {
  /** How many elements to gather before returning (a hint, as in Redis). */
  long count;
  /** Argument index of the MATCH pattern, or -1 when everything matches. */
  int pattern;
  /** Argument index of the TYPE name, or -1. */
  int type;

  private final long[] number = new long[1];

  /** Parses the options from argument {@code first} on; false after replying Redis's error. */
  boolean parse(final CommandContext c, final int first, final boolean typeAllowed) {
    final Arguments args = c.args();
    count = 10;
    pattern = -1;
    type = -1;
    for (int i = first; i < args.count(); i += 2) {
      final boolean hasValue = i + 1 < args.count();
      if (hasValue && args.is(i, "count")) {
        if (!args.parseLong(i + 1, number)) {
          c.notAnInteger();
          return false;
        }
        if (number[0] < 1) {
          c.syntaxError();
          return false;
        }
        count = number[0];
      } else if (hasValue && args.is(i, "match")) {
        // Redis short-cuts the lone "*" to "everything", which takes in the empty key or member
        // that glob matching of "*" would not.
        pattern = args.length(i + 1) == 1 && args.array()[args.offset(i + 1)] == '*' ? -1 : i + 1;
      } else if (typeAllowed && hasValue && args.is(i, "type")) {
        type = i + 1;
      } else {
        c.syntaxError();
        return false;
      }
    }
    return true;
  }
}
