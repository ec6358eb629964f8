package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ADMIN;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.acl.Acl;
import io.rustyredis.engine.acl.AclLog;
import io.rustyredis.engine.acl.AclUser;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.command.CommandTable;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The ACL command: users (SETUSER, GETUSER, DELUSER, LIST, USERS, WHOAMI), categories (CAT),
 * what was refused (LOG), what would be (DRYRUN), passwords (GENPASS) and the aclfile (LOAD,
 * SAVE). The rules themselves live in {@link Acl}.
 */
public final class AclCommands {
  private static final String NO_ACLFILE = "ERR This Redis instance is not configured to use an ACL file. You may "
      + "want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a "
      + "Redis configuration file set) in order to store users in the Redis configuration.";
  private static final String[] HELP = {
    "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CAT [<category>]",
    "    List all commands that belong to <category>, or all command categories",
    "    when no category is specified.",
    "DELUSER <username> [<username> ...]",
    "    Delete a list of users.",
    "DRYRUN <username> <command> [<arg> ...]",
    "    Returns whether the user can execute the given command without executing the command.",
    "GETUSER <username>",
    "    Get the user's details.",
    "GENPASS [<bits>]",
    "    Generate a secure 256-bit user password. The optional `bits` argument can",
    "    be used to specify a different size.",
    "LIST",
    "    Show users details in config file format.",
    "LOAD",
    "    Reload users from the ACL file.",
    "LOG [<count> | RESET]",
    "    Show the ACL log entries.",
    "SAVE",
    "    Save the current config to the ACL file.",
    "SETUSER <username> <attribute> [<attribute> ...]",
    "    Create or modify a user with the specified attributes.",
    "USERS",
    "    List all the registered usernames.",
    "WHOAMI",
    "    Return the current connection username.",
    "HELP",
    "    Prints this help.",
  };

  private final Acl acl;
  private final Long2ObjectHashMap<ClientState> clients;
  private final Arguments dryRunArgs = new Arguments();
  private final long[] number = new long[1];
  private final SecureRandom random = new SecureRandom();
  private CommandTable table;

  public AclCommands(final Acl acl, final Long2ObjectHashMap<ClientState> clients) {
    this.acl = acl;
    this.clients = clients;
  }

