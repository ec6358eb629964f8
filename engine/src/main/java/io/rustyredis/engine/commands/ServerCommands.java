package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ADMIN;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.ServerStats;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.ConfigFile;
import io.rustyredis.engine.config.ConfigRewrite;
import io.rustyredis.engine.Glob;
import io.rustyredis.engine.config.Parameter;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.rdb.SaveState;
import io.rustyredis.engine.pubsub.PubSub;
import io.rustyredis.engine.tracking.Tracking;
import io.rustyredis.engine.metrics.CommandMetrics;
import java.io.IOException;
import io.rustyredis.engine.keyspace.LoadProgress;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The server commands: the whole server rather than one key (INFO, CONFIG, COMMAND, TIME,
 * SHUTDOWN, ...). All cold paths: they may build strings and lists freely.
 */
public final class ServerCommands {
  private static final String[] CONFIG_HELP = {
    "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "GET <pattern>",
    "    Return parameters matching the glob-like <pattern> and their values.",
    "SET <directive> <value>",
    "    Set the configuration <directive> to <value>.",
    "RESETSTAT",
    "    Reset statistics reported by the INFO command.",
    "REWRITE",
    "    Rewrite the configuration file.",
    "HELP",
    "    Prints this help.",
  };

  private static final String[] COMMAND_HELP = {
    "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "(no subcommand)",
    "    Return details about all Redis commands.",
    "COUNT",
    "    Return the total number of commands in this Redis server.",
    "LIST",
    "    Return a list of all commands in this Redis server.",
    "INFO [<command-name> ...]",
    "    Return details about multiple Redis commands.",
    "    If no command names are given, documentation details for all",
    "    commands are returned.",
    "DOCS [<command-name> ...]",
    "    Return documentation details about multiple Redis commands.",
    "    If no command names are given, documentation details for all",
    "    commands are returned.",
    "GETKEYS <full-command>",
    "    Return the keys from a full Redis command.",
    "HELP",
    "    Prints this help.",
  };

  /** INFO's sections in Redis's order; "default" is all but commandstats and latencystats. */
  private static final String[] SECTIONS = {
    "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules",
    "commandstats", "errorstats", "latencystats", "cluster", "keyspace"
  };

  private final Config config;
  private final Keyspace keyspace;
  private final Long2ObjectHashMap<ClientState> clients;
  private final CommandTable table;
  private final ServerInfo info;
  private final ServerStats stats;
  private final SaveState saves;
  private final PubSub pubsub;
  private final CommandMetrics metrics;
  private final MemoryFigures memory;
  private final ScriptingCommands scripting;
  private final Tracking tracking;
  private final String os;
  private final long totalSystemMemory;
  /** Keyspace counts expired keys forever; CONFIG RESETSTAT moves this base instead. */
  private long expiredKeysBase;
  /** The transport counts traffic forever; CONFIG RESETSTAT moves these bases instead. */
  private long netInputBase;
  private long netOutputBase;
  private long evictedKeysBase;

  public ServerCommands(
      final Config config, final Keyspace keyspace, final Long2ObjectHashMap<ClientState> clients,
      final CommandTable table, final ServerInfo info, final ServerStats stats, final SaveState saves,
      final PubSub pubsub, final CommandMetrics metrics, final MemoryFigures memory,
      final ScriptingCommands scripting, final Tracking tracking) {
    this.config = config;
    this.tracking = tracking;
    this.memory = memory;
    this.scripting = scripting;
    this.saves = saves;
    this.pubsub = pubsub;
    this.keyspace = keyspace;
    this.clients = clients;
    this.table = table;
    this.info = info;
    this.stats = stats;
    this.metrics = metrics;
    this.totalSystemMemory = totalSystemMemory();
    final String arch = System.getProperty("os.arch", "");
    this.os = System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " "
        + ("amd64".equals(arch) ? "x86_64" : arch);
  }

