package io.rustyredis.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import org.junit.jupiter.api.Test;

/** Redis's instantaneous metrics: a rate per 100 ms sample, the mean of the last 16. */
class InstantaneousMetricTest {
  @Test
  void meanOfTheLastSixteenRates() {
    final InstantaneousMetric m = new InstantaneousMetric();
    m.sample(1_000, 0);
    for (int i = 1; i <= 8; i++) {
      m.sample(1_000 + 100L * i, 500L * i);
      m.sample(1_000 + 100L * i + 50, 999_999);
    }
    assertEquals(5_000 * 8 / 16, m.perSecond(), "8 samples of 5000/s, 8 empty; off-period readings ignored");
    for (int i = 9; i <= 24; i++) {
      m.sample(1_000 + 100L * i, 4_000 + 100L * (i - 8));
    }
    assertEquals(1_000, m.perSecond());
    m.reset();
    assertEquals(0, m.perSecond());
  }

  @Test
  void infoReportsCommandsPerSecondFromTheTick() {
    final EngineHarness redis = new EngineHarness();
    for (int tick = 0; tick < 20; tick++) {
      for (int i = 0; i < 50; i++) {
        redis.run("PING");
      }
      redis.advance(100);
      redis.tick();
    }
    final String stats = redis.run("INFO", "stats");
    assertTrue(stats.contains("\r\ninstantaneous_ops_per_sec:500\r\n"), stats);
  }
}
