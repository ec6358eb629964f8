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
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.Engine;
import io.rustyredis.engine.EventType;
import io.rustyredis.engine.ServerInfo;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.rdb.RdbFormatException;
import io.rustyredis.journal.snapshot.FileSnapshots;
import java.io.IOException;
import io.rustyredis.journal.JournalCorruptException;
import io.rustyredis.journal.JournalLoader;
import io.rustyredis.journal.JournalManifest;
import io.rustyredis.journal.JournalStage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import io.rustyredis.engine.scripting.ScriptWatchdog;
import java.net.InetSocketAddress;
import jdk.net.ExtendedSocketOptions;
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
 * Wires the server together: Netty I/O threads in front, the Disruptor ring in the middle with one
 * consumer thread running the engine, the journal stage and the reply stage ({@link SerialStages}),
 * and a clock that ticks the engine {@code hz} times a second. Starting it binds the port; {@link #close()} stops everything in reverse order.
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
  private JournalStage journal;
  private JournalManifest manifest;
  private EventLoopGroup bossGroup;
  private EventLoopGroup ioGroup;
  /** Where the ring's consumer and the I/O threads run (ThreadPlacement says why). */
  private ThreadPlacement placement = ThreadPlacement.NONE;
  private ScheduledExecutorService clock;
  private final List<Channel> serverChannels = new CopyOnWriteArrayList<>();
  private FileSnapshots snapshots;
  private int port;
  private final PipelineMetrics pipeline = new PipelineMetrics();
  private final NetworkTraffic traffic = new NetworkTraffic();
  private MetricsEndpoint metricsEndpoint;

  public RustyRedisServer(final Config config) {
    this.config = config;
  }

  /**
   * Binds and starts serving; with appendonly yes, replays the journal first (clients connecting
   * meanwhile are told -LOADING) and returns once it is loaded.
   */
  public RustyRedisServer start(final String configFile) throws InterruptedException, JournalCorruptException {
    try {
      return startServing(configFile);
    } catch (final Throwable e) {
      // A port in use or a bad bind address must not leave event loop threads behind. Netty
      // throws the BindException undeclared, so only a catch-all sees it; it leaves unchanged.
      close();
      throw e;
    }
  }

  private RustyRedisServer startServing(final String configFile) throws InterruptedException, JournalCorruptException {
    final long started = System.currentTimeMillis();
    final boolean epoll = Epoll.isAvailable();
    final IoHandlerFactory ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    bossGroup = new MultiThreadIoEventLoopGroup(1, ioFactory);
    final Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

    final ServerBootstrap bootstrap = new ServerBootstrap()
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 511)
        // Not accepting until the ring runs: see the start of the ring below.
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20));
    final WaitStrategy waitStrategy = waitStrategy(config.get("ring-wait-strategy"));
    // Ours needs the ring and hears from the consumer who is sending; Disruptor's own do neither.
    final StageWaitStrategy stageWait =
        waitStrategy instanceof StageWaitStrategy ? (StageWaitStrategy) waitStrategy : null;
    placement = ThreadPlacement.of(config.get("server_cpulist"), config.getBoolean("colocate-threads"),
        config.getInt("io-threads"));
    disruptor = new Disruptor<>(CommandEvent::new, config.getInt("ring-size"),
        runnable -> {
          final Thread t = new Thread(() -> {
            placement.bindCurrentThread();
            runnable.run();
          }, "rusty-ring");
          t.setDaemon(true);
          ringThreads.add(t);
          return t;
        },
        ProducerType.MULTI, waitStrategy);
    if (stageWait != null) {
      stageWait.ring(disruptor.getRingBuffer());
    }
    ioGroup = new RingEventLoop.Group(config.getInt("io-threads"), ioFactory, disruptor.getRingBuffer());
    for (final EventExecutor loop : ioGroup) {
      loop.execute(placement::bindCurrentThread);
    }
    bootstrap.group(bossGroup, ioGroup);

    bootstrap.childHandler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(final SocketChannel ch) {
        keepAlive(ch, config.getInt("tcp-keepalive"));
        ch.pipeline().addLast(new ClientHandler(disruptor.getRingBuffer(), connections, clientIds,
            config.getLong("proto-max-bulk-len"), config.getLong("client-query-buffer-limit"), pipeline,
            scriptWatchdog, RustyRedisServer.this::closeAsync, traffic));
      }
    });
    // Bind before building the engine, so INFO's tcp_port is the real one when "port 0" asked
    // for any free port. Connections are not accepted yet (AUTO_READ off on the listening socket):
    // a consumer added to the ring starts at the ring's cursor, so a client event published before
    // the engine is wired in would be skipped, and that client would wait forever for its reply.
    bindAll(bootstrap);

    final ServerInfo info = new ServerInfo(ProcessHandle.current().pid(), port, configFile,
        "rusty-redis", started, RunId.generate(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    final Engine engine = new Engine(config, info, error -> LOG.error("engine error", error), scriptWatchdog);
    snapshots = new FileSnapshots(config);
    engine.persistence().snapshots(snapshots);
    final boolean appendonly = config.getBoolean("appendonly");
    final Path journalDir = Path.of(config.get("dir"), config.get("appenddirname"));
    manifest = JournalManifest.open(journalDir, config.get("appendfilename"));
    engine.persistence().journalBase(manifest);
    if (!appendonly) {
      loadSnapshot(engine, snapshots.file());
    } else if (manifest.base() != null) {
      // As Redis 7.0: with appendonly yes the AOF (base, then journals) is the dataset; dump.rdb is not read.
      loadSnapshot(engine, manifest.base());
    }
    engine.metrics().clock(System::nanoTime);
    final JvmProcessFigures figures = new JvmProcessFigures(pipeline, traffic, config);
    engine.metrics().figures(figures);
    engine.journaling(appendonly);
    journal = new JournalStage(manifest, engine.journalStatus(), config.get("appendfsync"), error -> LOG.error("journal error", error));
    // CONFIG SET runs on the engine thread: the engine's flag flips between two events, and the
    // journal stage follows it in ring order (see JournalStage).
    config.onSet("appendonly", value -> engine.journaling("yes".equals(value)));
    config.onSet("appendfsync", journal::fsync);
    disruptor.handleEventsWith(new SerialStages(
        new TimedEngineStage(engine, pipeline, config.parameter("latency-tracking"), Logging.followLogLevel(config),
            engine.metrics()::lastEnd),
        journal,
        new ReplyStage(PooledByteBufAllocator.DEFAULT, connections, this::closeAsync,
            config.parameter("client-output-buffer-limit")::limits, pipeline, traffic),
        disruptor.getRingBuffer()::get,
        stageWait));
    if (appendonly) {
      // Set before the ring starts, so the first client event already finds the server loading.
      engine.keyspace().loading().start(System.currentTimeMillis(), 0);
    }
    disruptor.start();
    for (final Channel channel : serverChannels) {
      channel.config().setAutoRead(true);
    }
    if (appendonly) {
      final long bytes = new JournalLoader(manifest.incrementals(), disruptor.getRingBuffer(), engine.keyspace().loading())
          .load(config.getBoolean("aof-load-truncated"), true).bytes;
      manifest.loaded(bytes);
    }
    final String host = ((InetSocketAddress) serverChannels.get(0).localAddress()).getHostString();
    if (config.getInt("metrics-port") > 0) {
      try {
        metricsEndpoint = new MetricsEndpoint(host, config.getInt("metrics-port"), pipeline, figures,
            JvmProcessFigures.percentiles(config.get("latency-tracking-info-percentiles")), connections::size);
      } catch (final java.io.IOException e) {
        throw new IllegalStateException("Failed listening on metrics-port " + config.get("metrics-port") + ": " + e, e);
      }
    }

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

    LOG.info("Running mode=standalone, port={}, pid={}, config file '{}'", port, info.processId, configFile);
    if (metricsEndpoint != null) {
      LOG.info("Prometheus metrics on http://{}:{}/metrics", host, metricsEndpoint.port());
    }
    LOG.info("Ready to accept connections tcp on {}:{} ({}, ring {} slots, io-threads {}, ring and I/O threads {})",
        host, port, epoll ? "epoll" : "nio", config.getInt("ring-size"), config.getInt("io-threads"),
        placement.description());
    return this;
  }

  /**
   * Loads an RDB file ({@code dir/dbfilename}, or the journal's base) when there is one, before the
   * ring starts (so on this thread, with the ring's start ordering it before every event). A file
   * that cannot be read whole stops the start, as in Redis: serving without the data would be worse
   * than not serving.
   */
  private void loadSnapshot(final Engine engine, final Path file) {
    final long started = System.nanoTime();
    try {
      final byte[] rdb;
      try {
        rdb = Files.readAllBytes(file);
      } catch (final NoSuchFileException e) {
        return;
      }
      final long keys = engine.persistence().load(rdb, System.currentTimeMillis());
      LOG.info("DB loaded from disk: {} keys from {} in {} ms", keys, file,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (final IOException | RdbFormatException e) {
      throw new IllegalStateException("Cannot load " + file + ": " + e.getMessage(), e);
    }
  }

  /** Where the ring's consumer and the I/O threads were bound. */
  ThreadPlacement placement() {
    return placement;
  }

  /** The port actually bound (differs from the config's when it asked for 0). */
  public int port() {
    return port;
  }

  /** The Prometheus endpoint's port, or 0 when it is off. */
  int metricsPort() {
    return metricsEndpoint == null ? 0 : metricsEndpoint.port();
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
    if (!serverChannels.isEmpty()) {
      LOG.info("Redis is now ready to exit, bye bye...");
    }
    // A script still running would keep the engine from draining the ring: stop it first.
    scriptWatchdog.abort();
    try {
      if (metricsEndpoint != null) {
        metricsEndpoint.close();
      }
      if (clock != null) {
        clock.shutdownNow();
        awaitQuietly(clock);
      }
      for (final Channel channel : serverChannels) {
        channel.close().syncUninterruptibly();
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
      if (snapshots != null) {
        snapshots.close();
      }
      if (journal != null) {
        journal.close();
      }
      if (manifest != null) {
        manifest.close();
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

  /**
   * Listens on every address of {@code bind}, all on the same port (the first one's when the
   * config asks for port 0). As in Redis, {@code *} is every IPv4 address, {@code ::*} every IPv6
   * one, and an address written with a leading {@code -} may be missing (no IPv6 on the host).
   */
  private void bindAll(final ServerBootstrap bootstrap) throws InterruptedException {
    final String bind = config.get("bind").trim();
    int bindPort = config.getInt("port");
    for (final String entry : (bind.isEmpty() ? "*" : bind).split("\\s+")) {
      final boolean optional = entry.startsWith("-");
      final String name = optional ? entry.substring(1) : entry;
      final String host = name.equals("*") ? "0.0.0.0" : name.equals("::*") ? "::" : name;
      try {
        final Channel channel = bootstrap.bind(new InetSocketAddress(host, bindPort)).sync().channel();
        serverChannels.add(channel);
        bindPort = ((InetSocketAddress) channel.localAddress()).getPort();
      } catch (final Exception e) {
        if (!optional) {
          throw e;
        }
        LOG.warn("Could not create server TCP listening socket {}:{}: {}", host, bindPort, e.toString());
      }
    }
    if (serverChannels.isEmpty()) {
      throw new IllegalStateException("Failed listening on port " + bindPort + " (tcp), aborting.");
    }
    port = bindPort;
  }

  /**
   * {@code tcp-keepalive}: as Redis's anetKeepAlive, probes start after that many idle seconds,
   * every third of it, and three unanswered ones close the connection; 0 turns keepalive off.
   */
  private static void keepAlive(final SocketChannel ch, final int seconds) {
    ch.config().setOption(ChannelOption.SO_KEEPALIVE, seconds > 0);
    if (seconds > 0 && ch instanceof EpollSocketChannel) {
      ch.config().setOption(EpollChannelOption.TCP_KEEPIDLE, seconds);
      ch.config().setOption(EpollChannelOption.TCP_KEEPINTVL, Math.max(1, seconds / 3));
      ch.config().setOption(EpollChannelOption.TCP_KEEPCNT, 3);
    } else if (seconds > 0) {
      ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), seconds);
      ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), Math.max(1, seconds / 3));
      ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), 3);
    }
  }

  /**
   * The ring's wait strategy. On a two-core machine Netty's event loop and the ring's consumer
   * already take both cores, so spinning steals the core Netty needs: the default spins briefly
   * then sleeps ({@link StageWaitStrategy}); Disruptor's own are there to be measured.
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
