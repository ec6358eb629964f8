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
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

  /**
   * A client's replies handed to its event loop but not yet written count towards its limit: while
   * the loop is busy elsewhere, batch after batch for a subscriber must not pile up past the limit
   * in our own write tasks, where Netty's outbound buffer does not see them.
   */
  @Test
  void repliesWaitingForABusyEventLoopCountTowardsTheLimit() throws Exception {
    final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
    final AtomicLong received = new AtomicLong();
    final CountDownLatch serverSideClosed = new CountDownLatch(1);
    try {
      final LocalAddress address = new LocalAddress("output-limit-" + System.nanoTime());
      new ServerBootstrap().group(group).channel(LocalServerChannel.class)
          .childHandler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
              received.addAndGet(((ByteBuf) msg).readableBytes());
              ((ByteBuf) msg).release();
            }

            @Override
            public void channelInactive(final ChannelHandlerContext ctx) {
              serverSideClosed.countDown();
            }
          })
          .bind(address).sync();
      final Channel channel = new Bootstrap().group(group).channel(LocalChannel.class)
          .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
      final Connection remote = new Connection(3, channel);
      final CommandEvent connect = new CommandEvent();
      connect.reset(EventType.CONNECT, remote.id, remote, 0);
      connect.reply.reset(2);
      stage.onEvent(connect, sequence++, true);

      final CountDownLatch busy = new CountDownLatch(1);
      group.next().execute(() -> {
        try {
          busy.await(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      // Three batches of 40 bytes each, none written yet: 80 is under the hard limit of 100,
      // the third would take it to 120.
      for (int i = 0; i < 3; i++) {
        final CommandEvent event = new CommandEvent();
        event.reset(EventType.COMMAND, publisher.id, publisher, 0);
        event.reply.reset(2);
        event.reply.integer(1);
        event.outbox.open(remote, 2, OutputBufferLimits.PUBSUB).raw(new byte[40], 0, 40);
        stage.onEvent(event, sequence++, true);
      }
      assertEquals(80, remote.queuedBytes.get(), "the first two batches wait in the loop's tasks");
      busy.countDown();
      assertTrue(serverSideClosed.await(10, TimeUnit.SECONDS), "the client over its limit is closed");
      assertFalse(channel.isOpen());
      assertEquals(80, received.get(), "what it was owed before going over is delivered, the rest dropped");
      assertEquals(0, remote.queuedBytes.get(), "written bytes stop counting as queued");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
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
