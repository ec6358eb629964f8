package io.rustyredis.bench;

import io.rustyredis.engine.CommandEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether the big collections have Redis's complexity: the same commands on a sorted set and on a
 * list of 10k, 100k and 1M elements, executed on the engine alone (see {@link EngineDriver}).
 * Going from 10k to 1M is 100 times the elements: an O(log n) operation should take roughly 1.5
 * times as long (more where the bigger structure no longer fits in cache), an O(1) one about the
 * same, and an O(n) one 100 times as long.
 *
 * <ul>
 *   <li>{@code zadd}: {@code ZADD} giving an existing member a new score half the set away, then
 *       back on the next pass: each op is a skiplist delete and insert, and the size never changes.
 *   <li>{@code zrangeByRank}: {@code ZRANGE key i i+9} around the middle (O(log n + 10)).
 *   <li>{@code zrank}: {@code ZRANK} of a member around the middle (O(log n)).
 *   <li>{@code lpushThenLpop}: one {@code LPUSH} and one {@code LPOP} at the head (O(1) each), so
 *       the list keeps its size.
 * </ul>
 *
 * <p>Each sorted-set op cycles through {@value #SPREAD} members or ranks spread over the set, so the
 * figure is not one hot path cached from top to bottom.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.EXPORT_MISC, JvmFlags.OPEN_NIO, JvmFlags.OPEN_SUN_NIO_CH, "-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CollectionComplexityBenchmark {
  static final int SPREAD = 64;
  private static final int FILL_BATCH = 1000;

  /** A sorted set {@code z} of {@code size} members {@code m:<i>} with score i. */
  @State(Scope.Thread)
  public static class SortedSetState {
    @Param({"10000", "100000", "1000000"})
    public int size;

    final EngineDriver engine = new EngineDriver();
    CommandEvent[] zadd;
    CommandEvent[] zrange;
    CommandEvent[] zrank;
    int next;

    @Setup
    public void setUp() {
      for (int from = 0; from < size; from += FILL_BATCH) {
        final List<String> args = new ArrayList<>(List.of("ZADD", "z"));
        for (int i = from; i < Math.min(size, from + FILL_BATCH); i++) {
          args.add(Integer.toString(i));
          args.add(member(i));
        }
        engine.runOnce(args.toArray(new String[0]));
      }
      check(engine.runOnce("ZCARD", "z"), ":" + size + "\r\n");
      zadd = new CommandEvent[2 * SPREAD];
      zrange = new CommandEvent[SPREAD];
      zrank = new CommandEvent[SPREAD];
      for (int k = 0; k < SPREAD; k++) {
        final int spread = size / SPREAD * k;
        final int away = (spread + size / 2) % size;
        zadd[k] = engine.command("ZADD", "z", away + ".5", member(spread));
        zadd[SPREAD + k] = engine.command("ZADD", "z", Integer.toString(spread), member(spread));
        final int middle = size / 2 - SPREAD / 2 + k;
        zrange[k] = engine.command("ZRANGE", "z", Integer.toString(middle), Integer.toString(middle + 9));
        zrank[k] = engine.command("ZRANK", "z", member(middle));
      }
    }

    static String member(final int i) {
      return "m:" + i;
    }
  }

  /** A list {@code l} of {@code size} elements. */
  @State(Scope.Thread)
  public static class ListState {
    @Param({"10000", "100000", "1000000"})
    public int size;

    final EngineDriver engine = new EngineDriver();
    CommandEvent lpush;
    CommandEvent lpop;

    @Setup
    public void setUp() {
      for (int from = 0; from < size; from += FILL_BATCH) {
        final List<String> args = new ArrayList<>(List.of("RPUSH", "l"));
        for (int i = from; i < Math.min(size, from + FILL_BATCH); i++) {
          args.add("e:" + i);
        }
        engine.runOnce(args.toArray(new String[0]));
      }
      check(engine.runOnce("LLEN", "l"), ":" + size + "\r\n");
      lpush = engine.command("LPUSH", "l", "e:head");
      lpop = engine.command("LPOP", "l");
    }
  }

  @Benchmark
  public int zadd(final SortedSetState s) {
    final int k = s.next++ & (2 * SPREAD - 1);
    return s.engine.run(s.zadd[k]);
  }

  @Benchmark
  public int zrangeByRank(final SortedSetState s) {
    return s.engine.run(s.zrange[s.next++ & (SPREAD - 1)]);
  }

  @Benchmark
  public int zrank(final SortedSetState s) {
    return s.engine.run(s.zrank[s.next++ & (SPREAD - 1)]);
  }

  @Benchmark
  public int lpushThenLpop(final ListState l) {
    return l.engine.run(l.lpush) + l.engine.run(l.lpop);
  }

  private static void check(final String reply, final String expected) {
    if (!reply.equals(expected)) {
      throw new IllegalStateException("expected " + expected.trim() + ", got " + reply.trim());
    }
  }
}
