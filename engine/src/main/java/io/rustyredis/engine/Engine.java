package io.rustyredis.engine;

import com.lmax.disruptor.EventHandler;
import io.rustyredis.engine.acl.Acl;
import io.rustyredis.engine.acl.KeyPositions;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.commands.AclCommands;
import io.rustyredis.engine.commands.ConnectionCommands;
import io.rustyredis.engine.commands.DebugCommands;
import io.rustyredis.engine.commands.HashCommands;
import io.rustyredis.engine.commands.KeyCommands;
import io.rustyredis.engine.commands.ListCommands;
import io.rustyredis.engine.commands.MemoryCommands;
import io.rustyredis.engine.commands.MemoryFigures;
import io.rustyredis.engine.commands.PersistenceCommands;
import io.rustyredis.engine.commands.PubSubCommands;
import io.rustyredis.engine.commands.ReplicationCommands;
import io.rustyredis.engine.commands.MetricsCommands;
import io.rustyredis.engine.commands.ScriptingCommands;
import io.rustyredis.engine.commands.ServerCommands;
import io.rustyredis.engine.commands.SetCommands;
import io.rustyredis.engine.commands.SortCommands;
import io.rustyredis.engine.commands.SortedSetCommands;
import io.rustyredis.engine.commands.StringCommands;
import io.rustyredis.engine.commands.TransactionCommands;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.eviction.Eviction;
import io.rustyredis.engine.blocking.BlockedClients;
import io.rustyredis.engine.keyspace.KeyListener;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.rdb.SaveState;
import io.rustyredis.engine.pubsub.KeyspaceNotifications;
import io.rustyredis.engine.pubsub.Monitors;
import io.rustyredis.engine.pubsub.PubSub;
import io.rustyredis.engine.metrics.CommandMetrics;
import io.rustyredis.engine.scripting.ScriptWatchdog;
import io.rustyredis.engine.signals.KeyspaceSignals;
import io.rustyredis.engine.tracking.Tracking;
import io.rustyredis.engine.transaction.Transaction;
import io.rustyredis.engine.transaction.WatchedKeys;
import java.util.Locale;
import org.agrona.ErrorHandler;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The business logic processor: the one thread that owns every key and every client's state. It
 * takes events off the ring in order and, for a command, looks it up in the {@link CommandTable},
 * checks arity and authentication as Redis does (in that order), runs it and leaves the reply in
 * the event for the reply stage.
 *
 * <p>Nothing here blocks, reads a clock or touches a socket: the time is the event's, and the
 * output is bytes in the event. That is what lets a test drive the engine with plain events.
 */
public final class Engine implements EventHandler<CommandEvent> {
  /**
   * The client that replays the journal at startup (Redis's AOF client): always authenticated, the
   * only one served while loading, and its writes are not journaled again.
   */
  public static final long REPLAY_CLIENT_ID = -1;
  private static final byte[] DEL = {'D', 'E', 'L'};
  private final Config config;
  private final ErrorHandler errorHandler;
  /** Client-side caching: who read which key, told when it changes (CLIENT TRACKING). */
  private final Tracking tracking;
  private final KeyPositions readKeys = new KeyPositions();
  private byte[][] readKeyBytes = new byte[8][];
  /** The client whose top-level command runs: a script's reads are tracked for it. */
  private ClientState topClient;
  /** DEBUG's entry: dispatch refuses it unless enable-debug-command allows this client. */
  private CommandSpec debug;
  private final Keyspace keyspace;
  private final CommandTable table = new CommandTable();
  private final CommandContext context;
  private final Long2ObjectHashMap<ClientState> clients = new Long2ObjectHashMap<>();
  /**
   * The client of the previous command: a pipelined read puts a run of one client's commands into
   * the ring, and a hash lookup per command was 4% of a pipelined SET's profile (bench/README.md).
   */
  private ClientState lastClient;
  private final ServerStats stats = new ServerStats();
  private final BlockedClients blocked = new BlockedClients();
  private final KeyspaceSignals signals = new KeyspaceSignals();
  private final PersistenceCommands persistence;
  private final PubSub pubsub = new PubSub();
  private final Monitors monitors = new Monitors();
  private final CommandMetrics metrics;
  private final ClientPause pause = new ClientPause();
  private final Acl acl;
  private final Eviction eviction;
  private final ClientLimits limits;
  private final ScriptWatchdog scriptWatchdog;
  /**
   * Scratch events for commands run from inside another (served blocked clients, EXEC's queue,
   * scripts), one per nesting depth so that a script inside EXEC does not overwrite EXEC's reply.
   */
  private final CommandEvent[] nested = new CommandEvent[8];
  private int depth;
  /** The event off the ring being handled: nested commands' output and effects join it. */
  private CommandEvent current;
  private boolean journaling;
  /** While appendonly waits for its first rewrite: the rewrites started before it was asked for; else -1. */
  private long awaitingRewrite = -1;
  private final JournalStatus journalStatus = new JournalStatus();
  /** A blocked client's command runs again: MONITOR saw it when it blocked, as in Redis. */
  private boolean rerun;
  private long lastExpireCycle;

