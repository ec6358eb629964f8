package io.rustyredis.bench;

import io.rustyredis.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding the replies the hot commands send, into a reused {@link Reply} as the engine does: a
 * 3-byte bulk ({@code GET}), an integer ({@code INCR}, {@code LPUSH}), {@code +OK} ({@code SET})
 * and a 10-element array of 10-byte bulks ({@code LRANGE}/{@code ZRANGE} of 10). Each op starts a
 * fresh RESP2 reply and returns its length.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.EXPORT_MISC, JvmFlags.OPEN_NIO, JvmFlags.OPEN_SUN_NIO_CH})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ReplyEncodeBenchmark {
  private static final int ARRAY_LENGTH = 10;

  private final Reply reply = new Reply();
  private final byte[] value = "xyz".getBytes(StandardCharsets.US_ASCII);
  private final byte[] member = "member:123".getBytes(StandardCharsets.US_ASCII);
  private long counter = 1_234_567;

  @Benchmark
  public int bulk() {
    reply.reset(2);
    reply.bulk(value);
    return reply.length();
  }

  /** A changing number, so the digits are really computed. */
  @Benchmark
  public int integer() {
    reply.reset(2);
    reply.integer(counter++);
    return reply.length();
  }

  @Benchmark
  public int ok() {
    reply.reset(2);
    reply.ok();
    return reply.length();
  }

  @Benchmark
  public int arrayOf10Bulks() {
    reply.reset(2);
    reply.array(ARRAY_LENGTH);
    for (int i = 0; i < ARRAY_LENGTH; i++) {
      reply.bulk(member);
    }
    return reply.length();
  }
}
