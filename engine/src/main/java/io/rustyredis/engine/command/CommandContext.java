package io.rustyredis.engine.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.blocking.BlockedClients;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;

/**
 * What a command sees while it runs: its arguments, its reply, the client that sent it and the
 * keyspace. One instance is reused for every command (the engine is single-threaded), so handlers
 * must not keep it.
 */
public final class CommandContext {
  private final Keyspace keyspace;
  private final BlockedClients blocked;
  private boolean serving;
  private boolean stillBlocked;
  private CommandEvent event;
  private ClientState client;
  private CommandSpec spec;

  public CommandContext(final Keyspace keyspace, final BlockedClients blocked) {
    this.keyspace = keyspace;
    this.blocked = blocked;
  }

  /** Points the context at the next command. */
  public void bind(final CommandEvent event, final ClientState client, final CommandSpec spec) {
    this.event = event;
    this.client = client;
    this.spec = spec;
  }

  public Arguments args() {
    return event.args;
  }

  public Reply reply() {
    return event.reply;
  }

  public CommandEvent event() {
    return event;
  }

  public ClientState client() {
    return client;
  }

  public CommandSpec spec() {
    return spec;
  }

  public Keyspace keyspace() {
    return keyspace;
  }

  /** The client's selected database. */
  public Database database() {
    return keyspace.database(client.db);
  }

  /** The event's time in unix milliseconds. */
  public long now() {
    return keyspace.now();
  }

  /** The live record named by argument {@code index}, or 0; touching it counts as an access. */
  public long lookup(final int index) {
    final Arguments args = event.args;
    final long record = keyspace.lookup(client.db, args.array(), args.address(index), args.length(index));
    if (record != 0) {
      Record.accessTime(record, keyspace.now());
    }
    return record;
  }

  /**
   * Blocks the client on keys {@code firstKey..lastKey} (argument indexes, inclusive) until one of
   * them is created holding {@code waitType} (a list for BLPOP, a sorted set for BZPOPMIN) or
   * {@code deadline} (unix ms; 0 waits forever) passes; the command then runs
   * again from the start, and on time-out the client gets a null array (BLMOVE's too, as in Redis).
   * The command writes no reply when this returns true.
   */
  public boolean block(final int firstKey, final int lastKey, final byte waitType, final long deadline) {
    if (serving) {
      // Run again for a ready key but still nothing to take: it keeps its place in line.
      stillBlocked = true;
      return true;
    }
    final Arguments args = event.args;
    final byte[][] command = new byte[args.count()][];
    for (int i = 0; i < command.length; i++) {
      command[i] = args.bytes(i);
    }
    client.blockedCommand = command;
    client.blockDeadline = deadline;
    client.blockedType = waitType;
    client.blockedKeys.clear();
    for (int i = firstKey; i <= lastKey; i++) {
      final BlockedClients.WaitKey key = new BlockedClients.WaitKey(client.db, args.bytes(i));
      if (!client.blockedKeys.contains(key)) {
        client.blockedKeys.add(key);
      }
    }
    blocked.block(client);
    return true;
  }

  /** Set by the engine while it re-runs a blocked client's command for a ready key. */
  public void serving(final boolean serving) {
    this.serving = serving;
    this.stillBlocked = false;
  }

  /** After a {@link #serving} run: whether the command found nothing and stays blocked. */
  public boolean stillBlocked() {
    return stillBlocked;
  }

  /** Replies with Redis's wrong-arity error for the running command. */
  public void wrongArity() {
    event.reply.error("ERR wrong number of arguments for '" + spec.fullName + "' command");
  }

  /** Replies {@code -ERR syntax error}. */
  public void syntaxError() {
    event.reply.error("ERR syntax error");
  }

  /** Replies {@code -WRONGTYPE ...}. */
  public void wrongType() {
    event.reply.error("WRONGTYPE Operation against a key holding the wrong kind of value");
  }

  /** Replies {@code -ERR value is not an integer or out of range}. */
  public void notAnInteger() {
    event.reply.error("ERR value is not an integer or out of range");
  }
}
