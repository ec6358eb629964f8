package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;

/**
 * The MEMORY container of Redis's {@code object.c}: USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE and HELP.
 *
 * <p>MEMORY USAGE reports what a key really costs us, not Redis's numbers: the bytes the off-heap
 * allocator handed out for its record (header, key and value capacity, after size-class rounding)
 * plus, for a collection on the heap, the size its structure accounts for ({@link
 * HeapValues.Sized#memoryUsage()}), which is kept exact as the structure changes. It is therefore
 * never sampled: SAMPLES is parsed and checked as Redis does, then has nothing to change. Like
 * Redis, which looks the key up without expiring it, a key past its deadline that no one has
 * removed yet is still measured: its memory is still held.
 *
 * <p>MEMORY STATS reports the same reading as INFO memory ({@link MemoryFigures}): the allocator
 * fields describe our off-heap allocator, the overheads our bucket and deadline tables; what has no
 * counterpart here (replication backlog, client buffers, Lua caches) is 0.
 */
public final class MemoryCommands {
  private static final String[] HELP = {
    "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "DOCTOR",
    "    Return memory problems reports.",
    "MALLOC-STATS",
    "    Return internal statistics report from the memory allocator.",
    "PURGE",
    "    Attempt to purge dirty pages for reclamation by the allocator.",
    "STATS",
    "    Return information about the memory usage of the server.",
    "USAGE <key> [SAMPLES <count>]",
    "    Return memory in bytes used by <key> and its value. Nested values are",
    "    sampled up to <count> times (default: 5, 0 means sample all).",
    "HELP",
    "    Prints this help.",
  };
  /** Below this much data Redis's doctor declines to diagnose. */
  private static final long DOCTOR_MINIMUM = 5L * 1024 * 1024;
  private static final String DOCTOR_EMPTY = "Hi Sam, this instance is empty or is using very little memory, my"
      + " issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it"
      + " with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
  private static final String DOCTOR_FINE = "Hi Sam, I can't find any memory issue in your instance. I can only"
      + " account for what occurs on this base.\n";

  private final Keyspace keyspace;
  private final MemoryFigures memory;
  private final long[] number = new long[1];

  public MemoryCommands(final Keyspace keyspace, final Config config, final MemoryFigures memory) {
    this.keyspace = keyspace;
    this.memory = memory;
  }

