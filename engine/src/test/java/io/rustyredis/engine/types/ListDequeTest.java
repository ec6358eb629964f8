package io.rustyredis.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ListDequeTest {
  private static byte[] b(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> contents(final ListDeque deque) {
    final List<String> out = new ArrayList<>();
    for (int i = 0; i < deque.size(); i++) {
      out.add(new String(deque.get(i), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** What memoryUsage must say for these contents, from the documented layout. */
  private static long expectedMemory(final ListDeque deque, final int capacity) {
    long bytes = ListDeque.OBJECT_BYTES + ((ListDeque.ARRAY_HEADER + ListDeque.REFERENCE_BYTES * capacity + 7) & ~7L);
    for (int i = 0; i < deque.size(); i++) {
      bytes += ListDeque.elementBytes(deque.get(i).length);
    }
    return bytes;
  }

  @Test
  void pushesAndPopsAtBothEndsAcrossWrapAround() {
    final ListDeque deque = new ListDeque(0);
    for (int i = 0; i < 10; i++) {
      deque.addFirst(b("l" + i));
      deque.addLast(b("r" + i));
    }
    assertEquals(20, deque.size());
    assertEquals("l9", new String(deque.get(0), StandardCharsets.UTF_8));
    assertEquals("r9", new String(deque.get(19), StandardCharsets.UTF_8));
    assertEquals("l9", new String(deque.removeFirst(), StandardCharsets.UTF_8));
    assertEquals("r9", new String(deque.removeLast(), StandardCharsets.UTF_8));
    assertEquals(18, deque.size());
    assertEquals("l8", new String(deque.get(0), StandardCharsets.UTF_8));
  }

  @Test
  void matchesAJavaListUnderRandomOperations() {
    final ListDeque deque = new ListDeque(0);
    final List<String> model = new ArrayList<>();
    final SplittableRandom random = new SplittableRandom(7);
    for (int step = 0; step < 20_000; step++) {
      final String value = "v" + random.nextInt(50);
      final int op = random.nextInt(model.isEmpty() ? 4 : 9);
      switch (op) {
        case 0, 1 -> {
          deque.addFirst(b(value));
          model.add(0, value);
        }
        case 2, 3 -> {
          deque.addLast(b(value));
          model.add(value);
        }
        case 4 -> assertEquals(model.remove(0), new String(deque.removeFirst(), StandardCharsets.UTF_8));
        case 5 -> assertEquals(model.remove(model.size() - 1), new String(deque.removeLast(), StandardCharsets.UTF_8));
        case 6 -> {
          final int index = random.nextInt(model.size() + 1);
          deque.insert(index, b(value));
          model.add(index, value);
        }
        case 7 -> {
          final int index = random.nextInt(model.size());
          assertEquals(model.remove(index), new String(deque.remove(index), StandardCharsets.UTF_8));
        }
        default -> {
          final int index = random.nextInt(model.size());
          deque.set(index, b(value));
          model.set(index, value);
        }
      }
      assertEquals(model.size(), deque.size());
    }
    assertEquals(model, contents(deque));
  }

  @Test
  void removeEqualHonoursLimitAndDirection() {
    final ListDeque deque = new ListDeque(0);
    for (final String s : new String[] {"a", "b", "a", "c", "a", "d", "a"}) {
      deque.addLast(b(s));
    }
    final byte[] a = b("a");
    assertEquals(2, deque.removeEqual(a, Bytes.ARRAY_BASE, 1, 2, true));
    assertEquals(List.of("a", "b", "a", "c", "d"), contents(deque));
    assertEquals(1, deque.removeEqual(a, Bytes.ARRAY_BASE, 1, 1, false));
    assertEquals(List.of("b", "a", "c", "d"), contents(deque));
    assertEquals(1, deque.removeEqual(a, Bytes.ARRAY_BASE, 1, 0, false));
    assertEquals(List.of("b", "c", "d"), contents(deque));
    assertEquals(0, deque.removeEqual(a, Bytes.ARRAY_BASE, 1, 0, true));
  }

  @Test
  void retainKeepsTheMiddle() {
    final ListDeque deque = new ListDeque(0);
    for (int i = 0; i < 40; i++) {
      deque.addFirst(b(Integer.toString(39 - i)));
    }
    deque.retain(5, 8);
    assertEquals(List.of("5", "6", "7"), contents(deque));
  }

  @Test
  void memoryUsageFollowsContentsAndCapacityBothWays() {
    final ListDeque deque = new ListDeque(0);
    assertEquals(expectedMemory(deque, 16), deque.memoryUsage());
    for (int i = 0; i < 100; i++) {
      deque.addLast(new byte[i]);
    }
    assertEquals(expectedMemory(deque, 128), deque.memoryUsage());
    deque.set(3, new byte[1000]);
    assertEquals(expectedMemory(deque, 128), deque.memoryUsage());
    while (deque.size() > 10) {
      deque.removeFirst();
    }
    assertEquals(expectedMemory(deque, 32), deque.memoryUsage());
    deque.removeEqual(new byte[99], Bytes.ARRAY_BASE, 99, 0, false);
    deque.retain(1, 5);
    assertEquals(expectedMemory(deque, 16), deque.memoryUsage());
  }

  @Test
  void duplicateIsDeepAndSizedTheSame() {
    final ListDeque deque = new ListDeque(0);
    final ArrayDeque<String> expected = new ArrayDeque<>();
    for (int i = 0; i < 30; i++) {
      deque.addFirst(b("x" + i));
      expected.addFirst("x" + i);
    }
    final ListDeque copy = deque.duplicate();
    assertEquals(new ArrayList<>(expected), contents(copy));
    assertNotSame(deque.get(0), copy.get(0));
    assertEquals(deque.memoryUsage(), copy.memoryUsage());
  }
}
