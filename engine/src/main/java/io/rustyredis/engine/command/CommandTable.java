package io.rustyredis.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one command table, as Redis's {@code redisCommandTable}: built once at startup from the
 * declarations of every command family, then read by dispatch, COMMAND, and everything that needs
 * to know a command's arity, flags or keys.
 *
 * <p>Lookup by name happens for every command, so it is an open-addressing table over the names'
 * lower-case bytes, probed straight from the argument bytes: no String is made per command.
 */
public final class CommandTable {
  private final List<CommandSpec> commands = new ArrayList<>();
  private CommandSpec[] slots = new CommandSpec[0];
  private byte[][] slotNames = new byte[0][];

  /** Adds a declared command; the table is rebuilt once all are in, by {@link #seal()}. */
  public CommandTable add(final CommandSpec.Builder builder) {
    commands.add(builder.build());
    return this;
  }

  /** Builds the lookup structure; call after the last {@link #add}. */
  public CommandTable seal() {
    int capacity = 16;
    while (capacity < commands.size() * 4) {
      capacity <<= 1;
    }
    slots = new CommandSpec[capacity];
    slotNames = new byte[capacity][];
    int id = 0;
    for (final CommandSpec spec : commands) {
      spec.id = id++;
      for (final CommandSpec sub : spec.subcommands) {
        sub.id = id++;
      }
    }
    for (final CommandSpec spec : commands) {
      final byte[] name = spec.name.getBytes(StandardCharsets.US_ASCII);
      int slot = hash(name, 0, name.length) & (capacity - 1);
      while (slots[slot] != null) {
        if (slots[slot].name.equals(spec.name)) {
          throw new IllegalStateException("command declared twice: " + spec.name);
        }
        slot = (slot + 1) & (capacity - 1);
      }
      slots[slot] = spec;
      slotNames[slot] = name;
    }
    return this;
  }

  /** The command named by {@code length} bytes at {@code offset}, any case; null if unknown. */
  public CommandSpec lookup(final byte[] data, final int offset, final int length) {
    final int mask = slots.length - 1;
    int slot = hash(data, offset, length) & mask;
    CommandSpec spec;
    while ((spec = slots[slot]) != null) {
      if (equalsIgnoreCase(slotNames[slot], data, offset, length)) {
        return spec;
      }
      slot = (slot + 1) & mask;
    }
    return null;
  }

  public CommandSpec lookup(final String name) {
    final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    return lookup(bytes, 0, bytes.length);
  }

  /** A command by name, or a subcommand as {@code parent|sub} (any case); null if there is none. */
  public CommandSpec lookupPath(final String name) {
    final String lower = name.toLowerCase(java.util.Locale.ROOT);
    final int bar = lower.indexOf('|');
    if (bar < 0) {
      return lookup(lower);
    }
    final CommandSpec parent = lookup(lower.substring(0, bar));
    return parent == null ? null : parent.subcommand(lower.substring(bar + 1));
  }

  /** Every command, in declaration order. */
  public List<CommandSpec> all() {
    return Collections.unmodifiableList(commands);
  }

  private static int hash(final byte[] data, final int offset, final int length) {
    int h = 0;
    for (int i = 0; i < length; i++) {
      h = 31 * h + lower(data[offset + i]);
    }
    return h ^ (h >>> 16);
  }

  private static boolean equalsIgnoreCase(final byte[] lowerName, final byte[] data, final int offset, final int length) {
    if (lowerName.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (lowerName[i] != lower(data[offset + i])) {
        return false;
      }
    }
    return true;
  }

  private static int lower(final byte b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
  }
}
