package io.rustyredis.transport;

import com.lmax.disruptor.RingBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import io.netty.buffer.Unpooled;
import io.rustyredis.engine.scripting.ScriptWatchdog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's inbound side, on its Netty event loop: decodes what arrives and puts each command
 * into a ring slot, copying its arguments into the slot (an event translator, in Disruptor terms),
 * publishing the slots together with those of the other connections its event loop read in the
 * same pass ({@link ReadBatch}). The arrival time is read once per read, not per command.
 *
 * <p>Back-pressure for slow readers: when the channel's outbound buffer passes its high-water mark
 * we stop reading from it, so a client that does not read its replies stops getting its commands
 * executed rather than filling the server's memory, and others are not affected.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter implements RespDecoder.CommandSink {
  private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);

  private final RingBuffer<CommandEvent> ring;
  private final Map<Long, Connection> connections;
  private final AtomicLong ids;
  private final ScriptWatchdog watchdog;
  private final Runnable shutdown;
  /** How long a script must have run before new commands are held instead of queued behind it. */
  private static final long HOLD_AFTER_NANOS = 10_000_000L;
  private static final long RECHECK_MILLIS = 5;

  private final RespDecoder decoder;
  /** client-query-buffer-limit: most bytes of a command still arriving that the client may make us hold. */
  private final long queryBufferLimit;
  /** Commands held while a script runs (see the class comment), in arrival order. */
  private final ArrayDeque<byte[][]> held = new ArrayDeque<>();
  private Connection connection;
  private long readTime;
  private final PipelineMetrics metrics;
  private final NetworkTraffic traffic;
  /** When the current read arrived, for the pipeline's stage latencies; 0 while they are off. */
  private long readNanos;
  /** Where this connection's commands wait for publication: its event loop's, shared by its connections. */
  private ReadBatch batch;

  ClientHandler(final RingBuffer<CommandEvent> ring, final Map<Long, Connection> connections, final AtomicLong ids,
      final long maxBulkLength, final long queryBufferLimit, final PipelineMetrics metrics,
      final ScriptWatchdog watchdog, final Runnable shutdown, final NetworkTraffic traffic) {
    this.ring = ring;
    this.traffic = traffic;
    this.queryBufferLimit = queryBufferLimit;
    this.metrics = metrics;
    this.watchdog = watchdog;
    this.shutdown = shutdown;
    this.connections = connections;
    this.ids = ids;
    this.decoder = new RespDecoder(this, maxBulkLength);
  }

  @Override
  public void channelActive(final ChannelHandlerContext ctx) {
    batch = ctx.channel().eventLoop() instanceof RingEventLoop
        ? ((RingEventLoop) ctx.channel().eventLoop()).batch() : new ReadBatch(ring, false);
    // What other connections' reads claimed goes first: never wait for a slot while holding some.
    batch.publish();
    connection = new Connection(ids.getAndIncrement(), ctx.channel());
    connections.put(connection.id, connection);
    final long sequence = ring.next();
    try {
      final CommandEvent event = ring.get(sequence);
      event.reset(EventType.CONNECT, connection.id, connection, System.currentTimeMillis());
      event.text = address(ctx.channel().remoteAddress()) + " " + address(ctx.channel().localAddress());
    } finally {
      ring.publish(sequence);
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(final ChannelHandlerContext ctx) {
    decoder.close();
    batch.publish();  // as in channelActive
    connections.remove(connection.id);
    final long sequence = ring.next();
    try {
      ring.get(sequence).reset(EventType.DISCONNECT, connection.id, null, System.currentTimeMillis());
    } finally {
      ring.publish(sequence);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
    readTime = System.currentTimeMillis();
    readNanos = metrics.enabled() ? System.nanoTime() : 0;
    traffic.read(((ByteBuf) msg).readableBytes());
    try {
      decoder.decode(ctx.alloc(), (ByteBuf) msg);
    } finally {
      batch.endOfRead();
    }
    if (decoder.buffered() > queryBufferLimit) {
      // Redis closes such a client without a reply; the others never notice.
      LOG.warn("Closing client {} that reached max query buffer length ({} bytes)", connection.id, decoder.buffered());
      decoder.close();
      ctx.close();
    }
  }

  @Override
  public void channelWritabilityChanged(final ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    LOG.debug("closing client {} after error: {}", connection == null ? "?" : connection.id, cause.toString());
    ctx.close();
  }

  // Commands go into the ring with their connection id only, not the Connection (see
  // CommandEvent.connection): the reply stage knows the connection from its CONNECT event.
  @Override
  public void command(final ByteBuf buffer, final int[] starts, final int[] lengths, final int count) {
    if (!held.isEmpty() || watchdog.runningNanos() >= HOLD_AFTER_NANOS) {
      final byte[][] command = new byte[count][];
      for (int i = 0; i < count; i++) {
        command[i] = new byte[lengths[i]];
        buffer.getBytes(starts[i], command[i]);
      }
      hold(command);
      return;
    }
    final CommandEvent event = ring.get(batch.claim());
    event.reset(EventType.COMMAND, connection.id, null, readTime);
    event.arrivalNanos = readNanos;
    final Arguments args = event.args;
    for (int i = 0; i < count; i++) {
      final int offset = args.append(lengths[i]);
      buffer.getBytes(starts[i], args.array(), offset, lengths[i]);
    }
  }

  @Override
  public void inline(final byte[][] arguments, final int count) {
    if (!held.isEmpty() || watchdog.runningNanos() >= HOLD_AFTER_NANOS) {
      final byte[][] command = new byte[count][];
      for (int i = 0; i < count; i++) {
        command[i] = arguments[i].clone();
      }
      hold(command);
      return;
    }
    final CommandEvent event = ring.get(batch.claim());
    event.reset(EventType.COMMAND, connection.id, null, readTime);
    event.arrivalNanos = readNanos;
    for (int i = 0; i < count; i++) {
      event.args.add(arguments[i]);
    }
  }

  @Override
  public void protocolError(final String message) {
    connection.channel.config().setAutoRead(false);
    final CommandEvent event = ring.get(batch.claim());
    event.reset(EventType.PROTOCOL_ERROR, connection.id, connection, readTime);
    event.text = message;
  }

  private void hold(final byte[][] command) {
    held.addLast(command);
    if (held.size() == 1) {
      connection.channel.config().setAutoRead(false);
      connection.channel.eventLoop().schedule(this::release, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * On the event loop: once the script ends the held commands go to the engine in order; once it
   * is past the threshold they are answered here; until then, look again shortly.
   */
  private void release() {
    if (watchdog.busy()) {
      while (!held.isEmpty()) {
        final byte[][] command = held.pollFirst();
        if (command.length > 0) {
          answerWhileBusy(new String(command[0], StandardCharsets.UTF_8),
              command.length > 1 ? new String(command[1], StandardCharsets.UTF_8) : "", command.length);
        }
      }
    } else if (!watchdog.running()) {
      readTime = System.currentTimeMillis();
      while (!held.isEmpty()) {
        final byte[][] command = held.pollFirst();
        final CommandEvent event = ring.get(batch.claim());
        event.reset(EventType.COMMAND, connection.id, null, readTime);
        for (final byte[] arg : command) {
          event.args.add(arg);
        }
      }
      batch.publish();
    } else {
      connection.channel.eventLoop().schedule(this::release, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
      return;
    }
    if (connection.channel.isActive()) {
      connection.channel.config().setAutoRead(connection.channel.isWritable());
      connection.channel.read();
    }
  }

  /**
   * Redis's answers while a script keeps the engine busy (processCommand's BUSY branch and
   * scriptKill). Replies leave at once: the engine cannot have anything of this client's to send
   * before them, since it is not serving anyone.
   */
  private void answerWhileBusy(final String name, final String first, final int count) {
    final boolean function = watchdog.runningFunction();
    final String busy = "-BUSY Redis is busy running a script. You can only call "
        + (function ? "FUNCTION KILL" : "SCRIPT KILL") + " or SHUTDOWN NOSAVE.\r\n";
    final String reply;
    if (count == 2 && first.equalsIgnoreCase("kill")
        && (name.equalsIgnoreCase("script") || name.equalsIgnoreCase("function"))) {
      final boolean functionKill = name.equalsIgnoreCase("function");
      switch (watchdog.kill(functionKill)) {
        case KILLED:
          reply = "+OK\r\n";
          break;
        case NOT_BUSY:
          reply = "-NOTBUSY No scripts in execution right now.\r\n";
          break;
        case UNKILLABLE:
          reply = "-UNKILLABLE Sorry the script already executed write commands against the dataset. You can either "
              + "wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.\r\n";
          break;
        default:
          reply = "-BUSY Redis is busy running a script. You can only call "
              + (functionKill ? "SCRIPT KILL" : "FUNCTION KILL") + " or SHUTDOWN NOSAVE.\r\n";
      }
    } else if (name.equalsIgnoreCase("shutdown") && count == 2 && first.equalsIgnoreCase("nosave")) {
      LOG.warn("SHUTDOWN NOSAVE while a script runs: stopping it and the server");
      watchdog.abort();
      connection.channel.close();
      shutdown.run();
      return;
    } else {
      reply = busy;
    }
    connection.channel.writeAndFlush(Unpooled.wrappedBuffer(reply.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String address(final java.net.SocketAddress address) {
    if (address instanceof java.net.InetSocketAddress) {
      final java.net.InetSocketAddress inet = (java.net.InetSocketAddress) address;
      return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
