package io.rustyredis.engine.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Effects;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.blocking.BlockedClients;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.signals.KeyspaceSignals;

/**
 * What a command sees while it runs: its arguments, its reply, the client that sent it and the
 * keyspace. One instance is reused for every command (the engine is single-threaded), so handlers
 * must not keep it.
 */
public final class CommandContext {
  /** Runs a command from inside another one (EXEC's queue, a script's redis.call). */
  @FunctionalInterface
  public interface Executor {
    /**
     * Runs {@code argv} for {@code client} through the ordinary dispatch (arity, auth, ...) and
     * returns its reply, valid until the next call at the same nesting depth. Replies to other
     * clients, kills and effects join the event being executed.
     */
    Reply execute(ClientState client, byte[][] argv);
  }

  private final Keyspace keyspace;
  private final BlockedClients blocked;
  private final KeyspaceSignals signals;
  private Executor executor;
  private Effects effects;
  private boolean effectWritten;
  private boolean blockedNow;
  private boolean serving;
  private boolean stillBlocked;
  private boolean denyBlocking;
  private CommandEvent event;
  private ClientState client;
  private CommandSpec spec;

  public CommandContext(final Keyspace keyspace, final BlockedClients blocked, final KeyspaceSignals signals) {
    this.keyspace = keyspace;
    this.blocked = blocked;
    this.signals = signals;
  }

  /** Set once by the engine. */
  public void executor(final Executor executor) {
    this.executor = executor;
  }

  /** Points the context at the next command; its effects go to {@code effects} (the outermost event's). */
  public void bind(final CommandEvent event, final ClientState client, final CommandSpec spec, final Effects effects) {
    this.event = event;
    this.client = client;
    this.spec = spec;
    this.effects = effects;
    this.effectWritten = false;
    this.blockedNow = false;
  }

  /** Whether the command just run blocked its client (it has no reply and no effect yet). */
  public boolean blockedNow() {
    return blockedNow;
  }

  /** Runs another command for {@code client} and returns its reply; see {@link Executor}. */
  public Reply execute(final ClientState client, final byte[][] argv) {
    return executor.execute(client, argv);
  }

  public KeyspaceSignals signals() {
    return signals;
  }

  /**
   * Key argument {@code keyArg} really changed: WATCH hears of it, a keyspace event of class
   * {@code type} (a {@link KeyspaceSignals} constant) named {@code eventName} is raised, and the
   * change counts towards the next save. Call it only when something changed, as Redis does.
   */
  public void modified(final int keyArg, final int type, final String eventName) {
    final Arguments args = event.args;
    modified(client.db, args.array(), args.address(keyArg), args.length(keyArg), type, eventName);
  }

  /** As {@link #modified(int, int, String)} for a key that is not an argument, or in another database. */
  public void modified(
      final int db, final Object keyBase, final long keyOffset, final int keyLength, final int type,
      final String eventName) {
    signals.modified(db, keyBase, keyOffset, keyLength);
    signals.event(type, eventName, db, keyBase, keyOffset, keyLength);
  }

  /** A keyspace event on key argument {@code keyArg} that is not a change of its value. */
  public void notify(final int type, final String eventName, final int keyArg) {
    final Arguments args = event.args;
    signals.event(type, eventName, client.db, args.array(), args.address(keyArg), args.length(keyArg));
  }

  /**
   * Starts this command's own effect, a command of {@code argc} arguments in the client's database,
   * for a command whose request is not its effect (it reads the clock or draws a random choice).
   * Once called, the request itself is not journaled; call it again for more commands. (Written
   * even with no journal, which is cheap and rare; only the default, per write, is skipped then.)
   */
  public Effects effect(final int argc) {
    effectWritten = true;
    return effects.command(client.db, argc);
  }

  /** The command changed nothing that replay needs (or wrote its effect another way): skip the default. */
  public void noEffect() {
    effectWritten = true;
  }

  /** Whether the running command wrote its own effect (or said it has none). */
  public boolean effectWritten() {
    return effectWritten;
  }

  /** The outermost event's effects, for code outside commands that changes data. */
  public Effects effects() {
    return effects;
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
      keyspace.touch(record);
    } else if (!spec.has(CommandFlag.WRITE)) {
      // Redis's lookupKeyRead: a read that finds nothing raises "keymiss" (writes look up to write).
      signals.event(KeyspaceSignals.KEY_MISS, "keymiss", client.db, args.array(), args.address(index), args.length(index));
    }
    return record;
  }

  /**
   * Blocks the client on keys {@code firstKey..lastKey} (argument indexes, inclusive) until one of
   * them is created holding {@code waitType} (a list for BLPOP, a sorted set for BZPOPMIN) or
   * {@code deadline} (unix ms; 0 waits forever) passes; the command then runs
   * again from the start, and on time-out the client gets a null array (BLMOVE's too, as in Redis).
   * The command writes no reply when this returns true. It returns false, blocking nothing, where
   * a client may not block (inside EXEC, see {@link #denyBlocking}): the command then replies as
   * on time-out, at once, as Redis does for a blocking command in a transaction, and has no effect.
   */
  public boolean block(final int firstKey, final int lastKey, final byte waitType, final long deadline) {
    if (denyBlocking) {
      noEffect();
      return false;
    }
    blockedNow = true;
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

  /**
   * Whether {@link #block} must refuse (Redis's {@code CLIENT_DENY_BLOCKING}): set by EXEC around
   * its queue. Returns the previous value, for the caller to restore.
   */
  public boolean denyBlocking(final boolean deny) {
    final boolean previous = denyBlocking;
    denyBlocking = deny;
    return previous;
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
