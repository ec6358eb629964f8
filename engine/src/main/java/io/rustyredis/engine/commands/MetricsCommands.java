package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ADMIN;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.metrics.CommandMetrics;
import io.rustyredis.engine.metrics.LatencyMonitor;
import io.rustyredis.engine.metrics.SlowLog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * SLOWLOG and LATENCY: reading what {@link CommandMetrics} recorded while commands ran. Cold
 * paths, free to allocate.
 */
public final class MetricsCommands {
  private static final String[] SLOWLOG_HELP = {
    "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "GET [<count>]",
    "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
    "    Entries are made of:",
    "    id, timestamp, time in microseconds, arguments array, client IP and port,",
    "    client name",
    "LEN",
    "    Return the length of the slowlog.",
    "RESET",
    "    Reset the slowlog.",
    "HELP",
    "    Prints this help.",
  };

  private static final String[] LATENCY_HELP = {
    "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "DOCTOR",
    "    Return a human readable latency analysis report.",
    "GRAPH <event>",
    "    Return an ASCII latency graph for the <event> class.",
    "HISTORY <event>",
    "    Return time-latency samples for the <event> class.",
    "LATEST",
    "    Return the latest latency samples for all events.",
    "RESET [<event> ...]",
    "    Reset latency data of one or more <event> classes.",
    "    (default: reset all data for all event classes)",
    "HISTOGRAM [COMMAND ...]",
    "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
    "    If no commands are specified then all histograms are replied.",
    "HELP",
    "    Prints this help.",
  };

  private final CommandMetrics metrics;
  private final CommandTable table;
  private final long[] number = new long[1];

  public MetricsCommands(final CommandMetrics metrics, final CommandTable table) {
    this.metrics = metrics;
    this.table = table;
  }

