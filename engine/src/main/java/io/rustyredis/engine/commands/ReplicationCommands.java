package io.rustyredis.engine.commands;

import static io.rustyredis.engine.command.CommandFlag.ADMIN;
import static io.rustyredis.engine.command.CommandFlag.ALLOW_BUSY;
import static io.rustyredis.engine.command.CommandFlag.FAST;
import static io.rustyredis.engine.command.CommandFlag.LOADING;
import static io.rustyredis.engine.command.CommandFlag.NOSCRIPT;
import static io.rustyredis.engine.command.CommandFlag.NO_ASYNC_LOADING;
import static io.rustyredis.engine.command.CommandFlag.NO_MULTI;
import static io.rustyredis.engine.command.CommandFlag.STALE;
import static io.rustyredis.engine.command.CommandSpec.command;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.ClientState;
import io.rustyredis.engine.Reply;
import io.rustyredis.engine.blocking.BlockedClients;
import io.rustyredis.engine.command.CommandContext;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import io.rustyredis.engine.rdb.RdbOutput;
import io.rustyredis.engine.rdb.RdbWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The part of Redis's {@code replication.c} a server with no replicas still answers: ROLE (always
 * a master with none), WAIT (no replica acknowledges), and the snapshot transfer that {@code
 * redis-cli --rdb} asks for.
 *
 * <p>How Redis hands a replica its data: the replica sends {@code REPLCONF} options, then {@code
 * PSYNC} (or the older {@code SYNC}); the master answers with the RDB as one bulk, {@code $<len>}
 * and the bytes with no CRLF after them, then streams every later write. {@code redis-cli --rdb}
 * borrows the first half: it says {@code REPLCONF rdb-only 1}, sends {@code SYNC}, saves the bulk
 * and hangs up, and since Redis 7.0 the master closes such a connection after the file.
 *
 * <p>We do that half only. We do not replicate, so a SYNC or PSYNC from anyone who did not ask
 * for rdb-only is refused rather than answered with a file that no stream would ever follow. The
 * image is serialized in one go on the engine thread, as SAVE does (a pause of about 0.4 s per
 * million small keys), and sent as that client's reply.
 */
public final class ReplicationCommands {
  static final String NOT_REPLICATING = "ERR rusty-redis does not replicate: only a snapshot transfer "
      + "(REPLCONF rdb-only 1, then SYNC, as redis-cli --rdb does) is served";

  private final Config config;
  private final PersistenceCommands persistence;
  private final RdbWriter writer;
  private final long[] number = new long[1];

  public ReplicationCommands(final Config config, final PersistenceCommands persistence) {
    this.config = config;
    this.persistence = persistence;
    this.writer = persistence.writer();
  }

  public void declare(final CommandTable t) {
    t.add(command("role", 1).flags(NOSCRIPT, LOADING, STALE, FAST).acl("@admin @fast @dangerous")
        .doc("Return the role of the instance in the context of replication", "2.8.12", "server", "O(1)")
        .handler(this::role));
    t.add(command("wait", 3).flags(NOSCRIPT).acl("@slow @connection")
        .tips("request_policy:all_shards response_policy:agg_min")
        .doc("Wait for the synchronous replication of all the write commands sent in the context of the current "
            + "connection", "3.0.0", "generic", "O(1)")
        .handler(this::waitForReplicas));
    t.add(command("replconf", -1).flags(ADMIN, NOSCRIPT, LOADING, STALE, ALLOW_BUSY).acl("@admin @slow @dangerous")
        .doc("An internal command for configuring the replication stream", "3.0.0", "server", "O(1)")
        .handler(this::replconf));
    t.add(command("sync", 1).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI).acl("@admin @slow @dangerous")
        .doc("Internal command used for replication", "1.0.0", "server", null)
        .handler(this::sync));
    t.add(command("psync", -3).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI).acl("@admin @slow @dangerous")
        .doc("Internal command used for replication", "2.8.0", "server", null)
        .handler(c -> c.reply().error(NOT_REPLICATING)));
  }

  /** ROLE: a master at replication offset 0 with no replicas. */
  void role(final CommandContext c) {
    final Reply r = c.reply();
    r.array(3);
    r.bulk("master");
    r.integer(0);
    r.array(0);
  }

  /**
   * WAIT numreplicas timeout: no replica ever acknowledges here, so the answer is 0, at once when
   * none were asked for (or inside a transaction, where nothing may block), else when the timeout
   * (ms; 0 is forever) runs out or CLIENT UNBLOCK ends it, as a Redis master without replicas does.
   */
  void waitForReplicas(final CommandContext c) {
    final Arguments args = c.args();
    if (!args.parseLong(1, number)) {
      c.notAnInteger();
      return;
    }
    final long replicas = number[0];
    final long deadline = Timeouts.millisDeadline(c, 2, number);
    if (deadline == Timeouts.INVALID) {
      return;
    }
    if (replicas <= 0 || !c.block(1, 0, BlockedClients.WAIT_REPLICAS, deadline)) {
      c.reply().integer(0);
    }
  }

  /**
   * REPLCONF option value ...: rdb-only and rdb-filter-only are what redis-cli sends and what we
   * act on; the options a replica announces itself with are accepted; others refused as Redis does.
   */
  void replconf(final CommandContext c) {
    final Arguments args = c.args();
    if (args.count() % 2 == 0) {
      c.syntaxError();
      return;
    }
    final ClientState client = c.client();
    for (int i = 1; i < args.count(); i += 2) {
      if (args.is(i, "rdb-only")) {
        if (!args.parseLong(i + 1, number) || (number[0] != 0 && number[0] != 1)) {
          c.notAnInteger();
          return;
        }
        client.rdbOnly = number[0] == 1;
      } else if (args.is(i, "rdb-filter-only")) {
        final String filter = args.string(i + 1);
        if (!filter.isEmpty() && !filter.equalsIgnoreCase("functions")) {
          c.reply().error("ERR Unsupported rdb-filter-only option: " + filter);
          return;
        }
        client.rdbFunctionsOnly = !filter.isEmpty();
      } else if (!args.is(i, "listening-port") && !args.is(i, "ip-address") && !args.is(i, "capa")
          && !args.is(i, "ack") && !args.is(i, "getack")) {
        c.reply().error("ERR Unrecognized REPLCONF option: " + args.string(i));
        return;
      }
    }
    c.reply().ok();
  }

  /** SYNC after REPLCONF rdb-only 1: the dataset as an RDB bulk with no trailing CRLF, then hang up. */
  void sync(final CommandContext c) {
    final ClientState client = c.client();
    if (!client.rdbOnly) {
      c.reply().error(NOT_REPLICATING);
      return;
    }
    final RdbOutput image;
    if (client.rdbFunctionsOnly) {
      image = new RdbOutput().compressing(config.getBoolean("rdbcompression"));
      writer.writeHeader(image, c.now(), false);
      writer.writeFooter(image, config.getBoolean("rdbchecksum"));
    } else {
      image = persistence.image(c.now());
    }
    final Reply r = c.reply();
    final byte[] header = ("$" + image.length() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    r.raw(header, 0, header.length);
    final List<byte[]> chunks = image.chunks();
    for (int i = 0; i < chunks.size(); i++) {
      final byte[] chunk = chunks.get(i);
      r.raw(chunk, 0, i == chunks.size() - 1 ? image.lastChunkLength() : chunk.length);
    }
    c.event().closeAfterReply = true;
  }
}
