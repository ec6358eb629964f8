package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ADMIN;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;
import io.rustyredis.engine.rdb.RdbWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.agrona.UnsafeApi;

/**
 * Redis's {@code debug.c}, the part test suites and tools lean on: POPULATE, OBJECT, SLEEP,
 * SET-ACTIVE-EXPIRE, PROTOCOL, ERROR, CHANGE-REPL-ID and HELP. The crash, allocator and
 * replication-internals subcommands describe a C process we are not and answer Redis's
 * unknown-subcommand error. As in Redis 7.0, DEBUG itself is refused unless
 * {@code enable-debug-command} allows it ({@code no} by default); dispatch does that check.
 *
 * <p>DEBUG SLEEP stops the engine thread, which is what it is for: every client waits, as every
 * Redis client waits on a sleeping Redis.
 */
public final class DebugCommands {
  /** Redis's refusal while enable-debug-command keeps DEBUG off. */
  public static final String NOT_ALLOWED = "ERR DEBUG command not allowed. If the enable-debug-command option is "
      + "set to \"local\", you can run it from a local connection, otherwise you need to set this option in the "
      + "configuration file, and then restart the server.";
  private static final String[] HELP = {
    "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CHANGE-REPL-ID",
    "    Change the replication IDs of the instance.",
    "    Dangerous: should be used only for testing the replication subsystem.",
    "ERROR <string>",
    "    Return a Redis protocol error with <string> as message. Useful for clients",
    "    unit tests to simulate Redis errors.",
    "OBJECT <key>",
    "    Show low level info about `key` and associated value.",
    "POPULATE <count> [<prefix>] [<size>]",
    "    Create <count> string keys named key:<num>. If <prefix> is specified then",
    "    it is used instead of the 'key' prefix. These are not propagated to",
    "    replicas. Cluster slots are not respected so keys not belonging to the",
    "    current node can be created in cluster mode.",
    "PROTOCOL <type>",
    "    Reply with a test value of the specified type. <type> can be: string,",
    "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
    "    true, false.",
    "SET-ACTIVE-EXPIRE <0|1>",
    "    Setting it to 0 disables expiring keys in background when they are not",
    "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
    "    default.",
    "SLEEP <seconds>",
    "    Stop the server for <seconds>. Decimals allowed.",
    "HELP",
    "    Prints this help.",
  };

  private final Keyspace keyspace;
  private final KeyCommands keys;
  private final RdbWriter writer;
  private final long[] number = new long[1];

  public DebugCommands(final Keyspace keyspace, final KeyCommands keys, final RdbWriter writer) {
    this.keyspace = keyspace;
    this.keys = keys;
    this.writer = writer;
  }

  public void declare(final CommandTable t) {
    t.add(command("debug", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl("@admin @slow @dangerous")
        .doc("A container for debugging commands", "1.0.0", "server", "Depends on subcommand.")
        .handler(this::debug));
  }

  void debug(final CommandContext c) {
    final Arguments args = c.args();
    final String sub = args.string(1).toLowerCase(Locale.ROOT);
    final int n = args.count();
    if (sub.equals("help") && n == 2) {
      ConnectionCommands.help(c.reply(), HELP);
    } else if (sub.equals("populate") && n >= 3 && n <= 5) {
      populate(c);
    } else if (sub.equals("object") && n == 3) {
      object(c);
    } else if (sub.equals("sleep") && n == 3) {
      sleep(c);
    } else if (sub.equals("set-active-expire") && n == 3) {
      // Redis reads the flag with atoi: anything but a number is 0.
      keyspace.activeExpire(args.parseLong(2, number) && number[0] != 0);
      c.reply().ok();
    } else if (sub.equals("protocol") && n == 3) {
      protocol(c, args.string(2).toLowerCase(Locale.ROOT));
    } else if (sub.equals("error") && n == 3) {
      c.reply().error(args.string(2));
    } else if (sub.equals("change-repl-id") && n == 2) {
      c.reply().ok();
    } else {
      c.reply().error("ERR unknown subcommand or wrong number of arguments for '" + args.string(1)
          + "'. Try DEBUG HELP.");
    }
  }

  /**
   * POPULATE count [prefix] [size]: {@code prefix:<j>} = {@code value:<j>} (cut or zero-padded to
   * {@code size}) for each j not already a key, written straight into the keyspace as Redis does,
   * so nothing is journaled or announced.
   */
  private void populate(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(2, number) || number[0] < 0) {
      c.reply().error("ERR value is out of range, must be positive");
      return;
    }
    final long count = number[0];
    long size = 0;
    if (args.count() == 5) {
      if (!args.parseLong(4, number) || number[0] < 0) {
        c.reply().error("ERR value is out of range, must be positive");
        return;
      }
      size = number[0];
    }
    final String prefix = args.count() >= 4 ? args.string(3) : "key";
    final Database db = c.database();
    for (long j = 0; j < count; j++) {
      final byte[] key = (prefix + ":" + j).getBytes(StandardCharsets.UTF_8);
      if (db.find(key, Bytes.ARRAY_BASE, key.length) != 0) {
        continue;
      }
      final byte[] text = ("value:" + j).getBytes(StandardCharsets.US_ASCII);
      final int length = size == 0 ? text.length : (int) Math.min(size, Integer.MAX_VALUE - 1024);
      final long record = db.insert(key, Bytes.ARRAY_BASE, key.length, Record.TYPE_STRING, length, length);
      final long value = Record.valueAddress(record);
      UnsafeApi.setMemory(value, length, (byte) 0);
      Bytes.copy(text, Bytes.ARRAY_BASE, null, value, Math.min(length, text.length));
      Record.encoding(record, length <= StringCommands.EMBSTR_LIMIT ? Record.ENCODING_EMBSTR : Record.ENCODING_RAW);
    }
    c.reply().ok();
  }

