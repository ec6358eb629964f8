package io.rustyredis.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.memory.OffHeapAllocator;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IntsetTest {
  private final Database db = new Database(new OffHeapAllocator(), new HeapValues(), new EventClock());
  private final byte[] key = "k".getBytes(StandardCharsets.US_ASCII);

  private long insert(final long record, final long value) {
    final int at = Intset.search(record, value);
    return at >= 0 ? record : Intset.insertAt(db, record, -at - 1, value);
  }

  @Test
  void membersStaySortedAndUniqueThroughInsertsDeletesAndGrowth() {
    long record = Intset.create(db, key, Bytes.ARRAY_BASE, key.length, 1);
    final TreeSet<Long> expected = new TreeSet<>();
    final SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      final long value = random.nextInt(600) - 300;
      if (random.nextInt(3) == 0) {
        final int at = Intset.search(record, value);
        if (at >= 0) {
          Intset.deleteAt(record, at);
        }
        expected.remove(value);
      } else {
        record = insert(record, value);
        expected.add(value);
      }
    }
    assertEquals(expected.size(), Intset.count(record));
    int i = 0;
    for (final long value : expected) {
      assertEquals(value, Intset.get(record, i++));
    }
    assertEquals(record, db.find(key, Bytes.ARRAY_BASE, key.length));
    assertEquals(Record.ENCODING_INTSET, Record.encoding(record));
    assertEquals(Record.TYPE_SET, Record.type(record));
  }

  @Test
  void searchReportsTheInsertionPointOfAbsentValues() {
    long record = Intset.create(db, key, Bytes.ARRAY_BASE, key.length, 4);
    assertEquals(-1, Intset.search(record, 5));
    record = insert(record, Long.MAX_VALUE);
    record = insert(record, Long.MIN_VALUE);
    record = insert(record, 0);
    assertEquals(0, Intset.search(record, Long.MIN_VALUE));
    assertEquals(1, Intset.search(record, 0));
    assertEquals(2, Intset.search(record, Long.MAX_VALUE));
    assertEquals(-2, Intset.search(record, -1));
    assertEquals(-3, Intset.search(record, 1));
    assertTrue(Intset.contains(record, 0));
    assertFalse(Intset.contains(record, 1));
    Intset.deleteAt(record, 0);
    assertEquals(0, Intset.get(record, 0));
    assertEquals(Long.MAX_VALUE, Intset.get(record, 1));
    assertEquals(2, Intset.count(record));
  }
}
