package io.rustyredis.engine.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watchdog's rules (driven by a clock of the test's), and the engine's hook obeying it. */
class ScriptWatchdogTest {
  private final AtomicLong nanos = new AtomicLong(1);
  private final ScriptWatchdog watchdog = new ScriptWatchdog(nanos::get);

  @Test
  void busyOnlyPastTheThreshold() {
    assertFalse(watchdog.busy());
    assertEquals(ScriptWatchdog.KillResult.NOT_BUSY, watchdog.kill(false));
    watchdog.start(200, false);
    nanos.addAndGet(199_000_000L);
    assertFalse(watchdog.busy());
    assertEquals(ScriptWatchdog.KillResult.NOT_BUSY, watchdog.kill(false));
    nanos.addAndGet(1_000_000L);
    assertTrue(watchdog.busy());
    assertEquals(ScriptWatchdog.KillResult.OTHER_KIND, watchdog.kill(true));
    assertEquals(ScriptWatchdog.KillResult.KILLED, watchdog.kill(false));
    assertTrue(watchdog.killRequested());
    watchdog.finish();
    assertFalse(watchdog.busy());
    assertFalse(watchdog.killRequested());
  }

  @Test
  void scriptThatWroteIsUnkillable() {
    watchdog.start(0, true);
    watchdog.written();
    assertEquals(ScriptWatchdog.KillResult.UNKILLABLE, watchdog.kill(true));
    assertFalse(watchdog.killRequested());
  }

  @Test
  void engineStopsAKilledLoopAndRepliesRedisError() throws Exception {
    final EngineHarness redis = new EngineHarness();
    redis.run("CONFIG", "SET", "busy-reply-threshold", "0");
    final ScriptWatchdog engineWatchdog = redis.engine().scriptWatchdog();
    final Thread killer = new Thread(() -> {
      while (engineWatchdog.kill(false) != ScriptWatchdog.KillResult.KILLED) {
        Thread.onSpinWait();
      }
    });
    killer.start();
    assertEquals("-ERR Script killed by user with SCRIPT KILL... script: 694a5fe1ddb97a4c6a1bf299d9537c7d3d0f84e7, "
        + "on @user_script:1.\r\n", redis.run("EVAL", "while true do end", "0"));
    killer.join();
    assertFalse(engineWatchdog.running());
    assertEquals("+PONG\r\n", redis.run("PING"));
  }
}
