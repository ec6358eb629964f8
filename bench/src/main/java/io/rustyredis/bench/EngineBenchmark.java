package io.rustyredis.bench;

import io.rustyredis.engine.CommandEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine thread's share of a request: {@code GET}, {@code SET} and {@code INCR} executed by
 * {@code Engine.onEvent} on an event whose arguments are already in place (no socket, no ring, no
 * decode). Each op is the whole dispatch: table lookup, arity and auth checks, the command against
 * the off-heap keyspace, and the RESP reply written into the event. Keys and values have the
 * shape {@code redis-benchmark -d 3} uses; the keyspace holds just these keys, so hashing and
 * probing are at their best case here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.EXPORT_MISC, JvmFlags.OPEN_NIO, JvmFlags.OPEN_SUN_NIO_CH})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class EngineBenchmark {
  private EngineDriver engine;
  private CommandEvent get;
  private CommandEvent set;
  private CommandEvent incr;

  @Setup
  public void setUp() {
    engine = new EngineDriver();
    engine.runOnce("SET", "key:000000000001", "xyz");
    get = engine.command("GET", "key:000000000001");
    set = engine.command("SET", "key:000000000002", "xyz");
    incr = engine.command("INCR", "counter:000000000001");
  }

  /** A hit: the value comes back as a bulk string. */
  @Benchmark
  public int get() {
    return engine.run(get);
  }

  /** Overwrites the same key with a value of the same size, as a steady SET load does. */
  @Benchmark
  public int set() {
    return engine.run(set);
  }

  @Benchmark
  public int incr() {
    return engine.run(incr);
  }
}
