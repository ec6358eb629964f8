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
import io.rustyredis.engine.config.OutputBufferLimits;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reply stage's client-output-buffer-limit, per class, hard and soft, on Netty's in-memory channel. */
class OutputBufferLimitTest {
  private OutputBufferLimits limits = OutputBufferLimits.parse(null, "normal 0 0 0 slave 0 0 0 pubsub 100 50 2");
  private final ReplyStage stage = new ReplyStage(UnpooledByteBufAllocator.DEFAULT, new HashMap<>(), () -> { },
      () -> limits, null, new NetworkTraffic());
  private final EmbeddedChannel subscriberChannel = new EmbeddedChannel();
  private final Connection subscriber = new Connection(1, subscriberChannel);
  private final EmbeddedChannel publisherChannel = new EmbeddedChannel();
  private final Connection publisher = new Connection(2, publisherChannel);
  private long sequence;

  /** The ring announces every connection before its first reply; the stage gives back its buffers on stop. */
  @BeforeEach
  void connect() {
    for (final Connection connection : new Connection[] {subscriber, publisher}) {
      final CommandEvent event = new CommandEvent();
      event.reset(EventType.CONNECT, connection.id, connection, 0);
      event.reply.reset(2);
      stage.onEvent(event, sequence++, true);
    }
  }

  @AfterEach
  void releaseWhatIsLeft() {
    stage.onShutdown();
    subscriberChannel.finishAndReleaseAll();
    publisherChannel.finishAndReleaseAll();
  }

  /** A publisher's reply plus {@code messageBytes} for the subscriber, at {@code seconds}. */
  private CommandEvent publish(final int messageBytes, final long seconds) {
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.COMMAND, publisher.id, publisher, seconds * 1000);
    event.reply.reset(2);
    event.reply.integer(1);
    event.outbox.open(subscriber, 2, OutputBufferLimits.PUBSUB).raw(new byte[messageBytes], 0, messageBytes);
    return event;
  }

  @Test
  void subscriberOverTheHardLimitIsClosedWithItsBytesDroppedAndOthersServed() {
    stage.onEvent(publish(60, 0), sequence++, false);
    stage.onEvent(publish(60, 0), sequence++, true);
    assertFalse(subscriberChannel.isOpen());
    assertNull(subscriberChannel.readOutbound(), "nothing of what it was owed is written");
    assertEquals(":1\r\n:1\r\n", written(publisherChannel));
    stage.onEvent(publish(10, 0), sequence++, true);
    assertNull(subscriberChannel.readOutbound());
    assertEquals(":1\r\n", written(publisherChannel));
  }

  @Test
  void aNormalClientHasNoLimitByDefault() {
    final CommandEvent big = new CommandEvent();
    big.reset(EventType.COMMAND, subscriber.id, subscriber, 0);
    big.reply.reset(2);
    big.reply.bulk(new byte[1000]);
    stage.onEvent(big, sequence++, true);
    assertTrue(subscriberChannel.isOpen());
    assertEquals(1000 + 9, written(subscriberChannel).length());
  }

  @Test
  void overTheSoftLimitIsToleratedForItsSecondsOnly() {
    stage.onEvent(publish(60, 10), sequence++, false);
    stage.onEvent(publish(1, 12), sequence++, false);
    assertTrue(subscriberChannel.isOpen());
    stage.onEvent(publish(1, 13), sequence++, true);
    assertFalse(subscriberChannel.isOpen());
  }

  @Test
  void droppingBelowTheSoftLimitRestartsItsClock() {
    stage.onEvent(publish(60, 10), sequence++, true);
    written(subscriberChannel);
    stage.onEvent(publish(1, 11), sequence++, true);
    stage.onEvent(publish(60, 13), sequence++, false);
    assertTrue(subscriberChannel.isOpen());
    stage.onEvent(publish(1, 15), sequence++, true);
    assertTrue(subscriberChannel.isOpen());
  }

  @Test
  void newLimitsApplyToTheNextReply() {
    limits = OutputBufferLimits.parse(limits, "pubsub 10 0 0");
    stage.onEvent(publish(11, 0), sequence++, true);
    assertFalse(subscriberChannel.isOpen());
  }

  private static String written(final EmbeddedChannel channel) {
    final StringBuilder out = new StringBuilder();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      out.append(buf.toString(StandardCharsets.ISO_8859_1));
      buf.release();
    }
    return out.toString();
  }
}
