package io.rustyredis.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashTableTest {
  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean put(final HashTable table, final String field, final String value) {
    final byte[] f = bytes(field);
    return table.put(f, Bytes.ARRAY_BASE, f.length, bytes(value));
  }

  private static HashTable.Entry find(final HashTable table, final String field) {
    final byte[] f = bytes(field);
    return table.find(f, Bytes.ARRAY_BASE, f.length);
  }

  private static boolean remove(final HashTable table, final String field) {
    final byte[] f = bytes(field);
    return table.remove(f, Bytes.ARRAY_BASE, f.length);
  }

  private static String text(final byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static Map<String, String> contents(final HashTable table) {
    final Map<String, String> out = new HashMap<>();
    table.forEach(e -> out.put(text(e.field()), text(e.value())));
    return out;
  }

  /** What the estimate must come to for a table of these entries and this many buckets. */
  private static long expectedBytes(final Map<String, String> entries, final int buckets) {
    long total = HashTable.SELF_BYTES + HashTable.referenceArrayBytes(buckets);
    for (final Map.Entry<String, String> e : entries.entrySet()) {
      total += HashTable.ENTRY_BYTES + HashTable.arrayBytes(bytes(e.getKey()).length)
          + HashTable.arrayBytes(bytes(e.getValue()).length);
    }
    return total;
  }

  @Test
  void behavesAsAMapThroughGrowthAndShrinking() {
    final HashTable table = new HashTable();
    final Map<String, String> model = new HashMap<>();
    final SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      final String field = "f" + random.nextInt(3000);
      if (random.nextInt(3) == 0) {
        assertEquals(model.remove(field) != null, remove(table, field));
      } else {
        final String value = "v" + i;
        assertEquals(model.put(field, value) == null, put(table, field, value));
      }
      assertEquals(model.size(), table.size());
    }
    assertEquals(model, contents(table));
    for (final String field : model.keySet().toArray(new String[0])) {
      assertTrue(remove(table, field));
    }
    assertEquals(0, table.size());
    assertNull(find(table, "f1"));
  }

  @Test
  void findMatchesWholeFieldsOnly() {
    final HashTable table = new HashTable();
    put(table, "abc", "1");
    put(table, "", "empty");
    assertNull(find(table, "ab"));
    assertNull(find(table, "abcd"));
    assertEquals("1", text(find(table, "abc").value()));
    assertEquals("empty", text(find(table, "").value()));
    assertFalse(put(table, "abc", "2"));
    assertEquals("2", text(find(table, "abc").value()));
  }

  @Test
  void memoryEstimateFollowsEveryChange() {
    final HashTable table = new HashTable();
    final Map<String, String> model = new HashMap<>();
    assertEquals(expectedBytes(model, 4), table.memoryUsage());
    for (int i = 0; i < 100; i++) {
      put(table, "field-" + i, "value-" + i);
      model.put("field-" + i, "value-" + i);
    }
    assertEquals(expectedBytes(model, 128), table.memoryUsage());
    put(table, "field-1", "a much longer value than before");
    model.put("field-1", "a much longer value than before");
    assertEquals(expectedBytes(model, 128), table.memoryUsage());
    for (int i = 0; i < 95; i++) {
      remove(table, "field-" + i);
      model.remove("field-" + i);
    }
    // Five entries left: the table halved while under one entry per eight buckets, down to 32.
    assertEquals(expectedBytes(model, 32), table.memoryUsage());
  }

  @Test
  void scanReturnsEveryEntryPresentThroughoutDespiteResizes() {
    final HashTable table = new HashTable();
    for (int i = 0; i < 1000; i++) {
      put(table, "keep" + i, "v");
    }
    final Set<String> seen = new HashSet<>();
    long cursor = 0;
    int steps = 0;
    do {
      cursor = table.scan(cursor, e -> seen.add(text(e.field())));
      steps++;
      if (steps == 100) {
        for (int i = 0; i < 5000; i++) {
          put(table, "extra" + i, "v");
        }
      }
      if (steps == 3000) {
        for (int i = 0; i < 5000; i++) {
          remove(table, "extra" + i);
        }
      }
    } while (cursor != 0);
    for (int i = 0; i < 1000; i++) {
      assertTrue(seen.contains("keep" + i), "keep" + i);
    }
  }

  @Test
  void randomEntriesCoverTheTable() {
    final HashTable table = new HashTable();
    final SplittableRandom random = new SplittableRandom(1);
    assertNull(table.random(random));
    for (int i = 0; i < 50; i++) {
      put(table, "f" + i, "v" + i);
    }
    final Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      final HashTable.Entry e = table.random(random);
      assertEquals("v" + text(e.field()).substring(1), text(e.value()));
      seen.add(text(e.field()));
    }
    assertEquals(50, seen.size());
  }

  @Test
  void duplicateIsDeepAndSizedTheSame() {
    final HashTable table = new HashTable();
    for (int i = 0; i < 300; i++) {
      put(table, "f" + i, "v" + i);
    }
    final HashTable copy = table.duplicate();
    assertEquals(table.memoryUsage(), copy.memoryUsage());
    assertEquals(contents(table), contents(copy));
    assertNotSame(find(table, "f1").value(), find(copy, "f1").value());
    put(copy, "f1", "changed");
    assertArrayEquals(bytes("v1"), find(table, "f1").value());
  }
}