  public void declare(final CommandTable table) {
    final String slow = "Depends on how much memory is allocated, could be slow";
    table.add(command("memory", -2).acl("@slow")
        .doc("A container for memory diagnostics commands", "4.0.0", "server", "Depends on subcommand.")
        .sub(command("doctor", 2).acl("@slow").tips("nondeterministic_output request_policy:all_shards"
                + " response_policy:special")
            .doc("Outputs memory problems report", "4.0.0", "server", "O(1)").handler(this::memoryDoctor))
        .sub(command("malloc-stats", 2).acl("@slow").tips("nondeterministic_output request_policy:all_shards"
                + " response_policy:special")
            .doc("Show allocator internal stats", "4.0.0", "server", slow).handler(this::memoryMallocStats))
        .sub(command("purge", 2).acl("@slow").tips("request_policy:all_shards response_policy:all_succeeded")
            .doc("Ask the allocator to release memory", "4.0.0", "server", slow).handler(this::memoryPurge))
        .sub(command("stats", 2).acl("@slow").tips("nondeterministic_output request_policy:all_shards"
                + " response_policy:special")
            .doc("Show memory usage details", "4.0.0", "server", "O(1)").handler(this::memoryStats))
        .sub(command("usage", -3).flags(READONLY).keys(2, 2, 1).acl("@read @slow")
            .doc("Estimate the memory usage of a key", "4.0.0", "server", "O(N) where N is the number of samples.")
            .handler(this::memoryUsage))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@slow")
            .doc("Show helpful text about the different subcommands", "4.0.0", "server", "O(1)")
            .handler(this::memoryHelp)));
  }

  void memoryUsage(final CommandContext c) {
    final Arguments args = c.args();
    for (int j = 3; j < args.count(); j++) {
      if (args.is(j, "samples") && j + 1 < args.count()) {
        if (!args.parseLong(j + 1, number)) {
          c.notAnInteger();
          return;
        }
        if (number[0] < 0) {
          c.syntaxError();
          return;
        }
        j++;
      } else {
        c.syntaxError();
        return;
      }
    }
    final long record = c.database().find(args.array(), args.address(2), args.length(2));
    if (record == 0) {
      c.reply().nullBulk();
      return;
    }
    long usage = Record.allocated(record);
    if (Record.onHeap(record)) {
      usage += ((HeapValues.Sized) keyspace.heapValues().get(Record.handle(record))).memoryUsage();
    }
    c.reply().integer(usage);
  }

  /**
   * MEMORY STATS with Redis 7.0's fields in its order, from the same reading as INFO memory (see
   * {@link MemoryFigures}); a database appears only when it holds keys, as in Redis.
   */
  void memoryStats(final CommandContext c) {
    final MemoryFigures m = memory.sample();
    int databases = 0;
    long keys = 0;
    for (int d = 0; d < keyspace.databaseCount(); d++) {
      final long size = keyspace.database(d).size();
      databases += size > 0 ? 1 : 0;
      keys += size;
    }
    final Reply r = c.reply();
    r.map(27 + databases);
    pair(r, "peak.allocated", m.peak);
    pair(r, "total.allocated", m.used);
    pair(r, "startup.allocated", 0);
    pair(r, "replication.backlog", 0);
    pair(r, "clients.slaves", 0);
    pair(r, "clients.normal", 0);
    pair(r, "cluster.links", 0);
    pair(r, "aof.buffer", 0);
    pair(r, "lua.caches", 0);
    pair(r, "functions.caches", 0);
    long tables = 0;
    for (int d = 0; d < keyspace.databaseCount(); d++) {
      final Database db = keyspace.database(d);
      if (db.size() == 0) {
        continue;
      }
      r.bulk("db." + d);
      r.map(3);
      pair(r, "overhead.hashtable.main", db.tableBytes());
      pair(r, "overhead.hashtable.expires", db.expiresBytes());
      pair(r, "overhead.hashtable.slot-to-keys", 0);
      tables += db.tableBytes() + db.expiresBytes();
    }
    pair(r, "overhead.total", tables);
    pair(r, "keys.count", keys);
    pair(r, "keys.bytes-per-key", keys == 0 ? 0 : m.used / keys);
    pair(r, "dataset.bytes", m.used - tables);
    pair(r, "dataset.percentage", m.used == 0 ? 0 : (m.used - tables) * 100.0 / m.used);
    pair(r, "peak.percentage", m.peak == 0 ? 0 : m.used * 100.0 / m.peak);
    pair(r, "allocator.allocated", m.used);
    pair(r, "allocator.active", m.reserved);
    pair(r, "allocator.resident", m.reserved);
    pair(r, "allocator-fragmentation.ratio", m.used == 0 ? 1 : (double) m.reserved / m.used);
    pair(r, "allocator-fragmentation.bytes", m.reserved - m.used);
    pair(r, "allocator-rss.ratio", 1.0);
    pair(r, "allocator-rss.bytes", 0);
    pair(r, "rss-overhead.ratio", m.reserved == 0 ? 1 : (double) m.rss / m.reserved);
    pair(r, "rss-overhead.bytes", m.rss - m.reserved);
    pair(r, "fragmentation", m.used == 0 ? 1 : (double) m.rss / m.used);
    pair(r, "fragmentation.bytes", m.rss - m.used);
  }

  private static void pair(final Reply r, final String name, final long value) {
    r.bulk(name);
    r.integer(value);
  }

  private static void pair(final Reply r, final String name, final double value) {
    r.bulk(name);
    r.doubleValue(value);
  }

  void memoryDoctor(final CommandContext c) {
    c.reply().verbatim(keyspace.usedMemory() < DOCTOR_MINIMUM ? DOCTOR_EMPTY : DOCTOR_FINE);
  }

  /** Redis's answer when built on an allocator with no report of its own. */
  void memoryMallocStats(final CommandContext c) {
    c.reply().verbatim("Stats not supported for the current allocator");
  }

  /** Our allocator keeps freed blocks for reuse and has no dirty pages to purge. */
  void memoryPurge(final CommandContext c) {
    c.reply().ok();
  }

  void memoryHelp(final CommandContext c) {
    final Reply reply = c.reply();
    reply.array(HELP.length);
    for (final String line : HELP) {
      reply.simple(line);
    }
  }
}
