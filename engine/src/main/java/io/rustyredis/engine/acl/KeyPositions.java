package io.rustyredis.engine.acl;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;

/**
 * Which arguments of a command are keys, and what access each needs: the table's
 * {@code first/last/step} positions, or for commands whose keys move ({@code MOVABLEKEYS}) the
 * positions Redis's getkeys procedures find (a {@code numkeys} argument, SORT's STORE). Also the
 * channels of the pub/sub commands. The result is kept in a reused array: the engine thread is the
 * only caller. Used by ACL checks and by client-side caching (which keys a read saw).
 *
 * <p>Access follows the command's flags: a read-only command reads its keys, a writing one writes
 * them (a store command's sources are read, its destination written). Redis 7.0 refines this per
 * key with key specs (INCR needs read and write); that finer split is not modelled.
 */
public final class KeyPositions {
  private int[] found = new int[16];
  private int count;

  /** Pairs of (argument index, access flags), {@link #count()} ints long. */
  public int[] of(final CommandSpec spec, final Arguments args) {
    count = 0;
    final int argc = args.count();
    final int access = spec.has(CommandFlag.WRITE) ? AclUser.WRITE : (spec.has(CommandFlag.READONLY) ? AclUser.READ : 0);
    if (spec.has(CommandFlag.MOVABLEKEYS) || spec.firstKey <= 0) {
      movable(spec.fullName, args, access);
      return found;
    }
    final int last = spec.lastKey < 0 ? argc + spec.lastKey : Math.min(spec.lastKey, argc - 1);
    final int step = Math.max(1, spec.keyStep);
    for (int i = spec.firstKey; i <= last && i < argc; i += step) {
      add(i, access);
    }
    return found;
  }

  public int count() {
    return count;
  }

  private void movable(final String name, final Arguments args, final int access) {
    switch (name) {
      case "zunion", "zinter", "zdiff", "zintercard", "sintercard", "lmpop", "zmpop" -> numkeys(args, 1, access);
      case "blmpop", "bzmpop" -> numkeys(args, 2, access);
      case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro" -> numkeys(args, 2, access);
      case "zunionstore", "zinterstore", "zdiffstore" -> {
        add(1, AclUser.WRITE);
        numkeys(args, 2, AclUser.READ);
      }
      case "sort", "sort_ro" -> {
        add(1, AclUser.READ);
        for (int i = 2; i + 1 < args.count(); i++) {
          if (args.is(i, "store")) {
            add(i + 1, AclUser.WRITE);
          }
          if (args.is(i, "limit")) {
            i += 2;
          } else if (args.is(i, "by") || args.is(i, "get") || args.is(i, "store")) {
            i++;
          }
        }
      }
      default -> { }
    }
  }

  /** Keys counted by the integer at {@code index}, starting right after it. */
  private void numkeys(final Arguments args, final int index, final int access) {
    if (index >= args.count()) {
      return;
    }
    final long n;
    try {
      n = Long.parseLong(args.string(index));
    } catch (final NumberFormatException e) {
      return;
    }
    for (long i = index + 1; i <= index + n && i < args.count(); i++) {
      add((int) i, access);
    }
  }

  private void add(final int arg, final int access) {
    if (count + 2 > found.length) {
      found = java.util.Arrays.copyOf(found, found.length * 2);
    }
    found[count++] = arg;
    found[count++] = access;
  }

  /** The first channel of a pub/sub command the user may not use, or null. */
  static String deniedChannel(final AclUser user, final CommandSpec spec, final Arguments args) {
    switch (spec.fullName) {
      case "publish", "spublish":
        return args.count() > 1 && !user.allowedChannel(args.string(1), false) ? args.string(1) : null;
      case "subscribe", "ssubscribe", "psubscribe":
        final boolean pattern = spec.fullName.equals("psubscribe");
        for (int i = 1; i < args.count(); i++) {
          if (!user.allowedChannel(args.string(i), pattern)) {
            return args.string(i);
          }
        }
        return null;
      default:
        return null;
    }
  }
}
