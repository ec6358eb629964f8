package io.rustyredis.engine.acl;

import static io.rustyredis.engine.command.CommandSpec.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rustyredis.engine.Arguments;
import io.rustyredis.engine.command.CommandFlag;
import io.rustyredis.engine.command.CommandSpec;
import io.rustyredis.engine.command.CommandTable;
import io.rustyredis.engine.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Channel rules ({@code &pattern}, allchannels, resetchannels) on the pub/sub commands, with the
 * replies of Redis 7.0.15 (ACL DRYRUN's texts checked against it); the pub/sub commands are not in
 * the engine's table yet, so the table here holds only their declarations.
 */
class ChannelPermissionTest {
  private final CommandTable table = new CommandTable()
      .add(command("publish", 3).flags(CommandFlag.PUBSUB, CommandFlag.FAST).acl("@pubsub @fast"))
      .add(command("subscribe", -2).flags(CommandFlag.PUBSUB).acl("@pubsub @slow"))
      .add(command("psubscribe", -2).flags(CommandFlag.PUBSUB).acl("@pubsub @slow"))
      .seal();
  private final Acl acl = new Acl(new Config());

  ChannelPermissionTest() {
    acl.index(table);
  }

  private String check(final String user, final String... argv) {
    final CommandSpec spec = table.lookup(argv[0]);
    return acl.permits(acl.user(user), spec, args(argv)) == null ? null : acl.denial(spec);
  }

  @Test
  void channelsMustMatchAPatternAndPatternsMustBeGivenLiterally() {
    assertNull(acl.setUser("dave", List.of("on", "nopass", "+@pubsub", "&d*")));
    assertNull(check("dave", "publish", "d1", "m"));
    assertEquals(Acl.NOPERM_CHANNEL, check("dave", "publish", "x", "m"));
    assertNull(check("dave", "subscribe", "d1", "d2"));
    assertEquals(Acl.NOPERM_CHANNEL, check("dave", "subscribe", "d1", "x"));
    assertNull(check("dave", "psubscribe", "d*"));
    assertEquals(Acl.NOPERM_CHANNEL, check("dave", "psubscribe", "d1*"));
    assertEquals("This user has no permissions to access the 'x' channel",
        acl.dryRun(acl.user("dave"), table.lookup("publish"), args("publish", "x", "m")));
  }

  @Test
  void allchannelsAndResetchannels() {
    assertNull(acl.setUser("eve", List.of("on", "nopass", "+@all", "allchannels")));
    assertNull(check("eve", "publish", "anything", "m"));
    assertNull(acl.setUser("eve", List.of("resetchannels")));
    assertEquals(Acl.NOPERM_CHANNEL, check("eve", "publish", "anything", "m"));
    assertEquals("ERR Error in ACL SETUSER modifier '&a': Adding a pattern after the * pattern (or the "
        + "'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty "
        + "list of channels", acl.setUser("eve", List.of("&*", "&a")));
  }

  private static Arguments args(final String... argv) {
    final Arguments args = new Arguments();
    for (final String a : argv) {
      args.add(a);
    }
    return args;
  }
}
