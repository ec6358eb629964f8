package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.ServerStats;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.keyspace.Keyspace;
import org.agrona.collections.Long2ObjectHashMap;

/** The server commands: the whole server rather than one key (DBSIZE, FLUSHALL, INFO, ...). */
public final class ServerCommands {
  private final Config config;
  private final Keyspace keyspace;
  private final Long2ObjectHashMap<ClientState> clients;
  private final CommandTable table;
  private final ServerInfo info;
  private final ServerStats stats;

  public ServerCommands(
      final Config config, final Keyspace keyspace, final Long2ObjectHashMap<ClientState> clients,
      final CommandTable table, final ServerInfo info, final ServerStats stats) {
    this.config = config;
    this.keyspace = keyspace;
    this.clients = clients;
    this.table = table;
    this.info = info;
    this.stats = stats;
  }

  public void declare(final CommandTable t) {
  }
}
