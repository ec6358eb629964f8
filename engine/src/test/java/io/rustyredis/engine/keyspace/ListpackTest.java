package io.rustyredis.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.memory.OffHeapAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListpackTest {
  private final Database db = new Database(new OffHeapAllocator(), new HeapValues(), new EventClock());

  @Test
  void entriesKeepTheirOrderThroughInsertsDeletesAndGrowth() {
    final byte[] key = bytes("k");
    long record = Listpack.create(db, key, Bytes.ARRAY_BASE, key.length, Record.TYPE_LIST, Record.ENCODING_QUICKLIST_PACKED, 0);
    final List<String> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      final byte[] value = bytes("value-" + i);
      record = Listpack.insert(db, record, Listpack.end(record), value, Bytes.ARRAY_BASE, value.length);
      expected.add("value-" + i);
    }
    final byte[] head = bytes("head");
    record = Listpack.insert(db, record, Listpack.first(), head, Bytes.ARRAY_BASE, head.length);
    expected.add(0, "head");
    Listpack.delete(record, Listpack.offsetOf(record, 10));
    expected.remove(10);
    final byte[] longer = bytes("a much longer replacement");
    record = Listpack.replace(db, record, Listpack.offsetOf(record, 5), longer, Bytes.ARRAY_BASE, longer.length);
    expected.set(5, "a much longer replacement");

    assertEquals(expected.size(), Listpack.count(record));
    assertEquals(expected, contents(record));
    assertEquals(record, db.find(key, Bytes.ARRAY_BASE, key.length));
  }

  @Test
  void findLooksAtEveryStrideEntryOnly() {
    final byte[] key = bytes("h");
    long record = Listpack.create(db, key, Bytes.ARRAY_BASE, key.length, Record.TYPE_HASH, Record.ENCODING_LISTPACK, 64);
    for (final String s : new String[] {"f1", "v1", "v1", "f2"}) {
      final byte[] b = bytes(s);
      record = Listpack.insert(db, record, Listpack.end(record), b, Bytes.ARRAY_BASE, b.length);
    }
    final byte[] f2 = bytes("f2");
    assertEquals(-1, Listpack.find(record, Listpack.first(), 2, f2, Bytes.ARRAY_BASE, f2.length));
    final byte[] v1 = bytes("v1");
    assertEquals(Listpack.offsetOf(record, 2), Listpack.find(record, Listpack.first(), 2, v1, Bytes.ARRAY_BASE, v1.length));
  }

  private static List<String> contents(final long record) {
    final List<String> out = new ArrayList<>();
    for (int e = Listpack.first(); e < Listpack.end(record); e = Listpack.next(record, e)) {
      out.add(new String(Bytes.toArray(null, Listpack.address(record, e), Listpack.length(record, e)), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
