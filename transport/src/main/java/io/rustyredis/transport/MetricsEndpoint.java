package io.rustyredis.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rustyredis.engine.ServerInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * The optional Prometheus endpoint ({@code metrics-port}, off at 0): {@code GET /metrics} in the
 * text exposition format, served by the JDK's own HTTP server on one thread of its own, so a
 * scrape never touches the Netty event loops or the engine. It exports what can be read without
 * the engine thread: the pipeline stage latencies and the process's CPU, heap and connections.
 * Per-command figures stay in INFO (the engine owns them), which redis_exporter already scrapes.
 */
final class MetricsEndpoint implements AutoCloseable {
  private final HttpServer server;

  MetricsEndpoint(final String host, final int port, final PipelineMetrics pipeline, final JvmProcessFigures figures,
      final double[] percentiles, final IntSupplier connections) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
      final Thread t = new Thread(runnable, "rusty-metrics");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/metrics", exchange -> {
      final StringBuilder out = new StringBuilder(2048);
      out.append("# HELP rusty_redis_info Version of the Redis protocol served.\n# TYPE rusty_redis_info gauge\n")
          .append("rusty_redis_info{redis_version=\"").append(ServerInfo.REDIS_VERSION)
          .append("\",rusty_redis_version=\"").append(ServerInfo.RUSTY_REDIS_VERSION).append("\"} 1\n");
      out.append("# HELP rusty_redis_connected_clients Open client connections.\n")
          .append("# TYPE rusty_redis_connected_clients gauge\nrusty_redis_connected_clients ")
          .append(connections.getAsInt()).append('\n');
      out.append("# HELP rusty_redis_cpu_seconds_total CPU time of the process.\n")
          .append("# TYPE rusty_redis_cpu_seconds_total counter\n")
          .append("rusty_redis_cpu_seconds_total{mode=\"user\"} ").append(figures.cpuUserNanos() / 1e9).append('\n')
          .append("rusty_redis_cpu_seconds_total{mode=\"system\"} ").append(figures.cpuSystemNanos() / 1e9).append('\n');
      out.append("# HELP rusty_redis_heap_used_bytes Java heap in use.\n# TYPE rusty_redis_heap_used_bytes gauge\n")
          .append("rusty_redis_heap_used_bytes ").append(figures.heapUsedBytes()).append('\n');
      pipeline.appendPrometheus(out, percentiles);
      reply(exchange, out.toString());
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void reply(final HttpExchange exchange, final String text) throws IOException {
    final byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
