package io.rustyredis.engine.rdb;

import io.rustyredis.engine.Numbers;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.keyspace.Intset;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Listpack;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.types.HashTable;
import io.rustyredis.engine.types.ListDeque;
import io.rustyredis.engine.types.MemberTable;
import io.rustyredis.engine.types.SkipList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.agrona.UnsafeApi;

/**
 * Reads Redis's RDB format into the keyspace: whole files ({@link #load}, at startup) and single
 * values ({@link #restore}, for RESTORE). Accepts what Redis 7.0 writes (versions 1 to 10): every
 * value type up to LIST_QUICKLIST_2 including the listpack, intset and (pre-7.0) ziplist forms,
 * LZF-compressed and integer-encoded strings, second and millisecond deadlines, SELECTDB, RESIZEDB,
 * AUX, IDLE and FREQ, function libraries (handed to {@link FunctionLibraries}), and checks the
 * CRC-64 footer. Modules and streams are refused with a clear message rather than skipped:
 * skipping them would silently lose data.
 *
 * <p>Strings go straight into the key's off-heap record. A collection is first decoded into Java
 * arrays, then built in whatever encoding our own thresholds choose ({@code hash-max-listpack-entries}
 * and friends), exactly as if its members had been added one by one: Redis's and our idea of
 * "small" may differ, and the loaded key must look like one we made.
 */
public final class RdbReader {
  private static final int LIST_COMPACT_ENTRIES = 128;

  private final Keyspace keyspace;
  private final Config config;
  private FunctionLibraries functions;
  private final HeapValues heap;
  private byte[] in;
  private int pos;
  private int limit;
  /** The last string read: a range of {@link #sBase} (the input, or a scratch array). */
  private byte[] sBase;
  private int sOff;
  private int sLen;
  private final byte[] digits = new byte[24];
  private byte[] key = new byte[64];
  private final long[] number = new long[1];
  private long hashEntries;
  private long hashValue;
  private long zsetEntries;
  private long zsetValue;
  private long intsetEntries;
  private long listEntries;
  private long listBytes;
  private long expiredOnLoad;

  public RdbReader(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.config = config;
    this.heap = keyspace.heapValues();
  }

  /**
   * Loads a whole RDB file into the (empty) keyspace; keys already past their deadline at {@code
   * nowMillis} are dropped, as a Redis master drops them. Returns the number of keys loaded.
   */
  public long load(final byte[] data, final long nowMillis) {
    begin(data, 0, data.length);
    if (limit < 9 || !new String(in, 0, 5, StandardCharsets.US_ASCII).equals("REDIS")) {
      throw new RdbFormatException("Wrong signature trying to load DB from file");
    }
    final int version = Integer.parseInt(new String(in, 5, 4, StandardCharsets.US_ASCII));
    if (version < 1 || version > Rdb.VERSION) {
      throw new RdbFormatException("Can't handle RDB format version " + version);
    }
    pos = 9;
    expiredOnLoad = 0;
    int db = 0;
    long expireAt = Record.NO_EXPIRY;
    long idleSeconds = -1;
    long loaded = 0;
    while (true) {
      final int type = readByte();
      switch (type) {
        case Rdb.OPCODE_EXPIRETIME:
          expireAt = readIntLE() * 1000L;
          continue;
        case Rdb.OPCODE_EXPIRETIME_MS:
          expireAt = readLongLE();
          continue;
        case Rdb.OPCODE_FREQ:
          readByte();
          continue;
        case Rdb.OPCODE_IDLE:
          idleSeconds = readLength();
          continue;
        case Rdb.OPCODE_SELECTDB:
          final long selected = readLength();
          if (selected >= keyspace.databaseCount()) {
            throw new RdbFormatException("FATAL: Data file was created with a Redis server configured to handle more than "
                + keyspace.databaseCount() + " databases. Exiting");
          }
          db = (int) selected;
          continue;
        case Rdb.OPCODE_RESIZEDB:
          readLength();
          readLength();
          continue;
        case Rdb.OPCODE_AUX:
          readString();
          readString();
          continue;
        case Rdb.OPCODE_MODULE_AUX:
          throw new RdbFormatException("RDB holds module data, which rusty-redis does not support");
        case Rdb.OPCODE_FUNCTION:
          throw new RdbFormatException("Pre-GA function format not supported");
        case Rdb.OPCODE_FUNCTION2:
          loadFunction();
          continue;
        case Rdb.OPCODE_EOF:
          if (version >= 5) {
            verifyChecksum(pos);
          }
          return loaded;
        default:
          break;
      }
      final int keyLength = readKey();
      final Database database = keyspace.database(db);
      final long record = readValue(type, database, keyLength);
      if (record != 0) {
        if (expireAt != Record.NO_EXPIRY && expireAt <= nowMillis) {
          database.delete(record);
          expiredOnLoad++;
        } else {
          if (expireAt != Record.NO_EXPIRY) {
            database.expireAt(record, expireAt);
          }
          if (idleSeconds >= 0) {
            Record.accessTime(record, nowMillis - idleSeconds * 1000);
          }
          loaded++;
        }
      }
      expireAt = Record.NO_EXPIRY;
      idleSeconds = -1;
    }
  }

