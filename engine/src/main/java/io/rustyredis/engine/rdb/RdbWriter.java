package io.rustyredis.engine.rdb;

import io.rustyredis.engine.Numbers;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.keyspace.Intset;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Listpack;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.types.HashTable;
import io.rustyredis.engine.types.ListDeque;
import io.rustyredis.engine.types.ListpackZset;
import io.rustyredis.engine.types.MemberTable;
import io.rustyredis.engine.types.SkipList;
import java.nio.charset.StandardCharsets;
import org.agrona.UnsafeApi;

/**
 * Serializes keys into Redis's RDB format, version 10, as Redis 7.0 would write them: a whole
 * keyspace in one go for SAVE ({@link #writeSnapshot}), its parts for BGSAVE's walk in slices
 * ({@link #writeHeader}, {@link #writeSelect}, {@link #writeKey}, {@link #writeFooter}: see {@link
 * IncrementalSnapshot}), or one value for DUMP ({@link #dump}).
 *
 * <p>Each of our encodings maps onto the RDB type Redis 7.0 writes for the same encoding:
 * strings as strings (integer-encoded when they are the text of a 32-bit integer), compact lists as
 * one LIST_QUICKLIST_2 node and big ones as a quicklist of 8 KiB listpack nodes, compact hashes and
 * sorted sets as HASH_LISTPACK / ZSET_LISTPACK and big ones as HASH / ZSET_2 (binary doubles), small
 * integer sets as SET_INTSET and others as SET. Strings (and the packed blobs, which are strings in
 * the format) longer than 20 bytes are LZF-compressed when the output says so ({@code
 * rdbcompression}).
 *
 * <p>Runs on the engine thread and reads records in place; nothing is copied per key except the
 * listpack a compact value is re-encoded into, which is one reused buffer.
 */
public final class RdbWriter {
  /** Redis's default {@code list-max-listpack-size -2}: quicklist nodes of at most 8 KiB. */
  private static final int QUICKLIST_NODE_BYTES = 8192;
  private static final String REDIS_VERSION = "7.0.15";

  private final Keyspace keyspace;
  private final HeapValues heap;
  private final ListpackWriter listpack = new ListpackWriter();
  private final byte[] digits = new byte[24];
  private final HashTable.EntryVisitor hashEntry = this::hashEntry;
  private final Database.RecordVisitor keyVisitor = this::key;
  private RdbOutput out;
  private FunctionLibraries functions;

  public RdbWriter(final Keyspace keyspace) {
    this.keyspace = keyspace;
    this.heap = keyspace.heapValues();
  }

  /**
   * Writes every live key of every database, with the aux fields Redis 7.0 writes, the EOF opcode
   * and the CRC-64 footer (zero when {@code checksum} is off, as Redis's {@code rdbchecksum no}
   * writes it). {@code nowMillis} stamps {@code ctime}; keys already past their deadline are left
   * out, as a loading Redis would drop them anyway.
   */
  public void writeSnapshot(final RdbOutput output, final long nowMillis, final boolean aofBase, final boolean checksum) {
    writeHeader(output, nowMillis, aofBase);
    out = output;
    for (int d = 0; d < keyspace.databaseCount(); d++) {
      final Database db = keyspace.database(d);
      if (db.size() == 0) {
        continue;
      }
      writeSelect(output, d, db.size(), db.volatileCount());
      // Buckets in index order, not SCAN's reversed-bit order: nothing resizes the table while the
      // engine thread is here, and a sequential walk of the bucket array is several times faster
      // than SCAN's strided one on a big table. scan(i) visits bucket i; it answers 0 for the last.
      long bucket = 0;
      while (db.scan(bucket, keyVisitor) != 0) {
        bucket++;
      }
    }
    writeFooter(output, checksum);
  }

  /** The magic, the version and the aux fields Redis 7.0 writes; {@code nowMillis} stamps {@code ctime}. */
  public void writeHeader(final RdbOutput output, final long nowMillis, final boolean aofBase) {
    out = output;
    out.write("REDIS0010".getBytes(StandardCharsets.US_ASCII));
    aux("redis-ver", REDIS_VERSION);
    auxInteger("redis-bits", 64);
    auxInteger("ctime", nowMillis / 1000);
    auxInteger("used-mem", keyspace.usedMemory());
    auxInteger("aof-base", aofBase ? 1 : 0);
    out = null;
    writeFunctions(output);
  }

  /** Libraries are part of the dataset an image carries; none are written until some are wired in. */
  public void functions(final FunctionLibraries libraries) {
    this.functions = libraries;
  }

