package io.rustyredis.engine.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of the command table: everything Redis knows about a command before running it. Arity
 * follows Redis's convention (positive: exactly that many arguments counting the name; negative:
 * at least that many). Key positions ({@code firstKey}, {@code lastKey}, {@code keyStep}, with a
 * negative {@code lastKey} counting from the end) drive COMMAND GETKEYS, and later ACL key checks,
 * cluster slot routing and WATCH. Declared through {@link #command} in each command family.
 */
public final class CommandSpec {
  public final String name;
  public final String fullName;
  public final int arity;
  public final long flags;
  public final int firstKey;
  public final int lastKey;
  public final int keyStep;
  public final List<String> aclCategories;
  /** Redis's command tips (e.g. {@code nondeterministic_output}), as COMMAND INFO reports them. */
  public final List<String> tips;
  public final String summary;
  public final String since;
  public final String group;
  public final String complexity;
  public final CommandHandler handler;
  public final List<CommandSpec> subcommands;
  /** Index among all commands and subcommands, given by {@link CommandTable#seal()}: ACL's bitmaps use it. */
  public int id;

  /** Counters for INFO commandstats; owned by the engine thread. */
  public long calls;
  public long rejectedCalls;
  public long failedCalls;
  /** Time spent running it (commandstats usec), and its latency histogram in ns, created on first call. */
  public long nanos;
  public org.HdrHistogram.Histogram latency;

  private CommandSpec(final Builder b, final String parent) {
    this.name = b.name;
    this.fullName = parent == null ? b.name : parent + "|" + b.name;
    this.arity = b.arity;
    this.flags = b.flags;
    this.firstKey = b.firstKey;
    this.lastKey = b.lastKey;
    this.keyStep = b.keyStep;
    this.aclCategories = Collections.unmodifiableList(new ArrayList<>(b.acl));
    this.tips = Collections.unmodifiableList(new ArrayList<>(b.tips));
    this.summary = b.summary;
    this.since = b.since;
    this.group = b.group;
    this.complexity = b.complexity;
    this.handler = b.handler;
    final List<CommandSpec> subs = new ArrayList<>();
    for (final Builder sub : b.subcommands) {
      subs.add(new CommandSpec(sub, b.name));
    }
    this.subcommands = Collections.unmodifiableList(subs);
  }

  public boolean has(final CommandFlag flag) {
    return (flags & flag.bit) != 0;
  }

  /** The subcommand named by {@code lowerCaseName}, or null. */
  public CommandSpec subcommand(final String lowerCaseName) {
    for (final CommandSpec sub : subcommands) {
      if (sub.name.equals(lowerCaseName)) {
        return sub;
      }
    }
    return null;
  }

  /** Starts the declaration of a command (or of a subcommand, in {@link Builder#sub}). */
  public static Builder command(final String name, final int arity) {
    return new Builder(name, arity);
  }

  /** Fluent declaration of a {@link CommandSpec}. */
  public static final class Builder {
    private final String name;
    private final int arity;
    private long flags;
    private int firstKey;
    private int lastKey;
    private int keyStep;
    private final List<String> acl = new ArrayList<>();
    private final List<String> tips = new ArrayList<>();
    private String summary = "";
    private String since = "1.0.0";
    private String group = "generic";
    private String complexity = "";
    private CommandHandler handler;
    private final List<Builder> subcommands = new ArrayList<>();

    private Builder(final String name, final int arity) {
      this.name = name;
      this.arity = arity;
    }

    public Builder flags(final CommandFlag... list) {
      for (final CommandFlag f : list) {
        flags |= f.bit;
      }
      return this;
    }

    public Builder keys(final int first, final int last, final int step) {
      this.firstKey = first;
      this.lastKey = last;
      this.keyStep = step;
      return this;
    }

    /** ACL categories as Redis lists them, e.g. {@code "@read @string @fast"}. */
    public Builder acl(final String categories) {
      for (final String c : categories.trim().split("\\s+")) {
        if (!c.isEmpty()) {
          acl.add(c);
        }
      }
      return this;
    }

    /** Command tips as Redis lists them, e.g. {@code "request_policy:all_shards response_policy:agg_sum"}. */
    public Builder tips(final String list) {
      for (final String t : list.trim().split("\\s+")) {
        if (!t.isEmpty()) {
          tips.add(t);
        }
      }
      return this;
    }

    /** What COMMAND DOCS says: summary, version it appeared in, group, time complexity. */
    public Builder doc(final String summary, final String since, final String group, final String complexity) {
      this.summary = summary;
      this.since = since;
      this.group = group;
      this.complexity = complexity;
      return this;
    }

    public Builder handler(final CommandHandler handler) {
      this.handler = handler;
      return this;
    }

    public Builder sub(final Builder subcommand) {
      subcommands.add(subcommand);
      return this;
    }

    CommandSpec build() {
      return new CommandSpec(this, null);
    }
  }
}