  /** Where libraries read from a file go; a file holding any is refused until this is set. */
  public void functions(final FunctionLibraries libraries) {
    this.functions = libraries;
  }

  private void loadFunction() {
    if (functions == null) {
      throw new RdbFormatException("RDB holds functions, and nothing here loads them");
    }
    final String error = functions.load(readSource());
    if (error != null) {
      throw new RdbFormatException("Failed loading library: " + error);
    }
  }

  /**
   * The library sources of a verified FUNCTION DUMP payload, in order; anything but a library
   * entry is refused with Redis's words.
   */
  public List<byte[]> readFunctions(final byte[] payload) {
    begin(payload, 0, payload.length - 10);
    final List<byte[]> sources = new ArrayList<>();
    while (pos < limit) {
      final int type = readByte();
      if (type == Rdb.OPCODE_FUNCTION) {
        throw new RdbFormatException("Pre-GA function format not supported");
      }
      if (type != Rdb.OPCODE_FUNCTION2) {
        throw new RdbFormatException("given type is not a function");
      }
      sources.add(readSource());
    }
    return sources;
  }

  private byte[] readSource() {
    readString();
    return Arrays.copyOfRange(sBase, sOff, sOff + sLen);
  }

  /** Keys the last {@link #load} dropped because their deadline had passed. */
  public long expiredOnLoad() {
    return expiredOnLoad;
  }

  /**
   * True when a DUMP payload's footer holds an RDB version we read and the right CRC-64 (Redis's
   * {@code verifyDumpPayload}).
   */
  public static boolean verifyPayload(final byte[] payload) {
    if (payload.length < 10) {
      return false;
    }
    final int footer = payload.length - 10;
    final int version = (payload[footer] & 0xff) | (payload[footer + 1] & 0xff) << 8;
    if (version > Rdb.VERSION) {
      return false;
    }
    final long crc = Packed.u32(payload, footer + 2) | Packed.u32(payload, footer + 6) << 32;
    return Crc64.update(0, payload, 0, payload.length - 8) == crc;
  }

  /**
   * Creates {@code keyName} in {@code db} from a verified DUMP payload's value, replacing the key if
   * it exists, but only once the value has decoded: bad data leaves the old key alone. Returns the
   * record, or 0 when the value was an empty collection (Redis refuses those as bad data).
   */
  public long restore(final Database db, final byte[] keyName, final byte[] payload) {
    begin(payload, 0, payload.length - 10);
    final int type = readByte();
    ensureKey(keyName.length);
    System.arraycopy(keyName, 0, key, 0, keyName.length);
    return readValue(type, db, keyName.length);
  }

