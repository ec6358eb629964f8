package io.rustyredis.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MemberTableTest {
  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Set<String> contents(final MemberTable table) {
    final Set<String> out = new HashSet<>();
    for (int i = 0; i < table.size(); i++) {
      out.add(new String(table.member(i), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void agreesWithAJavaSetThroughRandomAddsAndRemoves() {
    final MemberTable table = new MemberTable();
    final Set<String> expected = new HashSet<>();
    final SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      final String member = "m" + random.nextInt(3000);
      final byte[] b = bytes(member);
      if (random.nextInt(5) < 2) {
        assertEquals(expected.remove(member), table.remove(b, Bytes.ARRAY_BASE, b.length));
      } else {
        assertEquals(expected.add(member), table.add(b, Bytes.ARRAY_BASE, b.length));
      }
    }
    assertEquals(expected.size(), table.size());
    assertEquals(expected, contents(table));
    for (int i = 0; i < 3000; i++) {
      assertEquals(expected.contains("m" + i), table.contains(bytes("m" + i)));
    }
  }

  @Test
  void removeAtKeepsTheTableDenseAndFindable() {
    final MemberTable table = new MemberTable();
    for (int i = 0; i < 100; i++) {
      table.add(bytes("m" + i));
    }
    while (table.size() > 0) {
      final byte[] gone = table.member(0);
      table.removeAt(0);
      assertFalse(table.contains(gone));
      for (int i = 0; i < table.size(); i++) {
        assertTrue(table.contains(table.member(i)));
      }
    }
    assertFalse(table.contains(bytes("m1")));
  }

  @Test
  void scanVisitsEveryMemberPresentThroughoutDespiteResizes() {
    final MemberTable table = new MemberTable();
    final Set<String> stable = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      table.add(bytes("s" + i));
      stable.add("s" + i);
    }
    final Set<String> seen = new HashSet<>();
    long cursor = 0;
    int step = 0;
    do {
      cursor = table.scan(cursor, m -> seen.add(new String(m, StandardCharsets.UTF_8)));
      if (step == 20) {
        for (int i = 0; i < 5000; i++) {
          table.add(bytes("t" + i));
        }
      } else if (step == 200) {
        for (int i = 0; i < 5000; i++) {
          final byte[] b = bytes("t" + i);
          table.remove(b, Bytes.ARRAY_BASE, b.length);
        }
      }
      step++;
    } while (cursor != 0);
    assertTrue(seen.containsAll(stable));
  }

  @Test
  void memoryUsageGrowsAndShrinksWithTheMembers() {
    final MemberTable table = new MemberTable();
    final long empty = table.memoryUsage();
    for (int i = 0; i < 1000; i++) {
      table.add(bytes("member-" + i));
    }
    final long full = table.memoryUsage();
    // Each member costs at least its array (16-byte header + 10-12 bytes, rounded) and a reference.
    assertTrue(full - empty >= 1000 * (32 + 8 + 4 + 4), Long.toString(full - empty));
    while (table.size() > 0) {
      table.removeAt(table.size() - 1);
    }
    assertEquals(empty, table.memoryUsage());
  }

  @Test
  void duplicateIsADeepIndependentCopy() {
    final MemberTable table = new MemberTable();
    table.add(bytes("a"));
    table.add(bytes("b"));
    final MemberTable copy = table.duplicate();
    final byte[] a = bytes("a");
    copy.remove(a, Bytes.ARRAY_BASE, a.length);
    copy.member(0)[0] = 'z';
    assertEquals(Set.of("a", "b"), contents(table));
    assertEquals(Set.of("z"), contents(copy));
  }
}
