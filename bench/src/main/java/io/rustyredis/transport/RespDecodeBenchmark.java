package io.rustyredis.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.rustyredis.bench.JvmFlags;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one socket read costs the decoder: {@link RespDecoder} parsing a pipelined batch of 16
 * {@code SET key:<12 digits> xyz} commands (what {@code redis-benchmark -t set -P 16 -d 3} sends)
 * that arrived in one buffer, handing each command to a sink that only sums argument lengths. One
 * op is the whole batch of 16; copying into ring slots is {@link RingHandOffBenchmark}'s business.
 *
 * <p>The buffer is the one the decoder would get from Netty: pooled direct (as the server's
 * channels allocate) or unpooled heap. It is retained and rewound before each op because the
 * decoder takes ownership of its input and releases it once every byte is consumed, so the
 * harness itself allocates nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.EXPORT_MISC, JvmFlags.OPEN_NIO, JvmFlags.OPEN_SUN_NIO_CH})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RespDecodeBenchmark {
  private static final int COMMANDS = 16;

  /** Where the batch lives: {@code pooledDirect} as in the server, or {@code unpooledHeap}. */
  @Param({"pooledDirect", "unpooledHeap"})
  public String buffer;

  private final LengthSink sink = new LengthSink();
  private ByteBufAllocator allocator;
  private ByteBuf batch;
  private RespDecoder decoder;

  @Setup
  public void setUp() {
    final StringBuilder text = new StringBuilder();
    for (int i = 0; i < COMMANDS; i++) {
      text.append("*3\r\n$3\r\nSET\r\n$16\r\nkey:").append(String.format("%012d", i * 7919)).append("\r\n$3\r\nxyz\r\n");
    }
    final byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    if (buffer.equals("pooledDirect")) {
      allocator = PooledByteBufAllocator.DEFAULT;
      batch = allocator.directBuffer(bytes.length);
    } else {
      allocator = UnpooledByteBufAllocator.DEFAULT;
      batch = allocator.heapBuffer(bytes.length);
    }
    batch.writeBytes(bytes);
    decoder = new RespDecoder(sink, 512L * 1024 * 1024);
  }

  @TearDown
  public void tearDown() {
    decoder.close();
    batch.release();
    if (sink.commands == 0) {
      throw new IllegalStateException("the decoder found no command");
    }
  }

  @Benchmark
  public long decodeBatchOf16Sets() {
    batch.retain();
    batch.readerIndex(0);
    decoder.decode(allocator, batch);
    return sink.bytes;
  }

  /** Sums what it is given, so the parse cannot be optimised away, and does nothing else. */
  private static final class LengthSink implements RespDecoder.CommandSink {
    long bytes;
    long commands;

    @Override
    public void command(final ByteBuf buffer, final int[] starts, final int[] lengths, final int count) {
      for (int i = 0; i < count; i++) {
        bytes += lengths[i];
      }
      commands++;
    }

    @Override
    public void inline(final byte[][] arguments, final int count) {
      throw new IllegalStateException("the batch holds no inline command");
    }

    @Override
    public void protocolError(final String message) {
      throw new IllegalStateException(message);
    }
  }
}
