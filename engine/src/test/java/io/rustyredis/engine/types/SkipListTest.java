package io.rustyredis.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SkipListTest {
  private final SplittableRandom random = new SplittableRandom(7);

  private static byte[] b(final String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private SkipList.Node find(final SkipList z, final String member) {
    final byte[] m = b(member);
    return z.find(m, Bytes.ARRAY_BASE, m.length);
  }

  private static List<String> members(final SkipList z) {
    final List<String> out = new ArrayList<>();
    for (SkipList.Node n = z.first(); n != null; n = n.next()) {
      out.add(new String(n.member(), StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  @Test
  void keepsScoreThenUnsignedMemberOrderBothWays() {
    final SkipList z = new SkipList(null, random);
    z.insert(b("b"), 1);
    z.insert(b("\u00ff"), 1);
    z.insert(b("a"), 1);
    z.insert(b("z"), 0);
    z.insert(b("c"), 2);
    assertEquals(List.of("z", "a", "b", "\u00ff", "c"), members(z));
    final List<String> backwards = new ArrayList<>();
    for (SkipList.Node n = z.last(); n != null; n = n.previous()) {
      backwards.add(new String(n.member(), StandardCharsets.ISO_8859_1));
    }
    assertEquals(List.of("c", "\u00ff", "b", "a", "z"), backwards);
  }

  @Test
  void ranksAndNodesByRankAgreeWithASortedModel() {
    final SkipList z = new SkipList(null, random);
    final TreeMap<String, Double> model = new TreeMap<>();
    for (int i = 0; i < 2000; i++) {
      final String member = "m" + random.nextInt(5000);
      if (!model.containsKey(member)) {
        final double score = random.nextInt(100);
        model.put(member, score);
        z.insert(b(member), score);
      }
    }
    final List<String> expected = new ArrayList<>(model.keySet());
    expected.sort((x, y) -> {
      final int c = Double.compare(model.get(x), model.get(y));
      return c != 0 ? c : x.compareTo(y);
    });
    assertEquals(expected, members(z));
    for (int i = 0; i < expected.size(); i++) {
      final SkipList.Node node = find(z, expected.get(i));
      assertEquals(i + 1, z.rank(node));
      assertSame(node, z.byRank(i + 1));
    }
    assertNull(z.byRank(0));
    assertNull(z.byRank(expected.size() + 1));
  }

  @Test
  void countsBelowScoresAndMembersGiveRangeBounds() {
    final SkipList z = new SkipList(null, random);
    for (int i = 0; i < 100; i++) {
      z.insert(b(String.format("%03d", i)), i / 10);
    }
    assertEquals(30, z.countBelowScore(3, false));
    assertEquals(40, z.countBelowScore(3, true));
    assertEquals(0, z.countBelowScore(Double.NEGATIVE_INFINITY, true));
    assertEquals(100, z.countBelowScore(Double.POSITIVE_INFINITY, true));
    final byte[] m = b("050");
    assertEquals(50, z.countBelowMember(m, Bytes.ARRAY_BASE, m.length, false));
    assertEquals(51, z.countBelowMember(m, Bytes.ARRAY_BASE, m.length, true));
  }

  @Test
  void deleteAndDeleteRangeByRankKeepSpansRight() {
    final SkipList z = new SkipList(null, random);
    for (int i = 0; i < 500; i++) {
      z.insert(b("m" + i), i);
    }
    z.delete(find(z, "m0"));
    z.delete(find(z, "m499"));
    assertEquals(498, z.size());
    assertEquals(10, z.deleteRangeByRank(1, 10));
    assertEquals("m11", new String(z.first().member(), StandardCharsets.ISO_8859_1));
    assertEquals(5, z.deleteRangeByRank(484, 1000));
    assertEquals(483, z.size());
    assertEquals("m493", new String(z.last().member(), StandardCharsets.ISO_8859_1));
    assertNull(find(z, "m5"));
    for (int rank = 1; rank <= z.size(); rank++) {
      assertEquals(rank, z.rank(z.byRank(rank)));
    }
  }

  @Test
  void updateScoreMovesOnlyWhenOrderChanges() {
    final SkipList z = new SkipList(null, random);
    z.insert(b("a"), 1);
    final SkipList.Node b = z.insert(b("b"), 2);
    z.insert(b("c"), 3);
    assertSame(b, z.updateScore(b, 2.5));
    final SkipList.Node moved = z.updateScore(b, 10);
    assertSame(b, moved);
    assertEquals(List.of("a", "c", "b"), members(z));
    assertEquals(3, z.rank(moved));
    assertSame(moved, find(z, "b"));
    z.updateScore(find(z, "a"), 3);
    assertEquals(List.of("a", "c", "b"), members(z));
  }

  @Test
  void memoryUsageMatchesWhatHeapValuesCounted() {
    final HeapValues heap = new HeapValues();
    final SkipList z = new SkipList(null, random);
    z.insert(b("first"), 1);
    heap.add(z);
    z.accountTo(heap);
    for (int i = 0; i < 300; i++) {
      z.insert(b("member-" + i), i);
    }
    z.updateScore(find(z, "member-3"), 1000);
    z.delete(find(z, "member-4"));
    z.deleteRangeByRank(1, 50);
    assertEquals(z.memoryUsage(), heap.bytes());
    final SkipList copy = (SkipList) z.duplicate();
    assertEquals(members(z), members(copy));
    heap.add(copy);
    copy.delete(copy.first());
    assertEquals(z.memoryUsage() + copy.memoryUsage(), heap.bytes());
    assertEquals(members(z).size() - 1, members(copy).size());
  }

  @Test
  void manyScoreUpdatesKeepRanksAndOrderConsistent() {
    final SkipList z = new SkipList(null, random);
    final java.util.Map<String, Double> model = new java.util.HashMap<>();
    for (int i = 0; i < 300; i++) {
      z.insert(b("m" + i), i);
      model.put("m" + i, (double) i);
    }
    for (int round = 0; round < 5000; round++) {
      final String member = "m" + random.nextInt(300);
      final double score = random.nextInt(50);
      z.updateScore(find(z, member), score);
      model.put(member, score);
    }
    assertEquals(300, z.size());
    long rank = 0;
    SkipList.Node previous = null;
    for (SkipList.Node n = z.first(); n != null; n = n.next()) {
      rank++;
      final String member = new String(n.member(), StandardCharsets.ISO_8859_1);
      assertEquals(model.get(member), n.score());
      assertEquals(rank, z.rank(n));
      assertSame(n, z.byRank(rank));
      assertSame(previous, n.previous());
      previous = n;
    }
    assertSame(previous, z.last());
    assertEquals(300, rank);
  }

  @Test
  void scanReturnsEveryMemberPresentThroughoutWhileTheTableResizes() {
    final SkipList z = new SkipList(null, random);
    for (int i = 0; i < 200; i++) {
      z.insert(b("keep" + i), i);
    }
    final java.util.Set<String> seen = new java.util.HashSet<>();
    long cursor = 0;
    int step = 0;
    do {
      cursor = z.scan(cursor, n -> seen.add(new String(n.member(), StandardCharsets.ISO_8859_1)));
      if (step == 3) {
        for (int i = 0; i < 500; i++) {
          z.insert(b("grow" + i), i);
        }
      }
      if (step == 30) {
        for (int i = 0; i < 500; i++) {
          z.delete(find(z, "grow" + i));
        }
      }
      step++;
    } while (cursor != 0);
    for (int i = 0; i < 200; i++) {
      assertTrue(seen.contains("keep" + i), "keep" + i);
    }
    assertNull(find(z, "grow7"));
    assertEquals(200, z.size());
  }
}