  private void begin(final byte[] data, final int from, final int to) {
    in = data;
    pos = from;
    limit = to;
    hashEntries = config.getLong("hash-max-listpack-entries");
    hashValue = config.getLong("hash-max-listpack-value");
    zsetEntries = config.getLong("zset-max-listpack-entries");
    zsetValue = config.getLong("zset-max-listpack-value");
    intsetEntries = config.getLong("set-max-intset-entries");
    final long listSize = Long.parseLong(config.get("list-max-listpack-size"));
    listEntries = listSize >= 0 ? listSize : LIST_COMPACT_ENTRIES;
    listBytes = listSize >= 0 ? 8192 : 4096L << Math.min(4, -(listSize + 1));
  }

  private void verifyChecksum(final int end) {
    final long stored = readLongLE();
    if (stored != 0 && Crc64.update(0, in, 0, end) != stored) {
      throw new RdbFormatException("Wrong RDB checksum");
    }
  }

  private int readKey() {
    readString();
    ensureKey(sLen);
    System.arraycopy(sBase, sOff, key, 0, sLen);
    return sLen;
  }

  private void ensureKey(final int length) {
    if (key.length < length) {
      key = new byte[Math.max(length, key.length * 2)];
    }
  }

  /** Reads one value of RDB type {@code type} into a new record for {@link #key}; 0 when empty. */
  private long readValue(final int type, final Database db, final int keyLength) {
    switch (type) {
      case Rdb.TYPE_STRING:
        readString();
        return string(db, keyLength);
      case Rdb.TYPE_LIST: {
        final int n = count();
        final List<byte[]> elements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          elements.add(readBytes());
        }
        return list(db, keyLength, elements);
      }
      case Rdb.TYPE_LIST_ZIPLIST:
        readString();
        return list(db, keyLength, Packed.ziplist(sBase, sOff, sLen));
      case Rdb.TYPE_LIST_QUICKLIST:
      case Rdb.TYPE_LIST_QUICKLIST_2: {
        final int nodes = count();
        final List<byte[]> elements = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          final long container = type == Rdb.TYPE_LIST_QUICKLIST ? Rdb.QUICKLIST_NODE_PACKED : readLength();
          readString();
          if (container == Rdb.QUICKLIST_NODE_PLAIN) {
            elements.add(Arrays.copyOfRange(sBase, sOff, sOff + sLen));
          } else if (container == Rdb.QUICKLIST_NODE_PACKED) {
            elements.addAll(type == Rdb.TYPE_LIST_QUICKLIST
                ? Packed.ziplist(sBase, sOff, sLen) : Packed.listpack(sBase, sOff, sLen));
          } else {
            throw new RdbFormatException("unknown quicklist container " + container);
          }
        }
        return list(db, keyLength, elements);
      }
      case Rdb.TYPE_SET: {
        final int n = count();
        final List<byte[]> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          members.add(readBytes());
        }
        return set(db, keyLength, members);
      }
      case Rdb.TYPE_SET_INTSET: {
        readString();
        final long[] values = Packed.intset(sBase, sOff, sLen);
        final List<byte[]> members = new ArrayList<>(values.length);
        for (final long v : values) {
          members.add(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        }
        return set(db, keyLength, members);
      }
      case Rdb.TYPE_ZSET:
      case Rdb.TYPE_ZSET_2: {
        final int n = count();
        final byte[][] members = new byte[n][];
        final double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
          members[i] = readBytes();
          scores[i] = type == Rdb.TYPE_ZSET_2 ? Double.longBitsToDouble(readLongLE()) : readTextScore();
        }
        return zset(db, keyLength, members, scores);
      }
      case Rdb.TYPE_ZSET_ZIPLIST:
      case Rdb.TYPE_ZSET_LISTPACK: {
        readString();
        final List<byte[]> entries = type == Rdb.TYPE_ZSET_LISTPACK
            ? Packed.listpack(sBase, sOff, sLen) : Packed.ziplist(sBase, sOff, sLen);
        if (entries.size() % 2 != 0) {
          throw new RdbFormatException("sorted set listpack has an odd number of entries");
        }
        final int n = entries.size() / 2;
        final byte[][] members = new byte[n][];
        final double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
          members[i] = entries.get(2 * i);
          scores[i] = parseScore(entries.get(2 * i + 1));
        }
        return zset(db, keyLength, members, scores);
      }
      case Rdb.TYPE_HASH: {
        final int n = count();
        final List<byte[]> pairs = new ArrayList<>(2 * n);
        for (int i = 0; i < 2 * n; i++) {
          pairs.add(readBytes());
        }
        return hash(db, keyLength, pairs);
      }
      case Rdb.TYPE_HASH_ZIPLIST:
      case Rdb.TYPE_HASH_LISTPACK: {
        readString();
        final List<byte[]> pairs = type == Rdb.TYPE_HASH_LISTPACK
            ? Packed.listpack(sBase, sOff, sLen) : Packed.ziplist(sBase, sOff, sLen);
        if (pairs.size() % 2 != 0) {
          throw new RdbFormatException("hash listpack has an odd number of entries");
        }
        return hash(db, keyLength, pairs);
      }
      default:
        throw new RdbFormatException("Unknown RDB value type " + type
            + " (modules, streams and zipmaps are not supported)");
    }
  }

  /** Removes the key the value is about to replace: called once the value has fully decoded. */
  private void clearKey(final Database db, final int keyLength) {
    final long existing = db.find(key, Bytes.ARRAY_BASE, keyLength);
    if (existing != 0) {
      db.delete(existing);
    }
  }

  private long string(final Database db, final int keyLength) {
    clearKey(db, keyLength);
    final long record = db.insert(key, Bytes.ARRAY_BASE, keyLength, Record.TYPE_STRING, sLen, sLen);
    Bytes.copy(sBase, Bytes.ARRAY_BASE + sOff, null, Record.valueAddress(record), sLen);
    final byte encoding;
    if (sLen > 0 && sLen <= 20 && ListpackWriter.parseInteger(sBase, Bytes.ARRAY_BASE + sOff, sLen, number)) {
      encoding = Record.ENCODING_INT;
    } else {
      encoding = sLen <= 44 ? Record.ENCODING_EMBSTR : Record.ENCODING_RAW;
    }
    Record.encoding(record, encoding);
    return record;
  }

  private long list(final Database db, final int keyLength, final List<byte[]> elements) {
    if (elements.isEmpty()) {
      return 0;
    }
    long bytes = 0;
    for (final byte[] e : elements) {
      bytes += Listpack.ENTRY_OVERHEAD + e.length;
    }
    clearKey(db, keyLength);
    if (elements.size() <= listEntries && bytes <= listBytes) {
      return compact(db, keyLength, Record.TYPE_LIST, Record.ENCODING_QUICKLIST_PACKED, elements, bytes);
    }
    final ListDeque deque = new ListDeque(elements.size());
    for (final byte[] e : elements) {
      deque.addLast(e);
    }
    return onHeap(db, keyLength, Record.TYPE_LIST, Record.ENCODING_QUICKLIST, deque);
  }

  private long hash(final Database db, final int keyLength, final List<byte[]> pairs) {
    if (pairs.isEmpty()) {
      return 0;
    }
    long bytes = 0;
    boolean small = pairs.size() / 2 <= hashEntries;
    for (final byte[] e : pairs) {
      bytes += Listpack.ENTRY_OVERHEAD + e.length;
      small &= e.length <= hashValue;
    }
    clearKey(db, keyLength);
    if (small) {
      return compact(db, keyLength, Record.TYPE_HASH, Record.ENCODING_LISTPACK, pairs, bytes);
    }
    final HashTable table = new HashTable(pairs.size() / 2);
    for (int i = 0; i < pairs.size(); i += 2) {
      final byte[] field = pairs.get(i);
      table.put(field, Bytes.ARRAY_BASE, field.length, pairs.get(i + 1));
    }
    return onHeap(db, keyLength, Record.TYPE_HASH, Record.ENCODING_HASHTABLE, table);
  }

  private long set(final Database db, final int keyLength, final List<byte[]> members) {
    if (members.isEmpty()) {
      return 0;
    }
    clearKey(db, keyLength);
    if (members.size() <= intsetEntries) {
      final long[] values = new long[members.size()];
      boolean integers = true;
      for (int i = 0; i < values.length && integers; i++) {
        final byte[] m = members.get(i);
        integers = m.length > 0 && m.length <= 20 && ListpackWriter.parseInteger(m, Bytes.ARRAY_BASE, m.length, number);
        values[i] = number[0];
      }
      if (integers) {
        Arrays.sort(values);
        int unique = 0;
        for (int i = 0; i < values.length; i++) {
          if (i == 0 || values[i] != values[i - 1]) {
            values[unique++] = values[i];
          }
        }
        final long record = Intset.create(db, key, Bytes.ARRAY_BASE, keyLength, unique);
        final long base = Record.valueAddress(record);
        for (int i = 0; i < unique; i++) {
          UnsafeApi.putLong(base + (long) Intset.ENTRY * i, values[i]);
        }
        Record.valueLength(record, Intset.ENTRY * unique);
        return record;
      }
    }
    final MemberTable table = new MemberTable(members.size());
    for (final byte[] m : members) {
      table.add(m);
    }
    return onHeap(db, keyLength, Record.TYPE_SET, Record.ENCODING_HASHTABLE, table);
  }

  private long zset(final Database db, final int keyLength, final byte[][] members, final double[] scores) {
    final int n = members.length;
    if (n == 0) {
      return 0;
    }
    clearKey(db, keyLength);
    boolean small = n <= zsetEntries;
    for (int i = 0; i < n && small; i++) {
      small = members[i].length <= zsetValue;
    }
    if (!small) {
      final SkipList z = new SkipList(null, keyspace.random());
      for (int i = 0; i < n; i++) {
        final SkipList.Node existing = z.find(members[i], Bytes.ARRAY_BASE, members[i].length);
        if (existing != null) {
          z.updateScore(existing, scores[i]);
        } else {
          z.insert(members[i], scores[i]);
        }
      }
      final long record = onHeap(db, keyLength, Record.TYPE_ZSET, Record.ENCODING_SKIPLIST, z);
      z.accountTo(heap);
      return record;
    }
    final Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      final int byScore = Double.compare(scores[a] + 0.0, scores[b] + 0.0);
      return byScore != 0 ? byScore : Bytes.compare(members[a], Bytes.ARRAY_BASE, members[a].length,
          members[b], Bytes.ARRAY_BASE, members[b].length);
    });
    final List<byte[]> entries = new ArrayList<>(2 * n);
    long bytes = 0;
    for (final int i : order) {
      final byte[] score = new byte[8];
      UnsafeApi.putLong(score, Bytes.ARRAY_BASE, Double.doubleToRawLongBits(scores[i] + 0.0));
      entries.add(members[i]);
      entries.add(score);
      bytes += 2L * Listpack.ENTRY_OVERHEAD + members[i].length + 8;
    }
    return compact(db, keyLength, Record.TYPE_ZSET, Record.ENCODING_LISTPACK, entries, bytes);
  }

  private long compact(
      final Database db, final int keyLength, final byte type, final byte encoding,
      final List<byte[]> entries, final long bytes) {
    long record = Listpack.create(db, key, Bytes.ARRAY_BASE, keyLength, type, encoding, (int) bytes);
    for (final byte[] e : entries) {
      record = Listpack.insert(db, record, Listpack.end(record), e, Bytes.ARRAY_BASE, e.length);
    }
    return record;
  }

  private long onHeap(
      final Database db, final int keyLength, final byte type, final byte encoding, final HeapValues.Sized value) {
    final long record = db.insert(key, Bytes.ARRAY_BASE, keyLength, type, 8, 8);
    Record.encoding(record, encoding);
    Record.handle(record, heap.add(value));
    return record;
  }

  /** The old ZSET type's score: a length byte (253 nan, 254 +inf, 255 -inf) and that much text. */
  private double readTextScore() {
    final int length = readByte();
    if (length == 253) {
      return Double.NaN;
    } else if (length == 254) {
      return Double.POSITIVE_INFINITY;
    } else if (length == 255) {
      return Double.NEGATIVE_INFINITY;
    }
    need(length);
    final byte[] text = Arrays.copyOfRange(in, pos, pos + length);
    pos += length;
    return parseScore(text);
  }

  private static double parseScore(final byte[] text) {
    final String s = new String(text, StandardCharsets.US_ASCII);
    switch (s.toLowerCase(Locale.ROOT)) {
      case "inf":
      case "+inf":
      case "infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(s);
        } catch (final NumberFormatException e) {
          throw new RdbFormatException("bad sorted set score '" + s + "'");
        }
    }
  }

  private int count() {
    final long n = readLength();
    if (n > Integer.MAX_VALUE - 8 || n > limit - pos) {
      throw new RdbFormatException("collection length " + n + " is past the end of the data");
    }
    return (int) n;
  }

  private byte[] readBytes() {
    readString();
    return Arrays.copyOfRange(sBase, sOff, sOff + sLen);
  }

  /** Redis's {@code rdbGenericLoadStringObject}: plain, integer-encoded or LZF-compressed. */
  private void readString() {
    final int first = readByte();
    final int kind = first >>> 6;
    if (kind == 3) {
      final int enc = first & 0x3f;
      long value;
      switch (enc) {
        case Rdb.ENC_INT8:
          value = (byte) readByte();
          break;
        case Rdb.ENC_INT16:
          value = (short) (readByte() | readByte() << 8);
          break;
        case Rdb.ENC_INT32:
          value = readIntLE();
          break;
        case Rdb.ENC_LZF: {
          final long compressed = readLength();
          final long length = readLength();
          if (compressed > limit - pos || length > Integer.MAX_VALUE - 8) {
            throw new RdbFormatException("LZF string runs past the end");
          }
          final byte[] out = new byte[(int) length];
          Lzf.decompress(in, pos, (int) compressed, out);
          pos += (int) compressed;
          sBase = out;
          sOff = 0;
          sLen = out.length;
          return;
        }
        default:
          throw new RdbFormatException("Unknown RDB string encoding type " + enc);
      }
      sBase = digits;
      sOff = 0;
      sLen = Numbers.putLong(digits, 0, value);
      return;
    }
    pos--;
    final long length = readLength();
    if (length > limit - pos) {
      throw new RdbFormatException("string of " + length + " bytes runs past the end of the data");
    }
    sBase = in;
    sOff = pos;
    sLen = (int) length;
    pos += sLen;
  }

  /** Redis's {@code rdbLoadLen} for plain lengths (special encodings are strings' business). */
  private long readLength() {
    final int first = readByte();
    switch (first >>> 6) {
      case 0:
        return first & 0x3f;
      case 1:
        return (first & 0x3f) << 8 | readByte();
      case 2:
        if (first == 0x80) {
          return (long) readByte() << 24 | readByte() << 16 | readByte() << 8 | readByte();
        } else if (first == 0x81) {
          long v = 0;
          for (int i = 0; i < 8; i++) {
            v = v << 8 | readByte();
          }
          return v;
        }
        throw new RdbFormatException("Unknown length encoding " + first);
      default:
        throw new RdbFormatException("unexpected string encoding where a length was expected");
    }
  }

  private int readByte() {
    need(1);
    return in[pos++] & 0xff;
  }

  private int readIntLE() {
    need(4);
    final int v = (int) Packed.u32(in, pos);
    pos += 4;
    return v;
  }

  private long readLongLE() {
    need(8);
    final long v = Packed.u32(in, pos) | Packed.u32(in, pos + 4) << 32;
    pos += 8;
    return v;
  }

  private void need(final int n) {
    if (n > limit - pos) {
      throw new RdbFormatException("Unexpected EOF reading RDB file at offset " + pos);
    }
  }
}
