package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reply stage alone, writing into Netty's in-memory channel: batching, order and closing. */
class ReplyStageTest {
  private final Map<Long, Connection> connections = new HashMap<>();
  private final AtomicInteger shutdowns = new AtomicInteger();
  private final ReplyStage stage = new ReplyStage(UnpooledByteBufAllocator.DEFAULT, connections, shutdowns::incrementAndGet);
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final Connection connection = new Connection(1, channel);
  private long sequence;

  @BeforeEach
  void connect() {
    stage.onEvent(connectEvent(), sequence++, true);
  }

  @AfterEach
  void releaseWhatIsLeft() {
    stage.onShutdown();
    channel.finishAndReleaseAll();
  }

  @Test
  void repliesOfABatchLeaveTogetherAtItsEndInOrder() {
    stage.onEvent(reply("+one\r\n"), sequence++, false);
    stage.onEvent(reply("+two\r\n"), sequence++, false);
    assertNull(channel.readOutbound(), "nothing is written before the end of the batch");
    stage.onEvent(reply("+three\r\n"), sequence++, true);
    assertEquals("+one\r\n+two\r\n+three\r\n", written());
    assertNull(channel.readOutbound(), "one write for the whole batch");
  }

  @Test
  void eventsWithoutReplyWriteNothing() {
    final CommandEvent tick = new CommandEvent();
    tick.reset(EventType.TICK, 0, null, 0);
    tick.reply.reset(2);
    stage.onEvent(tick, sequence++, true);
    assertNull(channel.readOutbound());
  }

  @Test
  void closeAfterReplyClosesOnceTheReplyIsOutAndDropsLaterReplies() {
    final CommandEvent quit = reply("+OK\r\n");
    quit.closeAfterReply = true;
    stage.onEvent(quit, sequence++, false);
    stage.onEvent(reply("+PONG\r\n"), sequence++, true);
    assertEquals("+OK\r\n", written());
    assertFalse(channel.isOpen());
    stage.onEvent(reply("+LATE\r\n"), sequence++, true);
    assertNull(channel.readOutbound());
  }

  @Test
  void shutdownFlushesTheBatchThenStopsTheServer() {
    stage.onEvent(reply("+before\r\n"), sequence++, false);
    final CommandEvent shutdown = reply("");
    shutdown.shutdown = true;
    stage.onEvent(shutdown, sequence++, false);
    assertEquals("+before\r\n", written());
    assertEquals(1, shutdowns.get());
  }

  @Test
  void killedConnectionsAreClosed() {
    connections.put(connection.id, connection);
    final CommandEvent kill = reply("+OK\r\n");
    kill.connection = null;
    kill.killConnections.add(connection.id);
    stage.onEvent(kill, sequence++, true);
    assertFalse(channel.isOpen());
  }

  @Test
  void largeReplyIsWrittenWhole() {
    final String big = "+" + "x".repeat(100_000) + "\r\n";
    stage.onEvent(reply("+a\r\n"), sequence++, false);
    stage.onEvent(reply(big), sequence++, true);
    assertEquals("+a\r\n" + big, written());
    assertTrue(channel.isOpen());
  }

  @Test
  void aConnectionReusesItsBufferOnceNettyHasWrittenIt() {
    stage.onEvent(reply("+one\r\n"), sequence++, true);
    final ByteBuf first = channel.readOutbound();
    assertEquals(2, first.refCnt(), "Netty's reference and the one kept for reuse");
    first.release();
    stage.onEvent(reply("+two\r\n"), sequence++, true);
    final ByteBuf second = channel.readOutbound();
    assertSame(first, second, "the written buffer is reused, not a new one allocated");
    assertEquals("+two\r\n", second.toString(StandardCharsets.ISO_8859_1));
    second.release();
  }

  @Test
  void aBufferNettyStillHoldsIsNeverReused() {
    stage.onEvent(reply("+one\r\n"), sequence++, true);
    final ByteBuf unwritten = channel.readOutbound();
    stage.onEvent(reply("+two\r\n"), sequence++, true);
    final ByteBuf next = channel.readOutbound();
    assertNotSame(unwritten, next);
    assertEquals("+one\r\n", unwritten.toString(StandardCharsets.ISO_8859_1), "its bytes are untouched");
    assertEquals(1, unwritten.refCnt(), "only Netty's reference is left: the stage let go of it");
    unwritten.release();
    next.release();
  }

  @Test
  void aDisconnectedConnectionKeepsNoBuffer() {
    stage.onEvent(reply("+one\r\n"), sequence++, true);
    final ByteBuf written = channel.readOutbound();
    final CommandEvent disconnect = new CommandEvent();
    disconnect.reset(EventType.DISCONNECT, connection.id, null, 0);
    disconnect.reply.reset(2);
    stage.onEvent(disconnect, sequence++, true);
    assertEquals(1, written.refCnt(), "the kept reference was given back on DISCONNECT");
    written.release();
    assertEquals(0, written.refCnt());
  }

