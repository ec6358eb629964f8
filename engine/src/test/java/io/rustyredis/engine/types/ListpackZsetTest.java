package io.rustyredis.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Listpack;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListpackZsetTest {
  private final Database db = new Keyspace(1, 1).database(0);
  private final ListpackZset codec = new ListpackZset();
  private final byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
  private long record = Listpack.create(db, key, Bytes.ARRAY_BASE, 1, Record.TYPE_ZSET, Record.ENCODING_LISTPACK, 8);

  private void add(final String member, final double score) {
    final byte[] m = member.getBytes(StandardCharsets.ISO_8859_1);
    record = codec.insert(db, record, m, Bytes.ARRAY_BASE, m.length, score);
  }

  private int find(final String member) {
    final byte[] m = member.getBytes(StandardCharsets.ISO_8859_1);
    return ListpackZset.find(record, m, Bytes.ARRAY_BASE, m.length);
  }

  private List<String> pairs() {
    final List<String> out = new ArrayList<>();
    for (int e = Listpack.first(); e < Listpack.end(record); e = ListpackZset.next(record, e)) {
      out.add(new String(Bytes.toArray(null, Listpack.address(record, e), Listpack.length(record, e)),
          StandardCharsets.ISO_8859_1) + "=" + ListpackZset.score(record, e));
    }
    return out;
  }

  @Test
  void pairsStayOrderedByScoreThenUnsignedBytesAsTheRecordGrows() {
    add("b", 2);
    add("\u00ff", 1);
    add("a", 1);
    add("c", Double.NEGATIVE_INFINITY);
    add("d", 2);
    assertEquals(List.of("c=-Infinity", "a=1.0", "\u00ff=1.0", "b=2.0", "d=2.0"), pairs());
    assertEquals(5, ListpackZset.size(record));
    assertEquals(2, ListpackZset.rankOf(record, find("\u00ff")));
    assertEquals(find("b"), ListpackZset.atRank(record, 3));
    assertEquals(-1, find("zz"));
  }

  @Test
  void countsBelowBoundsAndDeletesRanges() {
    for (int i = 0; i < 10; i++) {
      add("m" + i, i / 2);
    }
    assertEquals(4, ListpackZset.countBelowScore(record, 2, false));
    assertEquals(6, ListpackZset.countBelowScore(record, 2, true));
    final byte[] m3 = "m3".getBytes(StandardCharsets.US_ASCII);
    assertEquals(3, ListpackZset.countBelowMember(record, m3, Bytes.ARRAY_BASE, 2, false));
    assertEquals(4, ListpackZset.countBelowMember(record, m3, Bytes.ARRAY_BASE, 2, true));
    ListpackZset.deleteRange(record, 2, 7);
    assertEquals(List.of("m0=0.0", "m1=0.0", "m8=4.0", "m9=4.0"), pairs());
    ListpackZset.delete(record, find("m8"));
    assertEquals(List.of("m0=0.0", "m1=0.0", "m9=4.0"), pairs());
  }

  @Test
  void negativeZeroIsStoredAsZero() {
    add("a", -0.0);
    assertEquals(0, Double.doubleToRawLongBits(ListpackZset.score(record, find("a"))));
  }
}
