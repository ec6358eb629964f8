package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Glob;
import io.rustyredis.engine.Numbers;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.HeapValues;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.signals.KeyspaceSignals;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The generic key commands of Redis's {@code db.c}, {@code expire.c} and {@code object.c}: commands
 * that work on a key whatever its type (DEL, RENAME, EXPIRE, SCAN, OBJECT, ...) and on whole
 * databases (DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, which Redis documents in its "server" group).
 *
 * <p>As in Redis, some lookups count as an access of the key (they update its access time, which
 * OBJECT IDLETIME and LRU eviction read) and some do not: TYPE, TTL, EXISTS and OBJECT only look.
 * {@link #peek} is the lookup that does not touch, {@link CommandContext#lookup} the one that does.
 */
public final class KeyCommands {
  private static final int SHARED_INTEGERS = 10_000;
  private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PEXPIREAT = "PEXPIREAT".getBytes(StandardCharsets.US_ASCII);
  private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
  /** Past this, the buffer a KEYS over a large database grew is dropped rather than kept. */
  private static final int RETAINED_FOUND = 1 << 16;
  private static final String[] OBJECT_HELP = {
    "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "ENCODING <key>",
    "    Return the kind of internal representation used in order to store the value",
    "    associated with a <key>.",
    "FREQ <key>",
    "    Return the access frequency index of the <key>. The returned integer is",
    "    proportional to the logarithm of the recent access frequency of the key.",
    "IDLETIME <key>",
    "    Return the idle time of the <key>, that is the approximated number of",
    "    seconds elapsed since the last access to the key.",
    "REFCOUNT <key>",
    "    Return the number of references of the value associated with the specified",
    "    <key>.",
    "HELP",
    "    Prints this help.",
  };
  private static final String LFU_NOT_SELECTED = "ERR An LFU maxmemory policy is not selected, access frequency "
      + "not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some "
      + "time to adjust.";
  private static final String LFU_SELECTED = "ERR An LFU maxmemory policy is selected, idle time not tracked. "
      + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

  private final Keyspace keyspace;
  private final Config config;
  private final long[] number = new long[1];
  private final ScanOptions scanOptions = new ScanOptions();
  private final byte[] digits = new byte[20];
  /** Records gathered by one SCAN or KEYS call, reused across calls. */
  private long[] found = new long[64];
  private int foundCount;
  private final Database.RecordVisitor collect = this::collect;

  public KeyCommands(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.config = config;
  }

  public void declare(final CommandTable table) {
    table.add(command("del", -2).flags(WRITE).keys(1, -1, 1).acl("@keyspace @write @slow")
        .doc("Delete a key", "1.0.0", "generic", "O(N) where N is the number of keys that will be removed. When a "
            + "key to remove holds a value other than a string, the individual complexity for this key is O(M) "
            + "where M is the number of elements in the list, set, sorted set or hash. Removing a single key that "
            + "holds a string value is O(1).").handler(this::del));
    table.add(command("unlink", -2).flags(WRITE, FAST).keys(1, -1, 1).acl("@keyspace @write @fast")
        .doc("Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.",
            "4.0.0", "generic", "O(1) for each key removed regardless of its size. Then the command does O(N) work "
            + "in a different thread in order to reclaim memory, where N is the number of allocations the deleted "
            + "objects where composed of.").handler(this::del));
    table.add(command("exists", -2).flags(READONLY, FAST).keys(1, -1, 1).acl("@keyspace @read @fast")
        .doc("Determine if a key exists", "1.0.0", "generic", "O(N) where N is the number of keys to check.")
        .handler(this::exists));
    table.add(command("type", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@keyspace @read @fast")
        .doc("Determine the type stored at key", "1.0.0", "generic", "O(1)").handler(this::type));
    table.add(command("rename", 3).flags(WRITE).keys(1, 2, 1).acl("@keyspace @write @slow")
        .doc("Rename a key", "1.0.0", "generic", "O(1)").handler(this::rename));
    table.add(command("renamenx", 3).flags(WRITE, FAST).keys(1, 2, 1).acl("@keyspace @write @fast")
        .doc("Rename a key, only if the new key does not exist", "1.0.0", "generic", "O(1)").handler(this::renamenx));
    table.add(command("move", 3).flags(WRITE, FAST).keys(1, 1, 1).acl("@keyspace @write @fast")
        .doc("Move a key to another database", "1.0.0", "generic", "O(1)").handler(this::move));
    table.add(command("copy", -3).flags(WRITE, DENYOOM).keys(1, 2, 1).acl("@keyspace @write @slow")
        .doc("Copy a key", "6.2.0", "generic",
            "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.")
        .handler(this::copy));
    table.add(command("keys", 2).flags(READONLY).acl("@keyspace @read @slow @dangerous")
        .doc("Find all keys matching the given pattern", "1.0.0", "generic", "O(N) with N being the number of keys "
            + "in the database, under the assumption that the key names in the database and the given pattern have "
            + "limited length.").handler(this::keys));
    table.add(command("scan", -2).flags(READONLY).acl("@keyspace @read @slow")
        .doc("Incrementally iterate the keys space", "2.8.0", "generic", "O(1) for every call. O(N) for a complete "
            + "iteration, including enough command calls for the cursor to return back to 0. N is the number of "
            + "elements inside the collection.").handler(this::scan));
    table.add(command("randomkey", 1).flags(READONLY).acl("@keyspace @read @slow")
        .doc("Return a random key from the keyspace", "1.0.0", "generic", "O(1)").handler(this::randomkey));
    table.add(command("dbsize", 1).flags(READONLY, FAST).acl("@keyspace @read @fast")
        .doc("Return the number of keys in the selected database", "1.0.0", "server", "O(1)").handler(this::dbsize));
    table.add(command("flushdb", -1).flags(WRITE).acl("@keyspace @write @slow @dangerous")
        .doc("Remove all keys from the current database", "1.0.0", "server",
            "O(N) where N is the number of keys in the selected database").handler(this::flushdb));
    table.add(command("flushall", -1).flags(WRITE).acl("@keyspace @write @slow @dangerous")
        .doc("Remove all keys from all databases", "1.0.0", "server",
            "O(N) where N is the total number of keys in all databases").handler(this::flushall));
    table.add(command("swapdb", 3).flags(WRITE, FAST).acl("@keyspace @write @fast @dangerous")
        .doc("Swaps two Redis databases", "4.0.0", "server",
            "O(N) where N is the count of clients watching or blocking on keys from both databases.")
        .handler(this::swapdb));
    table.add(command("expire", -3).flags(WRITE, FAST).keys(1, 1, 1).acl("@keyspace @write @fast")
        .doc("Set a key's time to live in seconds", "1.0.0", "generic", "O(1)").handler(this::expire));
    table.add(command("pexpire", -3).flags(WRITE, FAST).keys(1, 1, 1).acl("@keyspace @write @fast")
        .doc("Set a key's time to live in milliseconds", "2.6.0", "generic", "O(1)").handler(this::pexpire));
    table.add(command("expireat", -3).flags(WRITE, FAST).keys(1, 1, 1).acl("@keyspace @write @fast")
        .doc("Set the expiration for a key as a UNIX timestamp", "1.2.0", "generic", "O(1)").handler(this::expireat));
    table.add(command("pexpireat", -3).flags(WRITE, FAST).keys(1, 1, 1).acl("@keyspace @write @fast")
        .doc("Set the expiration for a key as a UNIX timestamp specified in milliseconds", "2.6.0", "generic", "O(1)")
        .handler(this::pexpireat));
    table.add(command("ttl", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@keyspace @read @fast")
        .doc("Get the time to live for a key in seconds", "1.0.0", "generic", "O(1)").handler(this::ttl));
    table.add(command("pttl", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@keyspace @read @fast")
        .doc("Get the time to live for a key in milliseconds", "2.6.0", "generic", "O(1)").handler(this::pttl));
    table.add(command("expiretime", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@keyspace @read @fast")
        .doc("Get the expiration Unix timestamp for a key", "7.0.0", "generic", "O(1)").handler(this::expiretime));
    table.add(command("pexpiretime", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@keyspace @read @fast")
        .doc("Get the expiration Unix timestamp for a key in milliseconds", "7.0.0", "generic", "O(1)")
        .handler(this::pexpiretime));
    table.add(command("persist", 2).flags(WRITE, FAST).keys(1, 1, 1).acl("@keyspace @write @fast")
        .doc("Remove the expiration from a key", "2.2.0", "generic", "O(1)").handler(this::persist));
    table.add(command("touch", -2).flags(READONLY, FAST).keys(1, -1, 1).acl("@keyspace @read @fast")
        .doc("Alters the last access time of a key(s). Returns the number of existing keys specified.", "3.2.1",
            "generic", "O(N) where N is the number of keys that will be touched.").handler(this::touch));
    table.add(command("object", -2).acl("@slow")
        .doc("A container for object introspection commands", "2.2.3", "generic", "Depends on subcommand.")
        .sub(command("encoding", 3).flags(READONLY).keys(2, 2, 1).acl("@keyspace @read @slow")
            .doc("Inspect the internal encoding of a Redis object", "2.2.3", "generic", "O(1)")
            .handler(this::objectEncoding))
        .sub(command("freq", 3).flags(READONLY).keys(2, 2, 1).acl("@keyspace @read @slow")
            .doc("Get the logarithmic access frequency counter of a Redis object", "4.0.0", "generic", "O(1)")
            .handler(this::objectFreq))
        .sub(command("idletime", 3).flags(READONLY).keys(2, 2, 1).acl("@keyspace @read @slow")
            .doc("Get the time since a Redis object was last accessed", "2.2.3", "generic", "O(1)")
            .handler(this::objectIdletime))
        .sub(command("refcount", 3).flags(READONLY).keys(2, 2, 1).acl("@keyspace @read @slow")
            .doc("Get the number of references to the value of the key", "2.2.3", "generic", "O(1)")
            .handler(this::objectRefcount))
        .sub(command("help", 2).flags(LOADING, STALE).acl("@keyspace @slow")
            .doc("Show helpful text about the different subcommands", "6.2.0", "generic", "O(1)")
            .handler(this::objectHelp)));
  }

  void del(final CommandContext c) {
    long deleted = 0;
    for (int i = 1; i < c.args().count(); i++) {
      final long record = peek(c, i);
      if (record != 0) {
        c.database().delete(record);
        c.modified(i, KeyspaceSignals.GENERIC, "del");
        deleted++;
      }
    }
    if (deleted == 0) {
      c.noEffect();
    }
    c.reply().integer(deleted);
  }

  void exists(final CommandContext c) {
    long found = 0;
    for (int i = 1; i < c.args().count(); i++) {
      if (peekRead(c, i) != 0) {
        found++;
      }
    }
    c.reply().integer(found);
  }

  void type(final CommandContext c) {
    final long record = peekRead(c, 1);
    c.reply().simple(record == 0 ? "none" : typeName(record));
  }

  void rename(final CommandContext c) {
    rename(c, false);
  }

  void renamenx(final CommandContext c) {
    rename(c, true);
  }

  /** RENAME and RENAMENX: the value and its deadline go to the new name; the old one is gone. */
  private void rename(final CommandContext c, final boolean nx) {
    final Arguments args = c.args();
    final boolean sameKey = args.length(1) == args.length(2)
        && Bytes.equal(args.array(), args.address(1), args.array(), args.address(2), args.length(1));
    final long source = c.lookup(1);
    if (source == 0) {
      c.reply().error("ERR no such key");
      return;
    }
    if (sameKey) {
      c.noEffect();
      reply(c, nx, 0);
      return;
    }
    final Database db = c.database();
    final long target = c.lookup(2);
    if (target != 0) {
      if (nx) {
        c.noEffect();
        c.reply().integer(0);
        return;
      }
      db.delete(target);
    }
    transfer(db, source, args.array(), args.address(2), args.length(2));
    db.forget(source);
    c.modified(1, KeyspaceSignals.GENERIC, "rename_from");
    c.modified(2, KeyspaceSignals.GENERIC, "rename_to");
    // Two keys told, one change counted, as Redis's server.dirty++.
    c.signals().dirty(-1);
    reply(c, nx, 1);
  }

  void move(final CommandContext c) {
    final int target = parseDbIndex(c, 2);
    if (target < 0) {
      return;
    }
    if (target == c.client().db) {
      c.reply().error("ERR source and destination objects are the same");
      return;
    }
    final long source = c.lookup(1);
    if (source == 0 || lookup(c, target, 1) != 0) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    final Arguments args = c.args();
    transfer(keyspace.database(target), source, args.array(), args.address(1), args.length(1));
    c.database().forget(source);
    c.modified(1, KeyspaceSignals.GENERIC, "move_from");
    c.modified(target, args.array(), args.address(1), args.length(1), KeyspaceSignals.GENERIC, "move_to");
    // Two keys told, one change counted, as Redis's server.dirty++.
    c.signals().dirty(-1);
    c.reply().integer(1);
  }

  void copy(final CommandContext c) {
    final Arguments args = c.args();
    int targetDb = c.client().db;
    boolean replace = false;
    for (int i = 3; i < args.count(); i++) {
      if (args.is(i, "replace")) {
        replace = true;
      } else if (args.is(i, "db") && i + 1 < args.count()) {
        targetDb = parseDbIndex(c, ++i);
        if (targetDb < 0) {
          return;
        }
      } else {
        c.syntaxError();
        return;
      }
    }
    if (targetDb == c.client().db
        && args.length(1) == args.length(2)
        && Bytes.equal(args.array(), args.address(1), args.array(), args.address(2), args.length(1))) {
      c.reply().error("ERR source and destination objects are the same");
      return;
    }
    final long source = c.lookup(1);
    if (source == 0) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    final Database target = keyspace.database(targetDb);
    final long existing = lookup(c, targetDb, 2);
    if (existing != 0) {
      if (!replace) {
        c.noEffect();
        c.reply().integer(0);
        return;
      }
      target.delete(existing);
    }
    duplicate(target, source, args.array(), args.address(2), args.length(2));
    c.modified(targetDb, args.array(), args.address(2), args.length(2), KeyspaceSignals.GENERIC, "copy_to");
    c.reply().integer(1);
  }

  void keys(final CommandContext c) {
    final Arguments args = c.args();
    final boolean all = args.length(1) == 1 && args.array()[args.offset(1)] == '*';
    final Database db = c.database();
    foundCount = 0;
    long cursor = 0;
    do {
      cursor = db.scan(cursor, collect);
    } while (cursor != 0);
    // KEYS skips dead keys without deleting them, as Redis 7.0 does (SCAN deletes them).
    int kept = 0;
    for (int i = 0; i < foundCount; i++) {
      final long record = found[i];
      if ((all || matches(args, 1, record)) && !keyspace.isExpired(record)) {
        found[kept++] = record;
      }
    }
    replyKeys(c.reply(), kept);
  }

  /**
   * SCAN as Redis runs it: visit buckets from the cursor until COUNT keys are gathered, the walk
   * ends or ten buckets per requested key have been looked at; then drop the keys that fail MATCH
   * or TYPE, and the dead ones (deleting those, as reading them would).
   */
  void scan(final CommandContext c) {
    final Arguments args = c.args();
    if (!parseCursor(args, 1, number)) {
      c.reply().error("ERR invalid cursor");
      return;
    }
    long cursor = number[0];
    if (!scanOptions.parse(c, 2, true)) {
      return;
    }
    final long count = scanOptions.count;
    final int pattern = scanOptions.pattern;
    final int type = scanOptions.type;
    final Database db = c.database();
    foundCount = 0;
    long maxIterations = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
    do {
      // As dictScan, an empty table ends the walk whatever the cursor.
      cursor = db.size() == 0 ? 0 : db.scan(cursor, collect);
    } while (cursor != 0 && maxIterations-- != 0 && foundCount < count);
    int kept = 0;
    for (int i = 0; i < foundCount; i++) {
      final long record = found[i];
      if (pattern >= 0 && !matches(args, pattern, record)) {
        continue;
      }
      if (keyspace.isExpired(record)) {
        keyspace.lookup(c.client().db, null, Record.keyAddress(record), Record.keyLength(record));
        continue;
      }
      if (type >= 0 && !args.is(type, typeName(record))) {
        continue;
      }
      found[kept++] = record;
    }
    final Reply reply = c.reply();
    reply.array(2);
    reply.bulkLong(cursor);
    replyKeys(reply, kept);
  }

  void randomkey(final CommandContext c) {
    final Database db = c.database();
    while (true) {
      final long record = db.randomKey(keyspace.random());
      if (record == 0) {
        c.reply().nullBulk();
        return;
      }
      // The lookup removes the key when it is dead, so the loop ends once the dead ones are gone.
      if (keyspace.lookup(c.client().db, null, Record.keyAddress(record), Record.keyLength(record)) != 0) {
        c.reply().bulk(null, Record.keyAddress(record), Record.keyLength(record));
        return;
      }
    }
  }

  void dbsize(final CommandContext c) {
    c.reply().integer(c.database().size());
  }

  void flushdb(final CommandContext c) {
    if (flushOptionsValid(c)) {
      final long removed = c.database().size();
      // Told before: WATCH looks at which watched keys were there.
      c.signals().databases(c.client().db, -1);
      c.database().clear();
      c.signals().dirty(removed);
      c.reply().ok();
    }
  }

  void flushall(final CommandContext c) {
    if (flushOptionsValid(c)) {
      c.signals().databases(-1, -1);
      long removed = 0;
      for (int i = 0; i < keyspace.databaseCount(); i++) {
        removed += keyspace.database(i).size();
        keyspace.database(i).clear();
      }
      // Redis counts the keys removed, plus one for the flush itself.
      c.signals().dirty(removed + 1);
      c.reply().ok();
    }
  }

  void swapdb(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(1, number) || number[0] != (int) number[0]) {
      c.reply().error("ERR invalid first DB index");
      return;
    }
    final long first = number[0];
    if (!args.parseLong(2, number) || number[0] != (int) number[0]) {
      c.reply().error("ERR invalid second DB index");
      return;
    }
    final long second = number[0];
    if (first < 0 || first >= keyspace.databaseCount() || second < 0 || second >= keyspace.databaseCount()) {
      c.reply().error("ERR DB index is out of range");
      return;
    }
    c.signals().databases((int) first, (int) second);
    keyspace.swap((int) first, (int) second);
    c.signals().dirty(1);
    c.reply().ok();
  }

  void expire(final CommandContext c) {
    expire(c, c.now(), 1000);
  }

  void pexpire(final CommandContext c) {
    expire(c, c.now(), 1);
  }

  void expireat(final CommandContext c) {
    expire(c, 0, 1000);
  }

  void pexpireat(final CommandContext c) {
    expire(c, 0, 1);
  }

  /** The EXPIRE family: a deadline of {@code base + argument * unit} milliseconds, NX/XX/GT/LT. */
  private void expire(final CommandContext c, final long base, final long unit) {
    final Arguments args = c.args();
    boolean nx = false;
    boolean xx = false;
    boolean gt = false;
    boolean lt = false;
    for (int i = 3; i < args.count(); i++) {
      if (args.is(i, "nx")) {
        nx = true;
      } else if (args.is(i, "xx")) {
        xx = true;
      } else if (args.is(i, "gt")) {
        gt = true;
      } else if (args.is(i, "lt")) {
        lt = true;
      } else {
        c.reply().error("ERR Unsupported option " + args.string(i));
        return;
      }
    }
    if (nx && (xx || gt || lt)) {
      c.reply().error("ERR NX and XX, GT or LT options at the same time are not compatible");
      return;
    }
    if (gt && lt) {
      c.reply().error("ERR GT and LT options at the same time are not compatible");
      return;
    }
    if (!args.parseLong(2, number)) {
      c.notAnInteger();
      return;
    }
    long when = number[0];
    if (when > Long.MAX_VALUE / unit || when < Long.MIN_VALUE / unit || when * unit > Long.MAX_VALUE - base) {
      c.reply().error("ERR invalid expire time in '" + c.spec().fullName + "' command");
      return;
    }
    when = when * unit + base;
    final long record = c.lookup(1);
    if (record == 0) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    final long current = Record.expireAt(record);
    final boolean persistent = current == Record.NO_EXPIRY;
    // A key without a deadline lives forever: never "greater than" for GT, always so for LT.
    if ((nx && !persistent) || (xx && persistent) || (gt && (persistent || when <= current))
        || (lt && !persistent && when >= current)) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    // Redis's checkAlreadyExpired: a replayed deadline in the past is kept while loading.
    if (when <= c.now() && !c.keyspace().loading().active()) {
      c.database().delete(record);
      c.modified(1, KeyspaceSignals.GENERIC, "del");
      c.effect(2).arg(DEL).arg(args.array(), args.address(1), args.length(1));
    } else {
      c.database().expireAt(record, when);
      c.modified(1, KeyspaceSignals.GENERIC, "expire");
      // Redis propagates every form but a plain PEXPIREAT as the absolute deadline it set.
      if (base != 0 || unit != 1) {
        c.effect(3).arg(PEXPIREAT).arg(args.array(), args.address(1), args.length(1)).arg(when);
      }
    }
    c.reply().integer(1);
  }

  void ttl(final CommandContext c) {
    c.reply().integer(roundedSeconds(remaining(c, false)));
  }

  void pttl(final CommandContext c) {
    c.reply().integer(remaining(c, false));
  }

  void expiretime(final CommandContext c) {
    c.reply().integer(roundedSeconds(remaining(c, true)));
  }

  void pexpiretime(final CommandContext c) {
    c.reply().integer(remaining(c, true));
  }

  /** Milliseconds left (or the deadline itself when {@code absolute}); -2 no key, -1 no deadline. */
  private long remaining(final CommandContext c, final boolean absolute) {
    final long record = peekRead(c, 1);
    if (record == 0) {
      return -2;
    }
    final long at = Record.expireAt(record);
    if (at == Record.NO_EXPIRY) {
      return -1;
    }
    return Math.max(0, absolute ? at : at - c.now());
  }

  /**
   * Milliseconds to the nearest second, as Redis's {@code (ms + 500) / 1000}, without that sum
   * overflowing for the largest deadlines; the negative codes pass through.
   */
  private static long roundedSeconds(final long millis) {
    return millis < 0 ? millis : millis / 1000 + (millis % 1000 >= 500 ? 1 : 0);
  }

  void persist(final CommandContext c) {
    final long record = c.lookup(1);
    if (record == 0 || Record.expireAt(record) == Record.NO_EXPIRY) {
      c.noEffect();
      c.reply().integer(0);
      return;
    }
    c.database().expireAt(record, Record.NO_EXPIRY);
    c.modified(1, KeyspaceSignals.GENERIC, "persist");
    c.reply().integer(1);
  }

  void touch(final CommandContext c) {
    long touched = 0;
    for (int i = 1; i < c.args().count(); i++) {
      if (c.lookup(i) != 0) {
        touched++;
      }
    }
    c.reply().integer(touched);
  }

  void objectEncoding(final CommandContext c) {
    final long record = peek(c, 2);
    if (record == 0) {
      c.reply().nullBulk();
    } else {
      c.reply().bulk(encodingName(record));
    }
  }

  /** The key's LFU counter after decay for its idle time, as Redis's LFUDecrAndReturn. */
  void objectFreq(final CommandContext c) {
    final long record = peek(c, 2);
    if (record == 0) {
      c.reply().nullBulk();
    } else if (!lfuPolicy()) {
      c.reply().error(LFU_NOT_SELECTED);
    } else {
      c.reply().integer(keyspace.lfuCounter(record));
    }
  }

  void objectIdletime(final CommandContext c) {
    final long record = peek(c, 2);
    if (record == 0) {
      c.reply().nullBulk();
    } else if (lfuPolicy()) {
      c.reply().error(LFU_SELECTED);
    } else {
      c.reply().integer(Math.max(0, c.now() - Record.accessTime(record)) / 1000);
    }
  }

  void objectRefcount(final CommandContext c) {
    final long record = peek(c, 2);
    if (record == 0) {
      c.reply().nullBulk();
    } else {
      c.reply().integer(refcount(record));
    }
  }

  void objectHelp(final CommandContext c) {
    final Reply reply = c.reply();
    reply.array(OBJECT_HELP.length);
    for (final String line : OBJECT_HELP) {
      reply.simple(line);
    }
  }

  /** What TYPE says for a live record: the one place that names each type. */
  static String typeName(final long record) {
    switch (Record.type(record)) {
      case Record.TYPE_STRING:
        return "string";
      case Record.TYPE_LIST:
        return "list";
      case Record.TYPE_SET:
        return "set";
      case Record.TYPE_ZSET:
        return "zset";
      case Record.TYPE_HASH:
        return "hash";
      default:
        throw new IllegalStateException("unknown type " + Record.type(record));
    }
  }

  /** What OBJECT ENCODING says for a record. */
  static String encodingName(final long record) {
    switch (Record.encoding(record)) {
      case Record.ENCODING_RAW:
        return "raw";
      case Record.ENCODING_INT:
        return "int";
      case Record.ENCODING_EMBSTR:
        return "embstr";
      case Record.ENCODING_LISTPACK:
        return "listpack";
      case Record.ENCODING_INTSET:
        return "intset";
      case Record.ENCODING_QUICKLIST_PACKED:
      case Record.ENCODING_QUICKLIST:
        return "quicklist";
      case Record.ENCODING_HASHTABLE:
        return "hashtable";
      case Record.ENCODING_SKIPLIST:
        return "skiplist";
      default:
        throw new IllegalStateException("unknown encoding " + Record.encoding(record));
    }
  }

  /** What OBJECT REFCOUNT (and DEBUG OBJECT) report for a live record. */
  long refcount(final long record) {
    return sharedInteger(record) ? SHARED_REFCOUNT : 1;
  }

  /**
   * Redis keeps one object for each integer 0..9999 and hands it to every key holding that value,
   * unless an LRU or LFU policy with a memory limit needs each key's own access data.
   */
  private boolean sharedInteger(final long record) {
    if (Record.type(record) != Record.TYPE_STRING || Record.encoding(record) != Record.ENCODING_INT) {
      return false;
    }
    final String policy = config.get("maxmemory-policy");
    if (config.getLong("maxmemory") != 0 && (policy.contains("lru") || policy.contains("lfu"))) {
      return false;
    }
    final int length = Record.valueLength(record);
    if (length > digits.length) {
      return false;
    }
    Bytes.copy(null, Record.valueAddress(record), digits, Bytes.ARRAY_BASE, length);
    return Numbers.parseLong(digits, 0, length, number) && number[0] >= 0 && number[0] < SHARED_INTEGERS;
  }

  private boolean lfuPolicy() {
    return config.get("maxmemory-policy").contains("lfu");
  }

  /**
   * Writes {@code source}'s value under a new key in {@code target}, with the same type, encoding
   * and deadline, and returns the new record. The value's bytes are the value itself or its handle,
   * so this moves ownership: the caller deletes the source record afterwards (RENAME, MOVE).
   */
  private long transfer(
      final Database target, final long source, final Object keyBase, final long keyOffset, final int keyLength) {
    final int length = Record.valueLength(source);
    final long record = target.insert(keyBase, keyOffset, keyLength, Record.type(source), length, length);
    Bytes.copy(null, Record.valueAddress(source), null, Record.valueAddress(record), length);
    Record.encoding(record, Record.encoding(source));
    Record.accessTime(record, keyspace.now());
    target.expireAt(record, Record.expireAt(source));
    return record;
  }

  /**
   * Writes an independent copy of {@code source}'s value under a new key (COPY). A value held in
   * the record's bytes is copied with them; a heap value is deep-copied under a new handle.
   */
  private long duplicate(
      final Database target, final long source, final Object keyBase, final long keyOffset, final int keyLength) {
    final long record = transfer(target, source, keyBase, keyOffset, keyLength);
    if (Record.onHeap(record)) {
      final HeapValues heap = keyspace.heapValues();
      final long copy = heap.add(((HeapValues.Sized) heap.get(Record.handle(source))).duplicate());
      Record.handle(record, copy);
    }
    return record;
  }

  /** The live record for argument {@code index}, without counting it as an access. */
  private long peek(final CommandContext c, final int index) {
    return lookup(c, c.client().db, index);
  }

  /** A read that does not count as an access but, like Redis's lookupKeyRead, raises "keymiss". */
  private long peekRead(final CommandContext c, final int index) {
    final long record = peek(c, index);
    if (record == 0) {
      c.notify(KeyspaceSignals.KEY_MISS, "keymiss", index);
    }
    return record;
  }

  private long lookup(final CommandContext c, final int db, final int index) {
    final Arguments args = c.args();
    return keyspace.lookup(db, args.array(), args.address(index), args.length(index));
  }

  /**
   * Reads argument {@code index} as a database number as Redis's {@code getIntFromObjectOrReply}
   * and {@code selectDb} do, replying with their errors; returns -1 after an error.
   */
  private int parseDbIndex(final CommandContext c, final int index) {
    if (!c.args().parseLong(index, number)) {
      c.notAnInteger();
      return -1;
    }
    if (number[0] != (int) number[0]) {
      c.reply().error("ERR value is out of range, value must between -2147483648 and 2147483647");
      return -1;
    }
    if (number[0] < 0 || number[0] >= keyspace.databaseCount()) {
      c.reply().error("ERR DB index is out of range");
      return -1;
    }
    return (int) number[0];
  }

  /** FLUSHDB and FLUSHALL take nothing, SYNC or ASYNC; both free at once here. */
  private static boolean flushOptionsValid(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() == 1 || (args.count() == 2 && (args.is(1, "sync") || args.is(1, "async")))) {
      return true;
    }
    c.syntaxError();
    return false;
  }

  /**
   * A SCAN cursor as Redis reads it with {@code strtoul}: an unsigned 64-bit decimal, optionally
   * signed ("-1" is the largest cursor), empty meaning 0, no leading space, nothing after it.
   */
  static boolean parseCursor(final Arguments args, final int index, final long[] out) {
    final byte[] data = args.array();
    final int start = args.offset(index);
    final int end = start + args.length(index);
    if (start == end) {
      out[0] = 0;
      return true;
    }
    int i = start;
    final byte first = data[i];
    if (first == ' ' || (first >= '\t' && first <= '\r')) {
      return false;
    }
    final boolean negative = first == '-';
    if (first == '-' || first == '+') {
      i++;
    }
    if (i == end) {
      return false;
    }
    long value = 0;
    for (; i < end; i++) {
      final int digit = data[i] - '0';
      if (digit < 0 || digit > 9
          || Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
        return false;
      }
      value = value * 10 + digit;
    }
    out[0] = negative ? -value : value;
    return true;
  }

  private boolean matches(final Arguments args, final int pattern, final long record) {
    return Glob.matches(args.array(), args.offset(pattern), args.length(pattern),
        null, Record.keyAddress(record), Record.keyLength(record), false);
  }

  private void collect(final long record) {
    if (foundCount == found.length) {
      found = Arrays.copyOf(found, foundCount * 2);
    }
    found[foundCount++] = record;
  }

  private void replyKeys(final Reply reply, final int count) {
    reply.array(count);
    for (int i = 0; i < count; i++) {
      reply.bulk(null, Record.keyAddress(found[i]), Record.keyLength(found[i]));
    }
    if (found.length > RETAINED_FOUND) {
      found = new long[64];
    }
  }

  private static void reply(final CommandContext c, final boolean nx, final long result) {
    if (nx) {
      c.reply().integer(result);
    } else {
      c.reply().ok();
    }
  }
}
