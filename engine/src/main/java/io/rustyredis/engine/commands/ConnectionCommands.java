package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NO_AUTH;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import org.agrona.collections.Long2ObjectHashMap;

/** The connection commands: a client's own session (PING, HELLO, SELECT, QUIT, ...). */
public final class ConnectionCommands {
  private final Config config;
  private final Long2ObjectHashMap<ClientState> clients;
  private final CommandTable table;

  public ConnectionCommands(final Config config, final Long2ObjectHashMap<ClientState> clients, final CommandTable table) {
    this.config = config;
    this.clients = clients;
    this.table = table;
  }

  public void declare(final CommandTable t) {
    t.add(command("ping", -1).flags(FAST).acl("@fast @connection")
        .doc("Returns the server's liveliness response.", "1.0.0", "connection", "O(1)").handler(this::ping));
    t.add(command("echo", 2).flags(FAST).acl("@fast @connection")
        .doc("Returns the given string.", "1.0.0", "connection", "O(1)").handler(this::echo));
    t.add(command("quit", -1).flags(NO_AUTH, LOADING, STALE, FAST).acl("@fast @connection")
        .doc("Closes the connection.", "1.0.0", "connection", "O(1)").handler(this::quit));
    t.add(command("select", 2).flags(LOADING, STALE, FAST).acl("@fast @connection")
        .doc("Changes the selected database.", "1.0.0", "connection", "O(1)").handler(this::select));
    t.add(command("hello", -1).flags(NO_AUTH, LOADING, STALE, FAST).acl("@fast @connection")
        .doc("Handshakes with the Redis server.", "6.0.0", "connection", "O(1)").handler(this::hello));
  }

  void ping(final CommandContext c) {
    if (c.args().count() > 2) {
      c.wrongArity();
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

  void select(final CommandContext c) {
    final long[] index = new long[1];
    if (!c.args().parseLong(1, index)) {
      c.notAnInteger();
    } else if (index[0] < 0 || index[0] >= c.keyspace().databaseCount()) {
      c.reply().error("ERR DB index is out of range");
    } else {
      c.client().db = (int) index[0];
      c.reply().ok();
    }
  }

  void hello(final CommandContext c) {
    final ClientState client = c.client();
    int protocol = client.protocol;
    if (c.args().count() >= 2) {
      final long[] version = new long[1];
      if (!c.args().parseLong(1, version)) {
        c.reply().error("ERR Protocol version is not an integer or out of range");
        return;
      }
      if (version[0] < 2 || version[0] > 3) {
        c.reply().error("NOPROTO unsupported protocol version");
        return;
      }
      protocol = (int) version[0];
    }
    client.protocol = protocol;
    final Reply r = c.reply();
    r.reset(protocol);
    r.map(7);
    r.bulk("server");
    r.bulk("redis");
    r.bulk("version");
    r.bulk(ServerInfo.REDIS_VERSION);
    r.bulk("proto");
    r.integer(protocol);
    r.bulk("id");
    r.integer(client.id);
    r.bulk("mode");
    r.bulk("standalone");
    r.bulk("role");
    r.bulk("master");
    r.bulk("modules");
    r.array(0);
  }
}