  /**
   * A batch's replies fill buffers of at most REPLY_CHUNK_BYTES each, written in order and flushed
   * once; no buffer is more than twice what it carries (one buffer grown by doubling could be).
   */
  @Test
  void aBigBatchIsWrittenInBoundedBuffersInOrder() {
    final StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      final String line = "+" + (char) ('a' + i) + "x".repeat(9_997) + "\r\n";
      expected.append(line);
      stage.onEvent(reply(line), sequence++, i == 19);
    }
    final ByteBuf big = bulk(200_000);
    stage.onEvent(event(big), sequence++, true);
    final StringBuilder out = new StringBuilder();
    int buffers = 0;
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; buffers++) {
      assertTrue(buf.readableBytes() <= ReplyStage.REPLY_CHUNK_BYTES || buffers == 4,
          "only a single reply bigger than a chunk gets a bigger buffer: " + buf.readableBytes());
      assertTrue(buf.capacity() < 2 * buf.readableBytes(), "capacity " + buf.capacity() + " for " + buf.readableBytes());
      out.append(buf.toString(StandardCharsets.ISO_8859_1));
      buf.release();
    }
    assertEquals(5, buffers, "6 + 6 + 6 + 2 replies of 10,000 bytes, then the big one alone");
    assertEquals(expected + big.toString(StandardCharsets.ISO_8859_1), out.toString());
    big.release();
  }

  /** The kept buffer, reused for a batch, can be handed over full mid-batch and is not reused while Netty holds it. */
  @Test
  void theKeptBufferHandedOverMidBatchIsNettysAlone() {
    stage.onEvent(reply("+one\r\n"), sequence++, true);
    final ByteBuf kept = channel.readOutbound();
    kept.release();
    final String line = "+" + "y".repeat(40_000) + "\r\n";
    stage.onEvent(reply(line), sequence++, false);
    stage.onEvent(reply(line), sequence++, true);
    final ByteBuf first = channel.readOutbound();
    final ByteBuf second = channel.readOutbound();
    assertSame(kept, first, "the kept buffer took the first reply");
    assertEquals(1, first.refCnt(), "handed over mid-batch: only Netty's reference is left");
    assertEquals(line, first.toString(StandardCharsets.ISO_8859_1));
    assertEquals(line, second.toString(StandardCharsets.ISO_8859_1));
    first.release();
    second.release();
    stage.onEvent(reply("+two\r\n"), sequence++, true);
    assertEquals("+two\r\n", written());
  }

  /** Commands of one socket read share an arrival time and are recorded as one run, each still counted. */
  @Test
  void everyCommandIsCountedInTheFlushLatencyWhenRecordedPerRead() {
    final PipelineMetrics metrics = new PipelineMetrics();
    final ReplyStage timed = new ReplyStage(UnpooledByteBufAllocator.DEFAULT, connections, () -> { },
        () -> null, metrics, new NetworkTraffic());
    timed.onEvent(connectEvent(), sequence++, true);
    final long now = System.nanoTime();
    final long[] arrivals = {now - 5_000_000, now - 5_000_000, now - 5_000_000, now - 1_000, now - 5_000_000};
    for (int i = 0; i < arrivals.length; i++) {
      final CommandEvent event = reply("+OK\r\n");
      event.arrivalNanos = arrivals[i];
      timed.onEvent(event, sequence++, i == arrivals.length - 1);
    }
    assertEquals("+OK\r\n".repeat(5), written());
    final StringBuilder info = new StringBuilder();
    metrics.appendInfo(info, new double[] {50, 100});
    final String flush = info.toString().lines().filter(l -> l.startsWith("pipeline_latency_usec_flush:"))
        .findFirst().orElseThrow();
    assertTrue(flush.endsWith("count=5"), flush);
    final double p50 = Double.parseDouble(flush.replaceAll(".*p50=([0-9.]+),.*", "$1"));
    assertTrue(p50 >= 4_900, "4 of the 5 waited 5 ms: " + flush);
    timed.onShutdown();
  }

  private ByteBuf bulk(final int size) {
    final ByteBuf bytes = io.netty.buffer.Unpooled.buffer(size + 2);
    bytes.writeByte('+');
    for (int i = 0; i < size - 3; i++) {
      bytes.writeByte('0' + i % 10);
    }
    bytes.writeByte('\r').writeByte('\n');
    return bytes;
  }

  private CommandEvent event(final ByteBuf raw) {
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.COMMAND, connection.id, connection, 0);
    event.reply.reset(2);
    final byte[] copy = new byte[raw.readableBytes()];
    raw.getBytes(raw.readerIndex(), copy);
    event.reply.raw(copy, 0, copy.length);
    return event;
  }

  private CommandEvent connectEvent() {
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.CONNECT, connection.id, connection, 0);
    event.reply.reset(2);
    return event;
  }

  private CommandEvent reply(final String bytes) {
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.COMMAND, connection.id, connection, 0);
    event.reply.reset(2);
    if (!bytes.isEmpty()) {
      event.reply.simple(bytes.substring(1, bytes.length() - 2));
    }
    return event;
  }

  private String written() {
    final StringBuilder out = new StringBuilder();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      out.append(buf.toString(StandardCharsets.ISO_8859_1));
      buf.release();
    }
    return out.toString();
  }
}
