package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lettuce's client-side caching (CLIENT TRACKING with RESP3 invalidation pushes) against our
 * server: a cached value is served locally until another client changes the key, then refetched.
 */
class ClientSideCachingTest {
  @Test
  void lettucesLocalCacheIsInvalidatedByAnotherClientsWrite() throws Exception {
    try (TestServer server = TestServer.start()) {
      final RedisClient client = RedisClient.create(RedisURI.builder()
          .withHost("127.0.0.1").withPort(server.port()).withTimeout(Duration.ofSeconds(10)).build());
      client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
      try (StatefulRedisConnection<String, String> cached = client.connect();
          StatefulRedisConnection<String, String> other = client.connect()) {
        final RedisCommands<String, String> writer = other.sync();
        writer.set("csc:key", "first");
        final Map<String, String> local = new ConcurrentHashMap<>();
        final CacheFrontend<String, String> frontend =
            ClientSideCaching.enable(CacheAccessor.forMap(local), cached, TrackingArgs.Builder.enabled());
        assertEquals("first", frontend.get("csc:key"));
        assertEquals("first", local.get("csc:key"), "the value is now held locally");
        writer.set("csc:key", "second");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (local.containsKey("csc:key") && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertTrue(!local.containsKey("csc:key"), "the invalidation push removed the local copy");
        assertEquals("second", frontend.get("csc:key"));
        frontend.close();
      } finally {
        client.shutdown(0, 2, TimeUnit.SECONDS);
      }
    }
  }
}
