package io.rustyredis.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OffHeapAllocatorTest {
  @Test
  void sizeClassesCoverEverySizeWithBoundedWaste() {
    for (int size = 1; size <= (1 << 20); size++) {
      final int block = OffHeapAllocator.classSize(OffHeapAllocator.sizeClass(size));
      assertTrue(block >= size, "block for " + size);
      assertTrue(size <= 16 || block <= size * 1.25 + 16, "waste for " + size + " -> " + block);
    }
  }

  @Test
  void freedBlocksAreReusedAndAccounted() {
    final OffHeapAllocator allocator = new OffHeapAllocator();
    final long a = allocator.allocate(100);
    assertEquals(112, allocator.usedBytes());
    allocator.free(a, 100);
    assertEquals(0, allocator.usedBytes());
    assertEquals(a, allocator.allocate(110));
    final long big = allocator.allocate(5 << 20);
    assertEquals(112 + (5 << 20), allocator.usedBytes());
    allocator.free(big, 5 << 20);
    assertEquals(112, allocator.usedBytes());
  }
}
