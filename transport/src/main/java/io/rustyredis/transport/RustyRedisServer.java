package io.rustyredis.transport;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.scripting.ScriptWatchdog;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the server together: Netty I/O threads in front, the Disruptor ring in the middle with the
 * engine and then the reply stage as its consumers, and a clock that ticks the engine {@code hz}
 * times a second. Starting it binds the port; {@link #close()} stops everything in reverse order.
 */
public final class RustyRedisServer implements AutoCloseable {
  private static final long TICK_MILLIS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(RustyRedisServer.class);

  private final Config config;
  private final Map<Long, Connection> connections = new ConcurrentHashMap<>();
  // Client ids are per server, as in Redis: two servers in one JVM each count from 1.
  private final AtomicLong clientIds = new AtomicLong(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Thread> ringThreads = new CopyOnWriteArrayList<>();
  /** Shared by the engine thread and the I/O threads: BUSY and SCRIPT KILL while a script runs. */
  private final ScriptWatchdog scriptWatchdog = new ScriptWatchdog(System::nanoTime);
  private Disruptor<CommandEvent> disruptor;
  private EventLoopGroup bossGroup;
  private EventLoopGroup ioGroup;
  private ScheduledExecutorService clock;
  private Channel serverChannel;
  private int port;

  public RustyRedisServer(final Config config) {
    this.config = config;
  }

  /** Binds and starts serving; returns once the port accepts connections. */
  public RustyRedisServer start(final String configFile) throws InterruptedException {
    try {
      return startServing(configFile);
    } catch (final Throwable e) {
      // A port in use or a bad bind address must not leave event loop threads behind. Netty
      // throws the BindException undeclared, so only a catch-all sees it; it leaves unchanged.
      close();
      throw e;
    }
  }

  private RustyRedisServer startServing(final String configFile) throws InterruptedException {
    final long started = System.currentTimeMillis();
    final boolean epoll = Epoll.isAvailable();
    final IoHandlerFactory ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    bossGroup = new MultiThreadIoEventLoopGroup(1, ioFactory);
    ioGroup = new MultiThreadIoEventLoopGroup(config.getInt("io-threads"), ioFactory);
    final Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

    final ServerBootstrap bootstrap = new ServerBootstrap()
        .group(bossGroup, ioGroup)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 511)
        // Not accepting until the ring runs: see the start of the ring below.
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20));
    final InetSocketAddress address = new InetSocketAddress(firstBindAddress(), config.getInt("port"));
    final WaitStrategy waitStrategy = waitStrategy(config.get("ring-wait-strategy"));
    disruptor = new Disruptor<>(CommandEvent::new, config.getInt("ring-size"),
        runnable -> {
          final Thread t = new Thread(runnable, "rusty-ring");
          t.setDaemon(true);
          ringThreads.add(t);
          return t;
        },
        ProducerType.MULTI, waitStrategy);

    bootstrap.childHandler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(final SocketChannel ch) {
        ch.pipeline().addLast(new ClientHandler(disruptor.getRingBuffer(), connections, clientIds,
            config.getLong("proto-max-bulk-len"), scriptWatchdog, RustyRedisServer.this::closeAsync));
      }
    });
    // Bind before building the engine, so INFO's tcp_port is the real one when "port 0" asked
    // for any free port. Connections are not accepted yet (AUTO_READ off on the listening socket):
    // a consumer added to the ring starts at the ring's cursor, so a client event published before
    // the engine is wired in would be skipped, and that client would wait forever for its reply.
    serverChannel = bootstrap.bind(address).sync().channel();
    port = ((InetSocketAddress) serverChannel.localAddress()).getPort();

    final ServerInfo info = new ServerInfo(ProcessHandle.current().pid(), port, configFile,
        "rusty-redis", started, RunId.generate(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    final Engine engine = new Engine(config, info, error -> LOG.error("engine error", error), scriptWatchdog);
    disruptor.handleEventsWith(new SignallingHandler<>(engine, waitStrategy))
        .then(new ReplyStage(PooledByteBufAllocator.DEFAULT, connections, this::closeAsync));
    disruptor.start();
    serverChannel.config().setAutoRead(true);

    clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
      final Thread t = new Thread(runnable, "rusty-clock");
      t.setDaemon(true);
      return t;
    });
    // Ticks every 10 ms: blocked clients' time-outs are kept to that; the engine runs its hz work
    // (the expire cycle) on the ticks that fall due.
    final EventTranslator<CommandEvent> tick =
        (event, sequence) -> event.reset(EventType.TICK, 0, null, System.currentTimeMillis());
    // No ticks queue up behind a running script: the engine cannot take them, and a long script
    // would otherwise fill the ring with them and stall the I/O threads' publishing.
    clock.scheduleAtFixedRate(() -> {
      if (!scriptWatchdog.running()) {
        disruptor.getRingBuffer().publishEvent(tick);
      }
    }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);

    LOG.info("Ready to accept connections tcp on {}:{} ({}, ring {} slots, io-threads {})",
        address.getHostString(), port, epoll ? "epoll" : "nio", config.getInt("ring-size"), config.getInt("io-threads"));
    return this;
  }

  /** The port actually bound (differs from the config's when it asked for 0). */
  public int port() {
    return port;
  }

  /** The running script's state the I/O threads answer BUSY from. */
  ScriptWatchdog scriptWatchdog() {
    return scriptWatchdog;
  }

  /** Clients connected right now, as the transport counts them. */
  int connectionCount() {
    return connections.size();
  }

  /** Blocks until the server has stopped. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void closeAsync() {
    final Thread t = new Thread(this::close, "rusty-shutdown");
    t.start();
  }

  /**
   * Stops in the order data flows: no new ticks, no new connections, the I/O threads (which
   * publish their clients' DISCONNECT events while the ring still runs), then the ring once it has
   * drained. Returns when the port is free and the server's threads are gone, so a test can start
   * the next server straight away.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (serverChannel != null) {
      LOG.info("Redis is now ready to exit, bye bye...");
    }
    // A script still running would keep the engine from draining the ring: stop it first.
    scriptWatchdog.abort();
    try {
      if (clock != null) {
        clock.shutdownNow();
        awaitQuietly(clock);
      }
      if (serverChannel != null) {
        serverChannel.close().syncUninterruptibly();
      }
      if (ioGroup != null) {
        ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
      if (bossGroup != null) {
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
      if (disruptor != null) {
        stopRing();
      }
    } finally {
      stopped.countDown();
    }
  }

  private void stopRing() {
    try {
      disruptor.shutdown(1, TimeUnit.SECONDS);
    } catch (final TimeoutException e) {
      LOG.warn("ring did not drain in time; halting it");
      disruptor.halt();
    }
    for (final Thread t : ringThreads) {
      if (t != Thread.currentThread()) {
        try {
          t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void awaitQuietly(final ScheduledExecutorService executor) {
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String firstBindAddress() {
    final String bind = config.get("bind").trim();
    final String first = bind.isEmpty() ? "127.0.0.1" : bind.split("\\s+")[0];
    return first.startsWith("-") ? first.substring(1) : first;
  }

  /**
   * The ring's wait strategy. On a two-core machine Netty, the engine and the reply stage are
   * already three threads, so spinning steals the core Netty needs: the default spins briefly then
   * sleeps, in every stage ({@link StageWaitStrategy}); Disruptor's own are there to be measured.
   */
  static WaitStrategy waitStrategy(final String name) {
    switch (name) {
      case "busyspin": return new BusySpinWaitStrategy();
      case "yielding": return new YieldingWaitStrategy();
      case "sleeping": return new SleepingWaitStrategy();
      case "blocking": return new BlockingWaitStrategy();
      default: return new StageWaitStrategy();
    }
  }
}