  public void declare(final CommandTable t) {
    t.add(command("slowlog", -2).acl("@slow")
        .doc("A container for slow log commands", "2.2.12", "server", "Depends on subcommand.")
        .sub(command("reset", 2).flags(ADMIN, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("request_policy:all_nodes response_policy:all_succeeded")
            .doc("Clear all entries from the slow log", "2.2.12", "server",
                "O(N) where N is the number of entries in the slowlog")
            .handler(this::slowlogReset))
        .sub(command("len", 2).flags(ADMIN, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("request_policy:all_nodes response_policy:agg_sum nondeterministic_output")
            .doc("Get the slow log's length", "2.2.12", "server", "O(1)").handler(this::slowlogLen))
        .sub(command("get", -2).flags(ADMIN, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("request_policy:all_nodes nondeterministic_output")
            .doc("Get the slow log's entries", "2.2.12", "server",
                "O(N) where N is the number of entries returned")
            .handler(this::slowlogGet))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@slow")
            .doc("Show helpful text about the different subcommands", "6.2.0", "server", "O(1)")
            .handler(this::slowlogHelp)));
    t.add(command("latency", -2).acl("@slow")
        .doc("A container for latency diagnostics commands", "2.8.13", "server", "Depends on subcommand.")
        .sub(command("latest", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("nondeterministic_output request_policy:all_nodes response_policy:special")
            .doc("Return the latest latency samples for all events.", "2.8.13", "server", "O(1)")
            .handler(this::latencyLatest))
        .sub(command("reset", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("request_policy:all_nodes response_policy:all_succeeded")
            .doc("Reset latency data for one or more events.", "2.8.13", "server", "O(1)")
            .handler(this::latencyReset))
        .sub(command("doctor", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("nondeterministic_output request_policy:all_nodes response_policy:special")
            .doc("Return a human readable latency analysis report.", "2.8.13", "server", "O(1)")
            .handler(this::latencyDoctor))
        .sub(command("histogram", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("nondeterministic_output request_policy:all_nodes response_policy:special")
            .doc("Return the cumulative distribution of latencies of a subset of commands or all.", "7.0.0",
                "server",
                "O(N) where N is the number of commands with latency information being retrieved.")
            .handler(this::latencyHistogram))
        .sub(command("history", 3).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
            .tips("nondeterministic_output request_policy:all_nodes response_policy:special")
            .doc("Return timestamp-latency samples for the event.", "2.8.13", "server", "O(1)")
            .handler(this::latencyHistory))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@slow")
            .doc("Show helpful text about the different subcommands.", "2.8.13", "server", "O(1)")
            .handler(this::latencyHelp)));
  }

  /** SLOWLOG GET [count]: newest first; 10 by default, -1 for all. */
  void slowlogGet(final CommandContext c) {
    final Arguments args = c.args();
    long count = 10;
    if (args.count() == 3) {
      if (!args.parseLong(2, number) || number[0] < -1) {
        c.reply().error("ERR count should be greater than or equal to -1");
        return;
      }
      count = number[0] == -1 ? Long.MAX_VALUE : number[0];
    } else if (args.count() > 3) {
      c.syntaxError();
      return;
    }
    final SlowLog log = metrics.slowLog();
    final Reply r = c.reply();
    r.array(Math.min(count, log.size()));
    final Iterator<SlowLog.Entry> entries = log.iterator();
    for (long i = 0; i < count && entries.hasNext(); i++) {
      final SlowLog.Entry e = entries.next();
      r.array(6);
      r.integer(e.id);
      r.integer(e.unixSeconds);
      r.integer(e.micros);
      r.array(e.args.length);
      for (final byte[] arg : e.args) {
        r.bulk(arg);
      }
      r.bulk(e.clientAddress);
      r.bulk(e.clientName);
    }
  }

  void slowlogLen(final CommandContext c) {
    c.reply().integer(metrics.slowLog().size());
  }

  void slowlogReset(final CommandContext c) {
    metrics.slowLog().reset();
    c.reply().ok();
  }

  void slowlogHelp(final CommandContext c) {
    ConnectionCommands.help(c.reply(), SLOWLOG_HELP);
  }

  /** LATENCY LATEST: per event, [name, time of the latest spike, its ms, the all-time max ms]. */
  void latencyLatest(final CommandContext c) {
    final Reply r = c.reply();
    final Map<String, LatencyMonitor.Series> all = metrics.monitor().all();
    r.array(all.size());
    for (final Map.Entry<String, LatencyMonitor.Series> e : all.entrySet()) {
      final LatencyMonitor.Series s = e.getValue();
      final int newest = s.newest();
      r.array(4);
      r.bulk(e.getKey());
      r.integer(s.times[newest]);
      r.integer(s.latencies[newest]);
      r.integer(s.max);
    }
  }

  /** LATENCY HISTORY event: [time, ms] pairs, oldest first; empty for an unknown event. */
  void latencyHistory(final CommandContext c) {
    final LatencyMonitor.Series s = metrics.monitor().get(c.args().string(2));
    final Reply r = c.reply();
    if (s == null) {
      r.array(0);
      return;
    }
    r.array(s.count());
    for (int i = 0; i < s.times.length; i++) {
      final int slot = (s.index + i) % s.times.length;
      if (s.times[slot] != 0) {
        r.array(2);
        r.integer(s.times[slot]);
        r.integer(s.latencies[slot]);
      }
    }
  }

  /** LATENCY RESET [event ...]: how many event classes were forgotten. */
  void latencyReset(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() == 2) {
      c.reply().integer(metrics.monitor().resetAll());
      return;
    }
    int reset = 0;
    for (int i = 2; i < args.count(); i++) {
      reset += metrics.monitor().reset(args.string(i)) ? 1 : 0;
    }
    c.reply().integer(reset);
  }

  /** LATENCY DOCTOR: Redis's words when the monitor is off or saw nothing, else one line per event class. */
  void latencyDoctor(final CommandContext c) {
    final Map<String, LatencyMonitor.Series> all = metrics.monitor().all();
    final StringBuilder out = new StringBuilder();
    if (all.isEmpty() && !metrics.monitoring()) {
      // Redis answers this way only while the monitor is off and has never recorded anything.
      out.append("I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may "
          + "use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in "
          + "a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n");
    } else if (all.isEmpty()) {
      out.append("Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
          + "slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things "
          + "over.\n");
    } else {
      out.append("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, "
          + "do you Dave?\n\n");
      int n = 1;
      for (final Map.Entry<String, LatencyMonitor.Series> e : all.entrySet()) {
        final LatencyMonitor.Series s = e.getValue();
        long sum = 0;
        final int samples = s.count();
        for (int i = 0; i < s.times.length; i++) {
          sum += s.times[i] != 0 ? s.latencies[i] : 0;
        }
        out.append(n++).append(". ").append(e.getKey()).append(": ").append(samples)
            .append(" latency spikes (average ").append(samples == 0 ? 0 : sum / samples)
            .append("ms, mean deviation 0ms, period 0 sec). Worst all time event ").append(s.max).append("ms.\n");
      }
      out.append("\nI have a few advices for you:\n\n- Check your slow log with SLOWLOG GET: the commands there "
          + "are the ones that take long in the engine thread.\n");
    }
    c.reply().verbatim(out.toString());
  }

  /**
   * LATENCY HISTOGRAM [command ...]: per command with samples, its calls and cumulative counts at
   * power-of-two microsecond buckets, as Redis 7.0 builds it from its hdr_histogram (a log
   * iteration from 1024 ns, factor 2, a bucket only where the count grew). A container names its
   * subcommands' histograms.
   */
  void latencyHistogram(final CommandContext c) {
    final Arguments args = c.args();
    final List<CommandSpec> specs = new ArrayList<>();
    if (args.count() == 2) {
      for (final CommandSpec spec : table.all()) {
        addWithHistogram(spec, specs);
      }
    } else {
      for (int i = 2; i < args.count(); i++) {
        final CommandSpec spec = table.lookupPath(args.string(i));
        if (spec != null && !specs.contains(spec)) {
          addWithHistogram(spec, specs);
        }
      }
    }
    final Reply r = c.reply();
    r.map(specs.size());
    for (final CommandSpec spec : specs) {
      r.bulk(spec.fullName);
      final Histogram h = spec.latency;
      r.map(2);
      r.bulk("calls");
      r.integer(h.getTotalCount());
      r.bulk("histogram_usec");
      final List<long[]> buckets = new ArrayList<>();
      long previous = 0;
      for (final HistogramIterationValue v : h.logarithmicBucketValues(1024, 2)) {
        final long cumulative = v.getTotalCountToThisValue();
        if (cumulative > previous) {
          buckets.add(new long[] {h.highestEquivalentValue(v.getValueIteratedTo()) / 1000, cumulative});
        }
        previous = cumulative;
      }
      r.map(buckets.size());
      for (final long[] bucket : buckets) {
        r.integer(bucket[0]);
        r.integer(bucket[1]);
      }
    }
  }

  private static void addWithHistogram(final CommandSpec spec, final List<CommandSpec> specs) {
    if (spec.latency != null && spec.latency.getTotalCount() > 0) {
      specs.add(spec);
    }
    for (final CommandSpec sub : spec.subcommands) {
      if (sub.latency != null && sub.latency.getTotalCount() > 0) {
        specs.add(sub);
      }
    }
  }


  void latencyHelp(final CommandContext c) {
    ConnectionCommands.help(c.reply(), LATENCY_HELP);
  }
}