  public Engine(final Config config, final ServerInfo info, final ErrorHandler errorHandler) {
    this(config, info, errorHandler, new ScriptWatchdog(System::nanoTime));
  }

  /**
   * With the watchdog the transport shares: it answers BUSY and SCRIPT KILL while a script keeps
   * this thread (the watchdog's clock is the one clock the engine reads, for that alone).
   */
  public Engine(final Config config, final ServerInfo info, final ErrorHandler errorHandler,
      final ScriptWatchdog scriptWatchdog) {
    this.config = config;
    this.scriptWatchdog = scriptWatchdog;
    this.errorHandler = errorHandler;
    this.keyspace = new Keyspace(config.getInt("databases"), 0x5EED);
    this.acl = new Acl(config);
    this.eviction = new Eviction(config, keyspace);
    this.limits = new ClientLimits(config, acl);
    this.context = new CommandContext(keyspace, blocked, signals);
    this.tracking = new Tracking(clients);
    this.metrics = new CommandMetrics(config);
    context.executor(this::executeNested);
    final WatchedKeys watched = new WatchedKeys(keyspace);
    signals.modifiedListener((db, base, offset, length) -> {
      watched.modified(db, base, offset, length);
      tracking.modified(base, offset, length);
    });
    signals.databaseListener((a, b) -> {
      if (b < 0) {
        tracking.flushed();
      }
      if (b >= 0) {
        watched.swapping(a, b);
      } else if (a >= 0) {
        watched.flushed(a);
      } else {
        for (int db = 0; db < keyspace.databaseCount(); db++) {
          watched.flushed(db);
        }
      }
    });
    keyspace.listener(new KeyListener() {
      @Override
      public void keyAdded(final int db, final long record) {
        if (!blocked.isEmpty()) {
          blocked.keyAdded(db, Bytes.toArray(null, Record.keyAddress(record), Record.keyLength(record)));
        }
        signals.event(KeyspaceSignals.NEW, "new", db, null, Record.keyAddress(record), Record.keyLength(record));
      }

      @Override
      public void keyExpired(final int db, final long record) {
        // Redis's deleteExpiredKeyAndPropagate: the deletion is an effect, and an event.
        final long key = Record.keyAddress(record);
        final int length = Record.keyLength(record);
        if (current != null && current.effects.enabled()) {
          current.effects.command(db, 2).arg(DEL).arg(null, key, length);
        }
        signals.modified(db, null, key, length);
        persistence.beforeRemoval(db, record);
        signals.event(KeyspaceSignals.EXPIRED, "expired", db, null, key, length);
      }

      @Override
      public void keyEvicted(final int db, final long record) {
        final long key = Record.keyAddress(record);
        final int length = Record.keyLength(record);
        if (current != null && current.effects.enabled()) {
          current.effects.command(db, 2).arg(DEL).arg(null, key, length);
        }
        signals.modified(db, null, key, length);
        signals.event(KeyspaceSignals.EVICTED, "evicted", db, null, key, length);
      }
    });
    new StringCommands(keyspace, config).declare(table);
    final KeyCommands keys = new KeyCommands(keyspace, config);
    keys.declare(table);
    new ListCommands(keyspace, config).declare(table);
    new HashCommands(keyspace, config).declare(table);
    new SetCommands(keyspace, config).declare(table);
    new SortedSetCommands(keyspace, config).declare(table);
    new SortCommands(keyspace, config).declare(table);
    final MemoryFigures memory = new MemoryFigures(keyspace, metrics);
    new MemoryCommands(keyspace, config, memory).declare(table);
    new ConnectionCommands(config, clients, pubsub, monitors, pause, acl, this::unblock, tracking).declare(table);
    final SaveState saves = new SaveState(signals, info.startMillis);
    saves.journalStatus(journalStatus);
    persistence = new PersistenceCommands(keyspace, config, signals, saves, errorHandler);
    persistence.declare(table);
    final ScriptingCommands scripting = new ScriptingCommands(config, scriptWatchdog, persistence.writer(),
        persistence.reader());
    new ReplicationCommands(config, persistence).declare(table);
    new DebugCommands(keyspace, keys, persistence.writer()).declare(table);
    new AclCommands(acl, clients).declare(table);
    persistence.clock(metrics::nanoTime);
    new ServerCommands(config, keyspace, clients, table, info, stats, saves, pubsub, metrics, memory,
        scripting, tracking).declare(table);
    new TransactionCommands(watched).declare(table);
    new PubSubCommands(pubsub, monitors).declare(table);
    signals.eventListener(new KeyspaceNotifications(pubsub, config));
    new MetricsCommands(metrics, table).declare(table);
    scripting.declare(table);
    persistence.functions(scripting.libraries());
    table.seal();
    debug = table.lookup("debug");
    acl.index(table);
  }

