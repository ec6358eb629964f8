package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Scripts end to end through Jedis: the basics, and what only the whole server can show: another
 * client gets BUSY while a script runs past busy-reply-threshold, SCRIPT KILL stops it, a script
 * that wrote cannot be killed, and SHUTDOWN NOSAVE still stops the server.
 */
class ScriptingJedisTest {
  private static final int THRESHOLD_MILLIS = 200;

  @Test
  void evalAndEvalshaConvertRepliesBothWays() {
    try (TestServer server = TestServer.start(); Jedis jedis = JedisEndToEndTest.connect(server.port())) {
      assertEquals(List.of(1L, "two", List.of(3L)), jedis.eval("return {1, 'two', {3.7}}"));
      final String sha = jedis.scriptLoad("return redis.call('incr', KEYS[1])");
      assertEquals(1L, jedis.evalsha(sha, 1, "counter"));
      assertEquals(2L, jedis.evalsha(sha, 1, "counter"));
      assertEquals("OK", jedis.eval("return redis.call('set', KEYS[1], ARGV[1])", 1, "k", "v"));
      assertEquals("v", jedis.get("k"));
      final JedisDataException missing = assertThrows(JedisDataException.class, () -> jedis.evalsha("0".repeat(40)));
      assertEquals("NOSCRIPT No matching script. Please use EVAL.", missing.getMessage());
    }
  }

  @Test
  void sandboxEscapesFailThroughTheServer() {
    try (TestServer server = TestServer.start(); Jedis jedis = JedisEndToEndTest.connect(server.port())) {
      for (final String escape : new String[] {
          "return os.execute('true')", "return io.open('/etc/passwd')", "return luajava.bindClass('java.lang.System')",
          "return load(string.dump(function() return 1 end))()", "setmetatable(_G, {})", "rawset(_G, 'x', 1)"}) {
        final JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.eval(escape), escape);
        assertTrue(e.getMessage().startsWith("ERR "), e.getMessage());
      }
      assertEquals("PONG", jedis.ping());
    }
  }

  @Test
  void infiniteLoopIsKilledByScriptKillFromAnotherClient() throws Exception {
    try (TestServer server = TestServer.start("busy-reply-threshold", Integer.toString(THRESHOLD_MILLIS));
        Jedis runner = JedisEndToEndTest.connect(server.port());
        Jedis other = JedisEndToEndTest.connect(server.port())) {
      assertEquals("NOTBUSY No scripts in execution right now.",
          assertThrows(JedisDataException.class, other::scriptKill).getMessage());
      final long started = System.nanoTime();
      final CompletableFuture<String> loop = CompletableFuture.supplyAsync(() -> {
        try {
          runner.eval("while true do end");
          return "returned";
        } catch (final JedisDataException e) {
          return e.getMessage();
        }
      });
      awaitBusy(server, other);
      assertEquals("OK", other.scriptKill());
      final long killedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(killedAfter < THRESHOLD_MILLIS + 1000, "SCRIPT KILL answered " + killedAfter + " ms after the script started");
      assertEquals("ERR Script killed by user with SCRIPT KILL... script: 694a5fe1ddb97a4c6a1bf299d9537c7d3d0f84e7, on @user_script:1.",
          loop.get(10, TimeUnit.SECONDS));
      assertEquals("OK", other.set("after", "kill"));
      assertEquals("kill", runner.get("after"));
    }
  }

  @Test
  void scriptThatWroteIsUnkillableButShutdownNosaveStopsTheServer() throws Exception {
    final TestServer server = TestServer.start("busy-reply-threshold", Integer.toString(THRESHOLD_MILLIS));
    try (Jedis runner = JedisEndToEndTest.connect(server.port()); Jedis other = JedisEndToEndTest.connect(server.port())) {
      final CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
        try {
          runner.eval("redis.call('set', 'x', '1') while true do end");
        } catch (final RuntimeException expected) {
          // The connection goes with the server.
        }
      });
      awaitBusy(server, other);
      final JedisDataException unkillable = assertThrows(JedisDataException.class, other::scriptKill);
      assertEquals("UNKILLABLE Sorry the script already executed write commands against the dataset. You can either "
          + "wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.",
          unkillable.getMessage());
      assertEquals("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
          assertThrows(JedisBusyException.class, () -> other.get("x")).getMessage());
      assertThrows(JedisConnectionException.class, () -> other.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE"));
      server.server.awaitStop();
      loop.get(10, TimeUnit.SECONDS);
      assertTrue(refused(server.port()), "the port still accepts connections");
    } finally {
      server.close();
    }
  }

  /**
   * Waits for the engine to be some way into the script, then pings until the server says BUSY.
   * (A command sent in a script's first milliseconds is queued behind it and answered after it;
   * later ones are held by the transport and answered BUSY once the threshold passes, as Redis.)
   */
  private static void awaitBusy(final TestServer server, final Jedis jedis) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.server.scriptWatchdog().runningNanos() < TimeUnit.MILLISECONDS.toNanos(50) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    while (System.nanoTime() < deadline) {
      try {
        jedis.ping();
      } catch (final JedisBusyException busy) {
        assertEquals("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", busy.getMessage());
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server never reported BUSY");
  }

  private static boolean refused(final int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return false;
    } catch (final IOException e) {
      return true;
    }
  }
}
