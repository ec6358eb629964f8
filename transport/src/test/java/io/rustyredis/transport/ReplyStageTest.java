package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.junit.jupiter.api.Test;

/** The reply stage alone, writing into Netty's in-memory channel: batching, order and closing. */
class ReplyStageTest {
  private final Map<Long, Connection> connections = new HashMap<>();
  private final AtomicInteger shutdowns = new AtomicInteger();
  private final ReplyStage stage = new ReplyStage(UnpooledByteBufAllocator.DEFAULT, connections, shutdowns::incrementAndGet);
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final Connection connection = new Connection(1, channel);
  private long sequence;

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
