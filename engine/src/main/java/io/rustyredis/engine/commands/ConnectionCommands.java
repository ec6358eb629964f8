package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ADMIN;
import static io.rustyredis.engine.command.CommandFlag.ALLOW_BUSY;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.NO_AUTH;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientPause;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.acl.Acl;
import io.rustyredis.engine.acl.AclUser;
import io.rustyredis.engine.blocking.Unblocker;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.pubsub.Monitors;
import io.rustyredis.engine.pubsub.PubSub;
import io.rustyredis.engine.tracking.Tracking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The connection commands: a client's own session (PING, HELLO, AUTH, SELECT, RESET, CLIENT ...).
 *
 * <p>There is one user, {@code default}, as in a Redis with no ACL file: its password is {@code
 * requirepass}, and with no password set every client is authenticated from the start.
 */
public final class ConnectionCommands {
  private static final String DEFAULT_USER = "default";
  private static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
  /** Client types for the TYPE filters: ours are all normal (no replicas, no pub/sub yet). */
  private static final int NORMAL = 0;
  private static final int OTHER = 1;

  private static final String[] CLIENT_HELP = {
    "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CACHING (YES|NO)",
    "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
    "GETREDIR",
    "    Return the client ID we are redirecting to when tracking is enabled.",
    "GETNAME",
    "    Return the name of the current connection.",
    "ID",
    "    Return the ID of the current connection.",
    "INFO",
    "    Return information about the current client connection.",
    "KILL <ip:port>",
    "    Kill connection made from <ip:port>.",
    "KILL <option> <value> [<option> <value> [...]]",
    "    Kill connections. Options are:",
    "    * ADDR (<ip:port>|<unixsocket>:0)",
    "      Kill connections made from the specified address",
    "    * LADDR (<ip:port>|<unixsocket>:0)",
    "      Kill connections made to specified local address",
    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
    "      Kill connections by type.",
    "    * USER <username>",
    "      Kill connections authenticated by <username>.",
    "    * SKIPME (YES|NO)",
    "      Skip killing current connection (default: yes).",
    "LIST [options ...]",
    "    Return information about client connections. Options:",
    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
    "      Return clients of specified type.",
    "UNPAUSE",
    "    Stop the current client pause, resuming traffic.",
    "PAUSE <timeout> [WRITE|ALL]",
    "    Suspend all, or just write, clients for <timeout> milliseconds.",
    "REPLY (ON|OFF|SKIP)",
    "    Control the replies sent to the current connection.",
    "SETNAME <name>",
    "    Assign the name <name> to the current connection.",
    "UNBLOCK <clientid> [TIMEOUT|ERROR]",
    "    Unblock the specified blocked client.",
    "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
    "         [OPTIN] [OPTOUT] [NOLOOP]",
    "    Control server assisted client side caching.",
    "SETINFO <option> <value>",
    "    Set client meta attr. Options are:",
    "    * LIB-NAME: the client lib name.",
    "    * LIB-VER: the client lib version.",
    "TRACKINGINFO",
    "    Report tracking status for the current connection.",
    "NO-EVICT (ON|OFF)",
    "    Protect current client connection from eviction.",
    "HELP",
    "    Prints this help.",
  };

  private final Config config;
  private final Long2ObjectHashMap<ClientState> clients;
  private final long[] number = new long[1];

  private static final byte[] PONG = {'p', 'o', 'n', 'g'};
  private static final byte[] EMPTY = {};
  private final PubSub pubsub;
  private final Monitors monitors;
  private final ClientPause pause;
  private final Acl acl;
  private final Unblocker unblocker;
  private final Tracking tracking;

  public ConnectionCommands(
      final Config config, final Long2ObjectHashMap<ClientState> clients, final PubSub pubsub, final Monitors monitors,
      final ClientPause pause, final Acl acl, final Unblocker unblocker, final Tracking tracking) {
    this.pause = pause;
    this.tracking = tracking;
    this.unblocker = unblocker;
    this.config = config;
    this.clients = clients;
    this.pubsub = pubsub;
    this.monitors = monitors;
    this.acl = acl;
    acl.clientInfo(ConnectionCommands::clientLine);
  }

