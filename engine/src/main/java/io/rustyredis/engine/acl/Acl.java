package io.rustyredis.engine.acl;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.Parameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users and the rules that say what each may do, as Redis 7.0's ACL: the registry behind
 * AUTH and the ACL command, the permission check the engine makes before running a command, and
 * the log of what was refused.
 *
 * <p>The check follows Redis's order: the command (or a subcommand, or {@code +cmd|firstarg}),
 * then each key at the positions the command table declares, with the access the command needs
 * (read for read-only commands, write for writing ones), then the channels of the pub/sub
 * commands. Users that may do everything skip it (see {@link AclUser#unrestricted}).
 *
 * <p>The {@code default} user follows {@code requirepass}: no password means {@code nopass}, a
 * password replaces its passwords; the parameter is compared by reference on each use, so a
 * CONFIG SET is seen without the config telling anyone.
 */
public final class Acl {
  public static final String DEFAULT = "default";
  public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
  static final String NOPERM_KEY = "NOPERM this user has no permissions to access one of the keys used as arguments";
  static final String NOPERM_CHANNEL =
      "NOPERM this user has no permissions to access one of the channels used as arguments";
  /** Redis 7.0's categories, in the order ACL CAT lists them. */
  public static final List<String> CATEGORIES = List.of(
      "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog",
      "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection",
      "transaction", "scripting");

  private final Config config;
  private CommandTable table;
  /** Every command and subcommand, by id. */
  private CommandSpec[] commands;
  /** Bit per category index, by command id. */
  private long[] categories;
  private final Map<String, AclUser> users = new TreeMap<>();
  private AclUser defaultUser;
  private final AclLog log = new AclLog();
  private final KeyPositions keyPositions = new KeyPositions();
  private ClientInfo clientInfo = (client, now) -> "id=" + client.id;
  private final Parameter requirepass;
  private String requirepassSeen;
  /** Why the last {@link #check} refused, as ACL LOG's reason, and the object it names. */
  private String deniedReason;
  private String deniedObject;

  public Acl(final Config config) {
    this.config = config;
    this.requirepass = config.parameter("requirepass");
  }

  /**
   * Learns the sealed command table's ids and categories, then creates the default user and reads
   * the aclfile if one is configured (a bad file stops the start, as in Redis).
   */
  public void index(final CommandTable table) {
    this.table = table;
    final List<CommandSpec> all = new ArrayList<>();
    for (final CommandSpec spec : table.all()) {
      all.add(spec);
      all.addAll(spec.subcommands);
    }
    this.commands = new CommandSpec[all.size()];
    this.categories = new long[all.size()];
    for (final CommandSpec spec : all) {
      commands[spec.id] = spec;
      for (final String c : spec.aclCategories) {
        final int index = CATEGORIES.indexOf(c.substring(1));
        if (index >= 0) {
          categories[spec.id] |= 1L << index;
        }
      }
    }
    this.defaultUser = newUser(DEFAULT);
    apply(defaultUser, List.of("on", "nopass", "~*", "&*", "+@all"));
    users.put(DEFAULT, defaultUser);
    syncRequirepass();
    if (fileConfigured()) {
      final String error = load();
      if (error != null) {
        throw new IllegalStateException(error);
      }
    }
  }

  /** The default user, with requirepass applied if it changed. */
  public AclUser defaultUser() {
    syncRequirepass();
    return defaultUser;
  }

  public AclLog log() {
    return log;
  }

  /** Whether a new connection starts logged in as {@code default}: it is on and needs no password. */
  public boolean defaultAutoAuth() {
    syncRequirepass();
    return defaultUser.enabled && defaultUser.noPass;
  }

  /** The user, if it exists and {@code password} opens it; null otherwise (WRONGPASS). */
  public AclUser authenticate(final String user, final String password) {
    syncRequirepass();
    final AclUser u = users.get(user);
    return u != null && u.accepts(password) ? u : null;
  }

  public AclUser user(final String name) {
    return users.get(name);
  }

  public Collection<AclUser> users() {
    return users.values();
  }

  /** Applies the requirepass parameter to the default user when it changed since last seen. */
  void syncRequirepass() {
    final String value = requirepass.value();
    if (value == requirepassSeen) {
      return;
    }
    requirepassSeen = value;
    defaultUser.passwords.clear();
    defaultUser.noPass = value.isEmpty();
    if (!value.isEmpty()) {
      defaultUser.passwords.add(sha256(value));
    }
  }

  /**
   * Whether {@code client}'s user may run {@code spec} with {@code args}; when not, the reason is
   * left for {@link #denial} and the refusal is logged. The engine calls this only for users that
   * are not {@link AclUser#unrestricted}.
   */
  public boolean check(final ClientState client, final CommandSpec spec, final Arguments args,
      final boolean nested, final long now) {
    final String reason = permits(client.user, spec, args);
    if (reason == null) {
      return true;
    }
    log.add(reason, nested ? "multi" : "toplevel", deniedObject, client.user.name, now, clientInfo.describe(client, now));
    return false;
  }

  /** Writes a client's CLIENT LIST line, for ACL LOG's client-info. */
  @FunctionalInterface
  public interface ClientInfo {
    String describe(ClientState client, long now);
  }

  /** Who writes ACL LOG's client-info (the connection commands, which own CLIENT LIST's format). */
  public void clientInfo(final ClientInfo clientInfo) {
    this.clientInfo = clientInfo;
  }

  /** Logs a failed AUTH or HELLO AUTH for {@code username}. */
  public void authFailed(final ClientState client, final String command, final String username, final long now) {
    log.add("auth", "toplevel", command, username, now, clientInfo.describe(client, now));
  }

  /** The error for the last refusal of {@link #check} or {@link #dryRun}. */
  public String denial(final CommandSpec spec) {
    switch (deniedReason) {
      case "key":
        return NOPERM_KEY;
      case "channel":
        return NOPERM_CHANNEL;
      default:
        return "NOPERM this user has no permissions to run the '" + spec.fullName + "' command";
    }
  }

  /** Null when allowed, else the ACL LOG reason ({@code command}, {@code key}, {@code channel}). */
  String permits(final AclUser user, final CommandSpec spec, final Arguments args) {
    if (user.unrestricted) {
      return null;
    }
    if (!spec.has(CommandFlag.NO_AUTH) && !commandAllowed(user, spec, args)) {
      return deny("command", spec.fullName);
    }
    if (!user.allKeys) {
      final int[] keys = keyPositions.of(spec, args);
      for (int i = 0; i < keyPositions.count(); i += 2) {
        final int arg = keys[i];
        if (!user.allowedKey(args.array(), args.address(arg), args.length(arg), keys[i + 1])) {
          return deny("key", args.string(arg));
        }
      }
    }
    if (!user.allChannels) {
      final String denied = KeyPositions.deniedChannel(user, spec, args);
      if (denied != null) {
        return deny("channel", denied);
      }
    }
    return null;
  }

  private String deny(final String reason, final String object) {
    deniedReason = reason;
    deniedObject = object;
    return reason;
  }

  private boolean commandAllowed(final AclUser user, final CommandSpec spec, final Arguments args) {
    if (user.allowedCommand(spec.id)) {
      return true;
    }
    final var first = user.firstArgs.get(spec.id);
    return first != null && args.count() > 1 && first.contains(args.string(1).toLowerCase(Locale.ROOT));
  }

  /** The reply to ACL DRYRUN once the command is known and its arity right: null when allowed. */
  public String dryRun(final AclUser user, final CommandSpec spec, final Arguments args) {
    if (permits(user, spec, args) == null) {
      return null;
    }
    switch (deniedReason) {
      case "key":
        return "This user has no permissions to access the '" + deniedObject + "' key";
      case "channel":
        return "This user has no permissions to access the '" + deniedObject + "' channel";
      default:
        return "This user has no permissions to run the '" + spec.fullName + "' command";
    }
  }

  private AclUser newUser(final String name) {
    return new AclUser(name, commands.length);
  }

  /**
   * ACL SETUSER: applies every rule to a copy, and only if all are valid to the user (created if
   * new). Returns null, or the error (Redis's wording).
   */
  public String setUser(final String name, final List<String> rules) {
    syncRequirepass();
    if (name.indexOf(' ') >= 0 || name.indexOf('\0') >= 0) {
      return "ERR Usernames can't contain spaces or null characters";
    }
    final AclUser existing = users.get(name);
    final AclUser draft = existing != null ? existing.copy(name) : newUser(name);
    for (final String rule : rules) {
      final String error = apply(draft, rule);
      if (error != null) {
        return "ERR Error in ACL SETUSER modifier '" + rule + "': " + error;
      }
    }
    if (existing != null) {
      existing.assign(draft);
    } else {
      users.put(name, draft);
    }
    return null;
  }

  /** Removes users; returns how many existed. The caller disconnects their clients. */
  public int delete(final List<String> names, final List<AclUser> removed) {
    int count = 0;
    for (final String name : names) {
      final AclUser u = users.remove(name);
      if (u != null) {
        removed.add(u);
        count++;
      }
    }
    return count;
  }

  private void apply(final AclUser user, final List<String> rules) {
    for (final String rule : rules) {
      final String error = apply(user, rule);
      if (error != null) {
        throw new IllegalArgumentException(error);
      }
    }
  }

  /** One rule of ACL SETUSER; null when applied, else why not. */
  String apply(final AclUser u, final String rule) {
    final String lower = rule.toLowerCase(Locale.ROOT);
    try {
      switch (lower) {
        case "on":
          u.enabled = true;
          return null;
        case "off":
          u.enabled = false;
          return null;
        case "nopass":
          u.noPass = true;
          u.passwords.clear();
          return null;
        case "resetpass":
          u.noPass = false;
          u.passwords.clear();
          return null;
        case "allkeys":
          return apply(u, "~*");
        case "resetkeys":
          u.keys.clear();
          u.allKeys = false;
          return null;
        case "allchannels":
          return apply(u, "&*");
        case "resetchannels":
          u.channels.clear();
          u.allChannels = false;
          return null;
        case "allcommands":
          return apply(u, "+@all");
        case "nocommands":
          return apply(u, "-@all");
        case "sanitize-payload":
          u.sanitizePayload = true;
          return null;
        case "skip-sanitize-payload":
          u.sanitizePayload = false;
          return null;
        case "reset":
          for (final String r : List.of("resetpass", "resetkeys", "resetchannels", "off", "-@all", "sanitize-payload")) {
            apply(u, r);
          }
          return null;
        default:
          return applyPrefixed(u, rule);
      }
    } finally {
      u.refresh(commands.length);
    }
  }

  private String applyPrefixed(final AclUser u, final String rule) {
    if (rule.isEmpty()) {
      return "Syntax error";
    }
    final char first = rule.charAt(0);
    switch (first) {
      case '>':
        u.passwords.add(sha256(rule.substring(1)));
        u.noPass = false;
        return null;
      case '#':
        if (!validHash(rule.substring(1))) {
          return "The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters";
        }
        u.passwords.add(rule.substring(1));
        u.noPass = false;
        return null;
      case '<':
      case '!':
        final String hash = first == '<' ? sha256(rule.substring(1)) : rule.substring(1);
        if (first == '!' && !validHash(hash)) {
          return "The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters";
        }
        if (!u.passwords.remove(hash)) {
          return "The password you are trying to remove from the user does not exist";
        }
        return null;
      case '~':
      case '%':
        return keyPattern(u, rule);
      case '&':
        if (u.allChannels) {
          return "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have "
              + "any effect. Try 'resetchannels' to start with an empty list of channels";
        }
        if (rule.equals("&*")) {
          u.channels.clear();
          u.allChannels = true;
        } else if (!u.channels.contains(rule.substring(1))) {
          u.channels.add(rule.substring(1));
        }
        return null;
      case '+':
      case '-':
        return commandRule(u, rule.substring(1).toLowerCase(Locale.ROOT), first == '+');
      default:
        return "Syntax error";
    }
  }

  private static String keyPattern(final AclUser u, final String rule) {
    int flags = AclUser.READ | AclUser.WRITE;
    int start = 1;
    if (rule.charAt(0) == '%') {
      final int tilde = rule.indexOf('~');
      flags = 0;
      for (int i = 1; tilde > 0 && i < tilde; i++) {
        final char c = Character.toUpperCase(rule.charAt(i));
        if (c == 'R') {
          flags |= AclUser.READ;
        } else if (c == 'W') {
          flags |= AclUser.WRITE;
        } else {
          return "Syntax error";
        }
      }
      if (tilde < 0 || flags == 0) {
        return "Syntax error";
      }
      start = tilde + 1;
    }
    if (u.allKeys) {
      return "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any "
          + "effect. Try 'resetkeys' to start with an empty list of patterns";
    }
    final String pattern = rule.substring(start);
    if (pattern.equals("*") && flags == (AclUser.READ | AclUser.WRITE)) {
      u.keys.clear();
      u.allKeys = true;
      return null;
    }
    final byte[] bytes = pattern.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < u.keys.size(); i++) {
      final AclUser.KeyPattern existing = u.keys.get(i);
      if (java.util.Arrays.equals(existing.pattern(), bytes)) {
        // Redis merges the access of a pattern given twice.
        u.keys.set(i, new AclUser.KeyPattern(existing.flags() | flags, bytes));
        return null;
      }
    }
    u.keys.add(new AclUser.KeyPattern(flags, bytes));
    return null;
  }

  private String commandRule(final AclUser u, final String name, final boolean allow) {
    if (name.startsWith("@")) {
      final String category = name.substring(1);
      if (category.equals("all")) {
        java.util.Arrays.fill(u.allowed, allow ? -1L : 0L);
        u.firstArgs.clear();
        u.allCommands = allow;
        u.commandRules.clear();
        return null;
      }
      final int index = CATEGORIES.indexOf(category);
      if (index < 0) {
        return "Unknown command or category name in ACL";
      }
      for (int id = 0; id < commands.length; id++) {
        if ((categories[id] & (1L << index)) != 0) {
          u.allowCommand(id, allow);
        }
      }
      rule(u, name, allow);
      return null;
    }
    final int bar = name.indexOf('|');
    final CommandSpec spec = table.lookup(bar < 0 ? name : name.substring(0, bar));
    if (spec == null) {
      return "Unknown command or category name in ACL";
    }
    if (bar < 0) {
      u.allowCommand(spec.id, allow);
      for (final CommandSpec sub : spec.subcommands) {
        u.allowCommand(sub.id, allow);
      }
      u.commandRules.removeIf(r -> r.substring(1).startsWith(name + "|"));
      rule(u, name, allow);
      return null;
    }
    final String rest = name.substring(bar + 1);
    if (rest.indexOf('|') >= 0) {
      return "Unknown command or category name in ACL";
    }
    final CommandSpec sub = spec.subcommand(rest);
    if (sub != null) {
      u.allowCommand(sub.id, allow);
    } else if (!spec.subcommands.isEmpty() || !allow) {
      return "Unknown command or category name in ACL";
    } else if (!u.allowedCommand(spec.id)) {
      u.firstArgs.computeIfAbsent(spec.id, k -> new HashSet<>()).add(rest);
    }
    rule(u, name, allow);
    return null;
  }

  /** Redis's ACLUpdateCommandRules: a rule for the same name given earlier is replaced. */
  private static void rule(final AclUser u, final String name, final boolean allow) {
    u.commandRules.removeIf(r -> r.substring(1).equals(name));
    u.commandRules.add((allow ? "+" : "-") + name);
  }

  private static boolean validHash(final String hash) {
    if (hash.length() != 64) {
      return false;
    }
    for (int i = 0; i < hash.length(); i++) {
      final char c = hash.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  static String sha256(final String password) {
    try {
      final byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      final StringBuilder hex = new StringBuilder(64);
      for (final byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The full names of the commands and subcommands in a category, for ACL CAT category. */
  public List<String> commandsIn(final String category) {
    final int index = CATEGORIES.indexOf(category);
    final List<String> names = new ArrayList<>();
    for (int id = 0; index >= 0 && id < commands.length; id++) {
      if ((categories[id] & (1L << index)) != 0) {
        names.add(commands[id].fullName);
      }
    }
    return names;
  }

  public boolean fileConfigured() {
    return !config.get("aclfile").isEmpty();
  }

  /**
   * ACL LOAD: reads every user from the aclfile and, only if all lines are valid, replaces the
   * users with them (the default user is kept when the file does not name it). Returns null or the
   * error as Redis words it.
   */
  public String load() {
    final Path path = Path.of(config.get("aclfile"));
    final List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (final IOException e) {
      return "ERR Error loading ACLs, opening file '" + path + "': "
          + (e instanceof java.nio.file.NoSuchFileException ? "No such file or directory" : e.getMessage());
    }
    final Map<String, AclUser> loaded = new TreeMap<>();
    final String unchanged = ". WARNING: ACL errors detected, no change to the previously active ACL rules was performed";
    for (int n = 0; n < lines.size(); n++) {
      final String line = lines.get(n).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      final String[] parts = line.split("\\s+");
      final String where = "ERR " + path + ":" + (n + 1);
      if (!parts[0].equals("user") || parts.length < 2) {
        return where + " should start with user keyword followed by the username" + unchanged;
      }
      if (loaded.containsKey(parts[1])) {
        return "ERR WARNING: Duplicate user '" + parts[1] + "' found on line " + (n + 1) + unchanged;
      }
      final AclUser u = newUser(parts[1]);
      for (int i = 2; i < parts.length; i++) {
        final String error = apply(u, parts[i]);
        if (error != null) {
          return where + ": Error in applying operation '" + parts[i] + "': " + error + unchanged;
        }
      }
      loaded.put(parts[1], u);
    }
    final AclUser fileDefault = loaded.remove(DEFAULT);
    if (fileDefault != null) {
      defaultUser.assign(fileDefault);
    } else {
      defaultUser.assign(copyOfNewDefault());
    }
    users.clear();
    users.put(DEFAULT, defaultUser);
    users.putAll(loaded);
    return null;
  }

  private AclUser copyOfNewDefault() {
    final AclUser u = newUser(DEFAULT);
    apply(u, List.of("on", "nopass", "~*", "&*", "+@all"));
    return u;
  }

  /** ACL SAVE: every user, one line each, written to a temporary file then moved over the old one. */
  public String save() {
    final Path path = Path.of(config.get("aclfile")).toAbsolutePath();
    final StringBuilder out = new StringBuilder();
    for (final AclUser u : users.values()) {
      out.append("user ").append(u.name).append(' ').append(u.describe()).append('\n');
    }
    try {
      final Path tmp = Files.createTempFile(path.getParent(), "acl", ".tmp");
      Files.writeString(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return null;
    } catch (final IOException e) {
      return "ERR There was an error trying to save the ACLs. Please check the server logs for more information";
    }
  }
}