  /** FUNCTION DUMP's payload: each library as in a file, then the RDB version and a CRC-64. */
  public byte[] dumpFunctions(final boolean compress) {
    final RdbOutput output = new RdbOutput(4096).compressing(compress);
    writeFunctions(output);
    output.write(Rdb.VERSION);
    output.write(0);
    output.writeChecksum();
    return output.toArray();
  }

  private void writeFunctions(final RdbOutput output) {
    if (functions == null) {
      return;
    }
    for (final byte[] source : functions.sources()) {
      output.write(Rdb.OPCODE_FUNCTION2);
      output.writeString(source);
    }
  }

  /**
   * SELECTDB, then RESIZEDB with the sizes given (0 for none: RESIZEDB is a hint, and a file may
   * select the same database again, which loaders accept).
   */
  public void writeSelect(final RdbOutput output, final int db, final long size, final long volatileSize) {
    output.write(Rdb.OPCODE_SELECTDB);
    output.writeLength(db);
    if (size > 0) {
      output.write(Rdb.OPCODE_RESIZEDB);
      output.writeLength(size);
      output.writeLength(volatileSize);
    }
  }

  /** One key of the selected database with its deadline and value, whatever its deadline. */
  public void writeKey(final RdbOutput output, final long record) {
    out = output;
    entry(record);
    out = null;
  }

  /** The EOF opcode and the CRC-64 of the whole output, or 0 when {@code checksum} is off. */
  public void writeFooter(final RdbOutput output, final boolean checksum) {
    output.write(Rdb.OPCODE_EOF);
    if (checksum) {
      output.writeChecksum();
    } else {
      output.writeLongLE(0);
    }
    out = null;
  }

  /** DUMP's payload: the value as RESTORE reads it, then the RDB version and a CRC-64, both little-endian. */
  public byte[] dump(final long record, final boolean compress) {
    out = new RdbOutput(Math.max(64, Math.min(1 << 20, Record.valueLength(record) + 64))).compressing(compress);
    value(record);
    out.write(Rdb.VERSION);
    out.write(0);
    out.writeChecksum();
    final byte[] payload = out.toArray();
    out = null;
    return payload;
  }

  private void key(final long record) {
    if (!keyspace.isExpired(record)) {
      entry(record);
    }
  }

  private void entry(final long record) {
    final long expireAt = Record.expireAt(record);
    if (expireAt != Record.NO_EXPIRY) {
      out.write(Rdb.OPCODE_EXPIRETIME_MS);
      out.writeLongLE(expireAt);
    }
    valueType(record);
    out.writeString(null, Record.keyAddress(record), Record.keyLength(record));
    valueBody(record);
  }

  private void value(final long record) {
    valueType(record);
    valueBody(record);
  }

  private void valueType(final long record) {
    final byte encoding = Record.encoding(record);
    switch (Record.type(record)) {
      case Record.TYPE_STRING:
        out.write(Rdb.TYPE_STRING);
        break;
      case Record.TYPE_LIST:
        out.write(Rdb.TYPE_LIST_QUICKLIST_2);
        break;
      case Record.TYPE_SET:
        out.write(encoding == Record.ENCODING_INTSET ? Rdb.TYPE_SET_INTSET : Rdb.TYPE_SET);
        break;
      case Record.TYPE_ZSET:
        out.write(encoding == Record.ENCODING_LISTPACK ? Rdb.TYPE_ZSET_LISTPACK : Rdb.TYPE_ZSET_2);
        break;
      case Record.TYPE_HASH:
        out.write(encoding == Record.ENCODING_LISTPACK ? Rdb.TYPE_HASH_LISTPACK : Rdb.TYPE_HASH);
        break;
      default:
        throw new IllegalStateException("no RDB type for record type " + Record.type(record));
    }
  }

  private void valueBody(final long record) {
    final byte encoding = Record.encoding(record);
    switch (Record.type(record)) {
      case Record.TYPE_STRING:
        out.writeString(null, Record.valueAddress(record), Record.valueLength(record));
        break;
      case Record.TYPE_LIST:
        if (encoding == Record.ENCODING_QUICKLIST) {
          quicklist((ListDeque) heap.get(Record.handle(record)));
        } else {
          out.writeLength(1);
          out.writeLength(Rdb.QUICKLIST_NODE_PACKED);
          compactListpack(record, false);
        }
        break;
      case Record.TYPE_SET:
        if (encoding == Record.ENCODING_INTSET) {
          intset(record);
        } else {
          final MemberTable members = (MemberTable) heap.get(Record.handle(record));
          out.writeLength(members.size());
          for (int i = 0; i < members.size(); i++) {
            out.writeString(members.member(i));
          }
        }
        break;
      case Record.TYPE_ZSET:
        if (encoding == Record.ENCODING_LISTPACK) {
          compactListpack(record, true);
        } else {
          final SkipList z = (SkipList) heap.get(Record.handle(record));
          out.writeLength(z.size());
          // Tail to head, as Redis writes it, so that its loader inserts each at the head.
          for (SkipList.Node n = z.last(); n != null; n = n.previous()) {
            out.writeString(n.member());
            out.writeLongLE(Double.doubleToRawLongBits(n.score()));
          }
        }
        break;
      case Record.TYPE_HASH:
        if (encoding == Record.ENCODING_LISTPACK) {
          compactListpack(record, false);
        } else {
          final HashTable table = (HashTable) heap.get(Record.handle(record));
          out.writeLength(table.size());
          table.forEach(hashEntry);
        }
        break;
      default:
        throw new IllegalStateException("no RDB type for record type " + Record.type(record));
    }
  }

