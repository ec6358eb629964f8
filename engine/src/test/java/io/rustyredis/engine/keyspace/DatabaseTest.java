package io.rustyredis.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.memory.OffHeapAllocator;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatabaseTest {
  private final OffHeapAllocator allocator = new OffHeapAllocator();
  private final Database db = new Database(allocator, new HeapValues(), new EventClock());

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private long insert(final String key, final String value) {
    final byte[] k = bytes(key);
    final byte[] v = bytes(value);
    final long record = db.insert(k, Bytes.ARRAY_BASE, k.length, Record.TYPE_STRING, v.length, v.length);
    Bytes.copy(v, Bytes.ARRAY_BASE, null, Record.valueAddress(record), v.length);
    return record;
  }

  private long find(final String key) {
    final byte[] k = bytes(key);
    return db.find(k, Bytes.ARRAY_BASE, k.length);
  }

  private static String key(final long record) {
    return new String(Bytes.toArray(null, Record.keyAddress(record), Record.keyLength(record)), StandardCharsets.UTF_8);
  }

  private static String value(final long record) {
    return new String(Bytes.toArray(null, Record.valueAddress(record), Record.valueLength(record)),
        StandardCharsets.UTF_8);
  }

  /** The table's bucket count, read through SCAN: the cursor after bucket 0 is half of it. */
  private long buckets() {
    return 2 * db.scan(0, record -> { });
  }

  @Test
  void insertedKeysAreFoundAndDeletedKeysAreNot() {
    final long record = insert("key", "value");
    assertEquals(record, find("key"));
    assertEquals("key", key(record));
    assertEquals("value", value(record));
    assertEquals(Record.TYPE_STRING, Record.type(record));
    assertEquals(Record.NO_EXPIRY, Record.expireAt(record));
    assertEquals(0, find("other"));
    assertEquals(0, find("ke"));
    assertEquals(1, db.size());
    db.delete(record);
    assertEquals(0, find("key"));
    assertEquals(0, db.size());
  }

  @Test
  void emptyAndBinaryKeysAreKeysLikeAnyOther() {
    final long empty = insert("", "e");
    final byte[] binary = {0, (byte) 0xFF, 10, 13, 0};
    final long b = db.insert(binary, Bytes.ARRAY_BASE, binary.length, Record.TYPE_STRING, 0, 0);
    assertEquals(empty, find(""));
    assertEquals(b, db.find(binary, Bytes.ARRAY_BASE, binary.length));
    assertEquals(0, db.find(binary, Bytes.ARRAY_BASE, 4));
  }

  @Test
  void tableDoublesWhenFullAndEveryKeySurvivesTheRehash() {
    assertEquals(16, buckets());
    for (int i = 0; i < 16; i++) {
      insert("k" + i, "v" + i);
    }
    assertEquals(16, buckets());
    insert("k16", "v16");
    assertEquals(32, buckets());
    for (int i = 17; i < 10_000; i++) {
      insert("k" + i, "v" + i);
    }
    assertEquals(16_384, buckets());
    for (int i = 0; i < 10_000; i++) {
      assertEquals("v" + i, value(find("k" + i)));
    }
  }

  @Test
  void tableHalvesWhenSparseButNeverBelowSixteen() {
    for (int i = 0; i < 1024; i++) {
      insert("k" + i, "v");
    }
    assertEquals(1024, buckets());
    for (int i = 0; i < 1024 - 127; i++) {
      db.delete(find("k" + i));
    }
    assertEquals(512, buckets());
    for (int i = 1024 - 127; i < 1024; i++) {
      assertTrue(find("k" + i) != 0);
    }
    for (int i = 1024 - 127; i < 1024; i++) {
      db.delete(find("k" + i));
    }
    assertEquals(16, buckets());
    assertEquals(0, db.size());
  }

  @Test
  void reserveMovesTheRecordKeepingKeyDeadlineAndPrefix() {
    final long record = insert("key", "abcdef");
    db.expireAt(record, 123_456);
    assertEquals(record, db.reserve(record, Record.valueCapacity(record), 6));
    final long moved = db.reserve(record, 100_000, 3);
    assertNotEquals(record, moved);
    assertEquals(moved, find("key"));
    assertTrue(Record.valueCapacity(moved) >= 100_000);
    assertEquals("abc", new String(Bytes.toArray(null, Record.valueAddress(moved), 3), StandardCharsets.UTF_8));
    assertEquals(123_456, Record.expireAt(moved));
    assertEquals(1, db.volatileCount());
    assertEquals(moved, db.sampleVolatile(new SplittableRandom(1)));
    db.delete(moved);
    assertEquals(0, db.volatileCount());
  }

  @Test
  void reserveOfAChainedRecordKeepsTheChainWhole() {
    for (int i = 0; i < 16; i++) {
      insert("k" + i, "v" + i);
    }
    for (int i = 0; i < 16; i++) {
      db.reserve(find("k" + i), 1000, 2);
    }
    for (int i = 0; i < 16; i++) {
      assertEquals("k" + i, key(find("k" + i)));
    }
    assertEquals(16, db.size());
  }

  @Test
  void deadlinesAreTrackedOnceAndForgottenOnPersistOrDelete() {
    final long a = insert("a", "1");
    final long b = insert("b", "1");
    final long c = insert("c", "1");
    db.expireAt(a, 10);
    db.expireAt(a, 20);
    assertEquals(1, db.volatileCount());
    assertEquals(20, Record.expireAt(a));
    db.expireAt(b, 10);
    db.expireAt(c, 10);
    assertEquals(3, db.volatileCount());
    db.delete(a);
    assertEquals(2, db.volatileCount());
    db.expireAt(b, Record.NO_EXPIRY);
    assertEquals(1, db.volatileCount());
    assertEquals(Record.NO_EXPIRY, Record.expireAt(b));
    assertEquals(-1, Record.volatileSlot(b));
    final SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      assertEquals(c, db.sampleVolatile(random));
    }
    db.delete(c);
    assertEquals(0, db.volatileCount());
    assertEquals(0, db.sampleVolatile(random));
  }

  @Test
  void removingAVolatileKeyMovesTheLastIntoItsSlot() {
    final long[] records = new long[100];
    for (int i = 0; i < records.length; i++) {
      records[i] = insert("k" + i, "v");
      db.expireAt(records[i], 1000 + i);
    }
    for (int i = 0; i < records.length; i += 2) {
      db.delete(records[i]);
    }
    assertEquals(50, db.volatileCount());
    final Set<Long> sampled = new HashSet<>();
    final SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 5000; i++) {
      sampled.add(db.sampleVolatile(random));
    }
    final Set<Long> live = new HashSet<>();
    for (int i = 1; i < records.length; i += 2) {
      live.add(records[i]);
      assertTrue(Record.volatileSlot(records[i]) >= 0);
    }
    assertEquals(live, sampled);
  }

  @Test
  void clearFreesEveryRecordAndDeadline() {
    final long before = allocator.usedBytes();
    for (int i = 0; i < 1000; i++) {
      insert("k" + i, "value" + i);
    }
    db.clear();
    assertEquals(0, db.size());
    assertEquals(0, db.volatileCount());
    assertEquals(16, buckets());
    assertEquals(0, find("k1"));
    assertEquals(before, allocator.usedBytes());
  }

  @Test
  void randomKeyDrawsEveryKeyEventually() {
    final SplittableRandom random = new SplittableRandom(11);
    assertEquals(0, db.randomKey(random));
    for (int i = 0; i < 50; i++) {
      insert("k" + i, "v");
    }
    final Set<String> drawn = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      drawn.add(key(db.randomKey(random)));
    }
    assertEquals(50, drawn.size());
  }

  @Test
  void scanVisitsEveryKeyOnceWhenTheTableHoldsStill() {
    for (int i = 0; i < 5000; i++) {
      insert("k" + i, "v");
    }
    final Set<String> seen = new HashSet<>();
    long cursor = 0;
    do {
      cursor = db.scan(cursor, record -> assertTrue(seen.add(key(record))));
    } while (cursor != 0);
    assertEquals(5000, seen.size());
  }

  @Test
  void scanReturnsEveryKeyPresentThroughoutWhileTheTableGrowsAndShrinks() {
    final int permanent = 100_000;
    // Enough transient keys that, once they go, the table holds under one key in eight buckets.
    final int transientMax = 450_000;
    for (int i = 0; i < permanent; i++) {
      insert("p:" + i, "v");
    }
    final boolean[] seen = new boolean[permanent];
    final long initial = buckets();
    long largest = initial;
    long afterShrink = Long.MAX_VALUE;
    int transients = 0;
    boolean growing = true;
    int removed = 0;
    long cursor = 0;
    int step = 0;
    do {
      cursor = db.scan(cursor, record -> {
        final String key = key(record);
        if (key.startsWith("p:")) {
          seen[Integer.parseInt(key.substring(2))] = true;
        }
      });
      // Every few steps the table changes under the cursor: first it grows, then it shrinks.
      if (++step % 8 == 0) {
        if (growing) {
          for (int i = 0; i < 2000; i++) {
            insert("t:" + transients++, "v");
          }
          growing = transients < transientMax;
          largest = Math.max(largest, buckets());
        } else if (removed < transients) {
          for (int i = 0; i < 2000 && removed < transients; i++) {
            db.delete(find("t:" + removed++));
          }
          afterShrink = Math.min(afterShrink, buckets());
        }
      }
    } while (cursor != 0);
    for (int i = 0; i < permanent; i++) {
      assertTrue(seen[i], "p:" + i);
    }
    assertTrue(largest > initial, "the table grew during the walk");
    assertTrue(afterShrink < largest, "the table shrank during the walk");
  }
}