  public void declare(final CommandTable t) {
    t.add(command("time", 1).flags(LOADING, STALE, FAST).acl("@fast").tips("nondeterministic_output")
        .doc("Return the current server time", "2.6.0", "server", "O(1)").handler(this::time));
    t.add(command("info", -1).flags(LOADING, STALE).acl("@slow @dangerous")
        .tips("nondeterministic_output request_policy:all_shards response_policy:special")
        .doc("Get information and statistics about the server", "1.0.0", "server", "O(1)").handler(this::info));
    t.add(command("config", -2).acl("@slow")
        .doc("A container for server configuration commands", "2.0.0", "server", "Depends on subcommand.")
        .sub(command("resetstat", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .doc("Reset the stats returned by INFO", "2.0.0", "server", "O(1)").handler(this::configResetstat))
        .sub(command("rewrite", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("request_policy:all_nodes response_policy:all_succeeded")
            .doc("Overwrite the configuration file with the current configuration", "2.8.0", "server", "O(1)")
            .handler(this::configRewrite))
        .sub(command("get", -3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .doc("Get the values of configuration parameters", "2.0.0", "server",
                "O(N) when N is the number of configuration parameters provided")
            .handler(this::configGet))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@slow")
            .doc("Show helpful text about the different subcommands", "5.0.0", "server", "O(1)")
            .handler(this::configHelp))
        .sub(command("set", -4).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("request_policy:all_nodes response_policy:all_succeeded")
            .doc("Set configuration parameters to the given values", "2.0.0", "server",
                "O(N) when N is the number of configuration parameters provided")
            .handler(this::configSet)));
    t.add(command("command", -1).flags(LOADING, STALE).acl("@slow @connection").tips("nondeterministic_output_order")
        .doc("Get array of Redis command details", "2.8.13", "server",
            "O(N) where N is the total number of Redis commands")
        .handler(this::commandAll)
        .sub(command("info", -2).flags(LOADING, STALE).acl("@slow @connection").tips("nondeterministic_output_order")
            .doc("Get array of specific Redis command details, or all when no argument is given.", "2.8.13",
                "server", "O(N) where N is the number of commands to look up")
            .handler(this::commandInfo))
        .sub(command("count", 2).flags(LOADING, STALE).acl("@slow @connection")
            .doc("Get total number of Redis commands", "2.8.13", "server", "O(1)").handler(this::commandCount))
        .sub(command("list", -2).flags(LOADING, STALE).acl("@slow @connection").tips("nondeterministic_output_order")
            .doc("Get an array of Redis command names", "7.0.0", "server",
                "O(N) where N is the total number of Redis commands")
            .handler(this::commandList))
        .sub(command("docs", -2).flags(LOADING, STALE).acl("@slow @connection").tips("nondeterministic_output_order")
            .doc("Get array of specific Redis command documentation", "7.0.0", "server",
                "O(N) where N is the number of commands to look up")
            .handler(this::commandDocs))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@slow @connection")
            .doc("Show helpful text about the different subcommands", "5.0.0", "server", "O(1)")
            .handler(this::commandHelp))
        .sub(command("getkeys", -4).flags(LOADING, STALE).acl("@slow @connection")
            .doc("Extract keys given a full Redis command", "2.8.13", "server",
                "O(N) where N is the number of arguments to the command")
            .handler(this::commandGetkeys)));
  }

  void time(final CommandContext c) {
    final long now = c.now();
    c.reply().array(2);
    c.reply().bulkLong(Math.floorDiv(now, 1000));
    c.reply().bulkLong(Math.floorMod(now, 1000) * 1000);
  }

  void info(final CommandContext c) {
    final Arguments args = c.args();
    final Set<String> wanted = new HashSet<>();
    boolean all = false;
    if (args.count() == 1) {
      addDefault(wanted);
    }
    for (int i = 1; i < args.count(); i++) {
      final String name = args.string(i).toLowerCase(Locale.ROOT);
      if (name.equals("all") || name.equals("everything")) {
        all = true;
      } else if (name.equals("default")) {
        addDefault(wanted);
      } else {
        wanted.add(name.equals("module_list") ? "modules" : name);
      }
    }
    final StringBuilder out = new StringBuilder(4096);
    for (final String section : SECTIONS) {
      if (all || wanted.contains(section)) {
        if (out.length() > 0) {
          out.append("\r\n");
        }
        section(section, c.now(), out);
      }
    }
    c.reply().verbatim(out.toString());
  }

  private static void addDefault(final Set<String> wanted) {
    for (final String section : SECTIONS) {
      if (!section.equals("commandstats") && !section.equals("latencystats")) {
        wanted.add(section);
      }
    }
  }

  private void section(final String name, final long now, final StringBuilder out) {
    switch (name) {
      case "server":
        serverSection(now, out);
        break;
      case "clients":
        header(out, "Clients");
        field(out, "connected_clients", clients.size());
        field(out, "cluster_connections", 0);
        field(out, "maxclients", config.get("maxclients"));
        field(out, "client_recent_max_input_buffer", 0);
        field(out, "client_recent_max_output_buffer", 0);
        int blocked = 0;
        int timed = 0;
        for (final ClientState client : clients.values()) {
          if (client.blockedCommand != null) {
            blocked++;
            timed += client.blockDeadline != 0 ? 1 : 0;
          }
        }
        field(out, "blocked_clients", blocked);
        field(out, "tracking_clients", tracking.trackingClients());
        field(out, "clients_in_timeout_table", timed);
        break;
      case "memory":
        memorySection(out);
        break;
      case "persistence":
        persistenceSection(out);
        break;
      case "stats":
        statsSection(out);
        break;
      case "replication":
        header(out, "Replication");
        field(out, "role", "master");
        field(out, "connected_slaves", 0);
        field(out, "master_failover_state", "no-failover");
        field(out, "master_replid", info.runId);
        field(out, "master_replid2", "0000000000000000000000000000000000000000");
        field(out, "master_repl_offset", 0);
        field(out, "second_repl_offset", -1);
        field(out, "repl_backlog_active", 0);
        field(out, "repl_backlog_size", 1048576);
        field(out, "repl_backlog_first_byte_offset", 0);
        field(out, "repl_backlog_histlen", 0);
        break;
      case "cpu":
        cpuSection(out);
        break;
      case "latencystats":
        latencyStats(out);
        break;
      case "modules":
        header(out, "Modules");
        break;
      case "commandstats":
        header(out, "Commandstats");
        for (final CommandSpec spec : table.all()) {
          commandStats(spec, out);
          for (final CommandSpec sub : spec.subcommands) {
            commandStats(sub, out);
          }
        }
        break;
      case "errorstats":
        header(out, "Errorstats");
        for (final Map.Entry<String, long[]> code : stats.errorCodes.entrySet()) {
          out.append("errorstat_").append(code.getKey()).append(":count=").append(code.getValue()[0]).append("\r\n");
        }
        break;
      case "cluster":
        header(out, "Cluster");
        field(out, "cluster_enabled", 0);
        break;
      case "keyspace":
        header(out, "Keyspace");
        for (int i = 0; i < keyspace.databaseCount(); i++) {
          final Database db = keyspace.database(i);
          if (db.size() > 0) {
            out.append("db").append(i).append(":keys=").append(db.size())
                .append(",expires=").append(db.volatileCount()).append(",avg_ttl=0\r\n");
          }
        }
        break;
      default:
        throw new IllegalStateException("no such INFO section " + name);
    }
  }

  private void serverSection(final long now, final StringBuilder out) {
    final long uptime = Math.max(0, (now - info.startMillis) / 1000);
    header(out, "Server");
    field(out, "redis_version", ServerInfo.REDIS_VERSION);
    field(out, "redis_git_sha1", "00000000");
    field(out, "redis_git_dirty", 0);
    field(out, "redis_build_id", "0");
    field(out, "redis_mode", "standalone");
    field(out, "os", os);
    field(out, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
    field(out, "monotonic_clock", "POSIX clock_gettime");
    field(out, "multiplexing_api", "epoll");
    field(out, "atomicvar_api", "c11-builtin");
    field(out, "gcc_version", "0.0.0");
    field(out, "process_id", info.processId);
    field(out, "process_supervised", "no");
    field(out, "run_id", info.runId);
    field(out, "tcp_port", info.tcpPort);
    field(out, "server_time_usec", now * 1000);
    field(out, "uptime_in_seconds", uptime);
    field(out, "uptime_in_days", uptime / 86400);
    field(out, "hz", config.get("hz"));
    field(out, "configured_hz", config.get("hz"));
    field(out, "lru_clock", (now / 1000) & ((1 << 24) - 1));
    field(out, "executable", info.executable);
    field(out, "config_file", info.configFile);
    field(out, "io_threads_active", 0);
    field(out, "rusty_redis_version", ServerInfo.RUSTY_REDIS_VERSION);
    field(out, "jvm", info.jvm);
  }

  /**
   * Memory as Redis names it (see {@link MemoryFigures} for what used_memory counts). The allocator
   * fields describe our off-heap allocator; what has no counterpart here (Lua, forks, replication
   * buffers) is 0; the Java heap is our own extra field.
   */
  private void memorySection(final StringBuilder out) {
    final MemoryFigures m = memory.sample();
    final long maxmemory = config.getLong("maxmemory");
    header(out, "Memory");
    field(out, "used_memory", m.used);
    field(out, "used_memory_human", human(m.used));
    field(out, "used_memory_rss", m.rss);
    field(out, "used_memory_rss_human", human(m.rss));
    field(out, "used_memory_peak", m.peak);
    field(out, "used_memory_peak_human", human(m.peak));
    field(out, "used_memory_peak_perc", percent(m.used, m.peak));
    field(out, "used_memory_overhead", 0);
    field(out, "used_memory_startup", 0);
    field(out, "used_memory_dataset", m.used);
    field(out, "used_memory_dataset_perc", percent(m.used, m.used));
    field(out, "allocator_allocated", m.used);
    field(out, "allocator_active", m.reserved);
    field(out, "allocator_resident", m.reserved);
    field(out, "total_system_memory", totalSystemMemory);
    field(out, "total_system_memory_human", human(totalSystemMemory));
    field(out, "used_memory_lua", 0);
    field(out, "used_memory_vm_eval", 0);
    field(out, "used_memory_lua_human", human(0));
    field(out, "used_memory_scripts_eval", 0);
    field(out, "number_of_cached_scripts", scripting.cachedScripts());
    field(out, "number_of_functions", scripting.functionCount());
    field(out, "number_of_libraries", scripting.libraryCount());
    field(out, "used_memory_vm_functions", 0);
    field(out, "used_memory_vm_total", 0);
    field(out, "used_memory_vm_total_human", human(0));
    field(out, "used_memory_functions", 0);
    field(out, "used_memory_scripts", 0);
    field(out, "used_memory_scripts_human", human(0));
    field(out, "maxmemory", maxmemory);
    field(out, "maxmemory_human", human(maxmemory));
    field(out, "maxmemory_policy", config.get("maxmemory-policy"));
    field(out, "allocator_frag_ratio", ratio(m.reserved, m.used));
    field(out, "allocator_frag_bytes", m.reserved - m.used);
    field(out, "allocator_rss_ratio", ratio(1, 1));
    field(out, "allocator_rss_bytes", 0);
    field(out, "rss_overhead_ratio", ratio(m.rss, m.reserved));
    field(out, "rss_overhead_bytes", m.rss - m.reserved);
    field(out, "mem_fragmentation_ratio", ratio(m.rss, m.used));
    field(out, "mem_fragmentation_bytes", m.rss - m.used);
    field(out, "mem_not_counted_for_evict", 0);
    field(out, "mem_replication_backlog", 0);
    field(out, "mem_total_replication_buffers", 0);
    field(out, "mem_clients_slaves", 0);
    field(out, "mem_clients_normal", 0);
    field(out, "mem_cluster_links", 0);
    field(out, "mem_aof_buffer", 0);
    field(out, "mem_allocator", "rusty-redis-offheap");
    field(out, "active_defrag_running", 0);
    field(out, "lazyfree_pending_objects", 0);
    field(out, "lazyfreed_objects", 0);
    field(out, "jvm_heap_used", m.heap);
  }

  private void persistenceSection(final StringBuilder out) {
    header(out, "Persistence");
    final LoadProgress loading = keyspace.loading();
    final boolean active = loading.active();
    field(out, "loading", active ? 1 : 0);
    field(out, "async_loading", 0);
    if (active) {
      // Redis's loading fields: bytes of the file, and an ETA from the rate so far.
      final long elapsed = Math.max(1, keyspace.now() - loading.startMillis());
      final long total = loading.totalBytes();
      final long loaded = loading.loadedBytes();
      final double percent = total == 0 ? 0 : loaded * 100.0 / total;
      final long eta = loaded == 0 ? 1 : (long) ((total - loaded) / (loaded * 1000.0 / elapsed));
      field(out, "loading_start_time", loading.startMillis() / 1000);
      field(out, "loading_total_bytes", total);
      field(out, "loading_rdb_used_mem", 0);
      field(out, "loading_loaded_bytes", loaded);
      field(out, "loading_loaded_perc", String.format(Locale.ROOT, "%.2f", percent));
      field(out, "loading_eta_seconds", eta);
    }
    field(out, "current_cow_peak", 0);
    field(out, "current_cow_size", 0);
    field(out, "current_cow_size_age", 0);
    field(out, "current_fork_perc", "0.00");
    field(out, "current_save_keys_processed", saves.saveKeysProcessed());
    field(out, "current_save_keys_total", saves.saveKeysTotal());
    field(out, "rdb_changes_since_last_save", saves.changesSinceLastSave());
    field(out, "rdb_bgsave_in_progress", saves.bgsaveInProgress() ? 1 : 0);
    field(out, "rdb_last_save_time", saves.lastSaveSeconds());
    field(out, "rdb_last_bgsave_status", saves.lastBgsaveOk() ? "ok" : "err");
    field(out, "rdb_last_bgsave_time_sec", saves.lastBgsaveSeconds());
    field(out, "rdb_current_bgsave_time_sec", saves.currentBgsaveSeconds(keyspace.now()));
    field(out, "rdb_saves", saves.saves());
    field(out, "rdb_last_cow_size", 0);
    field(out, "rdb_last_load_keys_expired", saves.lastLoadExpired());
    field(out, "rdb_last_load_keys_loaded", saves.lastLoadKeys());
    field(out, "aof_enabled", config.getBoolean("appendonly") ? 1 : 0);
    field(out, "aof_rewrite_in_progress", saves.rewriteInProgress() ? 1 : 0);
    field(out, "aof_rewrite_scheduled", saves.rewriteScheduled() ? 1 : 0);
    field(out, "aof_last_rewrite_time_sec", saves.lastRewriteSeconds());
    field(out, "aof_current_rewrite_time_sec", saves.currentRewriteSeconds(keyspace.now()));
    field(out, "aof_last_bgrewrite_status", saves.lastRewriteOk() ? "ok" : "err");
    field(out, "aof_rewrites", saves.rewrites());
    field(out, "aof_rewrites_consecutive_failures", saves.rewriteFailuresInARow());
    field(out, "aof_last_write_status", saves.aofLastWriteOk() ? "ok" : "err");
    field(out, "aof_last_cow_size", 0);
    field(out, "module_fork_in_progress", 0);
    field(out, "module_fork_last_cow_size", 0);
    if (config.getBoolean("appendonly")) {
      field(out, "aof_current_size", saves.aofCurrentSize());
      field(out, "aof_base_size", saves.aofBaseSize());
      field(out, "aof_pending_rewrite", 0);
      field(out, "aof_buffer_length", 0);
      field(out, "aof_pending_bio_fsync", 0);
      field(out, "aof_delayed_fsync", 0);
    }
  }

  private void statsSection(final StringBuilder out) {
    header(out, "Stats");
    field(out, "total_connections_received", stats.connectionsReceived);
    field(out, "total_commands_processed", stats.commandsProcessed);
    field(out, "instantaneous_ops_per_sec", stats.opsPerSecond.perSecond());
    field(out, "total_net_input_bytes", metrics.figures().netInputBytes() - netInputBase);
    field(out, "total_net_output_bytes", metrics.figures().netOutputBytes() - netOutputBase);
    field(out, "total_net_repl_input_bytes", 0);
    field(out, "total_net_repl_output_bytes", 0);
    field(out, "instantaneous_input_kbps", kbps(stats.inputBytesPerSecond.perSecond()));
    field(out, "instantaneous_output_kbps", kbps(stats.outputBytesPerSecond.perSecond()));
    field(out, "instantaneous_input_repl_kbps", "0.00");
    field(out, "instantaneous_output_repl_kbps", "0.00");
    field(out, "rejected_connections", stats.rejectedConnections);
    field(out, "sync_full", 0);
    field(out, "sync_partial_ok", 0);
    field(out, "sync_partial_err", 0);
    field(out, "expired_keys", keyspace.expiredKeys() - expiredKeysBase);
    field(out, "expired_stale_perc", "0.00");
    field(out, "expired_time_cap_reached_count", 0);
    field(out, "expire_cycle_cpu_milliseconds", 0);
    field(out, "evicted_keys", keyspace.evictedKeys() - evictedKeysBase);
    field(out, "evicted_clients", 0);
    field(out, "total_eviction_exceeded_time", 0);
    field(out, "current_eviction_exceeded_time", 0);
    field(out, "keyspace_hits", stats.keyspaceHits);
    field(out, "keyspace_misses", stats.keyspaceMisses);
    field(out, "pubsub_channels", pubsub.count(PubSub.CHANNEL));
    field(out, "pubsub_patterns", pubsub.count(PubSub.PATTERN));
    field(out, "pubsubshard_channels", pubsub.count(PubSub.SHARD));
    field(out, "latest_fork_usec", 0);
    field(out, "total_forks", 0);
    field(out, "migrate_cached_sockets", 0);
    field(out, "slave_expires_tracked_keys", 0);
    field(out, "active_defrag_hits", 0);
    field(out, "active_defrag_misses", 0);
    field(out, "active_defrag_key_hits", 0);
    field(out, "active_defrag_key_misses", 0);
    field(out, "total_active_defrag_time", 0);
    field(out, "current_active_defrag_time", 0);
    field(out, "tracking_total_keys", tracking.totalKeys());
    field(out, "tracking_total_items", tracking.totalItems());
    field(out, "tracking_total_prefixes", tracking.totalPrefixes());
    field(out, "unexpected_error_replies", 0);
    field(out, "total_error_replies", stats.errorReplies);
    field(out, "dump_payload_sanitizations", 0);
    field(out, "total_reads_processed", stats.commandsProcessed);
    field(out, "total_writes_processed", stats.commandsProcessed);
    field(out, "io_threaded_reads_processed", 0);
    field(out, "io_threaded_writes_processed", 0);
    field(out, "reply_buffer_shrinks", 0);
    field(out, "reply_buffer_expands", 0);
  }

  /**
   * CPU seconds: the process's from the transport (which reads the JVM's process CPU time), the
   * "main thread" is the engine thread, the one running this, as Redis's is the thread that runs
   * commands. Reading the engine thread's own CPU time is a measurement, not a clock it acts on.
   */
  private void cpuSection(final StringBuilder out) {
    final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long mainCpu = 0;
    long mainUser = 0;
    if (threads.isCurrentThreadCpuTimeSupported()) {
      mainCpu = threads.getCurrentThreadCpuTime();
      mainUser = threads.getCurrentThreadUserTime();
    }
    header(out, "CPU");
    field(out, "used_cpu_sys", seconds(metrics.figures().cpuSystemNanos()));
    field(out, "used_cpu_user", seconds(metrics.figures().cpuUserNanos()));
    field(out, "used_cpu_sys_children", seconds(0));
    field(out, "used_cpu_user_children", seconds(0));
    field(out, "used_cpu_sys_main_thread", seconds(mainCpu - mainUser));
    field(out, "used_cpu_user_main_thread", seconds(mainUser));
  }

  /**
   * Redis's latencystats (per command percentiles of {@code latency-tracking-info-percentiles},
   * in microseconds with three decimals), then the pipeline's own stages, which Redis does not
   * have: the transport's figures.
   */
  private void latencyStats(final StringBuilder out) {
    header(out, "Latencystats");
    final String percentiles = config.get("latency-tracking-info-percentiles").trim();
    final String[] wanted = percentiles.isEmpty() ? new String[0] : percentiles.split("\\s+");
    for (final CommandSpec spec : table.all()) {
      percentiles(spec, wanted, out);
      for (final CommandSpec sub : spec.subcommands) {
        percentiles(sub, wanted, out);
      }
    }
    metrics.figures().pipelineLatency(out);
  }

  private static void percentiles(final CommandSpec spec, final String[] wanted, final StringBuilder out) {
    if (spec.latency == null || spec.latency.getTotalCount() == 0) {
      return;
    }
    out.append("latency_percentiles_usec_").append(spec.fullName).append(':');
    for (int i = 0; i < wanted.length; i++) {
      final double p = Double.parseDouble(wanted[i]);
      out.append(i == 0 ? "" : ",").append('p').append(percentileLabel(p)).append('=')
          .append(String.format(Locale.ROOT, "%.3f", spec.latency.getValueAtPercentile(p) / 1000.0));
    }
    out.append("\r\n");
  }

  /** Redis prints a percentile with %f and trims the zeros: 50, 99.9. */
  static String percentileLabel(final double p) {
    return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
  }

  private static void commandStats(final CommandSpec spec, final StringBuilder out) {
    if (spec.calls == 0 && spec.rejectedCalls == 0 && spec.failedCalls == 0) {
      return;
    }
    out.append("cmdstat_").append(spec.fullName).append(":calls=").append(spec.calls)
        .append(",usec=").append(spec.nanos / 1000).append(",usec_per_call=")
        .append(String.format(Locale.ROOT, "%.2f", spec.calls == 0 ? 0.0 : spec.nanos / 1000.0 / spec.calls))
        .append(",rejected_calls=").append(spec.rejectedCalls)
        .append(",failed_calls=").append(spec.failedCalls).append("\r\n");
  }

  private static void header(final StringBuilder out, final String title) {
    out.append("# ").append(title).append("\r\n");
  }

  private static void field(final StringBuilder out, final String name, final Object value) {
    out.append(name).append(':').append(value).append("\r\n");
  }

  private static void field(final StringBuilder out, final String name, final long value) {
    out.append(name).append(':').append(value).append("\r\n");
  }

  /** Redis prints a byte rate as KiB/s with two decimals. */
  private static String kbps(final long bytesPerSecond) {
    return String.format(Locale.ROOT, "%.2f", bytesPerSecond / 1024.0);
  }

  private static String percent(final long part, final long whole) {
    return String.format(Locale.ROOT, "%.2f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  }

  private static String ratio(final long a, final long b) {
    return String.format(Locale.ROOT, "%.2f", b == 0 ? 1.0 : (double) a / b);
  }

  /** The machine's memory, as the OS reports it to the JVM; 0 if it will not say. */
  private static long totalSystemMemory() {
    final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() : 0;
  }

  private static String seconds(final long nanos) {
    return String.format(Locale.ROOT, "%.6f", Math.max(0, nanos) / 1e9);
  }

  /** Redis's {@code bytesToHuman}: B below 1K, else two decimals of K, M, G, T or P (powers of 1024). */
  static String human(final long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    final String[] units = {"K", "M", "G", "T", "P"};
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
  }


  /**
   * CONFIG GET pattern [pattern ...]: a name without glob characters is looked up and answered
   * under the spelling the client used, as Redis does; a pattern matches names and old names
   * (aliases), each listed under its own name, as Redis 7.0 lists them.
   */
  void configGet(final CommandContext c) {
    final Arguments args = c.args();
    final Map<String, Parameter> matches = new LinkedHashMap<>();
    for (int i = 2; i < args.count(); i++) {
      final String pattern = args.string(i);
      if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
        final Parameter parameter = config.parameter(pattern);
        if (parameter != null && !matches.containsValue(parameter)) {
          matches.put(pattern, parameter);
        }
        continue;
      }
      // Redis matches old names too and lists each under its own name (hash-max-ziplist-entries).
      for (final Parameter parameter : config.all()) {
        if (Glob.matchesIgnoreCase(pattern, parameter.name)) {
          matches.putIfAbsent(parameter.name, parameter);
        }
      }
      for (final Map.Entry<String, Parameter> alias : config.aliases().entrySet()) {
        if (Glob.matchesIgnoreCase(pattern, alias.getKey())) {
          matches.putIfAbsent(alias.getKey(), alias.getValue());
        }
      }
    }
    final Reply r = c.reply();
    r.map(matches.size());
    for (final Map.Entry<String, Parameter> match : matches.entrySet()) {
      r.bulk(match.getKey());
      r.bulk(match.getValue().value());
    }
  }

  void configSet(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() % 2 != 0) {
      c.syntaxError();
      return;
    }
    final int pairs = (args.count() - 2) / 2;
    final String[] names = new String[pairs];
    final String[] values = new String[pairs];
    for (int i = 0; i < pairs; i++) {
      names[i] = args.string(2 + 2 * i);
      values[i] = args.string(3 + 2 * i);
    }
    final String error = config.setAll(names, values);
    if (error != null) {
      c.reply().error("ERR " + error);
      return;
    }
    if (config.get("requirepass").isEmpty()) {
      // With no password the default user is "nopass": nobody has anything left to prove.
      for (final ClientState client : clients.values()) {
        client.authenticated = true;
      }
    }
    c.reply().ok();
  }

  void configResetstat(final CommandContext c) {
    stats.reset();
    expiredKeysBase = keyspace.expiredKeys();
    netInputBase = metrics.figures().netInputBytes();
    netOutputBase = metrics.figures().netOutputBytes();
    evictedKeysBase = keyspace.evictedKeys();
    for (final CommandSpec spec : table.all()) {
      resetCounters(spec);
      for (final CommandSpec sub : spec.subcommands) {
        resetCounters(sub);
      }
    }
    c.reply().ok();
  }

  private static void resetCounters(final CommandSpec spec) {
    spec.calls = 0;
    spec.rejectedCalls = 0;
    spec.failedCalls = 0;
    spec.nanos = 0;
    if (spec.latency != null) {
      spec.latency.reset();
    }
  }

  /**
   * CONFIG REWRITE: the file's own text with our values put in (see {@link ConfigRewrite}). The
   * write blocks the engine as it blocks Redis's main thread; it is an operator's command.
   */
  void configRewrite(final CommandContext c) {
    final ConfigFile file = config.file();
    if (file == null) {
      c.reply().error("ERR The server is running without a config file");
      return;
    }
    try {
      file.write(ConfigRewrite.rewrite(file.read(), config));
    } catch (final IOException e) {
      c.reply().error("ERR Rewriting config file: " + e.getMessage());
      return;
    }
    c.reply().ok();
  }

  void configHelp(final CommandContext c) {
    ConnectionCommands.help(c.reply(), CONFIG_HELP);
  }


  void commandAll(final CommandContext c) {
    final Reply r = c.reply();
    r.array(table.all().size());
    for (final CommandSpec spec : table.all()) {
      describe(spec, r);
    }
  }

  void commandCount(final CommandContext c) {
    c.reply().integer(table.all().size());
  }

  void commandInfo(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() == 2) {
      commandAll(c);
      return;
    }
    final Reply r = c.reply();
    r.array(args.count() - 2);
    for (int i = 2; i < args.count(); i++) {
      final CommandSpec spec = table.lookupPath(args.string(i));
      if (spec == null) {
        r.nullBulk();
      } else {
        describe(spec, r);
      }
    }
  }

  void commandDocs(final CommandContext c) {
    final Arguments args = c.args();
    final List<CommandSpec> specs = new ArrayList<>();
    if (args.count() == 2) {
      specs.addAll(table.all());
    } else {
      for (int i = 2; i < args.count(); i++) {
        final CommandSpec spec = table.lookupPath(args.string(i));
        if (spec != null) {
          specs.add(spec);
        }
      }
    }
    final Reply r = c.reply();
    r.map(specs.size());
    for (final CommandSpec spec : specs) {
      r.bulk(spec.fullName);
      docs(spec, r);
    }
  }

  /**
   * COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: names of commands and
   * of subcommands (as {@code parent|sub}), each parent before its subcommands.
   */
  void commandList(final CommandContext c) {
    final Arguments args = c.args();
    String aclCategory = null;
    String pattern = null;
    boolean module = false;
    if (args.count() == 5 && args.is(2, "filterby")) {
      if (args.is(3, "module")) {
        module = true;
      } else if (args.is(3, "aclcat")) {
        aclCategory = "@" + args.string(4).toLowerCase(Locale.ROOT);
      } else if (args.is(3, "pattern")) {
        pattern = args.string(4);
      } else {
        c.syntaxError();
        return;
      }
    } else if (args.count() != 2) {
      c.syntaxError();
      return;
    }
    final List<String> names = new ArrayList<>();
    if (!module) {
      for (final CommandSpec spec : table.all()) {
        listed(spec, aclCategory, pattern, names);
        for (final CommandSpec sub : spec.subcommands) {
          listed(sub, aclCategory, pattern, names);
        }
      }
    }
    final Reply r = c.reply();
    r.array(names.size());
    for (final String name : names) {
      r.bulk(name);
    }
  }

  private static void listed(
      final CommandSpec spec, final String aclCategory, final String pattern, final List<String> names) {
    if ((aclCategory == null || spec.aclCategories.contains(aclCategory))
        && (pattern == null || Glob.matchesIgnoreCase(pattern, spec.fullName))) {
      names.add(spec.fullName);
    }
  }

  /** COMMAND GETKEYS command arg ...: the keys by the command's declared key positions. */
  void commandGetkeys(final CommandContext c) {
    final Arguments args = c.args();
    CommandSpec spec = table.lookup(args.array(), args.offset(2), args.length(2));
    if (spec != null && !spec.subcommands.isEmpty()) {
      spec = spec.subcommand(args.string(3).toLowerCase(Locale.ROOT));
    }
    if (spec == null) {
      c.reply().error("ERR Invalid command specified");
      return;
    }
    if (spec.firstKey <= 0) {
      c.reply().error("ERR The command has no key arguments");
      return;
    }
    final int argc = args.count() - 2;
    if ((spec.arity > 0 && spec.arity != argc) || argc < -spec.arity) {
      c.reply().error("ERR Invalid number of arguments specified for command");
      return;
    }
    final int last = spec.lastKey < 0 ? argc + spec.lastKey : Math.min(spec.lastKey, argc - 1);
    final int step = Math.max(1, spec.keyStep);
    final Reply r = c.reply();
    r.array(last < spec.firstKey ? 0 : (last - spec.firstKey) / step + 1);
    for (int i = spec.firstKey; i <= last; i += step) {
      r.bulk(args.array(), args.address(2 + i), args.length(2 + i));
    }
  }

  void commandHelp(final CommandContext c) {
    ConnectionCommands.help(c.reply(), COMMAND_HELP);
  }


  /**
   * One COMMAND INFO entry in Redis 7's shape: name, arity, flags, first key, last key, step, ACL
   * categories, tips, key specifications (none declared here, so empty), subcommands.
   */
  private static void describe(final CommandSpec spec, final Reply r) {
    r.array(10);
    r.bulk(spec.fullName);
    r.integer(spec.arity);
    int flags = 0;
    for (final CommandFlag flag : CommandFlag.values()) {
      if (spec.has(flag)) {
        flags++;
      }
    }
    r.set(flags);
    for (final CommandFlag flag : CommandFlag.values()) {
      if (spec.has(flag)) {
        r.simple(flag.redisName);
      }
    }
    r.integer(spec.firstKey);
    r.integer(spec.lastKey);
    r.integer(spec.keyStep);
    r.set(spec.aclCategories.size());
    for (final String category : spec.aclCategories) {
      r.simple(category);
    }
    r.set(spec.tips.size());
    for (final String tip : spec.tips) {
      r.bulk(tip);
    }
    r.set(0);
    if (spec.subcommands.isEmpty()) {
      r.set(0);
    } else {
      r.array(spec.subcommands.size());
      for (final CommandSpec sub : spec.subcommands) {
        describe(sub, r);
      }
    }
  }

  /**
   * One COMMAND DOCS value: summary, since, group, complexity (left out where Redis documents none,
   * as for SYNC), and the subcommands' docs.
   */
  private static void docs(final CommandSpec spec, final Reply r) {
    final boolean container = !spec.subcommands.isEmpty();
    r.map(3 + (spec.complexity != null ? 1 : 0) + (container ? 1 : 0));
    r.bulk("summary");
    r.bulk(spec.summary);
    r.bulk("since");
    r.bulk(spec.since);
    r.bulk("group");
    r.bulk(spec.group);
    if (spec.complexity != null) {
      r.bulk("complexity");
      r.bulk(spec.complexity);
    }
    if (container) {
      r.bulk("subcommands");
      r.map(spec.subcommands.size());
      for (final CommandSpec sub : spec.subcommands) {
        r.bulk(sub.fullName);
        docs(sub, r);
      }
    }
  }
}
