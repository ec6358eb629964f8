package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.DENYOOM;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.keyspace.Database;
import io.rustyredis.engine.keyspace.Keyspace;
import io.rustyredis.engine.keyspace.Record;
import io.rustyredis.engine.memory.Bytes;

/** The string commands of Redis's {@code t_string.c}: values that are byte strings. */
public final class StringCommands {
  private final Keyspace keyspace;
  private final Config config;

  public StringCommands(final Keyspace keyspace, final Config config) {
    this.keyspace = keyspace;
    this.config = config;
  }

  public void declare(final CommandTable table) {
    table.add(command("get", 2).flags(READONLY, FAST).keys(1, 1, 1).acl("@read @string @fast")
        .doc("Returns the string value of a key.", "1.0.0", "string", "O(1)").handler(this::get));
    table.add(command("set", -3).flags(WRITE, DENYOOM).keys(1, 1, 1).acl("@write @string @slow")
        .doc("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
            "1.0.0", "string", "O(1)").handler(this::set));
  }

  void get(final CommandContext c) {
    final long record = c.lookup(1);
    if (record == 0) {
      c.reply().nullBulk();
    } else if (Record.type(record) != Record.TYPE_STRING) {
      c.wrongType();
    } else {
      c.reply().bulk(null, Record.valueAddress(record), Record.valueLength(record));
    }
  }

  void set(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() != 3) {
      c.syntaxError();
      return;
    }
    store(c.database(), args, 1, 2, Record.NO_EXPIRY);
    c.reply().ok();
  }

  /**
   * Writes argument {@code valueIndex} as the string value of argument {@code keyIndex}, reusing the
   * record when the value fits, and sets its deadline. Returns the record.
   */
  static long store(final Database db, final Arguments args, final int keyIndex, final int valueIndex, final long expireAt) {
    final int length = args.length(valueIndex);
    long record = db.find(args.array(), args.address(keyIndex), args.length(keyIndex));
    if (record != 0 && Record.type(record) == Record.TYPE_STRING) {
      record = db.reserve(record, length, 0);
      Record.valueLength(record, length);
    } else {
      if (record != 0) {
        db.delete(record);
      }
      record = db.insert(args.array(), args.address(keyIndex), args.length(keyIndex), Record.TYPE_STRING, length, length);
    }
    Bytes.copy(args.array(), args.address(valueIndex), null, Record.valueAddress(record), length);
    Record.encoding(record, Record.ENCODING_RAW);
    db.expireAt(record, expireAt);
    return record;
  }
}