  public Keyspace keyspace() {
    return keyspace;
  }

  public CommandTable table() {
    return table;
  }

  public KeyspaceSignals signals() {
    return signals;
  }

  /** The running script's state, for the I/O threads (see {@link ScriptWatchdog}). */
  public ScriptWatchdog scriptWatchdog() {
    return scriptWatchdog;
  }

  /** Snapshots: where they are stored ({@code snapshots(...)}) and loading one at startup. */
  /** Where the journal stage reports failed appends; the engine refuses writes while one stands. */
  public JournalStatus journalStatus() {
    return journalStatus;
  }

  public PersistenceCommands persistence() {
    return persistence;
  }

  public PubSub pubsub() {
    return pubsub;
  }

  /** Timing, slow log and latency figures; the transport gives it a clock and process figures. */
  public CommandMetrics metrics() {
    return metrics;
  }

  /**
   * Whether events record their effects for the journal (see {@link Effects}). Called on the engine
   * thread (CONFIG SET appendonly) or before the ring starts.
   */
  public void journaling(final boolean journaling) {
    awaitingRewrite = -1;
    if (journaling && !this.journaling && current != null) {
      // Turned on by CONFIG SET: the journal must start from a base of what is already here.
      final long before = persistence.rewritesStarted();
      if (!persistence.appendonlyTurnedOn(keyspace.now(), current.effects)) {
        // Scheduled behind a BGSAVE: as Redis's AOF_WAIT_REWRITE, nothing is recorded until the
        // rewrite starts, so the journal on disk is never extended with writes its base lacks.
        awaitingRewrite = before;
        return;
      }
    }
    this.journaling = journaling;
  }