  /**
   * OBJECT key: Redis's line with our record's address, the refcount and encoding OBJECT reports,
   * the value's RDB length (as rdbSavedObjectLen: compressed, no type byte), and the LRU clock.
   * Redis's quicklist-only fields (ql_nodes, ...) describe its node layout, which we do not have.
   */
  private void object(final CommandContext c) {
    final Arguments args = c.args();
    final long record = c.database().find(args.array(), args.address(2), args.length(2));
    if (record == 0) {
      c.reply().error("ERR no such key");
      return;
    }
    final long serialized = writer.dump(record, true).length - 11;
    final long idle = Math.max(0, c.now() - Record.accessTime(record)) / 1000;
    c.reply().simple("Value at:0x" + Long.toHexString(record) + " refcount:"
        + keys.refcount(record)
        + " encoding:" + KeyCommands.encodingName(record) + " serializedlength:" + serialized
        + " lru:" + ((Record.accessTime(record) / 1000) & 0xFFFFFF) + " lru_seconds_idle:" + idle);
  }

  /** SLEEP seconds (decimals allowed, anything unparsable is 0, as Redis's strtod). */
  private void sleep(final CommandContext c) {
    double seconds;
    try {
      seconds = Double.parseDouble(c.args().string(2));
    } catch (final NumberFormatException e) {
      seconds = 0;
    }
    final long millis = (long) (seconds * 1000);
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    c.reply().ok();
  }

  /** PROTOCOL type: the sample values Redis's debug.c replies with, in the client's protocol. */
  private void protocol(final CommandContext c, final String type) {
    final Reply r = c.reply();
    final boolean resp3 = c.client().protocol == 3;
    switch (type) {
      case "string":
        r.bulk("Hello World");
        break;
      case "integer":
        r.integer(12345);
        break;
      case "double":
        r.doubleValue(3.141);
        break;
      case "bignum":
        rawOrBulk(r, resp3, '(', "1234567999999999999999999999999999999");
        break;
      case "null":
        r.nullBulk();
        break;
      case "array":
        r.array(3);
        sample(r);
        break;
      case "set":
        r.set(3);
        sample(r);
        break;
      case "map":
        r.map(3);
        for (int j = 0; j < 3; j++) {
          r.integer(j);
          r.bool(j == 1);
        }
        break;
      case "attrib":
        if (resp3) {
          raw(r, "|1\r\n");
          r.bulk("key-popularity");
          r.array(2);
          r.bulk("key:123");
          r.integer(90);
        }
        r.bulk("Some real reply following the attribute");
        break;
      case "push":
        if (!resp3) {
          r.error("ERR RESP2 is not supported by this command");
          return;
        }
        r.push(2);
        r.bulk("server-cpu-usage");
        r.integer(42);
        r.bulk("Some real reply following the push reply");
        break;
      case "verbatim":
        r.verbatim("This is a verbatim\nstring");
        break;
      case "true":
        r.bool(true);
        break;
      case "false":
        r.bool(false);
        break;
      default:
        r.error("ERR Wrong protocol type name. Please use one of the following: "
            + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
    }
  }

  private static void sample(final Reply r) {
    for (int j = 0; j < 3; j++) {
      r.integer(j);
    }
  }

  private static void rawOrBulk(final Reply r, final boolean resp3, final char type, final String text) {
    if (resp3) {
      raw(r, type + text + "\r\n");
    } else {
      r.bulk(text);
    }
  }

  private static void raw(final Reply r, final String text) {
    final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    r.raw(bytes, 0, bytes.length);
  }
}
