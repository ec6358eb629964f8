package io.rustyredis.engine.metrics;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.config.Parameter;
import org.HdrHistogram.Histogram;

/**
 * What the engine measures about each command it runs, as Redis's {@code call()} does after a
 * command: its time in commandstats, its latency histogram (INFO latencystats, LATENCY HISTOGRAM),
 * the slow log and the latency monitor.
 *
 * <p>Timing uses the injected {@link NanoClock}, never the system clock, so tests can make a
 * command "take" any time. A clock read costs 25 to 120 ns on the virtual machines we run on, as
 * much as a GET, so within a batch of events one command's end is the next one's start: one read
 * per command, plus one per batch ({@link #batchEnd()}), and a fresh read for a command nested in
 * another (EXEC's, a script's) so that it is not charged for its caller's time. On the common path nothing allocates: the config
 * values are re-parsed only when CONFIG SET replaced their text, the histogram is created on a
 * command's first call, and slow-log entries are built only for slow commands.
 */
public final class CommandMetrics {
  /** Redis's histogram range: 1 ns to 1 s, two significant digits. */
  static final long HISTOGRAM_MAX_NANOS = 1_000_000_000L;
  private final SlowLog slowLog = new SlowLog();
  private final LatencyMonitor monitor = new LatencyMonitor();
  private final Parameter slowerThan;
  private final Parameter slowMaxLen;
  private final Parameter monitorThreshold;
  private final Parameter tracking;
  private String slowerThanText;
  private String slowMaxLenText;
  private String monitorThresholdText;
  private String trackingText;
  private long slowerThanMicros;
  private long slowMax;
  private long thresholdMillis;
  private boolean trackingOn;
  private NanoClock clock = NanoClock.STOPPED;
  /** The last command's end, the next one's start while the batch lasts; 0 at a batch's start. */
  private long lastEnd;
  /** Commands started and not finished: more than 0 means the next one is nested. */
  private int open;
  private ProcessFigures figures = ProcessFigures.NONE;

  public CommandMetrics(final Config config) {
    this.slowerThan = config.parameter("slowlog-log-slower-than");
    this.slowMaxLen = config.parameter("slowlog-max-len");
    this.monitorThreshold = config.parameter("latency-monitor-threshold");
    this.tracking = config.parameter("latency-tracking");
  }

  public void clock(final NanoClock clock) {
    this.clock = clock;
  }

  /** A reading of the injected clock, for engine work bounded by time (BGSAVE slices). */
  public long nanoTime() {
    return clock.nanoTime();
  }

  public void figures(final ProcessFigures figures) {
    this.figures = figures;
  }

  public ProcessFigures figures() {
    return figures;
  }

  public SlowLog slowLog() {
    return slowLog;
  }

  /** Whether latency-monitor-threshold is set, i.e. the latency monitor records spikes at all. */
  public boolean monitoring() {
    refresh();
    return thresholdMillis > 0;
  }

  public LatencyMonitor monitor() {
    return monitor;
  }

  /** The clock's reading before a command runs. */
  public long start() {
    final boolean nested = open++ > 0;
    return nested || lastEnd == 0 ? clock.nanoTime() : lastEnd;
  }

  /**
   * The clock's reading at the end of the last command run, 0 at a batch's start: a stage that
   * times whole events reuses it instead of reading the clock again.
   */
  public long lastEnd() {
    return lastEnd;
  }

  /** The engine finished a batch: what follows may come after a wait, so it reads the clock anew. */
  public void batchEnd() {
    lastEnd = 0;
  }

  /** Records the command just run; {@code startNanos} from {@link #start()}, {@code nowMillis} the event time. */
  public void finish(final CommandSpec spec, final ClientState client, final Arguments args, final long startNanos,
      final long nowMillis) {
    final long end = clock.nanoTime();
    open--;
    lastEnd = end;
    final long nanos = Math.max(0, end - startNanos);
    refresh();
    spec.nanos += nanos;
    if (trackingOn) {
      if (spec.latency == null) {
        spec.latency = new Histogram(1, HISTOGRAM_MAX_NANOS, 2);
      }
      spec.latency.recordValue(Math.min(Math.max(nanos, 1), HISTOGRAM_MAX_NANOS));
    }
    final long micros = nanos / 1000;
    if (slowerThanMicros >= 0 && slowMax > 0 && micros >= slowerThanMicros && !spec.has(CommandFlag.SKIP_SLOWLOG)) {
      slowLog.push(SlowLog.redact(spec.fullName, SlowLog.trim(args.count(), args::bytes)), nowMillis / 1000, micros,
          client.peerAddress, client.name, slowMax);
    }
    final long millis = micros / 1000;
    if (thresholdMillis > 0 && millis >= thresholdMillis) {
      monitor.add(spec.has(CommandFlag.FAST) ? "fast-command" : "command", nowMillis / 1000, millis);
    }
  }

  /** Whether latency tracking is on right now. */
  public boolean tracking() {
    refresh();
    return trackingOn;
  }

  public long slowMaxLen() {
    refresh();
    return slowMax;
  }

  /**
   * Re-reads the parameters whose text changed. {@link Parameter#value()} returns the same String
   * until it is set again, so an identity check is enough and costs nothing.
   */
  private void refresh() {
    if (slowerThan.value() != slowerThanText) {
      slowerThanText = slowerThan.value();
      slowerThanMicros = Long.parseLong(slowerThanText);
    }
    if (slowMaxLen.value() != slowMaxLenText) {
      slowMaxLenText = slowMaxLen.value();
      slowMax = Long.parseLong(slowMaxLenText);
      slowLog.trimTo(slowMax);
    }
    if (monitorThreshold.value() != monitorThresholdText) {
      monitorThresholdText = monitorThreshold.value();
      thresholdMillis = Long.parseLong(monitorThresholdText);
    }
    if (tracking.value() != trackingText) {
      trackingText = tracking.value();
      trackingOn = "yes".equals(trackingText);
    }
  }
}
