package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.READONLY;
import static io.rustyredis.engine.command.CommandFlag.WRITE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.keyspace.Keyspace;

/** The generic key commands of Redis's {@code db.c} and {@code expire.c}: any type of key. */
public final class KeyCommands {
  private final Keyspace keyspace;

  public KeyCommands(final Keyspace keyspace) {
    this.keyspace = keyspace;
  }

  public void declare(final CommandTable table) {
    table.add(command("del", -2).flags(WRITE).keys(1, -1, 1).acl("@keyspace @write @slow")
        .doc("Deletes one or more keys.", "1.0.0", "generic", "O(N)").handler(this::del));
    table.add(command("exists", -2).flags(READONLY, FAST).keys(1, -1, 1).acl("@keyspace @read @fast")
        .doc("Determines whether one or more keys exist.", "3.0.3", "generic", "O(N)").handler(this::exists));
  }

  void del(final CommandContext c) {
    long deleted = 0;
    for (int i = 1; i < c.args().count(); i++) {
      final long record = c.lookup(i);
      if (record != 0) {
        c.database().delete(record);
        deleted++;
      }
    }
    c.reply().integer(deleted);
  }

  void exists(final CommandContext c) {
    long found = 0;
    for (int i = 1; i < c.args().count(); i++) {
      if (c.lookup(i) != 0) {
        found++;
      }
    }
    c.reply().integer(found);
  }
}