  private void hashEntry(final HashTable.Entry entry) {
    out.writeString(entry.field());
    out.writeString(entry.value());
  }

  /**
   * Re-encodes one of our compact listpacks as a Redis listpack string. In a sorted set every
   * second entry is a score held as 8 raw bytes, which Redis keeps as text.
   */
  private void compactListpack(final long record, final boolean scores) {
    listpack.reset();
    final int end = Listpack.end(record);
    boolean score = false;
    for (int e = Listpack.first(); e < end; e = Listpack.next(record, e)) {
      if (score) {
        appendScore(Double.longBitsToDouble(UnsafeApi.getLong(Listpack.address(record, e))));
      } else {
        listpack.append(null, Listpack.address(record, e), Listpack.length(record, e));
      }
      score = scores && !score;
    }
    listpack.finish();
    out.writeString(listpack.array(), Bytes.ARRAY_BASE, listpack.length());
  }

  /** A score as Redis's {@code zzlInsertAt} stores it: an integer when it is one, else its shortest text. */
  private void appendScore(final double score) {
    if (score == Math.rint(score) && Math.abs(score) < 1e17) {
      listpack.appendInteger((long) score);
    } else {
      final byte[] text = scoreText(score);
      listpack.append(text);
    }
  }

  private static byte[] scoreText(final double score) {
    final String s = Double.isInfinite(score) ? (score > 0 ? "inf" : "-inf") : Double.toString(score);
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void intset(final long record) {
    final int count = Intset.count(record);
    long min = 0;
    long max = 0;
    if (count > 0) {
      min = Intset.get(record, 0);
      max = Intset.get(record, count - 1);
    }
    final int width = min >= Short.MIN_VALUE && max <= Short.MAX_VALUE ? 2
        : min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? 4 : 8;
    out.writeLength(8L + (long) width * count);
    out.writeIntLE(width);
    out.writeIntLE(count);
    for (int i = 0; i < count; i++) {
      final long v = Intset.get(record, i);
      if (width == 2) {
        out.write((int) v);
        out.write((int) (v >>> 8));
      } else if (width == 4) {
        out.writeIntLE((int) v);
      } else {
        out.writeLongLE(v);
      }
    }
  }

  /** A big list as quicklist nodes of at most 8 KiB of listpack each, as Redis's default fill makes them. */
  private void quicklist(final ListDeque list) {
    final int size = list.size();
    int nodes = 0;
    int bytes = 0;
    for (int i = 0; i < size; i++) {
      final int entry = list.get(i).length + 11;
      if (bytes == 0 || bytes + entry > QUICKLIST_NODE_BYTES) {
        nodes++;
        bytes = 0;
      }
      bytes += entry;
    }
    out.writeLength(nodes);
    bytes = 0;
    listpack.reset();
    for (int i = 0; i < size; i++) {
      final byte[] element = list.get(i);
      final int entry = element.length + 11;
      if (bytes > 0 && bytes + entry > QUICKLIST_NODE_BYTES) {
        flushNode();
        bytes = 0;
      }
      listpack.append(element);
      bytes += entry;
    }
    flushNode();
  }

  private void flushNode() {
    listpack.finish();
    out.writeLength(Rdb.QUICKLIST_NODE_PACKED);
    out.writeString(listpack.array(), Bytes.ARRAY_BASE, listpack.length());
    listpack.reset();
  }

  private void aux(final String key, final String value) {
    out.write(Rdb.OPCODE_AUX);
    out.writeString(key);
    out.writeString(value);
  }

  private void auxInteger(final String key, final long value) {
    out.write(Rdb.OPCODE_AUX);
    out.writeString(key);
    final int n = Numbers.putLong(digits, 0, value);
    out.writeString(digits, Bytes.ARRAY_BASE, n);
  }
}
