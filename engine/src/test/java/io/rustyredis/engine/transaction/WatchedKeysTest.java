package io.rustyredis.engine.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The registry on its own: what it holds, and that it lets go of it. */
class WatchedKeysTest {
  private final EngineHarness redis = new EngineHarness();
  private final WatchedKeys watched = new WatchedKeys(redis.engine().keyspace());

  private static byte[] key(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void modify(final int db, final String key) {
    final byte[] bytes = key(key);
    watched.modified(db, bytes, Bytes.ARRAY_BASE, bytes.length);
  }

  @Test
  void watchingTheSameKeyTwiceIsOnce() {
    final Transaction tx = new Transaction();
    watched.watch(tx, 0, key("k"));
    watched.watch(tx, 0, key("k"));
    watched.watch(tx, 1, key("k"));
    assertEquals(2, watched.size());
  }

  @Test
  void discardLetsGoOfEveryWatch() {
    final Transaction a = new Transaction();
    final Transaction b = new Transaction();
    watched.watch(a, 0, key("k"));
    watched.watch(a, 0, key("j"));
    watched.watch(b, 0, key("k"));
    a.discard();
    assertFalse(a.watching());
    assertEquals(1, watched.size());
    b.discard();
    assertEquals(0, watched.size());
  }

  @Test
  void aTouchMarksEveryWatcherAndUnwatchesIt() {
    final Transaction a = new Transaction();
    final Transaction b = new Transaction();
    final Transaction c = new Transaction();
    watched.watch(a, 0, key("k"));
    watched.watch(a, 0, key("other"));
    watched.watch(b, 0, key("k"));
    watched.watch(c, 1, key("k"));
    modify(0, "k");
    assertTrue(a.touched());
    assertTrue(b.touched());
    assertFalse(c.touched());
    assertEquals(1, watched.size());
  }

  @Test
  void aSignalForAnUnwatchedKeyTouchesNobody() {
    final Transaction a = new Transaction();
    watched.watch(a, 0, key("k"));
    modify(0, "kk");
    modify(0, "");
    assertFalse(a.touched());
  }

  @Test
  void queueingStopsOnceTheTransactionIsBoundToFail() {
    final Transaction tx = new Transaction();
    tx.begin();
    tx.queue(new byte[][] {key("PING")});
    tx.fail();
    tx.queue(new byte[][] {key("PING")});
    assertEquals(1, tx.queued().size());
    tx.discard();
    assertFalse(tx.open());
    assertEquals(0, tx.queued().size());
  }
}
