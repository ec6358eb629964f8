package io.rustyredis.engine.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rustyredis.engine.EngineHarness;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The RDB codec on its own and through DUMP/RESTORE/SAVE: every type in each of its encodings
 * survives a round trip with its value, encoding and deadline, our bytes equal real Redis 7.0.15's
 * for the same values, and Redis's payloads (captured from a real server) read back right.
 */
class RdbCodecTest {
  /** DUMP payloads real redis-server 7.0.15 produced for the values in {@link #fromRedis}. */
  private static final String REDIS_LZF_STRING = "00c31040a008616263646566676861e08c070167680a00a2b2ee8cb477f14a";
  private static final String REDIS_HASH = "10151500000004008266310382763103826632030201ff0a005c5ea813feec1ff5";
  private static final String REDIS_ZSET = "111a1a0000000600816302dffd0281610283312e35048162020201ff0a0088c4c030f0ae8276";
  private static final String REDIS_INTSET = "0b18040000000400000001000000020000002c010000701101000a001440c9b9e6eb5e6a";
  private static final String REDIS_LIST =
      "1201021e1e00000005008161020101f178ec0382626203f4141a99be1c00000009ff0a001ae4ab9f5cfb49d6";

  @Test
  void crc64MatchesRedisCheckValue() {
    final byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xe9c6d914c4b8d9caL, Crc64.update(0, data, 0, data.length));
  }

  @Test
  void crc64SlicedEqualsByteAtATime() {
    final byte[] data = new byte[1000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    long oneByOne = 0;
    for (int i = 0; i < data.length; i++) {
      oneByOne = Crc64.update(oneByOne, data, i, 1);
    }
    assertEquals(oneByOne, Crc64.update(0, data, 0, data.length));
  }

  @Test
  void dumpOfCompactValuesIsByteForByteWhatRedisWrites() {
    final EngineHarness h = new EngineHarness();
    h.run("HSET", "h", "f1", "v1", "f2", "2");
    h.run("ZADD", "z", "1.5", "a", "2", "b", "-3", "c");
    h.run("SADD", "s", "1", "2", "300", "70000");
    h.run("RPUSH", "l", "a", "1", "-5000", "bb", "123456789012");
    assertEquals(REDIS_HASH, hex(dump(h, "h")));
    assertEquals(REDIS_ZSET, hex(dump(h, "z")));
    assertEquals(REDIS_INTSET, hex(dump(h, "s")));
    assertEquals(REDIS_LIST, hex(dump(h, "l")));
  }

  @Test
  void restoresPayloadsMadeByRedisIncludingLzfStrings() {
    final EngineHarness h = new EngineHarness();
    assertEquals("+OK\r\n", restore(h, "lz", REDIS_LZF_STRING));
    assertEquals("+OK\r\n", restore(h, "h", REDIS_HASH));
    assertEquals("+OK\r\n", restore(h, "z", REDIS_ZSET));
    assertEquals("+OK\r\n", restore(h, "s", REDIS_INTSET));
    assertEquals("+OK\r\n", restore(h, "l", REDIS_LIST));
    assertEquals("$160\r\n" + "abcdefgh".repeat(20) + "\r\n", h.run("GET", "lz"));
    assertEquals("*4\r\n$2\r\nf1\r\n$2\r\nv1\r\n$2\r\nf2\r\n$1\r\n2\r\n", h.run("HGETALL", "h"));
    assertEquals("*6\r\n$1\r\nc\r\n$2\r\n-3\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n",
        h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    assertEquals("*4\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\n300\r\n$5\r\n70000\r\n", h.run("SMEMBERS", "s"));
    assertEquals("*5\r\n$1\r\na\r\n$1\r\n1\r\n$5\r\n-5000\r\n$2\r\nbb\r\n$12\r\n123456789012\r\n",
        h.run("LRANGE", "l", "0", "-1"));
    assertEquals("$6\r\nintset\r\n", h.run("OBJECT", "ENCODING", "s"));
    assertEquals("$8\r\nlistpack\r\n", h.run("OBJECT", "ENCODING", "z"));
  }

  @Test
  void snapshotRoundTripKeepsEveryTypeEncodingValueAndDeadline() {
    final EngineHarness a = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    a.engine().persistence().snapshots(store);
    populate(a);
    final String before = describe(a);
    assertEquals("+OK\r\n", a.run("SAVE"));
    final EngineHarness b = new EngineHarness();
    b.time(a.time());
    assertEquals(countKeys(a), b.engine().persistence().load(store.last(), b.time()));
    assertEquals(before, describe(b));
  }

  @Test
  void snapshotsCarryFunctionLibraries() {
    final EngineHarness a = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    a.engine().persistence().snapshots(store);
    a.run("FUNCTION", "LOAD", "#!lua name=lib\nredis.register_function('hi', function() return 'hello' end)");
    a.run("SET", "k", "v");
    assertEquals("+OK\r\n", a.run("SAVE"));
    final EngineHarness b = new EngineHarness();
    assertEquals(1, b.engine().persistence().load(store.last(), a.time()));
    assertEquals("$5\r\nhello\r\n", b.run("FCALL", "hi", "0"));
    a.run("FUNCTION", "FLUSH");
    assertEquals("+Background saving started\r\n", a.run("BGSAVE"));
    for (int i = 0; i < 100 && a.run("INFO", "persistence").contains("rdb_bgsave_in_progress:1"); i++) {
      a.tick();
    }
    final EngineHarness c = new EngineHarness();
    c.engine().persistence().load(store.last(), a.time());
    assertEquals("*0\r\n", c.run("FUNCTION", "LIST"), "the flushed library is not in the later image");
    assertEquals("$1\r\nv\r\n", c.run("GET", "k"));
  }

  @Test
  void keysPastTheirDeadlineAreDroppedOnLoadAndCounted() {
    final EngineHarness a = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    a.engine().persistence().snapshots(store);
    a.run("SET", "short", "v", "PX", "1000");
    a.run("SET", "long", "v", "PX", "100000");
    a.run("SAVE");
    final EngineHarness b = new EngineHarness();
    assertEquals(1, b.engine().persistence().load(store.last(), a.time() + 5000));
    b.time(a.time() + 5000);
    assertEquals(":1\r\n", b.run("DBSIZE"));
    final String info = b.run("INFO", "persistence");
    assertTrue(info.contains("rdb_last_load_keys_expired:1\r\n"), info);
    assertTrue(info.contains("rdb_last_load_keys_loaded:1\r\n"), info);
  }

  @Test
  void dumpThenRestoreReproducesEveryKey() {
    final EngineHarness a = new EngineHarness();
    populate(a);
    final EngineHarness b = new EngineHarness();
    b.time(a.time());
    for (int db = 0; db < 16; db++) {
      a.run("SELECT", Integer.toString(db));
      b.run("SELECT", Integer.toString(db));
      for (final String key : keys(a)) {
        final byte[] payload = dump(a, key);
        final String pttl = a.run("PTTL", key);
        final long ttl = Long.parseLong(pttl.substring(1, pttl.length() - 2));
        assertEquals("+OK\r\n", b.runBytes(bytes("RESTORE"), bytes(key), bytes(Long.toString(Math.max(0, ttl))), payload));
      }
    }
    assertEquals(describe(a), describe(b));
  }

  @Test
  void restoreRefusesAnExistingKeyUnlessReplace() {
    final EngineHarness h = new EngineHarness();
    h.run("SET", "k", "v");
    final byte[] payload = dump(h, "k");
    assertEquals("-BUSYKEY Target key name already exists.\r\n", h.runBytes(bytes("RESTORE"), bytes("k"), bytes("0"), payload));
    h.run("SET", "k", "other");
    assertEquals("+OK\r\n", h.runBytes(bytes("RESTORE"), bytes("k"), bytes("0"), payload, bytes("REPLACE")));
    assertEquals("$1\r\nv\r\n", h.run("GET", "k"));
  }

  @Test
  void restoreChecksVersionChecksumAndArguments() {
    final EngineHarness h = new EngineHarness();
    h.run("SET", "k", "v");
    final byte[] payload = dump(h, "k");
    final byte[] corrupt = payload.clone();
    corrupt[corrupt.length - 1] ^= 1;
    assertEquals("-ERR DUMP payload version or checksum are wrong\r\n",
        h.runBytes(bytes("RESTORE"), bytes("x"), bytes("0"), corrupt));
    assertEquals("-ERR Invalid TTL value, must be >= 0\r\n", h.runBytes(bytes("RESTORE"), bytes("x"), bytes("-1"), payload));
    assertEquals("-ERR value is not an integer or out of range\r\n",
        h.runBytes(bytes("RESTORE"), bytes("x"), bytes("abc"), payload));
    assertEquals("-ERR syntax error\r\n", h.runBytes(bytes("RESTORE"), bytes("x"), bytes("0"), payload, bytes("BOGUS")));
    assertEquals("-ERR Invalid IDLETIME value, must be >= 0\r\n",
        h.runBytes(bytes("RESTORE"), bytes("x"), bytes("0"), payload, bytes("IDLETIME"), bytes("-1")));
    assertEquals("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n",
        h.runBytes(bytes("RESTORE"), bytes("x"), bytes("0"), payload, bytes("FREQ"), bytes("256")));
    assertEquals("-ERR syntax error\r\n", h.runBytes(bytes("RESTORE"), bytes("x"), bytes("0"), payload,
        bytes("IDLETIME"), bytes("1"), bytes("FREQ"), bytes("1")));
    assertEquals("-ERR wrong number of arguments for 'restore' command\r\n", h.run("RESTORE", "x", "0"));
    assertEquals("$-1\r\n", h.run("DUMP", "missing"));
  }

  @Test
  void restoreRejectsAWellSummedPayloadThatIsNotAValue() {
    final EngineHarness h = new EngineHarness();
    final RdbOutput out = new RdbOutput(64);
    out.write(Rdb.TYPE_HASH_LISTPACK);
    out.writeString("not a listpack");
    out.write(Rdb.VERSION);
    out.write(0);
    out.writeChecksum();
    assertEquals("-ERR Bad data format\r\n", h.runBytes(bytes("RESTORE"), bytes("x"), bytes("0"), out.toArray()));
    assertEquals(":0\r\n", h.run("EXISTS", "x"));
  }

  @Test
  void restoreHonoursTtlAbsttlAndIdletime() {
    final EngineHarness h = new EngineHarness();
    h.run("SET", "k", "v");
    final byte[] payload = dump(h, "k");
    assertEquals("+OK\r\n", h.runBytes(bytes("RESTORE"), bytes("a"), bytes("5000"), payload));
    assertEquals(":5000\r\n", h.run("PTTL", "a"));
    final String at = Long.toString(h.time() + 7000);
    assertEquals("+OK\r\n", h.runBytes(bytes("RESTORE"), bytes("b"), bytes(at), payload, bytes("ABSTTL")));
    assertEquals(":7000\r\n", h.run("PTTL", "b"));
    assertEquals("+OK\r\n", h.runBytes(bytes("RESTORE"), bytes("c"), bytes("1000"), payload, bytes("ABSTTL")));
    assertEquals(":0\r\n", h.run("EXISTS", "c"));
    assertEquals("+OK\r\n", h.runBytes(bytes("RESTORE"), bytes("d"), bytes("0"), payload, bytes("IDLETIME"), bytes("100")));
    assertEquals(":100\r\n", h.run("OBJECT", "IDLETIME", "d"));
  }

  @Test
  void restoreJournalsAnAbsoluteDeadline() {
    final EngineHarness h = new EngineHarness();
    h.engine().journaling(true);
    h.run("SET", "k", "v");
    final byte[] payload = dump(h, "k");
    h.runBytes(bytes("RESTORE"), bytes("a"), bytes("5000"), payload);
    final String effects = h.effects();
    assertTrue(effects.contains("RESTORE"), effects);
    assertTrue(effects.contains(Long.toString(h.time() + 5000)), effects);
    assertTrue(effects.contains("ABSTTL"), effects);
  }

  @Test
  void saveResetsChangesAndMovesLastsave() {
    final EngineHarness h = new EngineHarness();
    changes(h, 2);
    assertTrue(h.run("INFO", "persistence").contains("rdb_changes_since_last_save:2\r\n"));
    h.advance(5000);
    assertEquals("+OK\r\n", h.run("SAVE"));
    assertTrue(h.run("INFO", "persistence").contains("rdb_changes_since_last_save:0\r\n"));
    assertEquals(":" + h.time() / 1000 + "\r\n", h.run("LASTSAVE"));
  }

  @Test
  void bgsaveFinishesOnATickAndSchedulesBehindARunningOne() {
    final EngineHarness h = new EngineHarness();
    final CompletableFuture<Void> pending = new CompletableFuture<>();
    final MemorySnapshots store = new MemorySnapshots();
    h.engine().persistence().snapshots(new Snapshots() {
      @Override
      public void save(final RdbOutput image) {
        store.save(image);
      }

      @Override
      public CompletableFuture<Void> saveInBackground(final RdbOutput image) {
        store.save(image);
        return pending;
      }
    });
    changes(h, 1);
    assertEquals("+Background saving started\r\n", h.run("BGSAVE"));
    changes(h, 1);
    assertEquals("-ERR Background save already in progress\r\n", h.run("BGSAVE"));
    assertEquals("-ERR Background save already in progress\r\n", h.run("SAVE"));
    assertEquals("+Background saving scheduled\r\n", h.run("BGSAVE", "SCHEDULE"));
    assertEquals("-ERR syntax error\r\n", h.run("BGSAVE", "NOW"));
    assertTrue(h.run("INFO", "persistence").contains("rdb_bgsave_in_progress:1\r\n"));
    pending.complete(null);
    h.advance(200).tick();
    // The first finished (one change left, made after it began) and the scheduled one started.
    final String info = h.run("INFO", "persistence");
    assertTrue(info.contains("rdb_changes_since_last_save:1\r\n"), info);
    assertTrue(info.contains("rdb_bgsave_in_progress:1\r\n"), info);
    assertTrue(info.contains("rdb_saves:1\r\n"), info);
  }

  /** A journal base whose writes complete when the test says, with sizes the test sets. */
  private static final class PendingBase implements JournalBase {
    CompletableFuture<Void> pending = new CompletableFuture<>();
    byte[] last;
    int begun;
    long current;
    long base;

    @Override
    public void begin() {
      begun++;
    }

    @Override
    public CompletableFuture<Void> saveBase(final RdbOutput image) {
      last = image.toArray();
      return pending;
    }

    @Override
    public long currentSize() {
      return current;
    }

    @Override
    public long baseSize() {
      return base;
    }
  }

  @Test
  void bgrewriteaofRepliesAsRedisBesideBgsave() {
    final EngineHarness h = new EngineHarness();
    final CompletableFuture<Void> save = new CompletableFuture<>();
    h.engine().persistence().snapshots(new Snapshots() {
      @Override
      public void save(final RdbOutput image) {}

      @Override
      public CompletableFuture<Void> saveInBackground(final RdbOutput image) {
        return save;
      }
    });
    final PendingBase base = new PendingBase();
    h.engine().persistence().journalBase(base);
    changes(h, 1);
    assertEquals("+Background saving started\r\n", h.run("BGSAVE"));
    assertEquals("+Background append only file rewriting scheduled\r\n", h.run("BGREWRITEAOF"));
    assertTrue(h.run("INFO", "persistence").contains("aof_rewrite_scheduled:1\r\n"));
    save.complete(null);
    h.advance(200).tick();
    String info = h.run("INFO", "persistence");
    assertTrue(info.contains("aof_rewrite_in_progress:1\r\naof_rewrite_scheduled:0\r\n"), info);
    assertEquals(1, base.begun);
    assertEquals("-ERR Background append only file rewriting already in progress\r\n", h.run("BGREWRITEAOF"));
    assertEquals("-ERR Another child process is active (AOF?): can't BGSAVE right now. "
        + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.\r\n",
        h.run("BGSAVE"));
    final String image = new String(base.last, StandardCharsets.ISO_8859_1);
    assertTrue(image.startsWith("REDIS0010") && image.contains("aof-base"), "the base says it is one");
    base.pending.completeExceptionally(new java.io.IOException("disk full"));
    h.advance(1200).tick();
    info = h.run("INFO", "persistence");
    assertTrue(info.contains("aof_rewrite_in_progress:0\r\n") && info.contains("aof_last_bgrewrite_status:err\r\n")
        && info.contains("aof_rewrites:1\r\naof_rewrites_consecutive_failures:1\r\n")
        && info.contains("aof_last_rewrite_time_sec:1\r\n"), info);
    base.pending = CompletableFuture.completedFuture(null);
    assertEquals("+Background append only file rewriting started\r\n", h.run("BGREWRITEAOF"));
    h.advance(10).tick();
    info = h.run("INFO", "persistence");
    assertTrue(info.contains("aof_last_bgrewrite_status:ok\r\n") && info.contains("aof_rewrites_consecutive_failures:0\r\n"), info);
  }

  @Test
  void theJournalIsRewrittenWhenItGrowsPastThePercentageAndTheMinimum() {
    final EngineHarness h = new EngineHarness();
    final PendingBase base = new PendingBase();
    base.pending = CompletableFuture.completedFuture(null);
    h.engine().persistence().journalBase(base);
    assertEquals("+OK\r\n", h.run("CONFIG", "SET", "auto-aof-rewrite-min-size", "1000"));
    h.run("CONFIG", "SET", "appendonly", "yes");
    base.base = 600;
    base.current = 1100;
    h.advance(200).tick();
    assertEquals(0, base.begun, "grown 83%: not yet");
    base.current = 1200;
    h.advance(200).tick();
    assertEquals(1, base.begun, "grown 100% and past the minimum");
    base.base = 5000;
    base.current = 900;
    h.run("CONFIG", "SET", "auto-aof-rewrite-percentage", "0");
    base.current = 100_000;
    h.advance(200).tick();
    assertEquals(1, base.begun, "percentage 0 turns it off");
    assertTrue(h.run("INFO", "persistence").contains("aof_current_size:100000\r\naof_base_size:5000\r\n"));
  }

  @Test
  void savePointsTriggerABackgroundSave() {
    final EngineHarness h = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    h.engine().persistence().snapshots(store);
    assertEquals("+OK\r\n", h.run("CONFIG", "SET", "save", "10 2"));
    changes(h, 1);
    h.advance(11_000).tick();
    assertEquals(null, store.last());
    changes(h, 1);
    h.advance(200).tick();
    assertNotNull(store.last());
    h.advance(200).tick();
    assertTrue(h.run("INFO", "persistence").contains("rdb_changes_since_last_save:0\r\n"));
  }

  @Test
  void shutdownSavesWhenSavePointsAreConfiguredUnlessNosave() {
    final EngineHarness h = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    h.engine().persistence().snapshots(store);
    h.run("SET", "a", "1");
    h.run("SHUTDOWN", "NOSAVE");
    assertEquals(null, store.last());
    final EngineHarness h2 = new EngineHarness();
    h2.engine().persistence().snapshots(store);
    h2.run("SET", "a", "1");
    h2.run("SHUTDOWN");
    assertEquals(null, store.last());
    final EngineHarness h3 = new EngineHarness();
    h3.engine().persistence().snapshots(store);
    h3.run("CONFIG", "SET", "save", "3600 1");
    h3.run("SET", "a", "1");
    h3.run("SHUTDOWN");
    assertNotNull(store.last());
    assertEquals("-ERR syntax error\r\n", new EngineHarness().run("SHUTDOWN", "SAVE", "NOSAVE"));
  }

  @Test
  void loaderRefusesABadChecksumAndBadMagic() {
    final EngineHarness a = new EngineHarness();
    final MemorySnapshots store = new MemorySnapshots();
    a.engine().persistence().snapshots(store);
    a.run("SET", "k", "v");
    a.run("SAVE");
    final byte[] file = store.last();
    final RdbFormatException sum = assertThrows(RdbFormatException.class,
        () -> new EngineHarness().engine().persistence().load(withCorrectByteButWrongSum(file), 0));
    assertEquals("Wrong RDB checksum", sum.getMessage());
    final byte[] magic = file.clone();
    magic[0] = 'X';
    assertThrows(RdbFormatException.class, () -> new EngineHarness().engine().persistence().load(magic, 0));
  }

  @Test
  void lzfRoundTripsAndDeclinesWhatItCannotShrink() {
    final SplittableRandom random = new SplittableRandom(42);
    final Lzf lzf = new Lzf();
    for (int round = 0; round < 200; round++) {
      final byte[] data = new byte[random.nextInt(4, 20_000)];
      final int alphabet = 1 + random.nextInt(round % 2 == 0 ? 4 : 256);
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) random.nextInt(alphabet);
      }
      final byte[] packed = new byte[data.length];
      final int length = lzf.compress(data, 0, data.length, packed, data.length - 4);
      if (length == 0) {
        assertTrue(alphabet > 4, "a low-entropy input must compress");
        continue;
      }
      final byte[] back = new byte[data.length];
      Lzf.decompress(packed, 0, length, back);
      assertArrayEquals(data, back);
    }
  }

  @Test
  void compressedSnapshotsLoadBackAndUncompressedOnesToo() {
    for (final String compression : new String[] {"yes", "no"}) {
      final EngineHarness a = new EngineHarness();
      a.run("CONFIG", "SET", "rdbcompression", compression);
      final MemorySnapshots store = new MemorySnapshots();
      a.engine().persistence().snapshots(store);
      populate(a);
      a.run("SET", "long", "abcdefgh".repeat(1000));
      a.run("SAVE");
      final EngineHarness b = new EngineHarness();
      b.time(a.time());
      b.engine().persistence().load(store.last(), b.time());
      assertEquals(describe(a), describe(b));
    }
  }

  @Test
  void listpackWriterEncodesIntegersInTheirSmallestForm() {
    final ListpackWriter w = new ListpackWriter().reset();
    for (final String s : new String[] {"0", "127", "128", "-4096", "4095", "-32768", "8388607", "2147483647",
        "9223372036854775807", "-9223372036854775808", "007", "-0", "x"}) {
      w.append(bytes(s));
    }
    w.finish();
    final List<byte[]> back = Packed.listpack(w.array(), 0, w.length());
    final String[] text = back.stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toArray(String[]::new);
    assertArrayEquals(new String[] {"0", "127", "128", "-4096", "4095", "-32768", "8388607", "2147483647",
        "9223372036854775807", "-9223372036854775808", "007", "-0", "x"}, text);
  }

  /**
   * Counts writes the way commands do (Redis's server.dirty), without depending on which commands
   * already report their changes.
   */
  private static void changes(final EngineHarness h, final long n) {
    h.engine().signals().dirty(n);
  }

  /** A file whose checksum no longer matches: one value byte flipped, the footer left as it was. */
  private static byte[] withCorrectByteButWrongSum(final byte[] file) {
    final byte[] copy = file.clone();
    final int at = indexOf(copy, bytes("k"));
    copy[at] = 'j';
    return copy;
  }

  private static int indexOf(final byte[] data, final byte[] needle) {
    for (int i = data.length - needle.length - 9; i >= 0; i--) {
      if (Arrays.equals(Arrays.copyOfRange(data, i, i + needle.length), needle)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  /** Every type in each encoding, with and without deadlines, in two databases. */
  static void populate(final EngineHarness h) {
    h.run("SET", "str:int", "12345");
    h.run("SET", "str:neg", "-7");
    h.run("SET", "str:big", "123456789012345");
    h.run("SET", "str:embstr", "hello");
    h.run("SET", "str:raw", "x".repeat(100));
    h.run("SET", "str:empty", "");
    h.run("SET", "str:ttl", "v", "PX", "60000");
    h.run("RPUSH", "list:small", "a", "1", "-5000", "bb", "123456789012");
    final String[] bigList = new String[302];
    bigList[0] = "RPUSH";
    bigList[1] = "list:big";
    for (int i = 0; i < 300; i++) {
      bigList[i + 2] = "element-" + i + "-" + "y".repeat(i % 50);
    }
    h.run(bigList);
    h.run("HSET", "hash:small", "f1", "v1", "f2", "2");
    h.run("HSET", "hash:bigvalue", "f", "z".repeat(100), "n", "3");
    final String[] bigHash = new String[2 + 2 * 600];
    bigHash[0] = "HSET";
    bigHash[1] = "hash:big";
    for (int i = 0; i < 600; i++) {
      bigHash[2 + 2 * i] = "field" + i;
      bigHash[3 + 2 * i] = Integer.toString(i * 7);
    }
    h.run(bigHash);
    h.run("PEXPIRE", "hash:big", "120000");
    h.run("SADD", "set:intset", "1", "2", "300", "70000", "-5", "9223372036854775807");
    h.run("SADD", "set:table", "a", "b", "1");
    final String[] bigIntset = new String[2 + 600];
    bigIntset[0] = "SADD";
    bigIntset[1] = "set:manyints";
    for (int i = 0; i < 600; i++) {
      bigIntset[2 + i] = Integer.toString(i * 3);
    }
    h.run(bigIntset);
    h.run("ZADD", "zset:small", "1.5", "a", "2", "b", "-3", "c", "inf", "d", "-inf", "e", "0.1", "f");
    final String[] bigZset = new String[2 + 2 * 200];
    bigZset[0] = "ZADD";
    bigZset[1] = "zset:big";
    for (int i = 0; i < 200; i++) {
      bigZset[2 + 2 * i] = Double.toString(i / 3.0);
      bigZset[3 + 2 * i] = "member" + i;
    }
    h.run(bigZset);
    h.run("ZADD", "zset:longmember", "1", "m".repeat(80));
    h.run("SELECT", "3");
    h.run("SET", "other", "db3", "EX", "100");
    h.run("SELECT", "0");
  }

  /** Each database's keys, sorted, with type, encoding, TTL and full contents. */
  static String describe(final EngineHarness h) {
    final StringBuilder out = new StringBuilder();
    for (int db = 0; db < 16; db++) {
      h.run("SELECT", Integer.toString(db));
      for (final String key : keys(h)) {
        out.append(db).append(' ').append(key).append(' ').append(h.run("TYPE", key))
            .append(h.run("OBJECT", "ENCODING", key)).append(h.run("PTTL", key));
        final String type = h.run("TYPE", key);
        switch (type) {
          case "+string\r\n":
            out.append(h.run("GET", key));
            break;
          case "+list\r\n":
            out.append(h.run("LRANGE", key, "0", "-1"));
            break;
          case "+hash\r\n":
            out.append(sortedLines(h.run("HGETALL", key)));
            break;
          case "+set\r\n":
            out.append(sortedLines(h.run("SMEMBERS", key)));
            break;
          default:
            out.append(h.run("ZRANGE", key, "0", "-1", "WITHSCORES"));
        }
        out.append('\n');
      }
    }
    h.run("SELECT", "0");
    return out.toString();
  }

  private static long countKeys(final EngineHarness h) {
    long n = 0;
    for (int db = 0; db < 16; db++) {
      h.run("SELECT", Integer.toString(db));
      n += keys(h).length;
    }
    h.run("SELECT", "0");
    return n;
  }

  private static String sortedLines(final String reply) {
    final String[] lines = reply.split("\r\n");
    Arrays.sort(lines);
    return String.join("|", lines);
  }

  private static String[] keys(final EngineHarness h) {
    final String[] lines = h.run("KEYS", "*").split("\r\n");
    final String[] keys = new String[(lines.length - 1) / 2];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = lines[2 + 2 * i];
    }
    Arrays.sort(keys);
    return keys;
  }

  private static byte[] dump(final EngineHarness h, final String key) {
    h.run("DUMP", key);
    final byte[] reply = Arrays.copyOf(h.lastEvent().reply.array(), h.lastEvent().reply.length());
    int header = 0;
    while (reply[header] != '\r') {
      header++;
    }
    final int length = Integer.parseInt(new String(reply, 1, header - 1, StandardCharsets.US_ASCII));
    return Arrays.copyOfRange(reply, header + 2, header + 2 + length);
  }

  private static String restore(final EngineHarness h, final String key, final String hexPayload) {
    return h.runBytes(bytes("RESTORE"), bytes(key), bytes("0"), HexFormat.of().parseHex(hexPayload));
  }

  private static String hex(final byte[] data) {
    return HexFormat.of().formatHex(data);
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