  public void declare(final CommandTable t) {
    t.add(command("ping", -1).flags(FAST).acl("@fast @connection")
        .tips("request_policy:all_shards response_policy:all_succeeded")
        .doc("Ping the server", "1.0.0", "connection", "O(1)").handler(this::ping));
    t.add(command("echo", 2).flags(LOADING, STALE, FAST).acl("@fast @connection")
        .doc("Echo the given string", "1.0.0", "connection", "O(1)").handler(this::echo));
    t.add(command("quit", -1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl("@fast @connection")
        .doc("Close the connection", "1.0.0", "connection", "O(1)").handler(this::quit));
    t.add(command("reset", 1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl("@fast @connection")
        .doc("Reset the connection", "6.2.0", "connection", "O(1)").handler(this::reset));
    t.add(command("select", 2).flags(LOADING, STALE, FAST).acl("@fast @connection")
        .doc("Change the selected database for the current connection", "1.0.0", "connection", "O(1)")
        .handler(this::select));
    t.add(command("hello", -1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl("@fast @connection")
        .doc("Handshake with Redis", "6.0.0", "connection", "O(1)").handler(this::hello));
    t.add(command("auth", -2).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl("@fast @connection")
        .doc("Authenticate to the server", "1.0.0", "connection",
            "O(N) where N is the number of passwords defined for the user")
        .handler(this::auth));
    t.add(command("client", -2).acl("@slow")
        .doc("A container for client connection commands", "2.4.0", "connection", "Depends on subcommand.")
        .sub(command("setname", 3).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .doc("Set the current connection name", "2.6.9", "connection", "O(1)").handler(this::clientSetname))
        .sub(command("list", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous @connection")
            .tips("nondeterministic_output")
            .doc("Get the list of client connections", "2.4.0", "connection",
                "O(N) where N is the number of client connections")
            .handler(this::clientList))
        .sub(command("id", 2).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .doc("Returns the client ID for the current connection", "5.0.0", "connection", "O(1)")
            .handler(this::clientId))
        .sub(command("info", 2).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .tips("nondeterministic_output")
            .doc("Returns information about the current client connection.", "6.2.0", "connection", "O(1)")
            .handler(this::clientInfo))
        .sub(command("reply", 3).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .doc("Instruct the server whether to reply to commands", "3.2.0", "connection", "O(1)")
            .handler(this::clientReply))
        .sub(command("getname", 2).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .doc("Get the current connection name", "2.6.9", "connection", "O(1)").handler(this::clientGetname))
        .sub(command("setinfo", 4).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .tips("request_policy:all_nodes response_policy:all_succeeded")
            .doc("Sets information specific to the client or connection.", "7.2.0", "connection", "O(1)")
            .handler(this::clientSetinfo))
        .sub(command("tracking", -3).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .doc("Enable or disable server assisted client side caching support", "6.0.0", "connection",
                "O(1). Some options may introduce additional complexity.")
            .handler(this::clientTracking))
        .sub(command("trackinginfo", 2).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .doc("Return information about server assisted client side caching for the current connection",
                "6.2.0", "connection", "O(1)")
            .handler(this::clientTrackinginfo))
        .sub(command("caching", 3).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .doc("Instruct the server about tracking or not keys in the next request", "6.0.0", "connection", "O(1)")
            .handler(this::clientCaching))
        .sub(command("getredir", 2).flags(NOSCRIPT, LOADING, STALE).acl("@slow @connection")
            .doc("Get tracking notifications redirection client ID if any", "6.0.0", "connection", "O(1)")
            .handler(this::clientGetredir))
        .sub(command("pause", -3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous @connection")
            .doc("Stop processing commands from clients for some time", "2.9.50", "connection", "O(1)")
            .handler(this::clientPause))
        .sub(command("unpause", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous @connection")
            .doc("Resume processing of clients that were paused", "6.2.0", "connection",
                "O(N) Where N is the number of paused clients")
            .handler(this::clientUnpause))
        .sub(command("unblock", -3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous @connection")
            .doc("Unblock a client blocked in a blocking command from a different connection", "5.0.0", "connection",
                "O(log N) where N is the number of client connections")
            .handler(this::clientUnblock))
        .sub(command("no-evict", 3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous @connection")
            .doc("Set client eviction mode for the current connection", "7.0.0", "connection", "O(1)")
            .handler(this::clientNoEvict))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@slow @connection")
            .doc("Show helpful text about the different subcommands", "5.0.0", "connection", "O(1)")
            .handler(this::clientHelp))
        .sub(command("kill", -3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous @connection")
            .doc("Kill the connection of a client", "2.4.0", "connection",
                "O(N) where N is the number of client connections")
            .handler(this::clientKill)));
  }

  /** In RESP2 subscribed mode PING answers in the shape of a message: {@code ["pong", arg or ""]}. */
  void ping(final CommandContext c) {
    if (c.args().count() > 2) {
      c.wrongArity();
    } else if (c.client().protocol == 2 && c.client().subscribed()) {
      c.reply().array(2);
      c.reply().bulk(PONG);
      if (c.args().count() == 2) {
        c.reply().bulk(c.args().array(), c.args().address(1), c.args().length(1));
      } else {
        c.reply().bulk(EMPTY);
      }
    } else if (c.args().count() == 2) {
      c.reply().bulk(c.args().array(), c.args().address(1), c.args().length(1));
    } else {
      c.reply().simple("PONG");
    }
  }

  void echo(final CommandContext c) {
    c.reply().bulk(c.args().array(), c.args().address(1), c.args().length(1));
  }

  void quit(final CommandContext c) {
    c.reply().ok();
    c.event().closeAfterReply = true;
  }

  /** Back to a fresh connection's state; the reply mode too, so this reply is always sent. */
  void reset(final CommandContext c) {
    final ClientState client = c.client();
    client.db = 0;
    client.protocol = 2;
    client.name = "";
    client.noEvict = false;
    client.replyMode = ClientState.ReplyMode.ON;
    pubsub.forget(client);
    monitors.remove(client);
    client.authenticated = acl.defaultAutoAuth();
    client.user = acl.defaultUser();
    client.transaction.discard();
    c.reply().reset(2);
    c.reply().simple("RESET");
  }

  void select(final CommandContext c) {
    if (!c.args().parseLong(1, number)) {
      c.notAnInteger();
    } else if (number[0] < 0 || number[0] >= c.keyspace().databaseCount()) {
      c.reply().error("ERR DB index is out of range");
    } else {
      c.client().db = (int) number[0];
      c.reply().ok();
    }
  }

  /**
   * HELLO [protover [AUTH user pass] [SETNAME name]]: options are all parsed first, then the
   * credentials checked, then the name set, and only then the protocol switched, so a refused
   * HELLO changes nothing it did not get to.
   */
  void hello(final CommandContext c) {
    final Arguments args = c.args();
    final ClientState client = c.client();
    int protocol = 0;
    int next = 1;
    if (args.count() >= 2) {
      next = 2;
      if (!args.parseLong(1, number)) {
        c.reply().error("ERR Protocol version is not an integer or out of range");
        return;
      }
      if (number[0] < 2 || number[0] > 3) {
        c.reply().error("NOPROTO unsupported protocol version");
        return;
      }
      protocol = (int) number[0];
    }
    int auth = 0;
    int setname = 0;
    for (int i = next; i < args.count(); i++) {
      final int more = args.count() - 1 - i;
      if (args.is(i, "auth") && more >= 2) {
        auth = i;
        i += 2;
      } else if (args.is(i, "setname") && more >= 1) {
        setname = i;
        i++;
      } else {
        c.reply().error("ERR Syntax error in HELLO option '" + args.string(i) + "'");
        return;
      }
    }
    if (auth != 0 && !authenticate(c, args.string(auth + 1), args.string(auth + 2))) {
      c.reply().error(WRONGPASS);
      return;
    }
    if (!client.authenticated) {
      c.reply().error("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
          + "HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
          + "protocol version at the same time");
      return;
    }
    if (setname != 0 && !setName(c, args.string(setname + 1))) {
      return;
    }
    if (protocol != 0) {
      client.protocol = protocol;
    }
    final Reply r = c.reply();
    r.reset(client.protocol);
    r.map(7);
    r.bulk("server");
    r.bulk("redis");
    r.bulk("version");
    r.bulk(ServerInfo.REDIS_VERSION);
    r.bulk("proto");
    r.integer(client.protocol);
    r.bulk("id");
    r.integer(client.id);
    r.bulk("mode");
    r.bulk("standalone");
    r.bulk("role");
    r.bulk("master");
    r.bulk("modules");
    r.array(0);
  }

  void auth(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 3) {
      c.syntaxError();
      return;
    }
    if (args.count() == 2 && acl.defaultAutoAuth()) {
      c.reply().error("ERR AUTH <password> called without any password configured for the default user. "
          + "Are you sure your configuration is correct?");
      return;
    }
    final String user = args.count() == 3 ? args.string(1) : DEFAULT_USER;
    if (authenticate(c, user, args.string(args.count() - 1))) {
      c.reply().ok();
    } else {
      c.reply().error(WRONGPASS);
    }
  }

  /** Checks a user and password; a failure leaves the client as it was, as in Redis. */
  private boolean authenticate(final CommandContext c, final String user, final String password) {
    final ClientState client = c.client();
    final AclUser u = acl.authenticate(user, password);
    if (u == null) {
      acl.authFailed(client, c.spec().fullName, user, c.now());
      return false;
    }
    client.user = u;
    client.authenticated = true;
    return true;
  }

  void clientId(final CommandContext c) {
    c.reply().integer(c.client().id);
  }

  void clientSetname(final CommandContext c) {
    if (setName(c, c.args().string(2))) {
      c.reply().ok();
    }
  }

  /** Sets the client's name, or replies Redis's error for a name it would refuse. */
  private static boolean setName(final CommandContext c, final String name) {
    if (!printable(name)) {
      c.reply().error("ERR Client names cannot contain spaces, newlines or special characters.");
      return false;
    }
    c.client().name = name;
    return true;
  }

  void clientGetname(final CommandContext c) {
    if (c.client().name.isEmpty()) {
      c.reply().nullBulk();
    } else {
      c.reply().bulk(c.client().name);
    }
  }

  /** CLIENT SETINFO LIB-NAME|LIB-VER value: Redis 7.2's, sent by clients as they connect. */
  void clientSetinfo(final CommandContext c) {
    final Arguments args = c.args();
    final String value = args.string(3);
    final boolean libName = args.is(2, "lib-name");
    if (!libName && !args.is(2, "lib-ver")) {
      c.reply().error("ERR Unrecognized option '" + args.string(2) + "'");
      return;
    }
    if (!printable(value)) {
      c.reply().error("ERR " + args.string(2) + " cannot contain spaces, newlines or special characters.");
      return;
    }
    if (libName) {
      c.client().libName = value;
    } else {
      c.client().libVersion = value;
    }
    c.reply().ok();
  }

  /** Redis's rule for names: every byte a printable, non-space ASCII character. */
  private static boolean printable(final String text) {
    for (int i = 0; i < text.length(); i++) {
      final char ch = text.charAt(i);
      if (ch < '!' || ch > '~') {
        return false;
      }
    }
    return true;
  }

  void clientInfo(final CommandContext c) {
    final StringBuilder out = new StringBuilder(320);
    describe(c.client(), c.now(), out);
    c.reply().verbatim(out.toString());
  }

  void clientList(final CommandContext c) {
    final Arguments args = c.args();
    final StringBuilder out = new StringBuilder(320);
    if (args.count() == 4 && args.is(2, "type")) {
      final int type = clientType(args, 3);
      if (type < 0) {
        c.reply().error("ERR Unknown client type '" + args.string(3) + "'");
        return;
      }
      if (type == NORMAL) {
        listAll(c.now(), out);
      }
    } else if (args.count() > 3 && args.is(2, "id")) {
      for (int i = 3; i < args.count(); i++) {
        if (!args.parseLong(i, number)) {
          c.reply().error("ERR Invalid client ID");
          return;
        }
        final ClientState client = clients.get(number[0]);
        if (client != null) {
          describe(client, c.now(), out);
        }
      }
    } else if (args.count() != 2) {
      c.syntaxError();
      return;
    } else {
      listAll(c.now(), out);
    }
    c.reply().verbatim(out.toString());
  }

  private void listAll(final long now, final StringBuilder out) {
    final long[] ids = sortedIds();
    for (final long id : ids) {
      describe(clients.get(id), now, out);
    }
  }

  private long[] sortedIds() {
    final long[] ids = new long[clients.size()];
    int n = 0;
    final Long2ObjectHashMap<ClientState>.KeyIterator keys = clients.keySet().iterator();
    while (keys.hasNext()) {
      ids[n++] = keys.nextLong();
    }
    Arrays.sort(ids);
    return ids;
  }

  /** CLIENT LIST's flags in Redis's order: O monitor, P subscribed, e no-evict; N for none. */
  /** Redis's flag letters, in its order, for the states a client can be in here. */
  private static String flags(final ClientState client) {
    final String flags = (client.monitor ? "O" : "") + (client.subscribed() ? "P" : "")
        + (client.transaction.open() ? "x" : "") + (client.blockedCommand != null ? "b" : "")
        + (client.tracking ? "t" : "") + (client.trackingBrokenRedirect ? "R" : "")
        + (client.trackingBcast ? "B" : "") + (client.noEvict ? "e" : "");
    return flags.isEmpty() ? "N" : flags;
  }

  /**
   * One CLIENT LIST line with Redis 7.0's fields in its order, then 7.2's lib-name and lib-ver.
   * Buffer sizes are the engine's business, not a socket's, so they are reported as fixed values.
   */
  /** The client's CLIENT LIST line without its newline, as ACL LOG's client-info. */
  public static String clientLine(final ClientState client, final long now) {
    final StringBuilder out = new StringBuilder();
    describe(client, now, out);
    return out.substring(0, out.length() - 1);
  }

  private static void describe(final ClientState client, final long now, final StringBuilder out) {
    out.append("id=").append(client.id)
        .append(" addr=").append(client.peerAddress)
        .append(" laddr=").append(client.localAddress)
        .append(" fd=").append(client.id + 7)
        .append(" name=").append(client.name)
        .append(" age=").append(Math.max(0, (now - client.createdMillis) / 1000))
        .append(" idle=").append(Math.max(0, (now - client.lastInteractionMillis) / 1000))
        .append(" flags=").append(flags(client))
        .append(" db=").append(client.db)
        .append(" sub=").append(client.subscribedChannels)
        .append(" psub=").append(client.subscribedPatterns)
        .append(" ssub=").append(client.subscribedShardChannels)
        .append(" multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0")
        .append(" obl=0 oll=0 omem=0 tot-mem=1024 events=r")
        .append(" cmd=").append(client.lastCommand)
        .append(" user=").append(client.user == null ? DEFAULT_USER : client.user.name)
        .append(" redir=").append(client.tracking ? client.trackingRedirect : -1)
        .append(" resp=").append(client.protocol)
        .append(" lib-name=").append(client.libName)
        .append(" lib-ver=").append(client.libVersion)
        .append('\n');
  }

  /** Redis's client type names: NORMAL, OTHER for the types no client here has, or -1. */
  private static int clientType(final Arguments args, final int index) {
    if (args.is(index, "normal")) {
      return NORMAL;
    }
    if (args.is(index, "master") || args.is(index, "replica") || args.is(index, "slave") || args.is(index, "pubsub")) {
      return OTHER;
    }
    return -1;
  }

  /**
   * CLIENT KILL addr (may kill the caller) or CLIENT KILL filter value ... (skips the caller unless
   * SKIPME no). Other connections are closed by the transport, told through the event; the caller
   * is closed after its reply.
   */
  void clientKill(final CommandContext c) {
    final Arguments args = c.args();
    String addr = null;
    String laddr = null;
    AclUser user = null;
    long id = 0;
    int type = -1;
    long maxAge = 0;
    boolean skipMe = true;
    if (args.count() == 3) {
      addr = args.string(2);
      skipMe = false;
    } else {
      for (int i = 2; i < args.count(); i += 2) {
        final boolean more = i + 1 < args.count();
        if (more && args.is(i, "id")) {
          if (!args.parseLong(i + 1, number) || number[0] < 1) {
            c.reply().error("ERR client-id should be greater than 0");
            return;
          }
          id = number[0];
        } else if (more && args.is(i, "type")) {
          type = clientType(args, i + 1);
          if (type < 0) {
            c.reply().error("ERR Unknown client type '" + args.string(i + 1) + "'");
            return;
          }
        } else if (more && args.is(i, "addr")) {
          addr = args.string(i + 1);
        } else if (more && args.is(i, "laddr")) {
          laddr = args.string(i + 1);
        } else if (more && args.is(i, "maxage")) {
          // Redis 7.4's filter (7.0.15 answers a syntax error): clients connected longer than that.
          if (!args.parseLong(i + 1, number)) {
            c.reply().error("ERR maxage is not an integer or out of range");
            return;
          }
          maxAge = number[0];
        } else if (more && args.is(i, "user")) {
          user = acl.user(args.string(i + 1));
          if (user == null) {
            c.reply().error("ERR No such user '" + args.string(i + 1) + "'");
            return;
          }
        } else if (more && args.is(i, "skipme")) {
          if (args.is(i + 1, "yes")) {
            skipMe = true;
          } else if (args.is(i + 1, "no")) {
            skipMe = false;
          } else {
            c.syntaxError();
            return;
          }
        } else {
          c.syntaxError();
          return;
        }
      }
    }
    int killed = 0;
    final ClientState self = c.client();
    for (final long candidate : sortedIds()) {
      final ClientState client = clients.get(candidate);
      if ((addr != null && !addr.equals(client.peerAddress))
          || (laddr != null && !laddr.equals(client.localAddress))
          || (type != -1 && type != NORMAL)
          || (id != 0 && client.id != id)
          || (maxAge != 0 && (c.now() - client.createdMillis) / 1000 <= maxAge)
          || (user != null && client.user != user)
          || (client == self && skipMe)) {
        continue;
      }
      if (client == self) {
        c.event().closeAfterReply = true;
      } else {
        c.event().killConnections.addLong(client.id);
      }
      killed++;
    }
    if (args.count() == 3) {
      if (killed == 0) {
        c.reply().error("ERR No such client");
      } else {
        c.reply().ok();
      }
    } else {
      c.reply().integer(killed);
    }
  }

  void clientNoEvict(final CommandContext c) {
    if (c.args().is(2, "on")) {
      c.client().noEvict = true;
    } else if (c.args().is(2, "off")) {
      c.client().noEvict = false;
    } else {
      c.syntaxError();
      return;
    }
    c.reply().ok();
  }

  /** OFF and SKIP reply nothing themselves; the engine drops the replies they suppress. */
  void clientReply(final CommandContext c) {
    final ClientState client = c.client();
    if (c.args().is(2, "on")) {
      client.replyMode = ClientState.ReplyMode.ON;
      c.reply().ok();
    } else if (c.args().is(2, "off")) {
      client.replyMode = ClientState.ReplyMode.OFF;
    } else if (c.args().is(2, "skip")) {
      if (client.replyMode != ClientState.ReplyMode.OFF) {
        client.replyMode = ClientState.ReplyMode.SKIP;
      }
    } else {
      c.syntaxError();
    }
  }

  /**
   * CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX p ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP], with
   * Redis 7.0's checks in its order (see {@link Tracking} for what tracking does).
   */
  void clientTracking(final CommandContext c) {
    final Arguments args = c.args();
    final ClientState client = c.client();
    long redirect = 0;
    boolean bcast = false;
    boolean optin = false;
    boolean optout = false;
    boolean noloop = false;
    final List<byte[]> prefixes = new ArrayList<>();
    for (int j = 3; j < args.count(); j++) {
      final boolean more = j + 1 < args.count();
      if (more && args.is(j, "redirect")) {
        j++;
        if (redirect != 0) {
          c.reply().error("ERR A client can only redirect to a single other client");
          return;
        }
        if (!args.parseLong(j, number)) {
          c.notAnInteger();
          return;
        }
        redirect = number[0];
        if (clients.get(redirect) == null) {
          c.reply().error("ERR The client ID you want redirect to does not exist");
          return;
        }
      } else if (args.is(j, "bcast")) {
        bcast = true;
      } else if (args.is(j, "optin")) {
        optin = true;
      } else if (args.is(j, "optout")) {
        optout = true;
      } else if (args.is(j, "noloop")) {
        noloop = true;
      } else if (more && args.is(j, "prefix")) {
        prefixes.add(args.bytes(++j));
      } else {
        c.syntaxError();
        return;
      }
    }
    if (args.is(2, "on")) {
      final String refusal = trackingRefusal(client, bcast, optin, optout, prefixes);
      if (refusal != null) {
        c.reply().error(refusal);
        return;
      }
      tracking.enable(client, redirect, bcast, optin, optout, noloop, prefixes);
    } else if (args.is(2, "off")) {
      tracking.disable(client);
    } else {
      c.syntaxError();
      return;
    }
    c.reply().ok();
  }

  private static String trackingRefusal(final ClientState client, final boolean bcast, final boolean optin,
      final boolean optout, final List<byte[]> prefixes) {
    if (!bcast && !prefixes.isEmpty()) {
      return "ERR PREFIX option requires BCAST mode to be enabled";
    }
    if (client.tracking && client.trackingBcast != bcast) {
      return "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then "
          + "re-enabling it with a different mode.";
    }
    if (bcast && (optin || optout)) {
      return "ERR OPTIN and OPTOUT are not compatible with BCAST";
    }
    if (optin && optout) {
      return "ERR You can't use both OPTIN and OPTOUT";
    }
    if ((optin && client.trackingOptout) || (optout && client.trackingOptin)) {
      return "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then "
          + "re-enabling it with a different mode.";
    }
    return bcast ? Tracking.collision(client, prefixes) : null;
  }

  /** CLIENT TRACKINGINFO: flags, redirect and prefixes, as Redis lists them. */
  void clientTrackinginfo(final CommandContext c) {
    final ClientState client = c.client();
    final List<String> flags = new ArrayList<>();
    flags.add(client.tracking ? "on" : "off");
    if (client.trackingBcast) {
      flags.add("bcast");
    }
    if (client.trackingOptin) {
      flags.add("optin");
      if (client.trackingCaching) {
        flags.add("caching-yes");
      }
    }
    if (client.trackingOptout) {
      flags.add("optout");
      if (client.trackingCaching) {
        flags.add("caching-no");
      }
    }
    if (client.trackingNoloop) {
      flags.add("noloop");
    }
    if (client.trackingBrokenRedirect) {
      flags.add("broken_redirect");
    }
    final Reply r = c.reply();
    r.map(3);
    r.bulk("flags");
    r.set(flags.size());
    for (final String flag : flags) {
      r.bulk(flag);
    }
    r.bulk("redirect");
    r.integer(client.tracking ? client.trackingRedirect : -1);
    r.bulk("prefixes");
    r.array(client.trackingPrefixes.size());
    for (final byte[] prefix : client.trackingPrefixes) {
      r.bulk(prefix);
    }
  }

  /** CLIENT CACHING YES|NO: the next command is tracked (OPTIN) or not (OPTOUT). */
  void clientCaching(final CommandContext c) {
    final ClientState client = c.client();
    if (!client.tracking) {
      c.reply().error("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or "
          + "OPTOUT mode enabled");
      return;
    }
    final Arguments args = c.args();
    if (args.is(2, "yes")) {
      if (!client.trackingOptin) {
        c.reply().error("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
        return;
      }
    } else if (args.is(2, "no")) {
      if (!client.trackingOptout) {
        c.reply().error("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
        return;
      }
    } else {
      c.syntaxError();
      return;
    }
    client.trackingCaching = true;
    c.reply().ok();
  }

  void clientGetredir(final CommandContext c) {
    final ClientState client = c.client();
    c.reply().integer(client.tracking ? client.trackingRedirect : -1);
  }

  /** CLIENT PAUSE timeout [WRITE|ALL]: ALL by default; the engine holds the commands (see ClientPause). */
  void clientPause(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 4) {
      c.reply().error("ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP.");
      return;
    }
    final long deadline = Timeouts.millisDeadline(c, 2, number);
    if (deadline == Timeouts.INVALID) {
      return;
    }
    boolean all = true;
    if (args.count() == 4) {
      if (args.is(3, "write")) {
        all = false;
      } else if (!args.is(3, "all")) {
        c.reply().error("ERR CLIENT PAUSE mode must be WRITE or ALL");
        return;
      }
    }
    pause.pause(deadline == 0 ? c.now() : deadline, all);
    c.reply().ok();
  }

  void clientUnpause(final CommandContext c) {
    pause.unpause();
    c.reply().ok();
  }

  void clientHelp(final CommandContext c) {
    help(c.reply(), CLIENT_HELP);
  }

  /** Redis's help reply: an array of status lines. */
  /** CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when that client was blocked and now is not, else 0. */
  void clientUnblock(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() > 4) {
      c.reply().error("ERR unknown subcommand or wrong number of arguments for 'unblock'. Try CLIENT HELP.");
      return;
    }
    final boolean error = args.count() == 4 && args.is(3, "error");
    if (args.count() == 4 && !error && !args.is(3, "timeout")) {
      c.reply().error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
      return;
    }
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    final ClientState target = clients.get(number[0]);
    c.reply().integer(target != null && unblocker.unblock(target, error) ? 1 : 0);
  }

  static void help(final Reply reply, final String[] lines) {
    reply.array(lines.length);
    for (final String line : lines) {
      reply.simple(line);
    }
  }
}
