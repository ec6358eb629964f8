package io.rustyredis.engine.acl;

import io.rustyredis.engine.Glob;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ACL user, as Redis 7.0's root selector: whether it may log in, its password hashes, the
 * commands it may run (a bit per command-table id), the key patterns with the access each grants,
 * and the channel patterns.
 *
 * <p>{@link #unrestricted} is the engine's fast path: a user that may run every command on every
 * key and channel is never checked further, so the default user costs one field read per command.
 * It is recomputed after each change.
 */
public final class AclUser {
  static final int READ = 1;
  static final int WRITE = 2;

  /** A key pattern and the access it grants ({@code ~} is both, {@code %R~} read, {@code %W~} write). */
  record KeyPattern(int flags, byte[] pattern) {
    public String describe() {
      final String text = new String(pattern, StandardCharsets.UTF_8);
      return flags == (READ | WRITE) ? "~" + text : (flags == READ ? "%R~" : "%W~") + text;
    }
  }

  public final String name;
  boolean enabled;
  boolean noPass;
  boolean sanitizePayload;
  final Set<String> passwords = new LinkedHashSet<>();
  /** Bit per command id (subcommands have their own ids). */
  long[] allowed;
  /** {@code +cmd|arg} for a command with no such subcommand: the first arguments allowed, by id. */
  final Map<Integer, Set<String>> firstArgs = new HashMap<>();
  /** Set by {@code +@all}: commands added later are allowed too. */
  boolean allCommands;
  /** The command rules as ACL GETUSER shows them after the leading {@code +@all} or {@code -@all}. */
  final List<String> commandRules = new ArrayList<>();
  final List<KeyPattern> keys = new ArrayList<>();
  boolean allKeys;
  final List<String> channels = new ArrayList<>();
  boolean allChannels;
  /** Every command on every key and channel: nothing to check. */
  public boolean unrestricted;

  AclUser(final String name, final int commandCount) {
    this.name = name;
    this.allowed = new long[(commandCount + 63) >>> 6];
  }

  /** Whether a client may authenticate as this user with {@code password}. */
  boolean accepts(final String password) {
    return enabled && (noPass || passwords.contains(Acl.sha256(password)));
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean noPass() {
    return noPass;
  }

  boolean allowedCommand(final int id) {
    return (allowed[id >>> 6] & (1L << id)) != 0;
  }

  void allowCommand(final int id, final boolean allow) {
    if (allow) {
      allowed[id >>> 6] |= 1L << id;
    } else {
      allowed[id >>> 6] &= ~(1L << id);
    }
    firstArgs.remove(id);
  }

  /** Whether the key at ({@code base}, {@code offset}) may be used with the access in {@code flags}. */
  boolean allowedKey(final Object base, final long offset, final int length, final int flags) {
    if (allKeys) {
      return true;
    }
    for (final KeyPattern p : keys) {
      if ((p.flags & flags) == flags && Glob.matches(p.pattern, 0, p.pattern.length, base, offset, length, false)) {
        return true;
      }
    }
    return false;
  }

  /** A channel (or, for PSUBSCRIBE, a pattern, which must be one of the user's patterns literally). */
  boolean allowedChannel(final String channel, final boolean isPattern) {
    if (allChannels) {
      return true;
    }
    for (final String p : channels) {
      if (isPattern ? p.equals(channel) : matches(p, channel)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(final String pattern, final String text) {
    final byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
    final byte[] t = text.getBytes(StandardCharsets.UTF_8);
    return Glob.matches(p, 0, p.length, t, Bytes.ARRAY_BASE, t.length, false);
  }

  void refresh(final int commandCount) {
    boolean all = allCommands;
    for (int id = 0; all && id < commandCount; id++) {
      all = allowedCommand(id);
    }
    unrestricted = all && allKeys && allChannels;
  }

  /** The rules in ACL LIST's order: flags, passwords, keys, channels, commands. */
  public String describe() {
    final StringBuilder out = new StringBuilder();
    out.append(enabled ? "on" : "off");
    if (noPass) {
      out.append(" nopass");
    }
    if (sanitizePayload) {
      out.append(" sanitize-payload");
    }
    for (final String hash : passwords) {
      out.append(" #").append(hash);
    }
    final String keyText = keysText();
    if (!keyText.isEmpty()) {
      out.append(' ').append(keyText);
    }
    if (allChannels) {
      out.append(" &*");
    } else {
      out.append(" resetchannels");
      for (final String c : channels) {
        out.append(" &").append(c);
      }
    }
    out.append(' ').append(commandsText());
    return out.toString();
  }

  public String keysText() {
    if (allKeys) {
      return "~*";
    }
    final StringBuilder out = new StringBuilder();
    for (final KeyPattern p : keys) {
      out.append(out.length() == 0 ? "" : " ").append(p.describe());
    }
    return out.toString();
  }

  public String channelsText() {
    if (allChannels) {
      return "&*";
    }
    final StringBuilder out = new StringBuilder();
    for (final String c : channels) {
      out.append(out.length() == 0 ? "" : " ").append('&').append(c);
    }
    return out.toString();
  }

  public String commandsText() {
    final StringBuilder out = new StringBuilder(allCommands ? "+@all" : "-@all");
    for (final String rule : commandRules) {
      out.append(' ').append(rule);
    }
    return out.toString();
  }

  /** Password hashes, in the order they were added. */
  public List<String> passwords() {
    return new ArrayList<>(passwords);
  }

  /** Flags as ACL GETUSER lists them. */
  public List<String> flags() {
    final List<String> flags = new ArrayList<>();
    flags.add(enabled ? "on" : "off");
    if (noPass) {
      flags.add("nopass");
    }
    if (sanitizePayload) {
      flags.add("sanitize-payload");
    }
    return flags;
  }

  /** A fresh copy, so that a refused ACL SETUSER leaves the user as it was. */
  AclUser copy(final String newName) {
    final AclUser u = new AclUser(newName, allowed.length * 64);
    u.enabled = enabled;
    u.noPass = noPass;
    u.sanitizePayload = sanitizePayload;
    u.passwords.addAll(passwords);
    u.allowed = allowed.clone();
    for (final Map.Entry<Integer, Set<String>> e : firstArgs.entrySet()) {
      u.firstArgs.put(e.getKey(), new HashSet<>(e.getValue()));
    }
    u.allCommands = allCommands;
    u.commandRules.addAll(commandRules);
    u.keys.addAll(keys);
    u.allKeys = allKeys;
    u.channels.addAll(channels);
    u.allChannels = allChannels;
    u.unrestricted = unrestricted;
    return u;
  }

  /** Takes over another user's rules in place, so clients holding this object see the change. */
  void assign(final AclUser other) {
    enabled = other.enabled;
    noPass = other.noPass;
    sanitizePayload = other.sanitizePayload;
    passwords.clear();
    passwords.addAll(other.passwords);
    allowed = other.allowed;
    firstArgs.clear();
    firstArgs.putAll(other.firstArgs);
    allCommands = other.allCommands;
    commandRules.clear();
    commandRules.addAll(other.commandRules);
    keys.clear();
    keys.addAll(other.keys);
    allKeys = other.allKeys;
    channels.clear();
    channels.addAll(other.channels);
    allChannels = other.allChannels;
    unrestricted = other.unrestricted;
  }
}