  @Override
  public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch) {
    current = event;
    event.effects.clear();
    // Replayed writes are already in the journal.
    event.effects.enabled(journaling && event.connectionId != REPLAY_CLIENT_ID);
    keyspace.now(event.timeMillis);
    pubsub.deliverTo(event.outbox);
    tracking.begin(event.outbox, null);
    switch (event.type) {
      case COMMAND:
        execute(event);
        break;
      case CONNECT:
        connect(event);
        break;
      case DISCONNECT:
        disconnect(event.connectionId);
        break;
      case PROTOCOL_ERROR:
        event.reply.reset(2);
        event.reply.error(event.text);
        event.closeAfterReply = true;
        break;
      case TICK:
        event.reply.reset(2);
        tick(event);
        break;
      default:
        throw new IllegalStateException("unknown event type " + event.type);
    }
    if (awaitingRewrite >= 0 && persistence.rewritesStarted() > awaitingRewrite) {
      // The rewrite marked this event: its base holds everything so far, the journal the rest.
      awaitingRewrite = -1;
      journaling = true;
    }
    tracking.end();
    if (endOfBatch) {
      metrics.batchEnd();
      persistence.batchEnd();
    }
  }

  private void connect(final CommandEvent event) {
    event.reply.reset(2);
    final String[] addresses = event.text.split(" ", 2);
    // The replay client is the server's own: no address to protect against, no slot to count.
    final String refused = event.connectionId == REPLAY_CLIENT_ID ? null : limits.refusal(addresses[0], clients.size());
    if (refused != null) {
      event.reply.error(refused);
      event.closeAfterReply = true;
      if (refused == ClientLimits.MAX_CLIENTS) {
        stats.rejectedConnections++;
      }
      return;
    }
    final ClientState client = new ClientState(
        event.connectionId, addresses[0], addresses.length > 1 ? addresses[1] : "", keyspace.now(), event.connection);
    if (event.connectionId == REPLAY_CLIENT_ID) {
      // The server's own client: always in, never checked (Redis's fake clients have no user).
      client.authenticated = true;
    } else {
      client.authenticated = acl.defaultAutoAuth();
      client.user = acl.defaultUser();
    }
    clients.put(event.connectionId, client);
    if (lastClient != null && lastClient.id == event.connectionId) {
      // The replay client's id comes back for each journal it loads: never the old state.
      lastClient = null;
    }
    stats.connectionsReceived++;
  }

  private void execute(final CommandEvent event) {
    final ClientState client = client(event.connectionId);
    if (client == null) {
      event.reply.reset(2);
      return;
    }
    if (client.closing) {
      // Redis reads nothing after QUIT: what the client pipelined behind it never runs.
      event.reply.reset(client.protocol);
      return;
    }
    if (client.blockedCommand != null) {
      // Its replies must stay in order: what it sent after the blocking command waits for it.
      event.reply.reset(client.protocol);
      client.deferred.addLast(copy(event.args));
      return;
    }
    if (pause.active() && (client.paused || pause.holds(resolve(event.args), keyspace.now()))) {
      event.reply.reset(client.protocol);
      if (!client.paused) {
        pause.hold(client);
      }
      client.deferred.addLast(copy(event.args));
      return;
    }
    tracking.begin(event.outbox, client);
    topClient = client;
    run(event, client);
    topClient = null;
    if (pause.active()) {
      resumePaused(event);
    }
    client.closing = event.closeAfterReply;
    event.outputClass = client.outputClass();
    if (blocked.hasReady()) {
      serveReady(event);
    }
  }

  /**
   * Redis's {@code hz} work and the blocked clients' deadlines. The clock ticks more often than
   * {@code hz} so that a BLPOP timeout is kept to within a few milliseconds; the expire cycle still
   * runs {@code hz} times a second.
   */
  private void tick(final CommandEvent event) {
    final long now = keyspace.now();
    if (now - lastExpireCycle >= 1000 / Math.max(1, config.getInt("hz"))) {
      lastExpireCycle = now;
      keyspace.expireCycle();
      limits.idle(clients, now, event.killConnections);
    }
    persistence.tick(now, event.effects);
    stats.opsPerSecond.sample(now, stats.commandsProcessed);
    stats.inputBytesPerSecond.sample(now, metrics.figures().netInputBytes());
    stats.outputBytesPerSecond.sample(now, metrics.figures().netOutputBytes());
    if (pause.active()) {
      resumePaused(event);
    }
    for (final ClientState client : blocked.timedOut(now)) {
      endWait(client, false, event);
    }
  }

  /**
   * What follows the end of a wait that no key ended: the time-out reply (WAIT's count of replicas,
   * a null array for the others, BLMOVE's included, as in Redis) or CLIENT UNBLOCK's error, then
   * what the client pipelined behind it. The client is already out of the blocked registry.
   */
  private void endWait(final ClientState client, final boolean error, final CommandEvent event) {
    final Reply out = event.outbox.open(client.connection, client.protocol);
    if (error) {
      out.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
    } else if (client.blockedType == BlockedClients.WAIT_REPLICAS) {
      out.integer(0);
    } else {
      out.nullArray();
    }
    client.blockedCommand = null;
    runDeferred(client, event);
  }

  /** CLIENT UNBLOCK's way in (see {@link Unblocker}); runs inside the event of the command asking. */
  private boolean unblock(final ClientState client, final boolean error) {
    if (client.blockedCommand == null) {
      return false;
    }
    blocked.unblock(client);
    endWait(client, error, current);
    return true;
  }

  /** Runs what paused clients sent, in the order they were held, once CLIENT PAUSE is over. */
  private void resumePaused(final CommandEvent event) {
    for (final ClientState client : pause.release(keyspace.now())) {
      if (clients.get(client.id) == client) {
        runDeferred(client, event);
      }
    }
  }

  private ClientState client(final long id) {
    final ClientState last = lastClient;
    if (last != null && last.id == id) {
      return last;
    }
    return lastClient = clients.get(id);
  }

  private void disconnect(final long id) {
    final ClientState client = clients.remove(id);
    if (lastClient == client) {
      lastClient = null;
    }
    if (client == null) {
      return;
    }
    client.transaction.discard();
    tracking.disable(client);
    pubsub.forget(client);
    monitors.remove(client);
    if (client.blockedCommand != null) {
      blocked.unblock(client);
      client.blockedCommand = null;
    }
  }

  /**
   * Serves clients blocked on keys that a command just created, oldest first per key, as Redis's
   * {@code handleClientsBlockedOnKeys}: each one's blocking command runs again and now finds data;
   * one that still cannot be served keeps its place. Serving can create more ready keys (BLMOVE
   * pushes), so this loops until none is left.
   */
  private void serveReady(final CommandEvent event) {
    BlockedClients.WaitKey key;
    while ((key = blocked.pollReady()) != null) {
      for (final ClientState client : blocked.waiting(key)) {
        final long record = keyspace.lookup(key.db, key.key, Bytes.ARRAY_BASE, key.key.length);
        if (record == 0) {
          break;
        }
        if (client.blockedCommand == null || Record.type(record) != client.blockedType) {
          continue;
        }
        context.serving(true);
        rerun = true;
        runOnBehalf(client, client.blockedCommand, event);
        rerun = false;
        context.serving(false);
        if (!context.stillBlocked()) {
          blocked.unblock(client);
          client.blockedCommand = null;
          runDeferred(client, event);
        }
      }
    }
  }

  /** Runs what a just-unblocked client sent while it waited, until one of them blocks again. */
  private void runDeferred(final ClientState client, final CommandEvent event) {
    while (client.blockedCommand == null && !client.deferred.isEmpty()) {
      runOnBehalf(client, client.deferred.pollFirst(), event);
    }
  }

  /** Runs a command for {@code client} inside another client's event; its output joins that event's. */
  private void runOnBehalf(final ClientState client, final byte[][] command, final CommandEvent event) {
    final Reply reply = executeNested(client, command);
    if (reply.length() > 0) {
      event.outbox.open(client.connection, client.protocol).raw(reply.array(), 0, reply.length());
    }
  }

  /**
   * Runs {@code command} for {@code client} in a scratch event one level deeper and returns its
   * reply; what it does to other clients (pushes, kills, shutdown) joins the event off the ring,
   * and the context is pointed back at the command that asked.
   */
  private Reply executeNested(final ClientState client, final byte[][] command) {
    if (depth == nested.length) {
      throw new IllegalStateException("commands nested too deep");
    }
    if (nested[depth] == null) {
      nested[depth] = new CommandEvent();
    }
    final CommandEvent scratch = nested[depth++];
    final CommandEvent outerEvent = context.event();
    final ClientState outerClient = context.client();
    final CommandSpec outerSpec = context.spec();
    final boolean outerEffectWritten = context.effectWritten();
    try {
      scratch.reset(EventType.COMMAND, client.id, client.connection, current.timeMillis);
      for (final byte[] arg : command) {
        scratch.args.add(arg);
      }
      run(scratch, client);
      for (int i = 0; i < scratch.outbox.size(); i++) {
        final Reply other = scratch.outbox.reply(i);
        current.outbox.open(scratch.outbox.connection(i), other.protocol()).raw(other.array(), 0, other.length());
      }
      if (scratch.closeAfterReply) {
        current.killConnections.addLong(client.id);
      }
      current.killConnections.addAll(scratch.killConnections);
      current.shutdown |= scratch.shutdown;
      return scratch.reply;
    } finally {
      depth--;
      if (outerEvent != null) {
        context.bind(outerEvent, outerClient, outerSpec, current.effects);
        if (outerEffectWritten) {
          context.noEffect();
        }
      }
    }
  }

  private static byte[][] copy(final Arguments args) {
    final byte[][] out = new byte[args.count()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = args.bytes(i);
    }
    return out;
  }

  /** Dispatches one command for one client: lookup, arity, auth, run, reply bookkeeping. */
  private void run(final CommandEvent event, final ClientState client) {
    final Reply reply = event.reply;
    reply.reset(client.protocol);
    client.lastInteractionMillis = keyspace.now();
    final Arguments args = event.args;
    if (args.count() == 0) {
      return;
    }
    final ClientState.ReplyMode mode = client.replyMode;
    final CommandSpec spec = resolve(args);
    final Transaction transaction = client.transaction;
    final String rejection = rejection(spec, args, client);
    if (rejection != null) {
      if (spec == null) {
        stats.rejectedCalls++;
      } else {
        spec.rejectedCalls++;
      }
      // Redis's rejectCommand: a refused command dooms the transaction it was meant for.
      transaction.fail();
      if (spec != null && spec.name.equals("exec")) {
        transaction.discard();
        reply.error("EXECABORT Transaction discarded because of: "
            + (rejection.startsWith("ERR ") ? rejection.substring(4) : rejection));
      } else {
        reply.error(rejection);
      }
    } else if (transaction.open() && !TransactionCommands.runsInsideMulti(spec.name)) {
      transaction.queue(copy(args));
      reply.simple("QUEUED");
    } else {
      client.lastCommand = spec.fullName;
      context.bind(event, client, spec, current.effects);
      if (depth == 0) {
        // Messages to the sender itself go into its reply where it stands (see PubSub).
        pubsub.self(client, reply);
      }
      // A running BGSAVE writes the keys this command may change before it changes them.
      persistence.beforeWrite(spec, args, client.db);
      if (!monitors.isEmpty() && !rerun && spec.has(CommandFlag.SKIP_MONITOR)) {
        // Scripts (the only skip_monitor commands) show before the commands they run, as in Redis.
        monitors.feed(client, args, current.timeMillis, current.outbox);
      }
      final long started = metrics.start();
      try {
        spec.handler.execute(context);
      } catch (final RuntimeException e) {
        // A bug in one command must cost that command, not the engine thread.
        reply.truncate(0);
        reply.error("ERR internal error in '" + spec.fullName + "': " + e);
        errorHandler.onError(e);
      }
      if (depth == 0) {
        pubsub.self(null, null);
      }
      if (!monitors.isEmpty() && !rerun && !spec.has(CommandFlag.ADMIN) && !spec.has(CommandFlag.SKIP_MONITOR)) {
        monitors.feed(client, args, current.timeMillis, current.outbox);
      }
      final ClientState reader = depth == 0 || topClient == null ? client : topClient;
      if (reader.tracking && spec.has(CommandFlag.READONLY)) {
        rememberReads(reader, spec, args);
      }
      if (depth == 0 && client.trackingCaching && !client.transaction.open() && !spec.fullName.startsWith("client|")) {
        // Redis's resetClient: CLIENT CACHING covers the one command after it (a whole transaction).
        client.trackingCaching = false;
      }
      if (current.effects.enabled() && spec.has(CommandFlag.WRITE) && !context.effectWritten()
          && !context.blockedNow() && !isError(reply)) {
        current.effects.verbatim(client.db, args);
      }
      metrics.finish(spec, client, args, started, keyspace.now());
      spec.calls++;
      stats.commandsProcessed++;
      if (isError(reply)) {
        spec.failedCalls++;
      }
    }
    if (isError(reply)) {
      stats.errorReply(reply.array(), reply.length());
    }
    if (mode != ClientState.ReplyMode.ON && mode == client.replyMode) {
      reply.truncate(0);
      if (mode == ClientState.ReplyMode.SKIP) {
        client.replyMode = ClientState.ReplyMode.ON;
      }
    }
  }

  /**
   * Why dispatch refuses the command before running it, in Redis's words and in Redis's order
   * (unknown command or subcommand, arity, authentication, not allowed in MULTI), or null.
   */
  private String rejection(final CommandSpec spec, final Arguments args, final ClientState client) {
    if (spec == null) {
      return unknownCommand(args);
    }
    if (!spec.subcommands.isEmpty() && args.count() >= 2) {
      // Still the container (CONFIG, CLIENT, ...): it has no such subcommand.
      return "ERR unknown subcommand '" + clip(args.string(1)) + "'. Try "
          + spec.name.toUpperCase(Locale.ROOT) + " HELP.";
    }
    if (!arityMatches(spec.arity, args.count())) {
      return "ERR wrong number of arguments for '" + spec.fullName + "' command";
    }
    if (spec == debug && !debugAllowed(client)) {
      return DebugCommands.NOT_ALLOWED;
    }
    if (!client.authenticated && !spec.has(CommandFlag.NO_AUTH)) {
      return "NOAUTH Authentication required.";
    }
    if (client.user != null && !client.user.unrestricted
        && !acl.check(client, spec, args, depth > 0, keyspace.now())) {
      return acl.denial(spec);
    }
    if (client.transaction.open() && spec.has(CommandFlag.NO_MULTI)) {
      return "ERR Command not allowed inside a transaction";
    }
    if (depth == 0 && !eviction.admit(spec)) {
      return Eviction.OOM;
    }
    final String journalError = journalStatus.error();
    if (journalError != null && journaling && client.id != REPLAY_CLIENT_ID
        && (spec.has(CommandFlag.WRITE) || spec.name.equals("ping"))) {
      return "MISCONF Errors writing to the AOF file: " + journalError;
    }
    if (client.protocol == 2 && client.subscribed() && !allowedWhileSubscribed(spec.name)) {
      return "ERR Can't execute '" + spec.fullName
          + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
    }
    if (keyspace.loading().active() && client.id != REPLAY_CLIENT_ID && !spec.has(CommandFlag.LOADING)) {
      return "LOADING Redis is loading the dataset in memory";
    }
    return null;
  }

  /** The keys a read-only command named, remembered for a tracking client (Redis's trackingRememberKeys). */
  private void rememberReads(final ClientState reader, final CommandSpec spec, final Arguments args) {
    final int[] positions = readKeys.of(spec, args);
    final int count = readKeys.count() / 2;
    if (readKeyBytes.length < count) {
      readKeyBytes = new byte[count][];
    }
    for (int i = 0; i < count; i++) {
      readKeyBytes[i] = args.bytes(positions[2 * i]);
    }
    tracking.remember(reader, readKeyBytes, count);
  }

  /** Redis's allowProtectedAction for DEBUG: enable-debug-command yes, or local and a loopback peer. */
  private boolean debugAllowed(final ClientState client) {
    final String enabled = config.get("enable-debug-command");
    return "yes".equals(enabled) || "local".equals(enabled) && ClientLimits.loopback(client.peerAddress);
  }

  /**
   * The table's entry for the command, or for a container command (CONFIG, CLIENT, ...) given a
   * second argument, the subcommand it names; the container itself when it has no such one.
   */
  private CommandSpec resolve(final Arguments args) {
    final CommandSpec spec = table.lookup(args.array(), args.offset(0), args.length(0));
    if (spec == null || spec.subcommands.isEmpty() || args.count() < 2) {
      return spec;
    }
    final CommandSpec sub = spec.subcommand(args.string(1).toLowerCase(Locale.ROOT));
    return sub != null ? sub : spec;
  }

  /** What a RESP2 client in subscribed mode may still run (Redis's processCommand list). */
  private static boolean allowedWhileSubscribed(final String name) {
    switch (name) {
      case "ping":
      case "subscribe":
      case "ssubscribe":
      case "psubscribe":
      case "unsubscribe":
      case "sunsubscribe":
      case "punsubscribe":
      case "quit":
      case "reset":
        return true;
      default:
        return false;
    }
  }

  private static boolean isError(final Reply reply) {
    return reply.length() > 0 && reply.array()[0] == '-';
  }

  static boolean arityMatches(final int arity, final int count) {
    return arity >= 0 ? count == arity : count >= -arity;
  }

  /** Redis's text: the name and up to the first few arguments, each quoted and cut at 128 bytes. */
  private static String unknownCommand(final Arguments args) {
    final StringBuilder quoted = new StringBuilder();
    for (int i = 1; i < args.count() && quoted.length() < 128; i++) {
      final String arg = args.string(i);
      quoted.append('\'').append(arg, 0, Math.min(arg.length(), 128 - quoted.length())).append("' ");
    }
    return "ERR unknown command '" + clip(args.string(0)) + "', with args beginning with: " + quoted;
  }

  private static String clip(final String s) {
    return s.length() > 128 ? s.substring(0, 128) : s;
  }
}