  public void declare(final CommandTable t) {
    this.table = t;
    final String admin = "@admin @slow @dangerous";
    t.add(command("acl", -2).acl("@slow")
        .doc("A container for Access List Control commands ", "6.0.0", "server", "Depends on subcommand.")
        .sub(command("cat", -2).flags(NOSCRIPT, LOADING, STALE).acl("@slow")
            .doc("List the ACL categories or the commands inside a category", "6.0.0", "server",
                "O(1) since the categories and commands are a fixed set.").handler(this::cat))
        .sub(command("deluser", -3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("Remove the specified ACL users and the associated rules", "6.0.0", "server",
                "O(1) amortized time considering the typical user.").handler(this::deluser))
        .sub(command("dryrun", -4).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("Returns whether the user can execute the given command without executing the command.", "7.0.0",
                "server", "O(1).").handler(this::dryrun))
        .sub(command("genpass", -2).flags(NOSCRIPT, LOADING, STALE).acl("@slow")
            .doc("Generate a pseudorandom secure password to use for ACL users", "6.0.0", "server", "O(1)")
            .handler(this::genpass))
        .sub(command("getuser", 3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("Get the rules for a specific ACL user", "6.0.0", "server",
                "O(N). Where N is the number of password, command and pattern rules that the user has.")
            .handler(this::getuser))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@slow")
            .doc("Show helpful text about the different subcommands", "6.0.0", "server", "O(1)").handler(this::help))
        .sub(command("list", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("List the current ACL rules in ACL config file format", "6.0.0", "server",
                "O(N). Where N is the number of configured users.").handler(this::list))
        .sub(command("load", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("Reload the ACLs from the configured ACL file", "6.0.0", "server",
                "O(N). Where N is the number of configured users.").handler(this::load))
        .sub(command("log", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("List latest events denied because of ACLs in place", "6.0.0", "server",
                "O(N) with N being the number of entries shown.").handler(this::log))
        .sub(command("save", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("Save the current ACL rules in the configured ACL file", "6.0.0", "server",
                "O(N). Where N is the number of configured users.").handler(this::save))
        .sub(command("setuser", -3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("Modify or create the rules for a specific ACL user", "6.0.0", "server",
                "O(N). Where N is the number of rules provided.").handler(this::setuser))
        .sub(command("users", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(admin)
            .doc("List the username of all the configured ACL rules", "6.0.0", "server",
                "O(N). Where N is the number of configured users.").handler(this::users))
        .sub(command("whoami", 2).flags(NOSCRIPT, LOADING, STALE).acl("@slow")
            .doc("Return the name of the user associated to the current connection", "6.0.0", "server", "O(1)")
            .handler(this::whoami)));
  }

  void cat(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 3) {
      c.wrongArity();
      return;
    }
    if (args.count() == 2) {
      c.reply().array(Acl.CATEGORIES.size());
      for (final String category : Acl.CATEGORIES) {
        c.reply().bulk(category);
      }
      return;
    }
    final String category = args.string(2).toLowerCase(Locale.ROOT);
    if (!Acl.CATEGORIES.contains(category)) {
      c.reply().error("ERR Unknown category '" + args.string(2) + "'");
      return;
    }
    final List<String> names = acl.commandsIn(category);
    c.reply().array(names.size());
    for (final String name : names) {
      c.reply().bulk(name);
    }
  }

  void setuser(final CommandContext c) {
    final Arguments args = c.args();
    final List<String> rules = new ArrayList<>();
    for (int i = 3; i < args.count(); i++) {
      rules.add(args.string(i));
    }
    final String error = acl.setUser(args.string(2), rules);
    if (error != null) {
      c.reply().error(error);
    } else {
      c.reply().ok();
    }
  }

  void getuser(final CommandContext c) {
    final AclUser user = acl.user(c.args().string(2));
    final Reply r = c.reply();
    if (user == null) {
      r.nullBulk();
      return;
    }
    r.map(6);
    r.bulk("flags");
    final List<String> flags = user.flags();
    r.array(flags.size());
    for (final String flag : flags) {
      r.bulk(flag);
    }
    r.bulk("passwords");
    final List<String> passwords = user.passwords();
    r.array(passwords.size());
    for (final String hash : passwords) {
      r.bulk(hash);
    }
    r.bulk("commands");
    r.bulk(user.commandsText());
    r.bulk("keys");
    r.bulk(user.keysText());
    r.bulk("channels");
    r.bulk(user.channelsText());
    r.bulk("selectors");
    r.array(0);
  }

  /** Removes users and closes the connections logged in as them. */
  void deluser(final CommandContext c) {
    final Arguments args = c.args();
    final List<String> names = new ArrayList<>();
    for (int i = 2; i < args.count(); i++) {
      if (args.string(i).equals(Acl.DEFAULT)) {
        c.reply().error("ERR The 'default' user cannot be removed");
        return;
      }
      names.add(args.string(i));
    }
    final List<AclUser> removed = new ArrayList<>();
    final int count = acl.delete(names, removed);
    for (final ClientState client : clients.values()) {
      if (removed.contains(client.user)) {
        if (client == c.client()) {
          c.event().closeAfterReply = true;
        } else {
          c.event().killConnections.addLong(client.id);
        }
      }
    }
    c.reply().integer(count);
  }

  void list(final CommandContext c) {
    c.reply().array(acl.users().size());
    for (final AclUser user : acl.users()) {
      c.reply().bulk("user " + user.name + " " + user.describe());
    }
  }

  void users(final CommandContext c) {
    c.reply().array(acl.users().size());
    for (final AclUser user : acl.users()) {
      c.reply().bulk(user.name);
    }
  }

  void whoami(final CommandContext c) {
    final AclUser user = c.client().user;
    c.reply().bulk(user == null ? Acl.DEFAULT : user.name);
  }

  /** ACL LOG [count|RESET]: newest first, each entry a map of Redis's fields. */
  void log(final CommandContext c) {
    final Arguments args = c.args();
    long count = 10;
    if (args.count() > 3) {
      c.wrongArity();
      return;
    }
    if (args.count() == 3) {
      if (args.is(2, "reset")) {
        acl.log().reset();
        c.reply().ok();
        return;
      }
      if (!args.parseLong(2, number)) {
        c.notAnInteger();
        return;
      }
      count = Math.max(0, number[0]);
    }
    final Reply r = c.reply();
    r.array((int) Math.min(count, acl.log().size()));
    int shown = 0;
    for (final AclLog.Entry e : acl.log().entries()) {
      if (shown++ == count) {
        break;
      }
      r.map(7);
      r.bulk("count");
      r.integer(e.count);
      r.bulk("reason");
      r.bulk(e.reason);
      r.bulk("context");
      r.bulk(e.context);
      r.bulk("object");
      r.bulk(e.object);
      r.bulk("username");
      r.bulk(e.username);
      r.bulk("age-seconds");
      r.doubleValue((c.now() - e.createdMillis) / 1000.0);
      r.bulk("client-info");
      r.bulk(e.clientInfo);
    }
  }

  void genpass(final CommandContext c) {
    final Arguments args = c.args();
    long bits = 256;
    if (args.count() > 3) {
      c.wrongArity();
      return;
    }
    if (args.count() == 3) {
      if (!args.parseLong(2, number)) {
        c.notAnInteger();
        return;
      }
      bits = number[0];
      if (bits <= 0 || bits > 4096) {
        c.reply().error("ERR ACL GENPASS argument must be the number of bits for the output password, "
            + "a positive number up to 4096");
        return;
      }
    }
    final int chars = (int) ((bits + 3) / 4);
    final byte[] raw = new byte[(chars + 1) / 2];
    random.nextBytes(raw);
    final StringBuilder hex = new StringBuilder(chars + 1);
    for (final byte b : raw) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    c.reply().bulk(hex.substring(0, chars));
  }

  /** ACL DRYRUN user command [arg ...]: the permission check alone, as the engine would make it. */
  void dryrun(final CommandContext c) {
    final Arguments args = c.args();
    final AclUser user = acl.user(args.string(2));
    if (user == null) {
      c.reply().error("ERR User '" + args.string(2) + "' not found");
      return;
    }
    CommandSpec spec = table.lookup(args.array(), args.offset(3), args.length(3));
    if (spec == null) {
      c.reply().error("ERR Command '" + args.string(3) + "' not found");
      return;
    }
    if (!spec.subcommands.isEmpty() && args.count() > 4) {
      final CommandSpec sub = spec.subcommand(args.string(4).toLowerCase(Locale.ROOT));
      spec = sub != null ? sub : spec;
    }
    final int argc = args.count() - 3;
    if (spec.arity >= 0 ? argc != spec.arity : argc < -spec.arity) {
      c.reply().error("ERR wrong number of arguments for '" + spec.fullName + "' command");
      return;
    }
    dryRunArgs.clear();
    for (int i = 3; i < args.count(); i++) {
      dryRunArgs.add(args.bytes(i));
    }
    final String denied = acl.dryRun(user, spec, dryRunArgs);
    if (denied == null) {
      c.reply().ok();
    } else {
      c.reply().bulk(denied);
    }
  }

  void load(final CommandContext c) {
    if (!acl.fileConfigured()) {
      c.reply().error(NO_ACLFILE);
      return;
    }
    final String error = acl.load();
    if (error != null) {
      c.reply().error(error);
    } else {
      c.reply().ok();
    }
  }

  void save(final CommandContext c) {
    if (!acl.fileConfigured()) {
      c.reply().error(NO_ACLFILE);
      return;
    }
    final String error = acl.save();
    if (error != null) {
      c.reply().error(error);
    } else {
      c.reply().ok();
    }
  }

  void help(final CommandContext c) {
    ConnectionCommands.help(c.reply(), HELP);
  }
}
