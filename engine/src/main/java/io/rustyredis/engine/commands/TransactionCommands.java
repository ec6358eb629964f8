package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ALLOW_BUSY;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.SKIP_SLOWLOG;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Effects;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.transaction.Transaction;
import io.rustyredis.engine.transaction.WatchedKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH (Redis's {@code multi.c}). Queueing itself happens in the
 * engine's dispatch, which checks each command as Redis's {@code processCommand} does before
 * replying {@code +QUEUED}; EXEC then runs the queue through the same dispatch, one nested command
 * at a time, inside the one event that carried EXEC: nothing else runs in between, and the
 * journal gets the transaction's effects as one entry.
 */
public final class TransactionCommands {
  private static final byte[] MULTI = {'M', 'U', 'L', 'T', 'I'};
  private static final byte[] EXEC = {'E', 'X', 'E', 'C'};

  private final WatchedKeys watched;

  public TransactionCommands(final WatchedKeys watched) {
    this.watched = watched;
  }

  public void declare(final CommandTable t) {
    t.add(command("multi", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).acl("@fast @transaction")
        .doc("Mark the start of a transaction block", "1.2.0", "transactions", "O(1)").handler(this::multi));
    t.add(command("exec", 1).flags(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG).acl("@slow @transaction")
        .doc("Execute all commands issued after MULTI", "1.2.0", "transactions",
            "Depends on commands in the transaction")
        .handler(this::exec));
    t.add(command("discard", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).acl("@fast @transaction")
        .doc("Discard all commands issued after MULTI", "2.0.0", "transactions",
            "O(N), when N is the number of queued commands")
        .handler(this::discard));
    t.add(command("watch", -2).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).keys(1, -1, 1)
        .acl("@fast @transaction")
        .doc("Watch the given keys to determine execution of the MULTI/EXEC block", "2.2.0", "transactions",
            "O(1) for every key.")
        .handler(this::watch));
    t.add(command("unwatch", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).acl("@fast @transaction")
        .doc("Forget about all watched keys", "2.2.0", "transactions", "O(1)").handler(this::unwatch));
  }

  /**
   * Whether a command named {@code name} runs at once inside MULTI instead of being queued (Redis's
   * list in {@code processCommand}).
   */
  public static boolean runsInsideMulti(final String name) {
    switch (name) {
      case "exec":
      case "discard":
      case "multi":
      case "watch":
      case "quit":
      case "reset":
        return true;
      default:
        return false;
    }
  }

  void multi(final CommandContext c) {
    final Transaction tx = c.client().transaction;
    if (tx.open()) {
      c.reply().error("ERR MULTI calls can not be nested");
      return;
    }
    tx.begin();
    c.reply().ok();
  }

  void discard(final CommandContext c) {
    final Transaction tx = c.client().transaction;
    if (!tx.open()) {
      c.reply().error("ERR DISCARD without MULTI");
      return;
    }
    tx.discard();
    c.reply().ok();
  }

  void watch(final CommandContext c) {
    final ClientState client = c.client();
    final Transaction tx = client.transaction;
    if (tx.open()) {
      c.reply().error("ERR WATCH inside MULTI is not allowed");
      return;
    }
    // Already touched: EXEC will fail whatever else is watched.
    if (!tx.touched()) {
      for (int i = 1; i < c.args().count(); i++) {
        watched.watch(tx, client.db, c.args().bytes(i));
      }
    }
    c.reply().ok();
  }

  void unwatch(final CommandContext c) {
    watched.unwatchAll(c.client().transaction);
    c.reply().ok();
  }

  /**
   * Runs the queue unless a command failed to queue (EXECABORT) or a watched key changed or
   * expired (nil). Blocking commands do not block in here: they reply as on time-out. When the
   * queue recorded more than one effect, they are wrapped in MULTI ... EXEC, as Redis's AOF does.
   */
  void exec(final CommandContext c) {
    final ClientState client = c.client();
    final Transaction tx = client.transaction;
    if (!tx.open()) {
      c.reply().error("ERR EXEC without MULTI");
      return;
    }
    if (tx.failed()) {
      tx.discard();
      c.reply().error("EXECABORT Transaction discarded because of previous errors.");
      return;
    }
    if (tx.touched() || watched.anyExpired(tx)) {
      tx.discard();
      c.reply().nullArray();
      return;
    }
    final List<byte[][]> queue = new ArrayList<>(tx.queued());
    // Unwatched before running: the transaction's own writes must not touch its watches.
    tx.discard();
    final Effects effects = c.effects();
    final int mark = effects.length();
    final int before = effects.commands();
    final boolean denied = c.denyBlocking(true);
    final Reply reply = c.reply();
    reply.array(queue.size());
    try {
      for (final byte[][] argv : queue) {
        final Reply one = c.execute(client, argv);
        reply.raw(one.array(), 0, one.length());
      }
    } finally {
      c.denyBlocking(denied);
    }
    if (effects.commands() - before > 1) {
      effects.wrap(mark, MULTI, EXEC);
    }
  }
}
